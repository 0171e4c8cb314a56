/**
 * `npm run bench`: runs every benchmark suite, or those whose title contains an argument
 * (`npm run bench -- fit`).
 */
import type { BenchSuite } from './harness.js';
import { suites } from './suites.js';

const filters = process.argv.slice(2).map((a) => a.toLowerCase());
const selected: BenchSuite[] = suites.filter((s) => filters.length === 0 || filters.some((f) => s.title.toLowerCase().includes(f)));
for (const suite of selected) {
  console.log(`\n${suite.title}`);
  await suite.run();
}
