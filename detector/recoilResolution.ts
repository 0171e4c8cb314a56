import { type EventBatch, Status } from '../src/events/eventBatch.js';
import type { RecoBatch } from '../src/events/recoBatch.js';
import { fourMass2, hasOppositeChargeTrackPair, recoilAgainstTrackPair } from '../src/events/trackKinematics.js';
import { MUON_MASS, PDG } from '../src/physics/constants.js';
import type { FourVector } from '../src/physics/fourVector.js';

/**
 * The signal's M²recoil resolution as the analysis sees it: M²recoil = (P − p(μ⁺) − p(μ⁻))² from
 * the two measured tracks (muon mass) and the nominal initial state P (the paper's "knowledge of the
 * initial-state total momentum"), and the width of the Gaussian core of its distribution.
 */

/**
 * M²recoil (GeV²/c⁴) of every event with exactly two tracks of opposite charge, NaN for the others.
 * `initial` is the nominal initial-state four-momentum in the lab (`CollisionFrame.total`).
 * With `truth`, the generator's final-state photons are subtracted as well: what is left is the
 * resolution function of the detector and the beams (the kernel a template convolves with), without
 * the radiative tail.
 */
export function dimuonRecoilMass2(batch: RecoBatch, initial: FourVector, truth?: EventBatch): Float64Array {
  const out = new Float64Array(batch.nEvents).fill(Number.NaN);
  const recoil = new Float64Array(4);
  for (let i = 0; i < batch.nEvents; i++) {
    if (!hasOppositeChargeTrackPair(batch, i)) continue;
    const a = batch.trackOffsets[i];
    recoilAgainstTrackPair(batch, a, a + 1, initial, MUON_MASS, recoil);
    if (truth !== undefined) {
      for (let j = truth.offsets[i]; j < truth.offsets[i + 1]; j++) {
        if (truth.pdg[j] !== PDG.photon || truth.status[j] !== Status.final) continue;
        recoil[0] -= truth.E[j];
        recoil[1] -= truth.px[j];
        recoil[2] -= truth.py[j];
        recoil[3] -= truth.pz[j];
      }
    }
    out[i] = fourMass2(recoil);
  }
  return out;
}

/** Clipping half-width of the core fit, in units of σ. */
const CLIP = 2.5;
/** RMS of a unit Gaussian truncated to ±2.5: √(1 − 2kφ(k)/(2Φ(k) − 1)) at k = 2.5. */
const TRUNCATED_RMS = 0.9545974863445806;

export interface CoreWidth {
  /** Centre of the Gaussian core. */
  readonly mean: number;
  /** Standard deviation of the Gaussian core. */
  readonly sigma: number;
  /** Statistical error on σ (σ/√(2n) for the n values in the core). */
  readonly sigmaError: number;
  /** Number of values inside the final ±2.5σ window. */
  readonly n: number;
}

/**
 * Width of the Gaussian core of a sample with tails (ISR pushes M²recoil up): start from the median
 * and 1.4826·MAD, then iterate mean and RMS inside ±2.5σ, correcting the RMS for the truncation.
 * NaN values are ignored.
 */
export function coreWidth(values: ArrayLike<number>): CoreWidth {
  const finite = Float64Array.from(Array.prototype.filter.call(values, (v: number) => Number.isFinite(v)) as number[]).sort();
  const n = finite.length;
  if (n < 10) return { mean: Number.NaN, sigma: Number.NaN, sigmaError: Number.NaN, n };
  const median = quantileSorted(finite, 0.5);
  const deviations = Float64Array.from(finite, (v) => Math.abs(v - median)).sort();
  let mean = median;
  let sigma = 1.4826 * quantileSorted(deviations, 0.5);
  let inside = n;
  for (let iteration = 0; iteration < 100 && sigma > 0; iteration++) {
    let sum = 0;
    let sum2 = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const d = finite[i] - mean;
      if (Math.abs(d) < CLIP * sigma) {
        sum += d;
        sum2 += d * d;
        count++;
      }
    }
    const shift = sum / count;
    const nextSigma = Math.sqrt(sum2 / count - shift * shift) / TRUNCATED_RMS;
    mean += shift;
    inside = count;
    const converged = Math.abs(nextSigma - sigma) < 1e-6 * sigma && Math.abs(shift) < 1e-6 * sigma;
    sigma = nextSigma;
    if (converged) break;
  }
  return { mean, sigma, sigmaError: sigma / Math.sqrt(2 * inside), n: inside };
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/**
 * Core width of the M²recoil distribution of the two-track events of a batch; with `truth`, of the
 * resolution function (radiated photons subtracted, see `dimuonRecoilMass2`).
 */
export function recoilMass2Resolution(batch: RecoBatch, initial: FourVector, truth?: EventBatch): CoreWidth {
  return coreWidth(dimuonRecoilMass2(batch, initial, truth));
}
