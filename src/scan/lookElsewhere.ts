/**
 * The look-elsewhere effect of the mass scan: the global significance of its largest local excess,
 * (1) from background-only toys of the whole scan (the fraction of toys whose largest local q₀ is at
 * least the observed one), and (2) from the up-crossing formula of Gross and Vitells (Eur. Phys. J. C
 * 70 (2010) 525, Eq. (4), one degree of freedom, one-sided q₀):
 *   p_global ≈ ½P(χ²₁ > c) + ⟨N(c₀)⟩ e^{−(c − c₀)/2},
 * c the largest observed q₀ and ⟨N(c₀)⟩ the mean number of up-crossings of the level c₀ by the
 * q₀(M) curve, counted on the same toys.
 */
import normal from '@stdlib/stats-base-dists-normal';
import { FitError, q0, windowModel } from '../fit/index.js';
import type { TemplateSet } from '../runner/templates/build.js';
import type { FitSettings } from '../scenario/index.js';
import { backgroundPseudoData } from './observed.js';
import { signalScaleFb, windowInput } from './systematics.js';
import { searchWindow } from './windows.js';

/** A fit of the scan that did not converge, with the hypothesis (index in mass order) it belongs to. */
export class ScanFitError extends FitError {
  constructor(
    readonly hypothesis: number,
    cause: FitError,
  ) {
    super(`hypothesis ${hypothesis}: ${cause.message}`, cause.result);
  }
}

/** q₀ of every hypothesis on one data set (template cells), in mass order; a fit that does not converge is a ScanFitError. */
export function scanQ0(set: TemplateSet, fit: FitSettings, data: Float64Array, out = new Float64Array(set.grid.massGeV.length)): Float64Array {
  for (let k = 0; k < out.length; k++) {
    const window = searchWindow(set, k, fit.thetaBinning, data);
    const { model, data: observed } = windowModel(windowInput(window, fit.systematics, signalScaleFb(window), [0, 100], window.observed ?? undefined));
    try {
      out[k] = Math.max(0, q0(model, observed).value);
    } catch (error) {
      if (error instanceof FitError) throw new ScanFitError(k, error);
      throw error;
    }
  }
  return out;
}

/** Up-crossings of `level` by a curve sampled in order: k with q[k − 1] < level ≤ q[k]. */
export function upCrossings(q: ArrayLike<number>, level: number): number {
  let n = 0;
  for (let k = 1; k < q.length; k++) if (q[k - 1] < level && q[k] >= level) n++;
  return n;
}

/** One-sided p-value of q₀ = c with one degree of freedom: ½P(χ²₁ > c) = Φ(−√c). */
export function localPValue(c: number): number {
  return normal.cdf(-Math.sqrt(Math.max(0, c)), 0, 1);
}

/** Gross–Vitells global p-value of a largest local q₀ = c, from ⟨N(c₀)⟩ up-crossings of level c₀. */
export function grossVitellsPValue(c: number, c0: number, meanUpCrossings: number): number {
  return Math.min(1, localPValue(c) + meanUpCrossings * Math.exp(-(c - c0) / 2));
}

/** The significance Z of a one-sided p-value, Φ⁻¹(1 − p), 0 for p ≥ 1/2. */
export function significanceOf(p: number): number {
  return p >= 0.5 ? 0 : -normal.quantile(p, 0, 1);
}

