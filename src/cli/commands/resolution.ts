import type { Command } from 'commander';
import { SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../optionHelp.js';
import type { RegisterCommand } from './index.js';
import type { ResolutionFlags } from './resolution.run.js';

/** `zprime-mc resolution`: the definition; the work is in resolution.run.ts, loaded when the command runs. */

export const registerResolution: RegisterCommand = (program: Command) => {
  program
    .command('resolution')
    .description("the signal M2recoil resolution curve of the scenario's detector: {points: [{mass_GeV, m2_GeV2, sigma_m2_GeV2}, ...]}")
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--events <n>', 'signal events per mass (default 20000)')
    .option('--masses <list>', "comma-separated Z' masses in GeV (default: 0.25 to sqrt(80))")
    .option('--beam-spread <on|off>', "beam-energy spread in the signal events, so in the resolution (default: the scenario's generators.signal.beamEnergySpread, off as in the paper)")
    .option('--isr <on|off>', 'initial-state radiation in the generated events (default on)')
    .option('--out <file>', 'write the curve as JSON to this file (the mass scan reads it), atomically')
    .option('--json', 'print the curve as JSON to stdout')
    .action(async (flags: ResolutionFlags) => {
      const { runResolutionCommand } = await import('./resolution.run.js');
      runResolutionCommand(flags);
    });
};
