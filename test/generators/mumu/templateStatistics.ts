import chisquare from '@stdlib/stats-base-dists-chisquare';
import type { EventGenerator } from '../../../generators/process.js';
import type { Detector } from '../../../detector/index.js';
import type { EventBatch } from '../../../src/events/eventBatch.js';
import { createStream } from '../../../src/random/stream.js';
import { scenarioDetector } from '../../../src/runner/scenarioDetector.js';
import { defaultScenarioPath, loadScenario, type Scenario } from '../../../src/scenario/index.js';
import { applySelection, sampleSelection } from '../../../src/selection/index.js';

/**
 * Helpers of the template-bias tests: a sample through the default scenario's detector and the
 * search selection (as src/runner/simulate.ts chains them), cross sections per bin with their
 * Σw² errors, and the χ² comparison of two such histograms.
 */

let scenario: Scenario | null = null;
let detector: Detector | null = null;

/** The default scenario and its detector (src/runner/scenarioDetector.ts), built once. */
export function defaultChain(): { scenario: Scenario; detector: Detector } {
  scenario ??= loadScenario(defaultScenarioPath());
  detector ??= scenarioDetector(scenario);
  return { scenario, detector };
}

/** A sample after the detector and the search selection (without the Punzi-net). */
export interface SelectedSample {
  /** The generator's σ (or fiducial σ) and its error, pb. */
  readonly sigmaPb: number;
  readonly sigmaErrPb: number;
  /** Events generated (written). */
  readonly events: number;
  /** Σw of all written events (the normalisation of the selected weights). */
  readonly sumWeights: number;
  /** Weight and M²recoil (GeV²/c⁴) of each selected event. */
  readonly weights: readonly number[];
  readonly m2Recoil: readonly number[];
  /** Selected events whose truth record fails `check`. */
  readonly checkFailures: number;
}

/**
 * Generates `events` events in batches of 10 000 (streams (seed, process, k)), reconstructs them
 * with the default detector and applies the search selection; `check` (optional) is evaluated on the
 * truth record of every selected event.
 */
export function selectedSample(generator: EventGenerator, seed: number, events: number, check?: (truth: EventBatch, i: number) => boolean): SelectedSample {
  const { scenario: sc, detector: det } = defaultChain();
  const selection = sampleSelection('signal', sc.selection);
  const weights: number[] = [];
  const m2Recoil: number[] = [];
  let sumWeights = 0;
  let checkFailures = 0;
  for (let k = 0, done = 0; done < events; k++) {
    const n = Math.min(10_000, events - done);
    const truth = generator.generate(n, createStream(seed, generator.process, k));
    const { batch } = det.reconstruct(truth, seed, k);
    const { passed, variables } = applySelection(batch, det.env.frame, sc.selection, selection);
    for (let i = 0; i < batch.nEvents; i++) {
      sumWeights += batch.weight[i];
      if (passed[i] !== selection.steps.length) continue;
      weights.push(batch.weight[i]);
      m2Recoil.push(variables.m2Recoil[i]);
      if (check !== undefined && !check(truth, i)) checkFailures++;
    }
    done += n;
  }
  const stats = generator.stats();
  return { sigmaPb: stats.sigmaPb, sigmaErrPb: stats.sigmaErrPb, events, sumWeights, weights, m2Recoil, checkFailures };
}

/** The effective number of events of a weighted sample, N_eff = (Σw)²/Σw². */
export function effectiveCount(weights: readonly number[]): number {
  let s = 0;
  let s2 = 0;
  for (const w of weights) {
    s += w;
    s2 += w * w;
  }
  return s2 > 0 ? (s * s) / s2 : 0;
}

/** Cross sections (pb) per bin and their squared errors: σ·Σ_bin w/Σ_all w, σ²·Σ_bin w²/(Σ_all w)². */
export interface BinnedSigma {
  readonly value: Float64Array;
  readonly error2: Float64Array;
}

/**
 * Bins the values of a weighted sample, half-open bins [edges[j], edges[j + 1]), values outside
 * dropped: `scale` times Σw and scale² times Σw² per bin.
 */
export function binnedSigma(values: readonly number[], weights: readonly number[], edges: readonly number[], scale: number): BinnedSigma {
  const nBins = edges.length - 1;
  const value = new Float64Array(nBins);
  const error2 = new Float64Array(nBins);
  values.forEach((x, i) => {
    if (!(x >= edges[0] && x < edges[nBins])) return;
    let j = nBins - 1;
    while (x < edges[j]) j--;
    value[j] += scale * weights[i];
    error2[j] += scale * scale * weights[i] * weights[i];
  });
  return { value, error2 };
}

/** The selected cross section of a sample in bins of M²recoil. */
export function selectedSigmaByM2(sample: SelectedSample, edges: readonly number[]): BinnedSigma {
  return binnedSigma(sample.m2Recoil, sample.weights, edges, sample.sigmaPb / sample.sumWeights);
}

/** Total selected cross section (pb) and its Monte Carlo error. */
export function selectedSigma(sample: SelectedSample): { sigmaPb: number; errorPb: number } {
  const scale = sample.sigmaPb / sample.sumWeights;
  let s = 0;
  let s2 = 0;
  for (const w of sample.weights) {
    s += w;
    s2 += w * w;
  }
  return { sigmaPb: scale * s, errorPb: scale * Math.sqrt(s2) };
}

/**
 * χ² of two histograms of the same quantity with independent errors, Σ (a − b)²/(σa² + σb²) over
 * the bins where either is filled, and its p-value for ndf = the number of those bins (neither
 * histogram is normalised to the other: both are absolute cross sections). This is the plain χ²
 * with Σw² errors, valid when every bin holds enough events for Gaussian errors (≳ 10).
 */
export function chi2Compare(a: BinnedSigma, b: BinnedSigma): { chi2: number; ndf: number; p: number } {
  let chi2 = 0;
  let ndf = 0;
  for (let j = 0; j < a.value.length; j++) {
    const v = a.error2[j] + b.error2[j];
    if (!(v > 0)) continue;
    chi2 += (a.value[j] - b.value[j]) ** 2 / v;
    ndf++;
  }
  return { chi2, ndf, p: ndf > 0 ? 1 - chisquare.cdf(chi2, ndf) : 1 };
}

/** |a − b| in units of the combined standard error. */
export function pull(a: number, errA: number, b: number, errB: number): number {
  return Math.abs(a - b) / Math.sqrt(errA * errA + errB * errB);
}
