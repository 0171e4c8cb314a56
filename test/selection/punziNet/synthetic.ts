/**
 * A synthetic Punzi-net problem with a known answer. Mass hypotheses μᵢ = 1, 2, …, H with search
 * windows μᵢ ± 2σ (σ = 0.25, so the windows tile [0.5, H + 0.5]); signal of hypothesis i has its
 * mass ~ N(μᵢ, σ²); background mass is uniform on [0.5, H + 0.5] with a weight rising linearly with
 * the mass (so each window has its own background level and its own best cut). The four features
 * are x = offset + scale·u with u ~ N(0, 𝟙) for background and u ~ N(μ_s, 𝟙) for signal, whatever
 * the mass (momentum-like: offsets 0.2–0.35, scales 0.1–0.2, as the authors' features).
 *
 * Known answers: with equal total signal and background weight, the Bayes posterior is
 * σ(μ_sᵀu − |μ_s|²/2), the Bayes accuracy Φ(Δ/2) with Δ = |μ_s|, and within a window a cut on
 * t = μ̂_sᵀu (signal t ~ N(Δ, 1), background N(0, 1)) is the Neyman–Pearson-optimal selection, so
 * minₜ S_min(B·Q(t))/(ε·Q(t − Δ)·L) is the best sensitivity any cut on any function of x reaches.
 */
import normal from '@stdlib/stats-base-dists-normal';
import { createStream } from '../../../src/random/stream.js';
import { punziSmin } from '../../../src/selection/punziNet/loss.js';
import type { TrainingData } from '../../../src/selection/punziNet/train.js';
import { buildWindows } from '../../../src/selection/punziNet/windows.js';

export const SIGMA_M = 0.25;
export const SIGNAL_MEAN = [0.9, 0.7, 0.5, 0.3] as const;
const OFFSET = [0.2, 0.3, 0.35, 0.25];
const SCALE = [0.1, 0.15, 0.2, 0.18];
/** Fraction of a Gaussian within ±2σ. */
export const WINDOW_FRACTION = 1 - 2 * normal.cdf(-2, 0, 1);

export interface SyntheticOptions {
  readonly seed: number;
  readonly nHypotheses?: number;
  readonly nSignalPerHypothesis?: number;
  readonly nBackground?: number;
  /** Mean background weight: expected events at L per simulated background event. */
  readonly backgroundWeight?: number;
}

export interface SyntheticProblem {
  readonly data: TrainingData;
  readonly mass: Float64Array;
  readonly nHypotheses: number;
  /** Expected Σ w of background in window i with no cut. */
  readonly expectedBackground: Float64Array;
  /** Δ = |μ_s|. */
  readonly delta: number;
  /** The Bayes posterior P(signal | x) of each event (equal total weights). */
  readonly posterior: Float64Array;
}

export function syntheticProblem(options: SyntheticOptions): SyntheticProblem {
  const H = options.nHypotheses ?? 5;
  const nSig = options.nSignalPerHypothesis ?? 4000;
  const nBkg = options.nBackground ?? 40000;
  const w0 = options.backgroundWeight ?? 0.1;
  const n = H * nSig + nBkg;
  const rs = createStream(options.seed, 'punzi-net-test/synthetic', 0);
  const features = new Float64Array(n * 4);
  const labels = new Uint8Array(n);
  const weights = new Float64Array(n);
  const mass = new Float64Array(n);
  const hypothesis = new Int32Array(n).fill(-1);
  const posterior = new Float64Array(n);
  const delta = Math.hypot(...SIGNAL_MEAN);
  const meanMass = (H + 1) / 2;
  let k = 0;
  let bkgWeightSum = 0;
  // interleave signal and background so that no structure sits in the event order
  const total = n;
  let sLeft = H * nSig;
  let bLeft = nBkg;
  const perHyp = new Int32Array(H);
  for (let e = 0; e < total; e++) {
    const isSignal = rs.uniform() * (sLeft + bLeft) < sLeft;
    let llr = -0.5 * delta * delta;
    for (let i = 0; i < 4; i++) {
      const u = rs.normal() + (isSignal ? SIGNAL_MEAN[i] : 0);
      llr += SIGNAL_MEAN[i] * u;
      features[k * 4 + i] = OFFSET[i] + SCALE[i] * u;
    }
    posterior[k] = 1 / (1 + Math.exp(-llr));
    if (isSignal) {
      let h = rs.integer(H);
      while (perHyp[h] >= nSig) h = (h + 1) % H;
      perHyp[h]++;
      labels[k] = 1;
      hypothesis[k] = h;
      mass[k] = rs.gaussian(h + 1, SIGMA_M);
      sLeft--;
    } else {
      const m = rs.uniformIn(0.5, H + 0.5);
      mass[k] = m;
      weights[k] = (w0 * m) / meanMass;
      bkgWeightSum += weights[k];
      bLeft--;
    }
    k++;
  }
  // signal weights: Σ w_signal = Σ w_background (feichtip/punzinet prepare.set_weights)
  const wSig = bkgWeightSum / (H * nSig);
  for (let e = 0; e < n; e++) if (labels[e] === 1) weights[e] = wSig;
  const low = Float64Array.from({ length: H }, (_, i) => i + 1 - 2 * SIGMA_M);
  const high = Float64Array.from({ length: H }, (_, i) => i + 1 + 2 * SIGMA_M);
  const windows = buildWindows({ value: mass, labels, hypothesis, low, high, nGenerated: new Float64Array(H).fill(nSig) });
  // expected background per window: (nBkg/H) events of mean weight w0·μᵢ/meanMass
  const expectedBackground = Float64Array.from({ length: H }, (_, i) => ((nBkg / H) * w0 * (i + 1)) / meanMass);
  return { data: { features, nFeatures: 4, labels, weights, windows }, mass, nHypotheses: H, expectedBackground, delta, posterior };
}

/**
 * The best Punzi sensitivity of any cut in window i (Neyman–Pearson: a cut on t = μ̂ᵀu), for
 * efficiency scale ε₀ (fraction of generated signal in the window) and background B₀ without cut.
 */
export function bayesSensitivity(delta: number, eps0: number, b0: number, luminosity: number): number {
  let best = Infinity;
  for (let c = -3; c <= 6; c += 0.001) {
    const eff = eps0 * normal.cdf(delta - c, 0, 1);
    const b = b0 * normal.cdf(-c, 0, 1);
    best = Math.min(best, punziSmin(b) / eff / luminosity);
  }
  return best;
}
