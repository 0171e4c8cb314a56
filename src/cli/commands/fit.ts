import type { Command } from 'commander';
import { SEED_OPTION_HELP } from '../optionHelp.js';
import { type PatchFlags, patchOptions } from '../patchOptions.js';
import type { RegisterCommand } from './index.js';

/** `zprime-mc fit`: the definition; the work is in fit.run.ts, loaded when the command runs. */

export const registerFit: RegisterCommand = (program: Command) => {
  const [patchsetOption, patchOption, jsonPatchOption] = patchOptions();
  program
    .command('fit')
    .description('maximum-likelihood fit of a pyhf JSON workspace: best-fit values and uncertainties')
    .argument('<workspace>', 'pyhf JSON workspace (may be gzipped)')
    .option('--measurement <name>', 'measurement to fit (default: the first)')
    .option('--mu <value>', 'fix the parameter of interest at this value (a conditional fit)')
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--json', 'print the results as JSON to stdout')
    .addOption(patchsetOption)
    .addOption(patchOption)
    .addOption(jsonPatchOption)
    .action(async (path: string, options: { measurement?: string; mu?: string; seed?: string; json?: boolean } & PatchFlags) => {
      const { runFitCommand } = await import('./fit.run.js');
      runFitCommand(path, options);
    });
};
