import { formatPath } from './errors.js';
import type { Scenario } from './schema.js';

/**
 * Rules between fields of a scenario's detector stages that the schema of each field cannot see
 * alone: an acceptance whose lower edge is not below its upper edge accepts nothing, and a chamber
 * whose inner layer is not inside its outer one finds no track; the run would go on and reconstruct
 * nothing. Each rule names the upper field, its value and the lower one. `parseScenario` checks
 * them, so that a library caller gets the same error as the command line.
 */

interface Rule {
  readonly stage: string;
  /** The lower and the upper field, as paths inside the stage's settings. */
  readonly low: readonly string[];
  readonly high: readonly string[];
}

const RULES: readonly Rule[] = [
  { stage: 'tracking', low: ['thetaMinDeg'], high: ['thetaMaxDeg'] },
  { stage: 'tracking', low: ['chamber', 'innerZMinCm'], high: ['chamber', 'innerZMaxCm'] },
  { stage: 'tracking', low: ['chamber', 'outerZMinCm'], high: ['chamber', 'outerZMaxCm'] },
  { stage: 'tracking', low: ['chamber', 'innerRadiusCm'], high: ['chamber', 'outerRadiusCm'] },
  { stage: 'trigger', low: ['twoTrack', 'thetaMinDeg'], high: ['twoTrack', 'thetaMaxDeg'] },
  { stage: 'muonId', low: ['klm', 'thetaMinDeg'], high: ['klm', 'thetaMaxDeg'] },
];

function at(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** The first broken rule as `field = value is not allowed: must be > other (value)`, or null. */
export function crossFieldRuleViolation(scenario: Scenario): string | null {
  const stages: readonly unknown[] = scenario.detector.stages;
  for (const [index, stage] of stages.entries()) {
    for (const rule of RULES) {
      if (at(stage, ['type']) !== rule.stage) continue;
      const low = at(stage, rule.low);
      const high = at(stage, rule.high);
      if (typeof low === 'number' && typeof high === 'number' && !(low < high)) {
        return `${formatPath(['detector', 'stages', index, ...rule.high])} = ${high} is not allowed: must be > ${rule.low.at(-1)} (${low}) of the same ${rule.stage} stage`;
      }
    }
  }
  return null;
}
