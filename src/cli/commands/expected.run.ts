import { join } from 'node:path';
import { writeAtomically } from '../../report/writeAtomically.js';
import { excludedMuonAnomalyRanges, type ExpectedPoint, expectedLimits } from '../../scan/expected.js';
import { jobHash } from '../../runner/shards/partFile.js';
import { toyExpectedFromPart } from '../../runner/shards/scanPayloads.js';
import { shardRange } from '../../runner/shards/shardSet.js';
import { type ToyExpectedRange, toyExpectedRanges } from '../../scan/parallel.js';
import { expectedToyPurpose, type ToyExpectedPoint } from '../../scan/toyExpected.js';
import { InputError, RunFailedError } from '../errors.js';
import { parseInteger, parseNumber } from '../flags.js';
import { progressBar, showsProgress } from '../progress.js';
import { absolutePath, jobFlags, type MergeSource, type ShardFlags, shardPlan } from '../shardOptions.js';
import { commandShardFolder, runCommandShards, shardNote } from '../shardedRun.js';
import { CollisionFrame } from '../../physics/beams.js';
import type { TemplateSet } from '../../runner/templates/build.js';
import type { Scenario } from '../../scenario/index.js';
import type { FailedHypothesis, ScanPoints } from '../../scan/overHypotheses.js';
import type { UnscannedHypothesis } from '../../scan/scannedHypotheses.js';
import { scenarioWideExpected, type WideExpectedPoint, type WideResults } from '../../scan/wideLimits.js';
import { obtainScanTemplates, type TemplatesFlags } from './templates.run.js';

/**
 * `zprime-mc expected [--toys N]`: the templates (cached), then the expected 90% CL limits of every
 * mass hypothesis on σ·B(Z′ → invisible) and on g′, asymptotic or from N background-only toys per
 * hypothesis, printed and written to `<out>/expected.json` and `<out>/expected.csv`.
 */

export interface ExpectedFlags extends TemplatesFlags, ShardFlags {
  toys?: string;
  maxFailedFraction?: string;
}

/** The failed toys of `points` (toy-based points) against all their toys. */
export function failedToyFraction(points: readonly ToyExpectedPoint[]): { failed: number; toys: number; fraction: number } {
  let failed = 0;
  let toys = 0;
  for (const p of points) {
    failed += p.failedToys;
    toys += p.toys;
  }
  return { failed, toys, fraction: toys > 0 ? failed / toys : 0 };
}

/**
 * A RunFailedError when more than `limit` of the toys of the hypotheses done so far failed (`byHypothesis`:
 * the points by hypothesis index, undefined where not done), naming the first failed toy's stream.
 */
export function checkFailedToys(byHypothesis: readonly (ToyExpectedPoint | undefined)[], limit: number, seed: number): void {
  const { failed, toys, fraction } = failedToyFraction(byHypothesis.filter((p): p is ToyExpectedPoint => p !== undefined));
  if (fraction <= limit) return;
  const k = byHypothesis.findIndex((p) => p !== undefined && p.failedToyRecords.length > 0);
  const point = byHypothesis[k];
  const first = point === undefined ? '' : `; the first: M = ${point.massGeV.toFixed(3)} GeV, toy ${point.failedToyRecords[0].index} of stream (seed ${seed}, ${expectedToyPurpose(k)})`;
  throw new RunFailedError(`${failed} of ${toys} toys failed (${(100 * fraction).toPrecision(3)}%), more than --max-failed-fraction ${limit}${first}; the finished shards are kept (--resume)`);
}

function isToyPoint(p: ExpectedPoint): p is ToyExpectedPoint {
  return 'toys' in p;
}

/** The wide-Z′ benchmark's part of the document: the line shape, the window rule and the limits. */
function wideDocument(wide: WideResults<WideExpectedPoint>) {
  return {
    width_over_mass: wide.settings.widthRatio,
    window_half_widths: wide.settings.windowHalfWidths,
    theta_bins: 1,
    failed_hypotheses: failedDocument(wide.failed),
    points: wide.points.map((p) => ({
      mass_GeV: p.massGeV,
      width_GeV: p.widthGeV,
      window_bins: p.windowBins,
      signal_efficiency: p.signalEfficiency,
      sigma_gprime1_fb: p.sigmaUnitCouplingFb,
      sigma_ul_fb: { exp: p.sigmaLimitFb },
      gprime_ul: { fully_invisible: { exp: p.couplingLimit } },
    })),
  };
}

/**
 * What every scan document names first: the scenario, its luminosity, its √s (nominal beams) and the
 * hypotheses of the templates left out of the scan for want of signal Monte Carlo.
 */
export interface ScanHeader {
  readonly scenario: string;
  readonly luminosity_fb: number;
  readonly sqrt_s_GeV: number;
  readonly unscanned_hypotheses: readonly { readonly mass_GeV: number; readonly signal_mc_events: number }[];
}

