import { join } from 'node:path';
import { writeAtomically } from '../../report/writeAtomically.js';
import { formatDataFile } from '../../scan/dataFile.js';
import { type ObservedPoint, observedLimits } from '../../scan/observed.js';
import { scenarioWideObserved, type WideObservedPoint, type WideResults } from '../../scan/wideLimits.js';
import { type DataSetFlags, dataSetCells, pseudoDataIndex } from '../dataSetOption.js';
import { failedDocument, failedNote, type ScanHeader, scanHeader, unscannedNote } from './expected.run.js';
import { RunFailedError } from '../errors.js';
import type { ScanPoints } from '../../scan/overHypotheses.js';
import { obtainScanTemplates, type TemplatesFlags } from './templates.run.js';

/**
 * `zprime-mc observe`: observed and expected limits on σ·B and g′ and the local significance of
 * every hypothesis on one data set: a user's file (`--data`, format in src/scan/dataFile.ts) or a
 * background-only pseudo-data set drawn at the scenario's luminosity (written beside the results).
 */

export type ObserveFlags = TemplatesFlags & DataSetFlags;

function wideDocument(wide: WideResults<WideObservedPoint>) {
  return {
    width_over_mass: wide.settings.widthRatio,
    window_half_widths: wide.settings.windowHalfWidths,
    theta_bins: 1,
    failed_hypotheses: failedDocument(wide.failed),
    points: wide.points.map((p) => ({
      mass_GeV: p.massGeV,
      width_GeV: p.widthGeV,
      window_bins: p.windowBins,
      sigma_ul_fb: p.sigmaLimitFb,
      gprime_ul: { fully_invisible: { obs: p.couplingLimitObserved, exp: p.couplingLimit } },
      sigma_hat_fb: p.sigmaHatFb,
      local_significance: p.localSignificance,
      local_p0: p.localP0,
    })),
  };
}

export function observedDocument(header: ScanHeader, dataSet: string, scan: ScanPoints<ObservedPoint>, wide: WideResults<WideObservedPoint> | null = null) {
  const { points } = scan;
  if (points.length === 0) throw new RunFailedError(`every window's fit failed on ${dataSet}; the first: M = ${scan.failed[0]?.massGeV.toFixed(3)} GeV: ${scan.failed[0]?.reason}`);
  let max = points[0];
  for (const p of points) if (p.localSignificance > max.localSignificance) max = p;
  return {
    ...header,
    data: dataSet,
    calculator: 'asymptotic',
    failed_hypotheses: failedDocument(scan.failed),
    points: points.map((p) => ({
      mass_GeV: p.massGeV,
      sigma_ul_fb: p.sigmaLimitFb,
      gprime_ul: p.couplingLimit,
      sigma_hat_fb: p.sigmaHatFb,
      local_significance: p.localSignificance,
      local_p0: p.localP0,
    })),
    max_local_significance: { mass_GeV: max.massGeV, significance: max.localSignificance },
    ...(wide === null ? {} : { wide_zprime: wideDocument(wide) }),
  };
}

