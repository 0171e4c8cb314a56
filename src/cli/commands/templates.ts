import type { Command } from 'commander';
import { SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../optionHelp.js';
import { withShardOptions } from '../shardOptions.js';
import type { RegisterCommand } from './index.js';
import type { TemplatesCommandFlags } from './templates.run.js';

/** `zprime-mc templates`: the definition; the work is in templates.run.ts, loaded when the command runs. */

/** The options of every command that reads the cached templates (and builds them when missing). */
export function withTemplateOptions(command: Command): Command {
  return command
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--out <dir>', 'folder holding the cached templates and the results (default zprime-mc-out/<scenario name>)')
    .option('--workers <n>', 'worker threads for building the templates and running toys (default: the number of cores); results do not depend on it');
}

export const registerTemplates: RegisterCommand = (program: Command) => {
  withShardOptions(program.command('templates'))
    .description('all backgrounds and signal mass hypotheses through detector and selection into (M2recoil, theta_recoil c.m.) templates; reused while their inputs are unchanged')
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--out <dir>', 'output folder (default zprime-mc-out/<scenario name>)')
    .option('--workers <n>', 'worker threads (default: the number of cores); the templates do not depend on it')
    .option('--quiet', 'no progress bars')
    .option('--json', 'print the summary as JSON to stdout')
    .action(async (flags: TemplatesCommandFlags) => {
      const { runTemplatesCommand } = await import('./templates.run.js');
      await runTemplatesCommand(flags);
    });
};
