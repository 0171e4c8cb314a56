/**
 * `zprime-mc/scenario`: loading and validating a scenario file (YAML or JSON). A loaded
 * {@link Scenario} is in the library's units (GeV, cm, rad, fractions, fb⁻¹); a bad field throws a
 * {@link ScenarioError} whose one-line message names the file, the field and what is allowed.
 *
 * @example
 * import { defaultScenarioPath, loadScenario } from 'zprime-mc/scenario';
 * const scenario = loadScenario(defaultScenarioPath()); // scenarios/belle2-2023.yaml
 * scenario.luminosity.totalFb; // 79.7
 */
export * from '../scenario/index.js';