export function scanHeader(scenario: Scenario, set: TemplateSet, unscanned: readonly UnscannedHypothesis[]): ScanHeader {
  return {
    scenario: scenario.name,
    luminosity_fb: set.luminosity_fb,
    sqrt_s_GeV: new CollisionFrame(scenario.beams).sqrtS,
    unscanned_hypotheses: unscanned.map((u) => ({ mass_GeV: u.massGeV, signal_mc_events: u.signalMonteCarloEvents })),
  };
}

/** One line naming the unscanned hypotheses, or '' when every hypothesis was scanned. */
export function unscannedNote(header: ScanHeader, minEvents: number): string {
  const u = header.unscanned_hypotheses;
  if (u.length === 0) return '';
  const masses = u.length <= 4 ? u.map((h) => h.mass_GeV.toFixed(3)).join(', ') : `${u[0].mass_GeV.toFixed(3)} ... ${u[u.length - 1].mass_GeV.toFixed(3)}`;
  return `not scanned: ${u.length} hypotheses (M = ${masses} GeV) with fewer than ${minEvents} selected signal Monte Carlo events in their window (fit.minSignalMonteCarloEvents)`;
}

/** The windows whose fit failed, with the reason, as the documents list them. */
export function failedDocument(failed: readonly FailedHypothesis[]) {
  return failed.map((f) => ({ mass_GeV: f.massGeV, reason: f.reason }));
}

/** One line on the windows whose fit failed, or '' when none did. */
export function failedNote(failed: readonly { readonly mass_GeV: number; readonly reason: string }[]): string {
  if (failed.length === 0) return '';
  return `fits failed in ${failed.length} windows, left out of the results and listed in the JSON file with their reasons; the first: M = ${failed[0].mass_GeV.toFixed(3)} GeV: ${failed[0].reason}`;
}

/** The JSON document of `expected --json` (the command-line contract). */
export function expectedDocument(header: ScanHeader, scan: ScanPoints<ExpectedPoint>, wide: WideResults<WideExpectedPoint> | null = null, seed?: number) {
  const { points } = scan;
  const first = points[0];
  const toys = first !== undefined && isToyPoint(first) ? first.toys : null;
  const toyPoints = points.filter(isToyPoint);
  const failed = failedToyFraction(toyPoints);
  return {
    ...header,
    calculator: toys === null ? 'asymptotic' : 'toys',
    ...(toys === null
      ? {}
      : {
          toys_per_hypothesis: toys,
          failed_toys: failed.failed,
          failed_toy_fraction: failed.fraction,
          // Every failed toy with what reproduces it: its stream (seed, purpose, index) and its pseudo-data.
          failed_toy_records: toyPoints.flatMap((p, k) => p.failedToyRecords.map((r) => ({ mass_GeV: p.massGeV, seed: seed ?? null, stream: expectedToyPurpose(k), index: r.index, pseudo_data: r.pseudoData }))),
        }),
    failed_hypotheses: failedDocument(scan.failed),
    points: points.map((p) => ({
      mass_GeV: p.massGeV,
      theta_bins: p.thetaBins,
      empty_background_cells: p.emptyBackgroundCells,
      signal_efficiency: p.signalEfficiency,
      sigma_gprime1_fb: p.sigmaUnitCouplingFb,
      sigma_ul_fb: isToyPoint(p) ? { exp: p.sigmaLimitFb, exp_asymptotic: p.sigmaLimitAsymptoticFb } : { exp: p.sigmaLimitFb },
      ...(isToyPoint(p) ? { failed_toys: p.failedToys } : {}),
      gprime_ul: { fully_invisible: { exp: p.couplingLimit.fully_invisible }, vanilla: { exp: p.couplingLimit.vanilla } },
      g_minus_2_band_gprime: p.muonAnomalyBand,
    })),
    g_minus_2_excluded_GeV: { fully_invisible: excludedMuonAnomalyRanges(points, 'fully_invisible'), vanilla: excludedMuonAnomalyRanges(points, 'vanilla') },
    ...(wide === null ? {} : { wide_zprime: wideDocument(wide) }),
  };
}

/** CSV column suffixes of a band: −2σ, −1σ, median, +1σ, +2σ. */
const BAND = ['m2', 'm1', 'median', 'p1', 'p2'];

const CSV_HEADER = [
  'mass_GeV',
  'theta_bins',
  'signal_efficiency',
  'sigma_gprime1_fb',
  ...BAND.map((b) => `sigma_ul_fb_${b}`),
  ...BAND.map((b) => `gprime_ul_fully_invisible_${b}`),
  ...BAND.map((b) => `gprime_ul_vanilla_${b}`),
  'g_minus_2_gprime_low',
  'g_minus_2_gprime_high',
];

