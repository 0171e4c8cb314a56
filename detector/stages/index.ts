import type { z } from 'zod';
import type { RecoBatch } from '../../src/events/recoBatch.js';
import type { DetectorEnvironment, StageContext, StageResult } from '../stage.js';
import { beamSpot } from './beamSpot.js';
import { ecl } from './ecl.js';
import { eclBeamBackground } from './eclBeamBackground.js';
import { electronId } from './electronId.js';
import { muonId } from './muonId.js';
import { tracking } from './tracking.js';
import { trigger } from './trigger.js';

/**
 * Every stage type, by its `type` key in the scenario. A new stage type is one file in this folder
 * and one entry here (in `stageTypes`, `stageRegistry` and the factories); the scenario then lists
 * an instance of it in `detector.stages`.
 */
export const stageTypes = [beamSpot, tracking, ecl, eclBeamBackground, muonId, electronId, trigger] as const;

type StageTypeOf = (typeof stageTypes)[number];

/** The name of a stage type: the `type` key of a `detector.stages` entry. */
export type StageTypeName = StageTypeOf['type'];

/** The stage types keyed by `type`; `satisfies` keeps its entries those of `stageTypes`, each under its own name. */
export const stageRegistry = { beamSpot, tracking, ecl, eclBeamBackground, muonId, electronId, trigger } as const satisfies {
  readonly [T in StageTypeName]: Extract<StageTypeOf, { readonly type: T }>;
};

/** Validated settings of each stage type: `StageSettingsOf['muonId']` is one `{type: 'muonId', ...}` entry of `detector.stages`. */
export type StageSettingsOf = { [T in StageTypeName]: z.output<(typeof stageRegistry)[T]['schema']> };

export function isStageTypeName(type: string): type is StageTypeName {
  return Object.hasOwn(stageRegistry, type);
}

type StageRun = (batch: RecoBatch, context: StageContext) => StageResult;

const factories: { [T in StageTypeName]: (settings: StageSettingsOf[T], env: DetectorEnvironment) => StageRun } = {
  beamSpot: beamSpot.create,
  tracking: tracking.create,
  ecl: ecl.create,
  eclBeamBackground: eclBeamBackground.create,
  muonId: muonId.create,
  electronId: electronId.create,
  trigger: trigger.create,
};

/** The stage function of a `detector.stages` entry of type `type` (its validated settings). */
export function createStageRun<T extends StageTypeName>(type: T, settings: StageSettingsOf[T], env: DetectorEnvironment): StageRun {
  return factories[type](settings, env);
}

export { beamSpot, ecl, eclBeamBackground, electronId, muonId, tracking, trigger };
