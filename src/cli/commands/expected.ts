import type { Command } from 'commander';
import { withShardOptions } from '../shardOptions.js';
import type { RegisterCommand } from './index.js';
import type { ExpectedFlags } from './expected.run.js';
import { withTemplateOptions } from './templates.js';

/** `zprime-mc expected`: the definition; the work is in expected.run.ts, loaded when the command runs. */

export const registerExpected: RegisterCommand = (program: Command) => {
  withShardOptions(withTemplateOptions(program.command('expected')))
    .description("expected 90% CL upper limits on sigma(e+e- -> mu+mu- Z', Z' -> invisible) and on g' for every mass hypothesis, with +-1 and +-2 sigma bands (asymptotic, or from background-only toys)")
    .option('--toys <n>', 'background-only toys per mass hypothesis: the band is the quantiles of their observed limits (default: asymptotic)')
    .option('--max-failed-fraction <f>', 'stop when more than this fraction of the toys fail (fits that do not converge; default 1: never); failed toys are recorded in expected.json with their stream and pseudo-data')
    .option('--quiet', 'no progress bars')
    .option('--json', 'print the limits as JSON to stdout')
    .action(async (flags: ExpectedFlags) => {
      const { runExpectedCommand } = await import('./expected.run.js');
      await runExpectedCommand(flags);
    });
};