export function expectedCsv(points: readonly ExpectedPoint[]): string {
  const rows = points.map((p) =>
    [p.massGeV, p.thetaBins, p.signalEfficiency, p.sigmaUnitCouplingFb, ...p.sigmaLimitFb, ...p.couplingLimit.fully_invisible, ...p.couplingLimit.vanilla, ...p.muonAnomalyBand].map((v) => String(v)).join(','),
  );
  return `${[CSV_HEADER.join(','), ...rows].join('\n')}\n`;
}

const WIDE_CSV_HEADER = ['mass_GeV', 'width_GeV', 'window_bins', 'signal_efficiency', 'sigma_gprime1_fb', ...BAND.map((b) => `sigma_ul_fb_${b}`), ...BAND.map((b) => `gprime_ul_fully_invisible_${b}`)];

export function wideExpectedCsv(points: readonly WideExpectedPoint[]): string {
  const rows = points.map((p) => [p.massGeV, p.widthGeV, p.windowBins, p.signalEfficiency, p.sigmaUnitCouplingFb, ...p.sigmaLimitFb, ...p.couplingLimit].map((v) => String(v)).join(','));
  return `${[WIDE_CSV_HEADER.join(','), ...rows].join('\n')}\n`;
}

function table(document: ReturnType<typeof expectedDocument>): string {
  const lines = [
    `expected 90% CL upper limits (${document.calculator === 'toys' ? `${document.toys_per_hypothesis} background-only toys per hypothesis` : 'asymptotic'}), ${document.scenario}, ${document.luminosity_fb} fb^-1`,
    `${'M [GeV]'.padStart(8)}${'theta bins'.padStart(11)}${'sigma UL [fb]: -2s'.padStart(20)}${'-1s'.padStart(9)}${'median'.padStart(9)}${'+1s'.padStart(9)}${'+2s'.padStart(9)}${"g' UL (B=1)".padStart(13)}${"g' UL (vanilla)".padStart(17)}`,
  ];
  const step = Math.max(1, Math.floor(document.points.length / 20));
  for (let k = 0; k < document.points.length; k += step) {
    const p = document.points[k];
    const e = p.sigma_ul_fb.exp;
    lines.push(
      `${p.mass_GeV.toFixed(3).padStart(8)}${String(p.theta_bins).padStart(11)}${e[0].toPrecision(3).padStart(20)}${e[1].toPrecision(3).padStart(9)}${e[2].toPrecision(3).padStart(9)}${e[3].toPrecision(3).padStart(9)}${e[4].toPrecision(3).padStart(9)}${p.gprime_ul.fully_invisible.exp[2].toExponential(2).padStart(13)}${p.gprime_ul.vanilla.exp[2].toExponential(2).padStart(17)}`,
    );
  }
  const ranges = (r: [number, number][]) => (r.length === 0 ? 'none' : r.map(([a, b]) => `${a.toFixed(2)}-${b.toFixed(2)} GeV`).join(', '));
  lines.push(`(one hypothesis in ${step} of ${document.points.length} shown; all in the files)`);
  const failed = failedNote(document.failed_hypotheses);
  if (failed !== '') lines.push(failed);
  if (document.failed_toys !== undefined) lines.push(`failed toys (fits that did not converge, left out of the bands): ${document.failed_toys} of ${document.points.length * (document.toys_per_hypothesis ?? 0)} (${(100 * (document.failed_toy_fraction ?? 0)).toPrecision(3)}%), each recorded in expected.json with its stream and pseudo-data`);
  lines.push(`(g-2)_mu band (+-2 sigma) excluded by the median expected g' limit: fully invisible ${ranges(document.g_minus_2_excluded_GeV.fully_invisible)}; vanilla ${ranges(document.g_minus_2_excluded_GeV.vanilla)}`);
  const wide = document.wide_zprime;
  if (wide !== undefined) {
    const shown = [1, 2, 4, 6, 8].map((m) => wide.points.reduce((best, p) => (Math.abs(p.mass_GeV - m) < Math.abs(best.mass_GeV - m) ? p : best)));
    lines.push(`wide Z' (Gamma = ${wide.width_over_mass} M, 1-D windows), median sigma UL [fb] / g' UL (B=1): ${shown.map((p) => `${p.mass_GeV.toFixed(2)} GeV ${p.sigma_ul_fb.exp[2].toPrecision(3)} / ${p.gprime_ul.fully_invisible.exp[2].toExponential(2)}`).join('; ')}`);
  }
  return lines.join('\n');
}

