import type { Command } from 'commander';
import type { RegisterCommand } from './index.js';

/** `zprime-mc merge`: the definition; the work is in merge.run.ts, loaded when the command runs. */

export const registerMerge: RegisterCommand = (program: Command) => {
  program
    .command('merge')
    .description('join the parts of a sharded run (--shard i/N, a Slurm job array) into its results, the same bytes as one process; refuses incomplete or mixed sets')
    .argument('<dir>', 'folder of the parts, <out>/shards/<task>')
    .option('--json', 'print the results as JSON to stdout')
    .option('--quiet', 'no progress bars')
    .action(async (dir: string, flags: { json?: boolean; quiet?: boolean }) => {
      const { runMergeCommand } = await import('./merge.run.js');
      await runMergeCommand(dir, flags);
    });
};
