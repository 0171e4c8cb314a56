import type { BeamSettings } from '../src/physics/beams.js';
import type { EventBatch } from '../src/events/eventBatch.js';
import type { RandomStream } from '../src/random/stream.js';

/**
 * What every process generator shares. A generator is created once per (settings, seed): creation
 * runs its deterministic warm-up (grids, maximum weight) from the stream (seed, "<process>/warmup", 0),
 * so that every batch of unweighted events, made later from its own stream (seed, process, batch k),
 * uses the same maximum weight whatever the number of batches, workers or shards.
 */

/** Options common to all processes, from the scenario and the command line. */
export interface GeneratorOptions {
  /** Beam energies, angles and spreads (lab frame). */
  readonly beams: BeamSettings;
  /** Smear the beam energies with their Gaussian spreads, event by event. */
  readonly beamEnergySpread: boolean;
  /**
   * Initial-state radiation on (structure functions, and final-state radiation where the process has
   * it) or off: the plain tree-level process, without any radiated photon, for comparisons with
   * other calculations.
   */
  readonly isr: boolean;
  /** Fine-structure constant of the photon couplings (α(0) = 1/137.036 by default). */
  readonly alphaEM: number;
  /** Keep event weights instead of unweighting (weights then sum to σ·N in pb per event). */
  readonly weighted: boolean;
}

/** A cross-section estimate with its Monte Carlo error. */
export interface CrossSection {
  /** σ in pb. */
  readonly sigmaPb: number;
  /** Monte Carlo (statistical) error on σ in pb. */
  readonly sigmaErrPb: number;
}

/** Bookkeeping of a generator, to report with its events. */
export interface GenerationStats extends CrossSection {
  /** Phase-space points tried (all batches so far, and the warm-up). */
  readonly trials: number;
  /** Events accepted (unweighted) or kept (weighted). */
  readonly accepted: number;
  /** ⟨w⟩/w_max: the fraction of trials that become unweighted events. */
  readonly unweightingEfficiency: number;
  /** Fraction of trials whose weight exceeded the maximum weight found in the warm-up. */
  readonly overweightFraction: number;
  /**
   * The most trials that one event of the batches so far took (the warm-up not included); a batch
   * throws when an event passes MAX_TRIALS_PER_EVENT (generators/shared/trialLimits.ts).
   */
  readonly maxTrialsPerEvent: number;
}

export interface EventGenerator {
  /** Process name as used on the command line (`signal`, `mumu`, `tautau`, `eemumu`, `ee`). */
  readonly process: string;
  /** Generates `nEvents` events (lab frame) from `stream`. */
  generate(nEvents: number, stream: RandomStream): EventBatch;
  /** Cross section and efficiencies from everything generated so far (warm-up included). */
  stats(): GenerationStats;
  /** Process-specific facts for the `generate --json` report (e.g. mass_GeV, width_GeV). */
  describe(): Record<string, number | string | boolean | null>;
}
