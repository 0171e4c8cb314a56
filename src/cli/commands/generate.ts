import type { Command } from 'commander';
import { ALPHA_EM_0, ALPHA_EM_MADGRAPH } from '../../physics/constants.js';
import { PROCESS_NAMES, SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../optionHelp.js';
import type { SampleFlags } from '../sampleRequest.js';
import type { RegisterCommand } from './index.js';

/** `zprime-mc generate`: the definition; the work is in generate.run.ts, loaded when the command runs. */

export const registerGenerate: RegisterCommand = (program: Command) => {
  program
    .command('generate')
    .description(`truth events of one process (${PROCESS_NAMES.join(', ')}) with sigma +- its MC error; LHE or CSV output`)
    .option('--process <name>', `process: ${PROCESS_NAMES.slice(0, -1).join(', ')} or ${PROCESS_NAMES.at(-1)} (those registered)`)
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
      const { runGenerateCommand } = await import('./generate.run.js');
      await runGenerateCommand(flags);
    });
};
