/**
 * Sharded runs on a small scan (the default scenario with hypotheses from 1.5 to 3 GeV and small
 * samples, templates built here in a temporary folder):
 * - whole-scan look-elsewhere toys and toy-based expected limits per second on 1 and 2 worker
 *   threads, and the speed-up from 1 to 2 (floor 1.8×);
 * - the overhead of the same lee run as an 8-task Slurm job array plus its merge job against one
 *   process (when sbatch is there: scripts/start-slurm.sh starts a one-node cluster).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVersion } from '../src/cli/version.js';
import { scenarioDetector } from '../src/runner/scenarioDetector.js';
import { buildTemplates } from '../src/runner/templates/build.js';
import { scenarioTemplates } from '../src/runner/templates/cache.js';
import { leeToysInParallel, toyExpectedInParallel } from '../src/scan/parallel.js';
import { defaultScenarioPath, loadScenario } from '../src/scenario/index.js';
import type { BenchSuite } from './harness.js';

function smallScanScenario(path: string): void {
  const text = readFileSync(defaultScenarioPath(), 'utf8');
  writeFileSync(
    path,
    `${text.slice(0, text.indexOf('\ntemplates:\n'))}
templates:
  minMassGeV: 1.5
  maxMassGeV: 3
  resolutionMassesGeV: [1, 2, 3, 3.5]
  resolutionEventsPerMass: 2000
  signalEventsPerMass: 2000
  backgrounds:
    mumu: { events: 40000 }
    tautau: { events: 20000 }
    eemumu: { events: 20000 }
`,
  );
}

function seconds(since: number): number {
  return (performance.now() - since) / 1e3;
}

function waitForJob(job: string): void {
  for (;;) {
    const r = spawnSync('squeue', ['-h', '-j', job], { encoding: 'utf8' });
    if (r.status !== 0 || r.stdout.trim() === '') return;
    spawnSync('sleep', ['0.2']);
  }
}

export const shardsSuite: BenchSuite = {
  title: 'shards: template build and whole-scan toys on 1 and 2 worker threads, and a Slurm job array against one process',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'zprime-bench-shards-'));
    try {
      const file = join(dir, 'small.yaml');
      smallScanScenario(file);
      const scenario = loadScenario(file);
      let t0 = performance.now();
      const { set } = await scenarioTemplates(scenario, scenarioDetector(scenario), join(dir, 'out'), packageVersion(), { workers: availableParallelism() });
      console.log(`  templates: ${set.grid.massGeV.length} hypotheses (1.5-3 GeV) in ${seconds(t0).toFixed(1)} s`);
      // The template build (the tasks a templates shard runs) on 1 and 2 threads: the same bytes, the time apart.
      const build: number[] = [];
      for (const workers of [1, 2]) {
        t0 = performance.now();
        await buildTemplates(scenario, scenarioDetector(scenario), { workers });
        build.push(seconds(t0));
        console.log(`  templates on ${workers} worker(s): ${build.at(-1)?.toFixed(1)} s`);
      }
      console.log(`  speed-up 1 -> 2 workers: templates ${(build[0] / build[1]).toFixed(2)}x (floor 1.8x), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
      const leeToys = 400;
      const expectedToys = 20;
      const rate: Record<string, number[]> = { lee: [], expected: [] };
      for (const workers of [1, 2]) {
        t0 = performance.now();
        await leeToysInParallel(set, scenario.fit, { toys: leeToys, seed: scenario.seed, c0: 3 }, workers);
        rate.lee.push(leeToys / seconds(t0));
        t0 = performance.now();
        await toyExpectedInParallel(set, scenario.fit, { toys: expectedToys, seed: scenario.seed }, workers);
        rate.expected.push((expectedToys * set.grid.massGeV.length) / seconds(t0));
        console.log(`  ${workers} worker(s): lee ${rate.lee.at(-1)?.toFixed(1)} whole-scan toys/s; expected --toys ${rate.expected.at(-1)?.toFixed(0)} toy limits/s`);
      }
      console.log(`  speed-up 1 -> 2 workers: lee ${(rate.lee[1] / rate.lee[0]).toFixed(2)}x, expected toys ${(rate.expected[1] / rate.expected[0]).toFixed(2)}x (floor 1.8x; the machine's other load counts)`);

      if (spawnSync('sbatch', ['--version']).status !== 0) {
        console.log('  Slurm: sbatch is not installed (scripts/start-slurm.sh): no array benchmark');
        return;
      }
      const out = join(dir, 'out');
      const cli = ['bin/zprime-mc.js', 'lee', '--scenario', file, '--out', out, '--toys', String(leeToys), '--quiet'];
      t0 = performance.now();
      const run = spawnSync(process.execPath, [...cli, '--workers', '1'], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`lee in one process failed: ${run.stderr}`);
      const oneProcess = seconds(t0);
      const single = readFileSync(join(out, 'lee.json'), 'utf8');
      rmSync(join(out, 'shards'), { recursive: true, force: true });
      t0 = performance.now();
      const submitted = spawnSync(process.execPath, ['bin/zprime-mc.js', 'submit', '--slurm', '--array-size', '8', '--json', '--', ...cli.slice(1)], { encoding: 'utf8' });
      if (submitted.status !== 0) throw new Error(`submit failed: ${submitted.stderr}`);
      const jobs = JSON.parse(submitted.stdout) as { merge_job: string };
      waitForJob(jobs.merge_job);
      const array = seconds(t0);
      const same = readFileSync(join(out, 'lee.json'), 'utf8') === single;
      console.log(`  lee --toys ${leeToys}: one process on 1 worker ${oneProcess.toFixed(1)} s; 8-task Slurm array + merge job ${array.toFixed(1)} s (overhead ${(array - oneProcess).toFixed(1)} s on this machine's 2 task slots); merged lee.json ${same ? 'identical' : 'DIFFERENT'}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
