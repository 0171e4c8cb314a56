/**
 * The mass scan on the default scenario's templates (written by `zprime-mc templates`):
 * - asymptotic expected limits of every hypothesis, the wall time of `zprime-mc expected` with the
 *   templates cached (floor: 30 s on 2 cores);
 * - toy-based expected limits, toys per second on 1 and 2 worker threads (floor: 1000 toys per
 *   hypothesis in 20 min on 2 cores);
 * - look-elsewhere toys of the whole scan on 1 and 2 worker threads (floor: 1000 in 10 min; 1.8×
 *   from 1 to 2 workers).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTemplateFile } from '../src/runner/templates/file.js';
import { expectedLimits } from '../src/scan/expected.js';
import { leeToysInParallel, toyExpectedInParallel } from '../src/scan/parallel.js';
import { defaultScenarioPath, loadScenario } from '../src/scenario/index.js';
import type { BenchSuite } from './harness.js';

export const scanSuite: BenchSuite = {
  title: 'scan: asymptotic expected limits of every hypothesis of the default templates',
  async run() {
    const scenario = loadScenario(defaultScenarioPath());
    const path = join('zprime-mc-out', scenario.name, 'templates.json');
    if (!existsSync(path)) {
      console.log(`  ${path} is missing: run \`npx zprime-mc templates\` first`);
      return;
    }
    const { set } = readTemplateFile(path);
    const start = performance.now();
    const { points } = expectedLimits(set, scenario.fit);
    const seconds = (performance.now() - start) / 1e3;
    const bins = points.reduce((a, p) => a + p.thetaBins * set.grid.windowBins, 0) / points.length;
    console.log(`  ${points.length} hypotheses in ${seconds.toFixed(2)} s on one core (${((seconds / points.length) * 1e3).toFixed(2)} ms each, ${bins.toFixed(0)} cells per window on average)`);

    const toysPerHypothesis = 20;
    const leeToys = 40;
    for (const workers of [1, 2]) {
      let t0 = performance.now();
      await toyExpectedInParallel(set, scenario.fit, { toys: toysPerHypothesis, seed: scenario.seed }, workers);
      const expectedSeconds = (performance.now() - t0) / 1e3;
      const perToy = expectedSeconds / (toysPerHypothesis * points.length);
      console.log(`  expected --toys ${toysPerHypothesis} on ${workers} worker(s): ${expectedSeconds.toFixed(1)} s, ${(1 / perToy).toFixed(0)} toy limits/s; 1000 toys per hypothesis would take ${((perToy * 1000 * points.length) / 60).toFixed(1)} min`);
      t0 = performance.now();
      await leeToysInParallel(set, scenario.fit, { toys: leeToys, seed: scenario.seed, c0: 3 }, workers);
      const leeSeconds = (performance.now() - t0) / 1e3;
      console.log(`  lee --toys ${leeToys} on ${workers} worker(s): ${leeSeconds.toFixed(1)} s, ${((leeSeconds / leeToys) * 1e3).toFixed(0)} ms per whole-scan toy; 1000 toys would take ${((leeSeconds / leeToys) * 1000 / 60).toFixed(1)} min`);
    }
  },
};
