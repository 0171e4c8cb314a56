import type { Command } from 'commander';
import type { RegisterCommand } from './index.js';
import type { ReportFlags } from './report.run.js';

/** `zprime-mc report`: the definition; the work is in report.run.ts, loaded when the command runs. */

export const registerReport: RegisterCommand = (program: Command) => {
  program
    .command('report')
    .description('SVG plots, one self-contained HTML page and the HEPData YAML of the limit tables, redrawn from the results saved in a folder')
    .option('--in <dir>', 'folder of results: expected.json, and observed.json, lee.json, templates.json when there')
    .option('--out <file>', 'the HTML page (default <dir>/report.html); the plots go to <dir>/plots/')
    .option('--json', 'print the files written as JSON to stdout')
    .addHelpText('after', '\nExample:\n  $ zprime-mc report --in zprime-mc-out/belle2-2023')
    .action(async (flags: ReportFlags) => {
      const { runReportCommand } = await import('./report.run.js');
      await runReportCommand(flags);
    });
};
