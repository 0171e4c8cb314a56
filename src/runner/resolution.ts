import type { Detector } from '../../detector/index.js';
import { coreWidth, dimuonRecoilMass2 } from '../../detector/recoilResolution.js';
import type { GeneratorOptions } from '../../generators/process.js';
import { signalProcess } from '../../generators/signal.js';
import { CollisionFrame } from '../physics/beams.js';
import { createStream } from '../random/stream.js';
import { BATCH_SIZE, forEachBatch } from './batches.js';

/**
 * The signal M²recoil resolution curve of a detector. For each Z′ mass, signal events go through
 * the detector; M²recoil is computed from the two measured tracks and the nominal initial state,
 * with the generated radiated photons subtracted, and σ is the width of the Gaussian core of that
 * distribution: the resolution function a signal template convolves with (detector and, with the
 * beam-energy spread on, the spread of √s).
 */

/** Z′ masses (GeV) of the default curve: up to M² = 80 GeV², where the paper quotes 0.06 GeV². */
export const DEFAULT_MASSES_GEV = [0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 8.5, Math.sqrt(80)];

export interface ResolutionPoint {
  readonly mass_GeV: number;
  readonly m2_GeV2: number;
  readonly sigma_m2_GeV2: number;
  /** Statistical error of sigma_m2_GeV2. */
  readonly sigma_m2_err_GeV2: number;
  /** Events in the Gaussian core. */
  readonly events: number;
}

export interface ResolutionReport {
  readonly points: readonly ResolutionPoint[];
  readonly seed: number;
  readonly events_per_mass: number;
  readonly beam_energy_spread: boolean;
  readonly isr: boolean;
}

export interface ResolutionRequest {
  readonly masses: readonly number[];
  readonly eventsPerMass: number;
  readonly options: GeneratorOptions;
  readonly signalSettings: object;
  readonly seed: number;
}

/** Computes the curve: one signal sample per mass, in batches (seed, "resolution/<mass>", k). */
export function resolutionCurve(request: ResolutionRequest, detector: Detector, onMass?: (done: number) => void): ResolutionReport {
  const initial = new CollisionFrame(request.options.beams).total;
  const points = request.masses.map((mass, m): ResolutionPoint => {
    const generator = signalProcess.createFromInput({ ...request.signalSettings, massGeV: mass }, request.options, request.seed);
    const values = new Float64Array(request.eventsPerMass);
    forEachBatch(request.eventsPerMass, (k, n) => {
      const truth = generator.generate(n, createStream(request.seed, `resolution/${mass}`, k));
      const { batch } = detector.reconstruct(truth, request.seed, k);
      values.set(dimuonRecoilMass2(batch, initial, truth), k * BATCH_SIZE);
    });
    const core = coreWidth(values);
    onMass?.(m + 1);
    return { mass_GeV: mass, m2_GeV2: mass * mass, sigma_m2_GeV2: core.sigma, sigma_m2_err_GeV2: core.sigmaError, events: core.n };
  });
  return { points, seed: request.seed, events_per_mass: request.eventsPerMass, beam_energy_spread: request.options.beamEnergySpread, isr: request.options.isr };
}

