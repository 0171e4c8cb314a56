import type { Command } from 'commander';
import { SEED_OPTION_HELP } from '../optionHelp.js';
import { type PatchFlags, patchOptions } from '../patchOptions.js';
import type { RegisterCommand } from './index.js';

/** `zprime-mc upper-limit`: the definition; the work is in upperLimit.run.ts, loaded when the command runs. */

export const registerUpperLimit: RegisterCommand = (program: Command) => {
  const [patchsetOption, patchOption, jsonPatchOption] = patchOptions();
  program
    .command('upper-limit')
    .description('CLs upper limit on the parameter of interest (90% CL by default), observed and expected band')
    .argument('<workspace>', 'pyhf JSON workspace (may be gzipped)')
    .option('--cl <level>', 'confidence level', '0.9')
    .option('--test-stat <name>', 'qtilde (default) or q', 'qtilde')
    .option('--calc <type>', 'asymptotic (default) or toybased', 'asymptotic')
    .option('--toys <n>', 'toys per hypothesis and tested value for --calc toybased', '1000')
    .option('--measurement <name>', 'measurement to use (default: the first)')
    .option('--seed <n>', `${SEED_OPTION_HELP}; default 0`)
    .option('--json', 'print the results as JSON to stdout')
    .option('--all', 'with --patchset: the limit of every patch (the whole signal grid of a published analysis), asymptotic')
    .option('--workers <n>', 'worker threads for --all (default: the number of cores); the results do not depend on it')
    .addOption(patchsetOption)
    .addOption(patchOption)
    .addOption(jsonPatchOption)
    .action(async (path: string, options: { cl: string; testStat: string; calc: string; toys: string; measurement?: string; seed?: string; json?: boolean; all?: boolean; workers?: string } & PatchFlags) => {
      const { runUpperLimitCommand } = await import('./upperLimit.run.js');
      await runUpperLimitCommand(path, options);
    });
};