export interface LookElsewhereOptions {
  readonly toys: number;
  readonly seed: number;
  /**
   * Reference level c₀ of the up-crossings (default 3). The scan samples q₀ at discrete hypotheses
   * whose windows change their θ binning, so its curve jitters at low levels and inflates the counts
   * there beyond the e^{−(c − c₀)/2} scaling (default scenario: N(1)/N(3) = 4.3, not e = 2.7).
   */
  readonly c0?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LookElsewhereResult {
  readonly maxLocalSignificance: number;
  readonly massGeV: number;
  readonly localP0: number;
  /** Toys used (those whose fits all converged), and those left out. */
  readonly toys: number;
  readonly failedToys: number;
  /** Toys whose largest q₀ reaches the observed one, and the p-value and significance they give. */
  readonly toysAbove: number;
  readonly globalPToys: number;
  /** Binomial standard error of globalPToys. */
  readonly globalPToysError: number;
  readonly globalSignificanceToys: number;
  readonly c0: number;
  readonly meanUpCrossings: number;
  readonly globalPGrossVitells: number;
  readonly globalSignificanceGrossVitells: number;
  /** Largest local significance of every toy used, in toy order. */
  readonly toyMaxLocalSignificance: Float64Array;
}

/** The stream purpose of the look-elsewhere toys. */
export const LEE_TOY_PURPOSE = 'scan/lee-toys';

/**
 * What the look-elsewhere correction needs of each toy: its largest q₀ and its up-crossings of c₀.
 * A toy with a q₀ fit that did not converge is failed: its largest q₀ is NaN, `failedHypothesis`
 * names the hypothesis whose fit failed (−1 for the others), and the correction leaves it out.
 */
export interface LeeToyStatistics {
  readonly maxQ0: Float64Array;
  readonly upCrossings: Int32Array;
  readonly failedHypothesis: Int32Array;
}

/** Toys `first` … `end − 1` of the whole scan, from stream (seed, "scan/lee-toys", t). */
export function leeToyStatistics(set: TemplateSet, fit: FitSettings, seed: number, first: number, end: number, c0: number, onToy?: () => void): LeeToyStatistics {
  const q = new Float64Array(set.grid.massGeV.length);
  const maxQ0 = new Float64Array(end - first);
  const crossings = new Int32Array(end - first);
  const failed = new Int32Array(end - first).fill(-1);
  for (let t = first; t < end; t++) {
    try {
      scanQ0(set, fit, backgroundPseudoData(set, seed, t, LEE_TOY_PURPOSE), q);
    } catch (error) {
      if (!(error instanceof ScanFitError)) throw error;
      maxQ0[t - first] = Number.NaN;
      failed[t - first] = error.hypothesis;
      onToy?.();
      continue;
    }
    let max = 0;
    for (let k = 0; k < q.length; k++) if (q[k] > max) max = q[k];
    maxQ0[t - first] = max;
    crossings[t - first] = upCrossings(q, c0);
    onToy?.();
  }
  return { maxQ0, upCrossings: crossings, failedHypothesis: failed };
}

/** The default reference level of the up-crossings (see {@link LookElsewhereOptions.c0}). */
export const DEFAULT_C0 = 3;

/** The look-elsewhere correction of the largest q₀ of `observed` (one value per hypothesis), from the toys' statistics. */
export function lookElsewhereFromToys(set: TemplateSet, observed: Float64Array, toys: LeeToyStatistics, c0: number): LookElsewhereResult {
  let best = 0;
  for (let k = 1; k < observed.length; k++) if (observed[k] > observed[best]) best = k;
  const c = observed[best];
  let n = 0;
  let above = 0;
  let crossings = 0;
  for (let t = 0; t < toys.maxQ0.length; t++) {
    if (toys.failedHypothesis[t] >= 0) continue;
    n++;
    if (toys.maxQ0[t] >= c) above++;
    crossings += toys.upCrossings[t];
  }
  const pToys = n > 0 ? above / n : Number.NaN;
  const meanN = n > 0 ? crossings / n : Number.NaN;
  const pGV = grossVitellsPValue(c, c0, meanN);
  return {
    maxLocalSignificance: Math.sqrt(c),
    massGeV: set.grid.massGeV[best],
    localP0: localPValue(c),
    toys: n,
    failedToys: toys.maxQ0.length - n,
    toysAbove: above,
    globalPToys: pToys,
    globalPToysError: Math.sqrt((pToys * (1 - pToys)) / n),
    globalSignificanceToys: significanceOf(pToys),
    c0,
    meanUpCrossings: meanN,
    globalPGrossVitells: pGV,
    globalSignificanceGrossVitells: significanceOf(pGV),
    toyMaxLocalSignificance: toys.maxQ0.filter((_, t) => toys.failedHypothesis[t] < 0).map(Math.sqrt),
  };
}

/** The look-elsewhere correction of the scan on `data`, in this thread. */
export function lookElsewhere(set: TemplateSet, fit: FitSettings, data: Float64Array, options: LookElsewhereOptions): LookElsewhereResult {
  const c0 = options.c0 ?? DEFAULT_C0;
  let done = 0;
  const toys = leeToyStatistics(set, fit, options.seed, 0, options.toys, c0, () => options.onProgress?.(++done, options.toys));
  return lookElsewhereFromToys(set, scanQ0(set, fit, data), toys, c0);
}