/** Writes `<folder>/expected.json` and `expected.csv` (and `expected-wide.csv`); returns the JSON document. */
export function writeExpectedResults(folder: string, header: ScanHeader, scan: ScanPoints<ExpectedPoint>, wide: WideResults<WideExpectedPoint> | null = null, seed?: number): ReturnType<typeof expectedDocument> {
  const document = expectedDocument(header, scan, wide, seed);
  writeAtomically(join(folder, 'expected.csv'), expectedCsv(scan.points));
  if (wide !== null) writeAtomically(join(folder, 'expected-wide.csv'), wideExpectedCsv(wide.points));
  writeAtomically(join(folder, 'expected.json'), `${JSON.stringify(document)}\n`);
  return document;
}

/** The shard task of the toy-based expected limits; one shard per hypothesis unless --shard says otherwise. */
export const EXPECTED_TOYS_TASK = 'expected-toys';

export async function runExpectedCommand(flags: ExpectedFlags, merge?: MergeSource): Promise<void> {
  const toys = flags.toys === undefined ? null : parseInteger('--toys', flags.toys, 1, 1_000_000, 'background-only toys per mass hypothesis');
  const maxFailed = flags.maxFailedFraction === undefined ? 1 : parseNumber('--max-failed-fraction', flags.maxFailedFraction, 'a fraction from 0 to 1 of the toys', (v) => v >= 0 && v <= 1);
  if (toys === null && (flags.shard !== undefined || flags.resume === true || merge !== undefined)) throw new InputError(`${flags.shard !== undefined ? '--shard' : '--resume'} is allowed only with --toys: the asymptotic limits are one quick pass`);
  const { scenario, folder, set, unscanned, workers, path, reused, key } = await obtainScanTemplates(flags);
  let scan: ScanPoints<ExpectedPoint>;
  if (toys === null) {
    scan = expectedLimits(set, scenario.fit);
  } else {
    const hypotheses = set.grid.massGeV.length;
    const plan = shardPlan(flags, hypotheses, merge);
    const count = plan.count ?? merge?.count ?? 1;
    if (count > hypotheses) throw new InputError(`--shard ${flags.shard ?? ''} is not allowed: the scan has ${hypotheses} hypotheses, so at most ${hypotheses} shards`);
    const dir = commandShardFolder(folder, EXPECTED_TOYS_TASK, merge);
    const name = { job: jobHash(EXPECTED_TOYS_TASK, { templates: key, projection: scenario.luminosity.projection, fit: scenario.fit, seed: scenario.seed, toys }), task: EXPECTED_TOYS_TASK, count };
    const job = { command: 'expected', flags: jobFlags({ scenario: absolutePath(flags.scenario), seed: flags.seed, out: absolutePath(folder), toys: flags.toys }) };
    const bar = progressBar('expected toys', 'hypotheses', showsProgress(flags));
    const outcome = await runCommandShards<ToyExpectedRange>({
      dir,
      name,
      job,
      mode: plan.mode,
      compute: async (indices, done) => {
        const ranges = indices.map((i) => shardRange(hypotheses, i, count));
        bar.start(ranges.reduce((a, [first, end]) => a + end - first, 0));
        try {
          const finished: (ToyExpectedPoint | undefined)[] = new Array(hypotheses).fill(undefined);
          await toyExpectedRanges(set, scenario.fit, { toys, seed: scenario.seed }, ranges, workers, (r, range) => {
            done(indices[r], range);
            range.points.forEach((p, j) => (finished[range.first + j] = p));
            checkFailedToys(finished, maxFailed, scenario.seed);
          }, (n) => bar.update(n));
        } finally {
          bar.stop();
        }
      },
      encode: (range) => range,
      decode: (part) => toyExpectedFromPart(part, shardRange(hypotheses, part.name.index, count)),
    });
    const note = shardNote('expected', outcome, count, dir);
    if (note !== '') process.stderr.write(`${note}\n`);
    if (plan.mode.kind === 'one') {
      if (flags.json === true) process.stdout.write(`${JSON.stringify({ part: outcome.written, shard: plan.mode.index, shards: count })}\n`);
      else process.stdout.write(`wrote ${outcome.written} (shard ${plan.mode.index} of ${count}); join the parts with zprime-mc merge ${dir}\n`);
      return;
    }
    scan = { points: outcome.payloads.flatMap((range) => range.points), failed: [] };
  }
  const wide = scenarioWideExpected(set, scenario);
  const header = scanHeader(scenario, set, unscanned);
  const document = writeExpectedResults(folder, header, scan, wide, scenario.seed);
  const note = unscannedNote(header, scenario.fit.minSignalMonteCarloEvents);
  if (note !== '' && flags.json !== true) process.stderr.write(`${note}\n`);
  process.stdout.write(flags.json === true ? `${JSON.stringify(document)}\n` : `${reused ? 'reused' : 'wrote'} ${path}\n${table(document)}\nwrote ${join(folder, 'expected.json')} and expected.csv${wide === null ? '' : ' and expected-wide.csv'}\n`);
}
