import { coreSuite } from './core.bench.js';
import type { BenchSuite } from './harness.js';

/** Every benchmark suite, one per area of the data flow. */
export const suites: readonly BenchSuite[] = [coreSuite];
