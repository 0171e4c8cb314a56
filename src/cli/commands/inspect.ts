import type { Command } from 'commander';
import { type PatchFlags, patchOptions } from '../patchOptions.js';
import type { RegisterCommand } from './index.js';

/** `zprime-mc inspect`: the definition; the work is in inspect.run.ts, loaded when the command runs. */

export const registerInspect: RegisterCommand = (program: Command) => {
  const [patchsetOption, patchOption, jsonPatchOption] = patchOptions();
  program
    .command('inspect')
    .description('channels, samples, modifiers, parameters and measurements of a pyhf JSON workspace (as pyhf inspect)')
    .argument('<workspace>', 'pyhf JSON workspace (may be gzipped)')
    .option('--measurement <name>', 'measurement whose parameter settings to apply (default: the first)')
    .option('--json', 'print the summary as JSON to stdout')
    .addOption(patchsetOption)
    .addOption(patchOption)
    .addOption(jsonPatchOption)
    .action(async (path: string, options: { measurement?: string; json?: boolean } & PatchFlags) => {
      const { runInspectCommand } = await import('./inspect.run.js');
      runInspectCommand(path, options);
    });
};
