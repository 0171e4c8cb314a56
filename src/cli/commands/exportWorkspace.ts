import type { Command } from 'commander';
import type { RegisterCommand } from './index.js';
import type { ExportFlags } from './exportWorkspace.run.js';
import { withTemplateOptions } from './templates.js';

/** `zprime-mc export-workspace`: the definition; the work is in exportWorkspace.run.ts, loaded when the command runs. */

export const registerExportWorkspace: RegisterCommand = (program: Command) => {
  withTemplateOptions(program.command('export-workspace'))
    .description('the pyhf JSON workspace of the search window of one mass hypothesis (POI: sigma x B in fb), as the scan fits it')
    .option('--mass <GeV>', "Z' mass; the nearest hypothesis of the scan is taken")
    .option('--file <path>', 'workspace file (default <out>/workspace_M<mass>GeV.json)')
    .option('--json', 'print the file, mass and hypothesis as JSON')
    .action(async (flags: ExportFlags) => {
      const { runExportWorkspaceCommand } = await import('./exportWorkspace.run.js');
      await runExportWorkspaceCommand(flags);
    });
};
