/**
 * `zprime-mc/detector`: the parametric Belle II detector, a list of stages (beam spot, tracking in
 * the 1.5 T solenoid, ECL clusters, muon and electron ID, trigger) configured by a scenario's
 * `detector` section. `detector.reconstruct(truth, seed, batchIndex)` turns a truth batch into a
 * `RecoBatch` and reports what each stage kept.
 *
 * @example
 * import { scenarioDetector } from 'zprime-mc/detector';
 * const detector = scenarioDetector(scenario); // the scenario's stages, beams and data-taking periods
 */
export * from '../../detector/index.js';
export { scenarioDetector } from '../runner/scenarioDetector.js';
