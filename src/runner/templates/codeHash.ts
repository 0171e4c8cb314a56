/**
 * A hash of the code the templates come from: the generators, the detector, the selection and the
 * template builder with what they import. It enters the templates' cache key beside the package
 * version, so that a changed generator or detector stage rebuilds the templates instead of reusing
 * ones it no longer makes. In a checkout it hashes the TypeScript sources, so the tests (which run
 * them) and the command (which runs dist/) agree; an installed package, which ships dist/ only,
 * hashes its JavaScript.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATE_CODE_FOLDERS = ['generators', 'detector', 'src/physics', 'src/random', 'src/events', 'src/hist', 'src/scenario', 'src/selection', 'src/runner/templates'];

function sourceFiles(folder: string, extension: '.ts' | '.js'): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return sourceFiles(path, extension);
      return entry.name.endsWith(extension) && !entry.name.endsWith('.d.ts') ? [path] : [];
    })
    .sort();
}

/**
 * SHA-256 (hex) of the paths and contents of the template code in the package at `root`: its
 * TypeScript sources, or the JavaScript under `dist/` where there are none. The same for the same
 * sources on any machine.
 */
export function hashTemplateCode(root: string): string {
  let files = TEMPLATE_CODE_FOLDERS.flatMap((folder) => sourceFiles(join(root, folder), '.ts'));
  let base = root;
  if (files.length === 0) {
    base = join(root, 'dist');
    files = TEMPLATE_CODE_FOLDERS.flatMap((folder) => sourceFiles(join(base, folder), '.js'));
  }
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${relative(base, file).split(sep).join('/')}\n`).update(readFileSync(file)).update('\n');
  return hash.digest('hex');
}

let cached: string | undefined;

/** {@link hashTemplateCode} of this package (computed once): the folder of package.json, three levels up from src/runner/templates, four from dist/src/runner/templates. */
export function templateCodeHash(): string {
  if (cached === undefined) {
    const root = [new URL('../../../', import.meta.url), new URL('../../../../', import.meta.url)].map((u) => fileURLToPath(u)).find((r) => existsSync(join(r, 'package.json')));
    cached = root === undefined ? 'unknown' : hashTemplateCode(root);
  }
  return cached;
}
