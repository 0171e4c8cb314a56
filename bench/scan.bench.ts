/**
 * The mass scan: asymptotic expected limits (σ and g′ bands) of every hypothesis of the default
 * scenario's templates, the wall time of `zprime-mc expected` with the templates cached (the floor:
 * 30 s on 2 cores, issue "mass scan"). Reads the templates that `zprime-mc templates` wrote.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTemplateFile } from '../src/runner/templates/file.js';
import { expectedLimits } from '../src/scan/expected.js';
import { defaultScenarioPath, loadScenario } from '../src/scenario/index.js';
import type { BenchSuite } from './harness.js';

export const scanSuite: BenchSuite = {
  title: 'scan: asymptotic expected limits of every hypothesis of the default templates',
  run() {
    const scenario = loadScenario(defaultScenarioPath());
    const path = join('zprime-mc-out', scenario.name, 'templates.json');
    if (!existsSync(path)) {
      console.log(`  ${path} is missing: run \`npx zprime-mc templates\` first`);
      return;
    }
    const { set } = readTemplateFile(path);
    const start = performance.now();
    const points = expectedLimits(set, scenario.fit);
    const seconds = (performance.now() - start) / 1e3;
    const bins = points.reduce((a, p) => a + p.thetaBins * set.grid.windowBins, 0) / points.length;
    console.log(`  ${points.length} hypotheses in ${seconds.toFixed(2)} s on one core (${((seconds / points.length) * 1e3).toFixed(2)} ms each, ${bins.toFixed(0)} cells per window on average)`);
  },
};
