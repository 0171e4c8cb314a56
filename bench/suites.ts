import { coreSuite } from './core.bench.js';
import { detectorSuite } from './detector.bench.js';
import { eemumuBiasSuite } from './eemumuBias.bench.js';
import { fitSuite } from './fit.bench.js';
import type { BenchSuite } from './harness.js';
import { histSuite } from './hist.bench.js';
import { scanSuite } from './scan.bench.js';
import { shardsSuite } from './shards.bench.js';
import { signalSuite } from './signal.bench.js';
import { startupSuite } from './startup.bench.js';
import { tautauEemumuSuite } from './backgrounds-tautau-eemumu.bench.js';
import { mumuEeSuite } from './backgrounds-mumu-ee.bench.js';
import { pipiEeeeSuite } from './backgrounds-pipi-eeee.bench.js';
import { punziNetSuite } from './punziNet.bench.js';
import { templatesSuite } from './templates.bench.js';
import { templateBiasSuite } from './templateBias.bench.js';

/** Every benchmark suite, one per area of the data flow. */
export const suites: readonly BenchSuite[] = [startupSuite, coreSuite, histSuite, detectorSuite, fitSuite, signalSuite, tautauEemumuSuite, mumuEeSuite, pipiEeeeSuite, templateBiasSuite, eemumuBiasSuite, punziNetSuite, templatesSuite, scanSuite, shardsSuite];
