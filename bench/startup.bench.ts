import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BenchSuite, formatDuration } from './harness.js';

/** bin/zprime-mc.js: one level up from bench/, two from dist/bench/ (as `npm run bench` runs it). */
function entry(): string {
  const url = [new URL('../bin/zprime-mc.js', import.meta.url), new URL('../../bin/zprime-mc.js', import.meta.url)].find((u) => existsSync(u));
  if (url === undefined) throw new Error('startup bench: bin/zprime-mc.js not found beside the package');
  return fileURLToPath(url);
}

/** Wall-clock seconds of `node argv…` to exit, best and median of `runs`. */
function timeProcess(argv: readonly string[], runs: number): { best: number; median: number } {
  const seconds: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const child = spawnSync(process.execPath, argv, { stdio: 'ignore' });
    seconds.push((performance.now() - start) / 1000);
    if (child.status !== 0) throw new Error(`startup bench: node ${argv.join(' ')} exited with ${child.status}`);
  }
  seconds.sort((a, b) => a - b);
  return { best: seconds[0], median: seconds[Math.floor(seconds.length / 2)] };
}

const FLOOR_SECONDS = 0.15;

/**
 * Start-up of the command on the paths that only define it (--version, --help, a sub-command's
 * --help), beside a bare `node -e 0` (the machine's floor); floor 150 ms for the best of the runs,
 * which holds while the sub-commands load their work only when they run (src/cli/commands/index.ts).
 */
export const startupSuite: BenchSuite = {
  title: 'startup: zprime-mc --version / --help (process start to exit)',
  run() {
    const runs = 9;
    const bin = entry();
    const line = (name: string, t: { best: number; median: number }, floor: boolean) => {
      const status = floor ? (t.best <= FLOOR_SECONDS ? '  (floor 150 ms: ok)' : '  (floor 150 ms: ABOVE)') : '';
      console.log(`  ${name.padEnd(48)} best ${formatDuration(t.best).padStart(10)}  median ${formatDuration(t.median).padStart(10)}${status}`);
    };
    line('node -e 0 (bare Node.js)', timeProcess(['-e', '0'], runs), false);
    for (const argv of [['--version'], ['--help'], ['simulate', '--help'], ['upper-limit', '--help']]) {
      line(`zprime-mc ${argv.join(' ')}`, timeProcess([bin, ...argv], runs), true);
    }
  },
};
