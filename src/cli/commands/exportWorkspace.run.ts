import { join } from 'node:path';
import { writeWorkspace } from '../../fit/index.js';
import { writeAtomically } from '../../report/writeAtomically.js';
import { nearestHypothesis, scanWorkspace } from '../../scan/expected.js';
import { InputError } from '../errors.js';
import { parseNumber } from '../flags.js';
import { obtainScanTemplates, type TemplatesFlags } from './templates.run.js';

/**
 * `zprime-mc export-workspace --mass M`: the pyhf JSON workspace of the search window that the scan
 * fits for the hypothesis nearest to M, its POI `mu` being σ·B(Z′ → invisible) in fb, so that
 * `pyhf upper-limit` (or ours) on it gives the scan's limit.
 */

export interface ExportFlags extends TemplatesFlags {
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
