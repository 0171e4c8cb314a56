/**
 * `zprime-mc`: every layer of the library as a namespace, for those who want one import. Each layer
 * is also its own entry point (`zprime-mc/physics`, `zprime-mc/fit`, …), which is what the README
 * uses.
 *
 * @example
 * import { physics } from 'zprime-mc';
 * physics.MUON_MASS; // 0.1056583755 GeV/c²
 */
export * as detector from './detector.js';
export * as events from './events.js';
export * as fit from './fit.js';
export * as generators from './generators.js';
export * as hist from './hist.js';
export * as physics from './physics.js';
export * as random from './random.js';
export * as runner from './runner.js';
export * as scan from './scan.js';
export * as scenario from './scenario.js';
export * as selection from './selection.js';
