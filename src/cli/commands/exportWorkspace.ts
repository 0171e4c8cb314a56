import { join } from 'node:path';
import type { Command } from 'commander';
import { writeWorkspace } from '../../fit/index.js';
import { writeAtomically } from '../../report/writeAtomically.js';
import { nearestHypothesis, scanWorkspace } from '../../scan/expected.js';
import { InputError } from '../errors.js';
import { parseNumber } from '../flags.js';
import type { RegisterCommand } from './index.js';
import { obtainScanTemplates, type TemplatesFlags, withTemplateOptions } from './templates.js';

/**
 * `zprime-mc export-workspace --mass M`: the pyhf JSON workspace of the search window that the scan
 * fits for the hypothesis nearest to M, its POI `mu` being σ·B(Z′ → invisible) in fb, so that
 * `pyhf upper-limit` (or ours) on it gives the scan's limit.
 */

interface ExportFlags extends TemplatesFlags {
  mass?: string;
  file?: string;
}

export async function runExportWorkspaceCommand(flags: ExportFlags): Promise<void> {
  if (flags.mass === undefined) throw new InputError('--mass is required: the Z′ mass in GeV/c² of the window to export');
  const massGeV = parseNumber('--mass', flags.mass, 'a mass in GeV/c2 > 0', (v) => v > 0);
  const { scenario, folder, set } = await obtainScanTemplates(flags);
  const { massGeV: masses } = set.grid;
  if (massGeV < masses[0] * 0.5 || massGeV > masses[masses.length - 1] * 1.01) {
    throw new InputError(`--mass ${flags.mass} is not allowed: the scan's hypotheses run from ${masses[0]} to ${masses[masses.length - 1].toFixed(4)} GeV/c2`);
  }
  const k = nearestHypothesis(set, massGeV);
  const workspace = scanWorkspace(set, k, scenario.fit);
  const file = flags.file ?? join(folder, `workspace_M${masses[k].toFixed(4)}GeV.json`);
  writeAtomically(file, writeWorkspace(workspace));
  process.stdout.write(flags.json === true ? `${JSON.stringify({ file, mass_GeV: masses[k], hypothesis: k })}\n` : `wrote ${file} (hypothesis ${k}: M = ${masses[k].toFixed(4)} GeV/c2; POI mu = sigma x B(Z' -> invisible) in fb)\n`);
}

export const registerExportWorkspace: RegisterCommand = (program: Command) => {
  withTemplateOptions(program.command('export-workspace'))
    .description('the pyhf JSON workspace of the search window of one mass hypothesis (POI: sigma x B in fb), as the scan fits it')
    .option('--mass <GeV>', "Z' mass; the nearest hypothesis of the scan is taken")
    .option('--file <path>', 'workspace file (default <out>/workspace_M<mass>GeV.json)')
    .option('--json', 'print the file, mass and hypothesis as JSON')
    .action(async (flags: ExportFlags) => {
      await runExportWorkspaceCommand(flags);
    });
};
