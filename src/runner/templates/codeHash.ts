/**
 * A hash of the code the templates come from: the generators, the detector, the selection and the
 * template builder with what they import. It enters the templates' cache key beside the package
 * version, so that a changed generator or detector stage rebuilds the templates instead of reusing
 * ones it no longer makes. The tests run the TypeScript sources and the command the compiled
 * JavaScript; each hashes its own files (three levels up from src/runner/templates is the repository
 * or the dist folder).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATE_CODE_FOLDERS = ['generators', 'detector', 'src/physics', 'src/random', 'src/events', 'src/hist', 'src/scenario', 'src/selection', 'src/runner/templates'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
    })
    .sort();
}

/** SHA-256 (hex) of the paths and contents of the template code under `root`; the same for the same sources on any machine. */
export function hashTemplateCode(root: string): string {
  const hash = createHash('sha256');
  for (const folder of TEMPLATE_CODE_FOLDERS) {
    const path = join(root, folder);
    if (!existsSync(path)) continue;
    for (const file of sourceFiles(path)) hash.update(`${relative(root, file).split(sep).join('/')}\n`).update(readFileSync(file)).update('\n');
  }
  return hash.digest('hex');
}

let cached: string | undefined;

/** {@link hashTemplateCode} of this installation (computed once). */
export function templateCodeHash(): string {
  cached ??= hashTemplateCode(fileURLToPath(new URL('../../../', import.meta.url)));
  return cached;
}
