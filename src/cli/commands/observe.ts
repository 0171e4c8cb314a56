import type { Command } from 'commander';
import type { RegisterCommand } from './index.js';
import type { ObserveFlags } from './observe.run.js';
import { withTemplateOptions } from './templates.js';

/** `zprime-mc observe`: the definition; the work is in observe.run.ts, loaded when the command runs. */

export const registerObserve: RegisterCommand = (program: Command) => {
  withTemplateOptions(program.command('observe'))
    .description("observed limits on sigma x B and g' and the local significance of every mass hypothesis on a data set (default: a background-only pseudo-data set)")
    .option('--data <file>', 'binned data in the templates\' plane (format zprime-mc-data, see README)')
    .option('--pseudo-data <index>', 'which background-only pseudo-data set to draw (default 0)')
    .option('--json', 'print the results as JSON to stdout')
    .action(async (flags: ObserveFlags) => {
      const { runObserveCommand } = await import('./observe.run.js');
      await runObserveCommand(flags);
    });
};
