import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled script of a worker thread: `relative` beside the calling module when it runs from
 * dist/, or the same file under dist/ when it runs from its TypeScript source (tests), since a worker
 * thread cannot load TypeScript.
 *
 * @param callerUrl - `import.meta.url` of the calling module
 * @param relative - the worker's path relative to the caller, e.g. `./worker.js`
 * @param fromSource - the worker's path in dist/ relative to the caller's source file
 */
export function compiledWorkerScript(callerUrl: string, relative: string, fromSource: string, what: string): URL {
  const here = new URL(relative, callerUrl);
  if (existsSync(fileURLToPath(here))) return here;
  const compiled = new URL(fromSource, callerUrl);
  if (existsSync(fileURLToPath(compiled))) return compiled;
  throw new Error(`${what}: the worker thread needs the compiled sources (npm run build)`);
}
