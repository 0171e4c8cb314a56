import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// What the compiled command (bin/zprime-mc.js runs dist/, which `npm test` builds first) loads, as
// Node's module hooks see it (test/cli/loads/record.mjs): the help and the version come from the
// commands' definitions alone, the library (generators, detector, fits, runner) only when a
// command runs. The start-up time itself is measured in bench/startup.bench.ts.

const root = pathToFileURL(`${process.cwd()}/`).href;
const folder = mkdtempSync(join(tmpdir(), 'zprime-mc-loads-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let runs = 0;
/** The package files (paths from the package root) and built-ins that `zprime-mc argv…` loads, and its exit code. */
function loads(...argv: string[]): { code: number | null; files: string[]; builtins: string[] } {
  const log = join(folder, `loads-${runs++}.txt`);
  const child = spawnSync(process.execPath, ['--import', './test/cli/loads/record.mjs', 'bin/zprime-mc.js', ...argv], {
    env: { ...process.env, ZPRIME_MC_LOAD_LOG: log },
    encoding: 'utf8',
  });
  const urls = [...new Set(readFileSync(log, 'utf8').split('\n').filter((u) => u !== ''))];
  return {
    code: child.status,
    files: urls.filter((u) => u.startsWith(root)).map((u) => u.slice(root.length)),
    builtins: urls.filter((u) => u.startsWith('node:')),
  };
}

/** What the help path may load: the entry point, the commands' definitions (not their `.run.js` work), commander and two constant modules. */
function allowedOnHelpPath(file: string): boolean {
  if (file === 'bin/zprime-mc.js' || file.startsWith('node_modules/commander/')) return true;
  if (file === 'dist/src/physics/constants.js' || file === 'dist/src/report/recoEventsFormat.js') return true;
  return file.startsWith('dist/src/cli/') && !file.endsWith('.run.js');
}

const HEAVY = ['dist/generators/', 'dist/detector/', 'dist/src/fit/', 'dist/src/runner/', 'dist/src/scan/', 'dist/src/scenario/', 'dist/src/selection/'];

const COMMANDS = ['summary', 'beam', 'generate', 'xsec', 'simulate', 'resolution', 'train', 'templates', 'expected', 'observe', 'lee', 'merge', 'submit', 'status', 'report', 'export-workspace', 'hypotest', 'upper-limit', 'fit', 'inspect'];

describe('zprime-mc start-up', () => {
  it('--version, --help, an unknown command and every sub-command\'s --help load no library module', () => {
    for (const argv of [['--version'], ['--help'], ['bogus'], ...COMMANDS.map((c) => [c, '--help'])]) {
      const { code, files } = loads(...argv);
      expect(code, argv.join(' ')).toBe(argv[0] === 'bogus' ? 2 : 0);
      expect(files, argv.join(' ')).toContain('dist/src/cli/main.js');
      expect(files.filter((f) => HEAVY.some((h) => f.startsWith(h))), argv.join(' ')).toEqual([]);
      expect(files.filter((f) => !allowedOnHelpPath(f)), argv.join(' ')).toEqual([]);
    }
  });

  it('a command that runs loads its work: fit loads the fit library before it names the missing file', () => {
    const { code, files } = loads('fit', join(folder, 'no-such-workspace.json'));
    expect(code).toBe(2);
    expect(files).toContain('dist/src/cli/commands/fit.run.js');
    expect(files.some((f) => f.startsWith('dist/src/fit/'))).toBe(true);
  });

  it('the run without a sub-command loads the scan when it starts', () => {
    // A bad --workers is refused once the default run has loaded the scenario (exit 2, nothing built).
    const { code, files } = loads('--workers', '0', '--out', join(folder, 'out'));
    expect(code).toBe(2);
    expect(files).toContain('dist/src/cli/commands/defaultRun.run.js');
    expect(files.some((f) => f.startsWith('dist/src/scenario/'))).toBe(true);
  });
});
