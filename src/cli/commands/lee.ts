import type { Command } from 'commander';
import { withShardOptions } from '../shardOptions.js';
import type { RegisterCommand } from './index.js';
import type { LeeFlags } from './lee.run.js';
import { withTemplateOptions } from './templates.js';

/** `zprime-mc lee`: the definition; the work is in lee.run.ts, loaded when the command runs. */

export const registerLee: RegisterCommand = (program: Command) => {
  withShardOptions(withTemplateOptions(program.command('lee')))
    .description('global significance of the largest local excess of the scan (look-elsewhere effect): background-only toys and the Gross-Vitells formula')
    .option('--toys <n>', 'background-only toys of the whole scan')
    .option('--c0 <level>', 'reference q0 level of the Gross-Vitells up-crossings (default 3)')
    .option('--data <file>', 'binned data (format zprime-mc-data, as observe)')
    .option('--pseudo-data <index>', 'which background-only pseudo-data set is the data (default 0)')
    .option('--max-failed-fraction <f>', 'stop when more than this fraction of the toys fail (a q0 fit that does not converge; default 1: never); failed toys are left out and recorded in lee.json with their stream')
    .option('--quiet', 'no progress bars')
    .option('--json', 'print the results as JSON to stdout')
    .action(async (flags: LeeFlags) => {
      const { runLeeCommand } = await import('./lee.run.js');
      await runLeeCommand(flags);
    });
};
