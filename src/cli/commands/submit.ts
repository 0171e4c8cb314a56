import type { Command } from 'commander';
import type { RegisterCommand } from './index.js';
import type { SubmitFlags } from './submit.run.js';

/** `zprime-mc submit`: the definition; the work is in submit.run.ts, loaded when the command runs. */

export const registerSubmit: RegisterCommand = (program: Command) => {
  program
    .command('submit')
    .description('run a long command (lee, expected --toys, templates) as a Slurm job array of seeded shards and a merge job; resubmitting runs only the missing shards')
    .usage('--slurm [--array-size K] [--partition P] [--time T] -- <command and flags>')
    .argument('<command...>', 'the zprime-mc command and its flags, after --')
    .option('--slurm', 'submit to Slurm (sbatch)')
    .option('--array-size <k>', 'tasks of the job array, one shard each (default 8)')
    .option('--partition <p>', 'Slurm partition')
    .option('--time <t>', 'time limit of each job (Slurm format, e.g. 2:00:00)')
    .option('--json', 'print the job ids as JSON to stdout')
    .action(async (argv: string[], flags: SubmitFlags) => {
      const { runSubmitCommand } = await import('./submit.run.js');
      await runSubmitCommand(argv, flags);
    });
};
