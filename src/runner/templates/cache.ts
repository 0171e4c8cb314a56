import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Detector } from '../../../detector/index.js';
import { writeAtomically } from '../../report/writeAtomically.js';
import type { Scenario } from '../../scenario/index.js';
import { type BuildOptions, buildTemplates, type TemplateSet } from './build.js';
import { formatTemplateFile, readTemplateFile, TemplateChecksumError, templateKey, TemplateFileError } from './file.js';

/** File name of the templates inside an output folder. */
export const TEMPLATE_FILE = 'templates.json';

export interface CachedTemplates {
  readonly set: TemplateSet;
  readonly path: string;
  readonly key: string;
  /** True when an existing file with the same key was read instead of building. */
  readonly reused: boolean;
}

/** The templates in `path` if the file is there, readable and has `key`; null otherwise. */
function readIfKey(path: string, key: string): TemplateSet | null {
  if (!existsSync(path)) return null;
  try {
    const file = readTemplateFile(path);
    return file.key === key ? file.set : null;
  } catch (error) {
    if (!(error instanceof TemplateFileError) || error instanceof TemplateChecksumError) throw error;
    return null;
  }
}

/**
 * The templates of a scenario in `folder`: read from `templates.json` when its key (a hash of every
 * input, see `templateKey`) matches, else from the first of `alsoLookIn` whose file matches, otherwise
 * built and written atomically. A file that cannot be read as templates is rebuilt, never used; one
 * whose content does not match its checksum is an error naming it (a TemplateChecksumError).
 */
export async function scenarioTemplates(scenario: Scenario, detector: Detector, folder: string, codeVersion: string, options: BuildOptions & { readonly alsoLookIn?: readonly string[] }): Promise<CachedTemplates> {
  const path = join(folder, TEMPLATE_FILE);
  const key = templateKey(scenario, codeVersion, options.network?.hash ?? null);
  for (const candidate of [path, ...(options.alsoLookIn ?? []).map((dir) => join(dir, TEMPLATE_FILE))]) {
    const set = readIfKey(candidate, key);
    if (set !== null) return { set, path: candidate, key, reused: true };
  }
  const set = await buildTemplates(scenario, detector, options);
  mkdirSync(folder, { recursive: true });
  writeAtomically(path, formatTemplateFile(set, key, codeVersion));
  return { set, path, key, reused: false };
}
