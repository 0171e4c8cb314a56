import type { Command } from 'commander';
import { SEED_OPTION_HELP } from '../optionHelp.js';
import { type PatchFlags, patchOptions } from '../patchOptions.js';
import type { RegisterCommand } from './index.js';

/** `zprime-mc hypotest`: the definition; the work is in hypotest.run.ts, loaded when the command runs. */

export const registerHypotest: RegisterCommand = (program: Command) => {
  const [patchsetOption, patchOption, jsonPatchOption] = patchOptions();
  program
    .command('hypotest')
    .description('CLs, CLs+b, CLb and the expected CLs band at one value of the parameter of interest')
    .argument('<workspace>', 'pyhf JSON workspace (may be gzipped)')
    .requiredOption('--mu <value>', 'value of the parameter of interest to test')
    .option('--test-stat <name>', 'qtilde (default), q, mu, mutilde or q0', 'qtilde')
    .option('--calc <type>', 'asymptotic (default) or toybased', 'asymptotic')
    .option('--toys <n>', 'toys per hypothesis for --calc toybased', '2000')
    .option('--measurement <name>', 'measurement to use (default: the first)')
    .option('--seed <n>', `${SEED_OPTION_HELP}; default 0`)
    .option('--json', 'print the results as JSON to stdout')
    .addOption(patchsetOption)
    .addOption(patchOption)
    .addOption(jsonPatchOption)
    .action(async (path: string, options: { mu: string; testStat: string; calc: string; toys: string; measurement?: string; seed?: string; json?: boolean } & PatchFlags) => {
      const { runHypotestCommand } = await import('./hypotest.run.js');
      runHypotestCommand(path, options);
    });
};
