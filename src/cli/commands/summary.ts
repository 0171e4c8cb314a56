import type { Command } from 'commander';
import { SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../optionHelp.js';
import type { RegisterCommand } from './index.js';
import type { SummaryFlags } from './summary.run.js';

/** `zprime-mc summary`: the definition; the work is in summary.run.ts, loaded when the command runs. */

/** The signal masses of `summary` by default, in GeV. */
export const DEFAULT_SIGNAL_MASSES = '0.5,2,5,8';

export const registerSummary: RegisterCommand = (program: Command) => {
  program
    .command('summary')
    .description('a scenario from beams to reconstructed events: sigma, expected yields, reconstruction and trigger efficiencies of every process, and the signal resolution curve')
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--events <n>', 'events simulated per background process and per signal mass (default 100000)')
    .option('--masses <list>', `signal Z' masses in GeV, comma-separated (default ${DEFAULT_SIGNAL_MASSES})`)
    .option('--resolution-events <n>', 'signal events per mass of the resolution curve (default 20000)')
    .option('--out <dir>', 'output folder (default out/<scenario name>)')
    .option('--json', 'print the summary as JSON to stdout')
    .action(async (flags: SummaryFlags) => {
      const { runSummaryCommand } = await import('./summary.run.js');
      runSummaryCommand(flags);
    });
};
