import { join } from 'node:path';
import type { Command } from 'commander';
import { writeAtomically } from '../../report/writeAtomically.js';
import { formatDataFile, readDataFile } from '../../scan/dataFile.js';
import { backgroundPseudoData, type ObservedPoint, observedLimits } from '../../scan/observed.js';
import { InputError } from '../errors.js';
import { parseInteger } from '../flags.js';
import { SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../scenarioOption.js';
import type { RegisterCommand } from './index.js';
import { obtainTemplates, type TemplatesFlags } from './templates.js';

/**
 * `zprime-mc observe`: observed and expected limits on σ·B and g′ and the local significance of
 * every hypothesis on one data set: a user's file (`--data`, format in src/scan/dataFile.ts) or a
 * background-only pseudo-data set drawn at the scenario's luminosity (written beside the results).
 */

interface ObserveFlags extends TemplatesFlags {
  data?: string;
  pseudoData?: string;
}

export function observedDocument(scenario: string, luminosityFb: number, dataSet: string, points: readonly ObservedPoint[]) {
  let max = points[0];
  for (const p of points) if (p.localSignificance > max.localSignificance) max = p;
  return {
    scenario,
    luminosity_fb: luminosityFb,
    data: dataSet,
    calculator: 'asymptotic',
    points: points.map((p) => ({
      mass_GeV: p.massGeV,
      sigma_ul_fb: p.sigmaLimitFb,
      gprime_ul: p.couplingLimit,
      sigma_hat_fb: p.sigmaHatFb,
      local_significance: p.localSignificance,
      local_p0: p.localP0,
    })),
    max_local_significance: { mass_GeV: max.massGeV, significance: max.localSignificance },
  };
}

function csv(points: readonly ObservedPoint[]): string {
  const bands = ['m2', 'm1', 'median', 'p1', 'p2'];
  const header = ['mass_GeV', 'sigma_ul_fb_obs', ...bands.map((b) => `sigma_ul_fb_${b}`), 'gprime_ul_fully_invisible_obs', 'gprime_ul_vanilla_obs', 'sigma_hat_fb', 'local_significance', 'local_p0'];
  const rows = points.map((p) =>
    [p.massGeV, p.sigmaLimitFb.obs, ...p.sigmaLimitFb.exp, p.couplingLimit.fully_invisible.obs, p.couplingLimit.vanilla.obs, p.sigmaHatFb, p.localSignificance, p.localP0].map(String).join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

export async function runObserveCommand(flags: ObserveFlags): Promise<void> {
  if (flags.data !== undefined && flags.pseudoData !== undefined) throw new InputError('--data and --pseudo-data are not allowed together: give a data file or the index of a pseudo-data set');
  const index = flags.pseudoData === undefined ? 0 : parseInteger('--pseudo-data', flags.pseudoData, 0, 2 ** 31 - 1, 'the index of the pseudo-data set');
  const { scenario, folder, result } = await obtainTemplates(flags);
  const { set } = result;
  let data: Float64Array;
  let dataSet: string;
  if (flags.data !== undefined) {
    try {
      data = readDataFile(flags.data, set.axes);
    } catch (error) {
      throw new InputError(error instanceof Error ? error.message : String(error));
    }
    dataSet = flags.data;
  } else {
    data = backgroundPseudoData(set, scenario.seed, index);
    dataSet = join(folder, `pseudo-data-${index}.json`);
    writeAtomically(dataSet, formatDataFile(set.axes, data));
  }
  const points = observedLimits(set, scenario.fit, data);
  const document = observedDocument(scenario.name, set.luminosity_fb, dataSet, points);
  writeAtomically(join(folder, 'observed.json'), `${JSON.stringify(document)}\n`);
  writeAtomically(join(folder, 'observed.csv'), csv(points));
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
  lines.push(`largest local excess: ${document.max_local_significance.significance.toFixed(2)} sigma at M = ${document.max_local_significance.mass_GeV.toFixed(3)} GeV`);
  lines.push(`wrote ${join(folder, 'observed.json')} and observed.csv`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const registerObserve: RegisterCommand = (program: Command) => {
  program
    .command('observe')
    .description("observed limits on sigma x B and g' and the local significance of every mass hypothesis on a data set (default: a background-only pseudo-data set)")
    .option('--data <file>', 'binned data in the templates\' plane (format zprime-mc-data, see README)')
    .option('--pseudo-data <index>', 'which background-only pseudo-data set to draw (default 0)')
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--out <dir>', 'folder holding the cached templates (default zprime-mc-out/<scenario name>)')
    .option('--workers <n>', 'worker threads for building the templates (default: the number of cores)')
    .option('--json', 'print the results as JSON to stdout')
    .action(async (flags: ObserveFlags) => {
      await runObserveCommand(flags);
    });
};
