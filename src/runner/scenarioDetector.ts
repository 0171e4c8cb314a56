import { buildDetector, type Detector } from '../../detector/index.js';
import { CollisionFrame } from '../physics/beams.js';
import type { Scenario } from '../scenario/index.js';

/**
 * The detector of a scenario: its `detector` section with its nominal beams and data-taking periods.
 * `detector.reconstruct(truth, seed, batchIndex)` turns a lab-frame truth batch into a RecoBatch.
 */
export function scenarioDetector(scenario: Scenario): Detector {
  return buildDetector(scenario.detector, { frame: new CollisionFrame(scenario.beams), periods: scenario.luminosity.periods });
}
