import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ALPHA_EM_0, ALPHA_EM_MADGRAPH } from '../../physics/constants.js';
import { type GenerateReport, generateSample } from '../../runner/generate.js';
import { createGenerator, resolveSampleRequest, type SampleFlags } from '../sampleRequest.js';
import { loadScenarioOption, SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../scenarioOption.js';
import type { RegisterCommand } from './index.js';

/** `zprime-mc generate`: truth events of one process, with σ ± its Monte Carlo error (see src/runner/generate.ts). */

function table(report: GenerateReport): string {
  const rows: [string, string][] = [
    ['process', report.process],
    ...(report.mass_GeV === null ? [] : [['Z\' mass', `${report.mass_GeV} GeV`] as [string, string]]),
    ['sigma', `${report.sigma_pb.toPrecision(6)} +- ${report.sigma_err_pb.toPrecision(2)} pb`],
    ['events', String(report.events)],
    ['unweighting efficiency', report.weighted ? 'weighted events' : report.unweighting_efficiency.toFixed(4)],
    ['overweight fraction', report.overweight_fraction.toExponential(2)],
    ['ISR', report.isr ? 'on' : 'off'],
    ['alpha_em', `1/${(1 / report.alpha_em).toFixed(3)} (MadGraph's L_mu-L_tau model uses 1/127.9)`],
    ['seed', String(report.seed)],
    ['output', report.out === null ? 'none (give --out FILE)' : `${report.out} (${report.format})`],
  ];
  return rows.map(([k, v]) => `${k.padEnd(24)}${v}`).join('\n');
}

export const registerGenerate: RegisterCommand = (program: Command) => {
  program
    .command('generate')
    .description('truth events of one process (signal, mumu, tautau, eemumu, ee, pipi, eeee) with sigma +- its MC error; LHE or CSV output')
    .option('--process <name>', 'process: signal, mumu, tautau, eemumu, ee, pipi or eeee (those registered)')
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--mass <GeV>', "Z' mass in GeV (signal only)")
    .option('--width-ratio <r>', "Z' width over mass, e.g. 0.1 (signal only)")
    .option('--events <n>', 'number of events')
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--isr <on|off>', 'initial-state radiation (off: the plain tree-level process)')
    .option('--beam-spread <on|off>', "Gaussian beam-energy spread of the scenario, event by event (default: on; for the signal the scenario's generators.signal.beamEnergySpread, off as in the paper)")
    .option('--alpha-em <x>', `photon coupling alpha (default alpha(0) = ${ALPHA_EM_0}; MadGraph's model: ${ALPHA_EM_MADGRAPH})`)
    .option('--weighted', 'keep weighted events (weights in pb, mean = sigma) instead of unweighting')
    .option('--format <lhe|csv>', 'output format (default: from the --out extension)')
    .option('--out <file>', 'write the events to this file (Les Houches v3 or CSV, lab frame)')
    .option('--json', 'print the results as JSON to stdout')
    .action(async (flags: SampleFlags) => {
      const { scenario } = loadScenarioOption(flags.scenario, flags.seed);
      const request = resolveSampleRequest(flags, scenario);
      const showProgress = process.stderr.isTTY === true && flags.json !== true && request.events >= 100_000;
      const bar = showProgress ? new SingleBar({ format: 'generate {bar} {value}/{total} events', stream: process.stderr }) : null;
      bar?.start(request.events, 0);
      try {
        const report = await generateSample(createGenerator(request), request, (done) => bar?.update(done));
        bar?.stop();
        process.stdout.write(flags.json === true ? `${JSON.stringify(report)}\n` : `${table(report)}\n`);
      } finally {
        bar?.stop();
      }
    });
};
