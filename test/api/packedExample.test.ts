import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import normal from '@stdlib/stats-base-dists-normal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The README's TypeScript example, run as a user runs it: the package packed with `npm pack`,
 * installed offline into an empty project, the example type-checked against the installed `.d.ts`
 * files and run with Node. The example is read from the README, so the two cannot drift apart.
 *
 * The installation is offline: the project's lockfile lists the tarball and the package's runtime
 * dependencies at the versions, tarball URLs and integrities of this repository's lockfile, all of
 * which `npm ci` has just put into the npm cache.
 */

const ROOT = resolve(import.meta.dirname, '../..');

interface LockEntry {
  readonly dev?: boolean;
  readonly [key: string]: unknown;
}
interface Lockfile {
  readonly packages: Record<string, LockEntry>;
}

/** The TypeScript block of the README's "From TypeScript" section and the output block after it. */
function readmeExample(): { code: string; output: string } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.indexOf('\n## From TypeScript\n');
  if (section < 0) throw new Error('README.md has no "From TypeScript" section');
  const block = /```ts\n([\s\S]*?)```[\s\S]*?It prints[\s\S]*?```\n([\s\S]*?)```/.exec(readme.slice(section));
  if (block === null) throw new Error('README.md: no ```ts block followed by its printed output in "From TypeScript"');
  return { code: block[1], output: block[2] };
}

/** A lockfile for a project that depends on the tarball only: the repository's non-dev entries. */
function consumerLockfile(tarball: string): string {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
  const self = lock.packages[''];
  const packages: Record<string, unknown> = {
    '': { name: 'example', version: '1.0.0', dependencies: { 'zprime-mc': `file:${tarball}` } },
    'node_modules/zprime-mc': { version: self.version, resolved: `file:${tarball}`, license: self.license, dependencies: self.dependencies, bin: self.bin, engines: self.engines },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && entry.dev !== true) packages[path] = entry;
  return JSON.stringify({ name: 'example', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 1);
}

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function numberAfter(text: string, label: RegExp): number {
  const match = label.exec(text);
  if (match === null) throw new Error(`example output has no ${label}: ${text}`);
  return Number(match[1]);
}

describe('the README example, from the packed package', () => {
  let dir = '';
  let output = '';

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/src/api/index.d.ts'))) throw new Error('dist/ is not built: run npm run build (npm test does) before this test');
    dir = mkdtempSync(join(tmpdir(), 'zprime-mc-example-'));
    // --ignore-scripts: pack the dist/ that `npm test` has just compiled, without compiling again.
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT)) as { filename: string; files: { path: string }[] }[];
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'example', version: '1.0.0', private: true, type: 'module', dependencies: { 'zprime-mc': `file:${packed.filename}` } }));
    writeFileSync(join(dir, 'package-lock.json'), consumerLockfile(packed.filename));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund'], dir);
    writeFileSync(join(dir, 'example.ts'), readmeExample().code);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules/@types')],
          outDir: 'out',
        },
        files: ['example.ts'],
      }),
    );
    // Type-checks the example against the installed declarations (and the declarations themselves).
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], dir);
    output = run(process.execPath, ['out/example.js'], dir);
  }, 300_000);

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('ships the compiled library, its declarations and the scenarios, not the tests or benchmarks', () => {
    const installed = join(dir, 'node_modules/zprime-mc');
    for (const entry of ['physics', 'random', 'events', 'hist', 'scenario', 'generators', 'detector', 'selection', 'fit', 'scan', 'runner']) {
      expect(existsSync(join(installed, `dist/src/api/${entry}.d.ts`)), entry).toBe(true);
    }
    expect(existsSync(join(installed, 'scenarios/belle2-2023.yaml'))).toBe(true);
    expect(existsSync(join(installed, 'dist/test'))).toBe(false);
    expect(existsSync(join(installed, 'dist/bench'))).toBe(false);
  });

  it('prints what the README says it prints', () => {
    expect(output).toBe(readmeExample().output);
  });

  it('prints the 90% CL limit that the closed form of the Asimov counting experiment gives', () => {
    const s = numberAfter(output, /s = ([0-9.e+-]+) events\/fb/);
    const b = numberAfter(output, /b = ([0-9.e+-]+) events/);
    const limit = numberAfter(output, /< ([0-9.e+-]+) fb at 90% CL/);
    // One Poisson bin, n = b observed (the Asimov background-only data, μ̂ = 0): q̃_μ = 2[μs − b ln(1 + μs/b)]
    // (Cowan et al., Eur. Phys. J. C 71, 1554 (2011), eq. (16)); CLb = Φ(0) = 1/2, so CLs = 2Φ(−√q̃_μ) = 0.10
    // at √q̃_μ = Φ⁻¹(0.95). Solved here by bisection, independently of src/fit.
    const target = normal.quantile(0.95, 0, 1) ** 2;
    const q = (mu: number) => 2 * (mu * s - b * Math.log1p((mu * s) / b));
    let lo = 0;
    let hi = 1000;
    for (let i = 0; i < 200; i++) {
      const mid = 0.5 * (lo + hi);
      if (q(mid) > target) hi = mid;
      else lo = mid;
    }
    // s, b and the limit are printed to 8 digits; the fit's own tolerance is 1e-6.
    expect(Math.abs(limit / lo - 1)).toBeLessThan(2e-6);
    // Roughly 1.645·√b/s, the Gaussian limit of the same formula.
    expect(Math.abs(limit / ((1.6448536 * Math.sqrt(b)) / s) - 1)).toBeLessThan(0.01);
  });

  it('prints σ(μμ(γ)) within its error of the value measured with this seed, and within 1% of KKMC', () => {
    const sigma = numberAfter(output, /sigma\(mumu\(gamma\)\) = ([0-9.]+) \+- /);
    const error = numberAfter(output, /sigma\(mumu\(gamma\)\) = [0-9.]+ \+- ([0-9.]+) pb/);
    // The Monte Carlo error of 100 000 events and the warm-up: 0.04%.
    expect(error / sigma).toBeLessThan(5e-4);
    // Pinned: 1139.62 ± 0.44 pb with the default scenario's seed (the README shows the output).
    expect(Math.abs(sigma - 1139.62)).toBeLessThan(error);
    // KKMC gives 1.148 nb (Belle II Physics Book, PTEP 2019, 123C01, arXiv:1808.10567, cross-section table).
    // The 0.7% between them lies in the radiative-correction models: KKMC exponentiates ISR and FSR with
    // their interference (CEEX, KeyINT = 2 in basf2's generators/kkmc/data/mu.input.dat); this generator
    // has ISR structure functions and a separate FSR, without the interference.
    expect(Math.abs(sigma / 1148 - 1)).toBeLessThan(0.01);
  });
});
