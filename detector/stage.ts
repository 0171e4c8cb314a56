import { z } from 'zod';
import type { EventBatch } from '../src/events/eventBatch.js';
import type { RecoBatch } from '../src/events/recoBatch.js';
import type { CollisionFrame } from '../src/physics/beams.js';
import type { RandomStream } from '../src/random/stream.js';

/**
 * A detector is an ordered list of stages (Delphes modules). A stage is a pure function of
 * (reconstructed batch so far, its settings, its random stream (seed, "detector/<name>", batch)):
 * it returns a new batch, sharing the columns it does not change and never writing into its input,
 * and the counts of what it kept and dropped, so the cut flow comes for free.
 */

/**
 * A data-taking period: its share of the luminosity and its trigger condition (the shape of the
 * scenario's `luminosity.periods`).
 */
export interface DataTakingPeriod {
  readonly name: string;
  /** Integrated luminosity, fb⁻¹ (events are assigned to periods ∝ luminosity). */
  readonly luminosityFb: number;
  /** Minimum azimuthal opening angle of the two-track trigger's track pair, rad. */
  readonly twoTrackTriggerMinDeltaPhi: number;
}

/** What every stage of one detector shares. */
export interface DetectorEnvironment {
  /** Solenoid field along +z, T. */
  readonly magneticFieldT: number;
  /** Nominal beams: the c.m. frame and the nominal initial-state four-momentum (`frame.total`). */
  readonly frame: CollisionFrame;
  /** Data-taking periods (at least one). */
  readonly periods: readonly DataTakingPeriod[];
}

/** The per-batch input of a stage besides the reconstructed batch. */
export interface StageContext {
  /** The generator-level events being reconstructed. */
  readonly truth: EventBatch;
  /** This stage's stream for this batch: (seed, "detector/<stage name>", batch index). */
  readonly stream: RandomStream;
}

/** Counts of one stage on one batch (unweighted numbers of particles or events). */
export type StageCounts = Record<string, number>;

export interface StageResult {
  readonly batch: RecoBatch;
  readonly counts: StageCounts;
}

/** A configured stage instance. */
export interface Stage {
  /** Instance name (unique in a detector), used for the random stream and the cut flow. */
  readonly name: string;
  /** Stage type (the file under `detector/stages/`). */
  readonly type: string;
  /** Efficiencies this stage reports, as ratios of its counts. */
  readonly efficiencies: readonly EfficiencyDefinition[];
  run(batch: RecoBatch, context: StageContext): StageResult;
}

/** An efficiency = counts[numerator] / counts[denominator]. */
export interface EfficiencyDefinition {
  readonly name: string;
  readonly numerator: string;
  readonly denominator: string;
}

/** Stage names become stream purposes and cut-flow keys: keep them simple. */
const StageName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a stage name is a letter followed by letters, digits, _ or -');

/**
 * A stage type: the schema of its settings in the scenario and the factory that turns validated
 * settings into the stage function. Every setting has its default in `shape`.
 */
export interface StageType<T extends string, Shape extends z.ZodRawShape> {
  readonly type: T;
  /** Scenario entry: `{type, name?, ...settings}`. */
  readonly schema: z.ZodObject<{ type: z.ZodLiteral<T>; name: z.ZodOptional<typeof StageName> } & Shape, z.core.$strict>;
  readonly efficiencies: readonly EfficiencyDefinition[];
  create(settings: z.output<z.ZodObject<Shape>>, env: DetectorEnvironment): (batch: RecoBatch, context: StageContext) => StageResult;
}

export function defineStage<T extends string, Shape extends z.ZodRawShape>(
  type: T,
  shape: Shape,
  efficiencies: readonly EfficiencyDefinition[],
  create: (settings: z.output<z.ZodObject<Shape>>, env: DetectorEnvironment) => (batch: RecoBatch, context: StageContext) => StageResult,
): StageType<T, Shape> {
  const schema = z.strictObject({ type: z.literal(type), name: StageName.optional(), ...shape });
  return { type, schema, efficiencies, create };
}

/** Degrees → radians, for the few angles the scenario gives in degrees. */
export const DEG = Math.PI / 180;
