import type { Command } from 'commander';
import type { RegisterCommand } from './index.js';

/** `zprime-mc status`: the definition; the work is in status.run.ts, loaded when the command runs. */

export const registerStatus: RegisterCommand = (program: Command) => {
  program
    .command('status')
    .description('progress of a sharded run from its part files; for a Slurm submission, the state of each task, failed ones with their log; exit 1 while shards are missing, corrupted or failed')
    .argument('<dir>', 'folder of the parts, <out>/shards/<task>')
    .option('--json', 'print the status as JSON to stdout')
    .action(async (dir: string, flags: { json?: boolean }) => {
      const { runStatusCommand } = await import('./status.run.js');
      runStatusCommand(dir, flags);
    });
};
