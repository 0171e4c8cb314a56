import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Detector } from '../../../detector/index.js';
import { writeAtomically } from '../../report/writeAtomically.js';
import type { Scenario } from '../../scenario/index.js';
import { type BuildOptions, buildTemplates, type TemplateSet } from './build.js';
import { formatTemplateFile, readTemplateFile, templateKey, TemplateFileError } from './file.js';

/** File name of the templates inside an output folder. */
export const TEMPLATE_FILE = 'templates.json';

export interface CachedTemplates {
  readonly set: TemplateSet;
  readonly path: string;
  readonly key: string;
  /** True when an existing file with the same key was read instead of building. */
  readonly reused: boolean;
}

/**
 * The templates of a scenario in `folder`: read from `templates.json` when its key (a hash of every
 * input, see `templateKey`) matches, otherwise built and written atomically. A file that cannot be
 * read as templates is rebuilt, never used.
 */
export async function scenarioTemplates(scenario: Scenario, detector: Detector, folder: string, codeVersion: string, options: BuildOptions): Promise<CachedTemplates> {
  const path = join(folder, TEMPLATE_FILE);
  const key = templateKey(scenario, codeVersion, options.network?.hash ?? null);
  if (existsSync(path)) {
    try {
      const file = readTemplateFile(path);
      if (file.key === key) return { set: file.set, path, key, reused: true };
    } catch (error) {
      if (!(error instanceof TemplateFileError)) throw error;
    }
  }
  const set = await buildTemplates(scenario, detector, options);
  mkdirSync(folder, { recursive: true });
  writeAtomically(path, formatTemplateFile(set, key, codeVersion));
  return { set, path, key, reused: false };
}
