import type { Command } from 'commander';
import { scenarioDetector } from '../../runner/scenarioDetector.js';
import { simulateSample, type SimulateReport } from '../../runner/simulate.js';
import { createGenerator, resolveSampleRequest, type SampleFlags } from '../sampleRequest.js';
import { loadNetworkOption, loadScenarioOption, SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../scenarioOption.js';
import { SAMPLE_SELECTIONS, type SampleSelection } from '../../selection/index.js';
import { InputError } from '../errors.js';
import type { RegisterCommand } from './index.js';

/**
 * `zprime-mc simulate`: generates events of one process and passes them through the scenario's
 * detector; prints what each stage kept (counts and efficiencies) and the trigger yield
 * (see src/runner/simulate.ts).
 */

function table(report: SimulateReport): string {
  const lines = [
    `process ${report.process}${report.mass_GeV === null ? '' : ` (M = ${report.mass_GeV} GeV)`}, ${report.events} events, seed ${report.seed}`,
    `sigma ${report.sigma_pb.toPrecision(6)} +- ${report.sigma_err_pb.toPrecision(2)} pb`,
  ];
  for (const s of report.stages) {
    const counts = Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(', ');
    const eff = Object.entries(s.efficiencies).map(([k, v]) => `${k} ${v === null ? '-' : v.toFixed(4)}`).join(', ');
    lines.push(`${s.name.padEnd(20)}${counts}${eff === '' ? '' : `; ${eff}`}`);
  }
  lines.push(`two opposite tracks  ${report.events_two_opposite_tracks}`);
  lines.push(`triggered            ${report.events_triggered} (${(100 * report.trigger_efficiency).toFixed(2)}%)`);
  lines.push('', `${report.selection} selection${report.punzi_net ? '' : ' (without the Punzi-net)'}, yields at ${report.luminosity_fb} fb^-1:`);
  lines.push(`${'cut'.padEnd(20)}${'events'.padStart(10)}${'efficiency'.padStart(12)}${'yield'.padStart(24)}`);
  for (const row of report.cutflow) {
    lines.push(`${row.cut.padEnd(20)}${String(row.events).padStart(10)}${row.efficiency.toExponential(3).padStart(12)}${`${row.yield.toPrecision(4)} ± ${row.yield_err.toPrecision(2)}`.padStart(24)}`);
  }
  return lines.join('\n');
}

function parseSampleSelection(text: string | undefined): SampleSelection {
  if (text === undefined) return 'signal';
  const sample = SAMPLE_SELECTIONS.find((s) => s === text);
  if (sample === undefined) throw new InputError(`--selection ${text} is not allowed: must be one of ${SAMPLE_SELECTIONS.join(', ')}`);
  return sample;
}

export const registerSimulate: RegisterCommand = (program: Command) => {
  program
    .command('simulate')
    .description("generate events of one process and pass them through the scenario's detector; counts and efficiencies per stage")
    .option('--process <name>', 'process: signal, mumu, … (those registered)')
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--mass <GeV>', "Z' mass in GeV (signal only)")
    .option('--events <n>', 'number of events')
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--isr <on|off>', 'initial-state radiation (default on)')
    .option('--beam-spread <on|off>', "Gaussian beam-energy spread of the scenario, event by event (default: on; for the signal the scenario's generators.signal.beamEnergySpread, off as in the paper)")
    .option('--alpha-em <x>', 'photon coupling alpha (default alpha(0))')
    .option('--selection <sample>', `offline selection: ${SAMPLE_SELECTIONS.join(', ')} (default signal: the search sample; the others are the paper's control samples)`)
    .option('--json', 'print the results as JSON to stdout')
    .action((flags: SampleFlags & { json?: boolean; selection?: string }) => {
      const { scenario, file } = loadScenarioOption(flags.scenario, flags.seed);
      const request = resolveSampleRequest(flags, scenario);
      const sample = parseSampleSelection(flags.selection);
      const network = loadNetworkOption(file);
      const report = simulateSample(createGenerator(request), request, scenarioDetector(scenario), {
        settings: scenario.selection,
        sample,
        luminosityFb: scenario.luminosity.totalFb,
        network: network?.classifier,
      });
      process.stdout.write(flags.json === true ? `${JSON.stringify(report)}\n` : `${table(report)}\n`);
    });
};
