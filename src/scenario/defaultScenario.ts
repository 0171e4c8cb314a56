import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** File name of the default scenario, in the package's `scenarios/` folder. */
export const DEFAULT_SCENARIO_FILE = 'belle2-2023.yaml';

/**
 * Absolute path of the default scenario shipped with the package (`scenarios/belle2-2023.yaml`),
 * found by walking up from this module to the folder that holds `scenarios/` (this works from the
 * TypeScript sources and from the compiled `dist/`).
 */
export function defaultScenarioPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'scenarios', DEFAULT_SCENARIO_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`the default scenario scenarios/${DEFAULT_SCENARIO_FILE} is missing from the installation`);
    dir = parent;
  }
}