function wideCsv(points: readonly WideObservedPoint[]): string {
  const bands = ['m2', 'm1', 'median', 'p1', 'p2'];
  const header = ['mass_GeV', 'width_GeV', 'window_bins', 'sigma_ul_fb_obs', ...bands.map((b) => `sigma_ul_fb_${b}`), 'gprime_ul_fully_invisible_obs', 'sigma_hat_fb', 'local_significance', 'local_p0'];
  const rows = points.map((p) => [p.massGeV, p.widthGeV, p.windowBins, p.sigmaLimitFb.obs, ...p.sigmaLimitFb.exp, p.couplingLimitObserved, p.sigmaHatFb, p.localSignificance, p.localP0].map(String).join(','));
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

function csv(points: readonly ObservedPoint[]): string {
  const bands = ['m2', 'm1', 'median', 'p1', 'p2'];
  const header = ['mass_GeV', 'sigma_ul_fb_obs', ...bands.map((b) => `sigma_ul_fb_${b}`), 'gprime_ul_fully_invisible_obs', 'gprime_ul_vanilla_obs', 'sigma_hat_fb', 'local_significance', 'local_p0'];
  const rows = points.map((p) =>
    [p.massGeV, p.sigmaLimitFb.obs, ...p.sigmaLimitFb.exp, p.couplingLimit.fully_invisible.obs, p.couplingLimit.vanilla.obs, p.sigmaHatFb, p.localSignificance, p.localP0].map(String).join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/** Writes `<folder>/observed.json` and `observed.csv` (and `observed-wide.csv`); returns the JSON document. */
export function writeObservedResults(folder: string, header: ScanHeader, dataSet: string, scan: ScanPoints<ObservedPoint>, wide: WideResults<WideObservedPoint> | null = null): ReturnType<typeof observedDocument> {
  const document = observedDocument(header, dataSet, scan, wide);
  writeAtomically(join(folder, 'observed.csv'), csv(scan.points));
  if (wide !== null) writeAtomically(join(folder, 'observed-wide.csv'), wideCsv(wide.points));
  writeAtomically(join(folder, 'observed.json'), `${JSON.stringify(document)}\n`);
  return document;
}

export async function runObserveCommand(flags: ObserveFlags): Promise<void> {
  const index = pseudoDataIndex(flags);
  const { scenario, folder, set, unscanned } = await obtainScanTemplates(flags);
  const data = dataSetCells(flags, index, set, scenario.seed);
  const dataSet = flags.data ?? join(folder, `pseudo-data-${index}.json`);
  if (flags.data === undefined) writeAtomically(dataSet, formatDataFile(set.axes, data));
  const scan = observedLimits(set, scenario.fit, data);
  const { points } = scan;
  const wide = scenarioWideObserved(set, scenario, data);
  const header = scanHeader(scenario, set, unscanned);
  const document = writeObservedResults(folder, header, dataSet, scan, wide);
  const note = unscannedNote(header, scenario.fit.minSignalMonteCarloEvents);
  if (note !== '' && flags.json !== true) process.stderr.write(`${note}\n`);
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify(document)}\n`);
    return;
  }
  const lines = [`observed 90% CL upper limits (asymptotic) on ${dataSet}, ${scenario.name}, ${set.luminosity_fb} fb^-1`, `${'M [GeV]'.padStart(8)}${'sigma UL obs [fb]'.padStart(19)}${'exp'.padStart(9)}${"g' UL obs (B=1)".padStart(17)}${'local Z'.padStart(9)}`];
  const step = Math.max(1, Math.floor(points.length / 20));
  for (let k = 0; k < points.length; k += step) {
    const p = points[k];
    lines.push(`${p.massGeV.toFixed(3).padStart(8)}${p.sigmaLimitFb.obs.toPrecision(3).padStart(19)}${p.sigmaLimitFb.exp[2].toPrecision(3).padStart(9)}${p.couplingLimit.fully_invisible.obs.toExponential(2).padStart(17)}${p.localSignificance.toFixed(2).padStart(9)}`);
  }
  lines.push(`(one hypothesis in ${step} of ${points.length} shown; all in the files)`);
  const failed = failedNote(document.failed_hypotheses);
  if (failed !== '') lines.push(failed);
  lines.push(`largest local excess: ${document.max_local_significance.significance.toFixed(2)} sigma at M = ${document.max_local_significance.mass_GeV.toFixed(3)} GeV`);
  if (wide !== null) {
    let top = wide.points[0];
    for (const p of wide.points) if (p.localSignificance > top.localSignificance) top = p;
    lines.push(`wide Z' (Gamma = ${wide.settings.widthRatio} M): largest local excess ${top.localSignificance.toFixed(2)} sigma at M = ${top.massGeV.toFixed(3)} GeV`);
  }
  lines.push(`wrote ${join(folder, 'observed.json')} and observed.csv${wide === null ? '' : ' and observed-wide.csv'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
