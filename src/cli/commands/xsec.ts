import type { Command } from 'commander';
import { SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../optionHelp.js';
import type { RegisterCommand } from './index.js';
import type { XsecFlags } from './xsec.run.js';

/** `zprime-mc xsec`: the definition; the work is in xsec.run.ts, loaded when the command runs. */

export const registerXsec: RegisterCommand = (program: Command) => {
  program
    .command('xsec')
    .description("signal cross section sigma(M_Z'; g' = 1) with its Monte Carlo error on a mass grid")
    .option('--process <name>', 'process (only signal)', 'signal')
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--masses <list>', "Z' masses in GeV, comma-separated (default: the scenario's generators.signal.xsec grid)")
    .option('--grid <from:to:points[:log|linear]>', "regular mass grid in GeV, e.g. 0.01:9:40:log")
    .option('--events <n>', 'Monte Carlo trials per mass after the warm-up (default: generators.signal.xsec.trialsPerMass)')
    .option('--isr <on|off>', 'initial-state radiation (default on)')
    .option('--alpha-em <x>', 'photon coupling alpha(0) of the hard process (default 1/137.036; MadGraph uses a fixed 1/127.9 = 0.0078186: add --running-alpha off)')
    .option('--running-alpha <on|off>', "the hard process's alpha runs to the virtual photon's q2 = s' (default: generators.signal.vacuumPolarization, on)")
    .option('--width-ratio <r>', "Z' width over mass (0: narrow; 0.1: the paper's wide benchmark)")
    .option('--json', 'print the table as JSON to stdout')
    .option('--out <file>', 'also write the JSON table to this file')
    .action(async (flags: XsecFlags) => {
      const { runXsecCommand } = await import('./xsec.run.js');
      runXsecCommand(flags);
    });
};
