import type { Command } from 'commander';
import { SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../optionHelp.js';
import type { RegisterCommand } from './index.js';
import type { TrainFlags } from './train.run.js';

/** `zprime-mc train`: the definition; the work is in train.run.ts, loaded when the command runs. */

export const registerTrain: RegisterCommand = (program: Command) => {
  program
    .command('train')
    .description("trains the scenario's Punzi-net (the paper's ref. [40]) and writes it beside the scenario file")
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--out <file>', 'network file (default: <scenario>.punzi.json beside the scenario file)')
    .option('--json', 'print the summary as JSON to stdout')
    .action(async (flags: TrainFlags) => {
      const { runTrainCommand } = await import('./train.run.js');
      runTrainCommand(flags);
    });
};
