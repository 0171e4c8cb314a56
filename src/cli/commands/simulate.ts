import type { Command } from 'commander';
import { RECO_EVENTS_EXTENSIONS } from '../../report/recoEventsFormat.js';
import { SAMPLE_SELECTION_NAMES, SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../optionHelp.js';
import type { SampleFlags } from '../sampleRequest.js';
import type { RegisterCommand } from './index.js';

/** `zprime-mc simulate`: the definition; the work is in simulate.run.ts, loaded when the command runs. */

const EXTENSIONS = Object.keys(RECO_EVENTS_EXTENSIONS).join(' or ');

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
    .option('--selection <sample>', `offline selection: ${SAMPLE_SELECTION_NAMES.join(', ')} (default signal: the search sample; the others are the paper's control samples)`)
    .option('--out <file>', `write the reconstructed events (tracks, ECL clusters, trigger, weight) to this file: ${EXTENSIONS} (docs/data-formats.md)`)
    .option('--format <parquet|csv>', 'format of --out (default: from its extension, which it must match)')
    .option('--json', 'print the results as JSON to stdout')
    .action(async (flags: SampleFlags & { json?: boolean; selection?: string }) => {
      const { runSimulateCommand } = await import('./simulate.run.js');
      await runSimulateCommand(flags);
    });
};
