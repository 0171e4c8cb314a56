import type { Command } from 'commander';
import { SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../optionHelp.js';
import type { RegisterCommand } from './index.js';

/** `zprime-mc beam`: the definition; the work is in beam.run.ts, loaded when the command runs. */

export const registerBeam: RegisterCommand = (program: Command) => {
  program
    .command('beam')
    .description('beam energies, crossing angle, sqrt(s) and the c.m. boost of a scenario')
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--json', 'print the results as JSON to stdout')
    .action(async (options: { scenario?: string; seed?: string; json?: boolean }) => {
      const { runBeamCommand } = await import('./beam.run.js');
      runBeamCommand(options);
    });
};
