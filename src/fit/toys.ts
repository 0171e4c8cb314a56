/**
 * Toy-based (pseudo-experiment) p-values, as pyhf's `ToyCalculator` computes them
 * (`infer/calculators.py`): toys are drawn from the model at the conditional fit to the observed data
 * (μ for signal+background, 0 for background only — 1 and 0 swapped for q₀), main *and* auxiliary
 * data sampled; the test statistic of each toy is the raw q̃_μ (or q_μ, q₀, …); p-values are the
 * fraction of toys with a test statistic ≥ the observed one; the expected band is the percentiles
 * [2.275, 15.87, 50, 84.13, 97.72] % of the CL values of the background-only toys (numpy `percentile`,
 * linear interpolation).
 *
 * Randomness comes from a {@link ToySourceFactory}: one stream per (hypothesis, toy index), so a toy
 * depends only on its name and the same seed gives the same result, however toys are split.
 */
import type { Band, HypotestResult } from './asymptotic.js';
import { FitError, type FitResult, type Minimizer, minimizerFor } from './minimize.js';
import type { Model } from './model.js';
import { convergedFit, type TestStatistic } from './testStatistics.js';

/** A source of random numbers for toys (satisfied by `src/random`'s `RandomStream`). */
export interface ToySource {
  /** A standard normal deviate. */
  normal(): number;
  /** A Poisson deviate with the given mean (≥ 0). */
  poisson(mean: number): number;
}

/** Hypotheses toys are drawn under. */
export type ToyHypothesis = 'sb' | 'b';

/** Gives the random stream of toy `index` under `hypothesis`. */
export type ToySourceFactory = (hypothesis: ToyHypothesis, index: number) => ToySource;

/** Options of the toy calculator. */
export interface ToyOptions {
  readonly testStat?: TestStatistic;
  /** Toys per hypothesis (pyhf default 2000). */
  readonly ntoys?: number;
  readonly sources: ToySourceFactory;
  readonly tolerance?: number;
  /** Called after each toy with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** pyhf's percentiles of the standard normal at −2…+2σ, in percent. */
export const NORMAL_PERCENTILES: readonly number[] = [2.27501319, 15.86552539, 50.0, 84.13447461, 97.72498681];

/**
 * Draws one toy data set `[main…, aux…]` from the model at `pars` into `out`: n_b ~ Pois(ν_b),
 * Gaussian aux ~ N(θ, σ), Poisson aux ~ Pois(γτ) (pyhf `Model.make_pdf(pars).sample()`).
 *
 * @param expected - `model.expectedData(pars)` (main rates and expected aux), precomputed
 */
export function sampleToy(model: Model, expected: Float64Array, source: ToySource, out: Float64Array): Float64Array {
  const nMain = model.nMain;
  for (let b = 0; b < nMain; b++) out[b] = source.poisson(expected[b]);
  for (let i = 0; i < model.nAux; i++) {
    const e = expected[nMain + i];
    out[nMain + i] = model.conKind[i] === 0 ? e + model.conSigma[i] * source.normal() : source.poisson(e);
  }
  return out;
}

/** numpy `percentile(a, q, method='linear')` of a sorted array. */
export function percentileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = ((n - 1) * q) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Fraction of sorted samples ≥ value (pyhf `EmpiricalDistribution.pvalue`). */
export function tailFraction(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return (sorted.length - lo) / sorted.length;
}

/** Test statistic of one data set, reusing a minimiser; throws FitError if a fit does not converge. */
function toyStatistic(
  minimizer: Minimizer,
  testStat: TestStatistic,
  data: Float64Array,
  mu: number,
  free: FitResult,
  init: Float64Array,
  tolerance: number | undefined,
): number {
  const model = minimizer.model;
  const poi = model.poiIndex;
  const testedMu = testStat === 'q0' ? 0 : mu;
  // Warm start from the toy's unconditional fit (pyhf starts at the suggested init; the minimum is the
  // same wherever −ln L is convex, and this halves the Newton iterations of a toy).
  init.set(free.pars);
  init[poi] = testedMu;
  const cond = convergedFit(minimizer, data, { init, fixPoi: testedMu, tolerance });
  const t = Math.max(0, cond.deviance - free.deviance);
  const muhat = free.pars[poi];
  if ((testStat === 'qtilde' || testStat === 'q') && muhat > testedMu) return 0;
  if (testStat === 'q0' && muhat < 0) return 0;
  return t;
}

/** Empirical distributions of the test statistic under both hypotheses at one μ. */
export interface ToyDistributions {
  /** Sorted test statistics of the signal+background toys. */
  readonly sb: Float64Array;
  /** Sorted test statistics of the background-only toys. */
  readonly b: Float64Array;
  /** Toys dropped because a fit did not converge (never used silently: reported here). */
  readonly failed: number;
}

/** Result of a toy-based hypothesis test, with the number of toys whose fits failed. */
export interface ToyHypotestResult extends HypotestResult {
  readonly ntoys: number;
  readonly failedToys: number;
}

/**
 * Toy calculator for one model and data set. Background-only toys do not depend on μ; they and their
 * unconditional fits are made once and reused at every μ of a limit scan.
 */
export class ToyCalculator {
  readonly testStat: TestStatistic;
  readonly ntoys: number;
  private readonly minimizer: Minimizer;
  private readonly sources: ToySourceFactory;
  private readonly tolerance: number | undefined;
  private readonly onProgress: ((done: number, total: number) => void) | undefined;
  private freeObs: FitResult | undefined;
  private bToys: { data: Float64Array[]; free: (FitResult | null)[] } | undefined;
  private readonly scratch: Float64Array;
  private readonly init: Float64Array;

  constructor(
    readonly model: Model,
    readonly data: ArrayLike<number>,
    options: ToyOptions,
  ) {
    if (model.poiIndex < 0) throw new FitError('no parameter of interest: hypothesis tests need one');
    this.testStat = options.testStat ?? 'qtilde';
    this.ntoys = options.ntoys ?? 2000;
    if (!(Number.isInteger(this.ntoys) && this.ntoys > 0)) throw new RangeError(`ntoys must be a positive integer, got ${this.ntoys}`);
    this.sources = options.sources;
    this.tolerance = options.tolerance;
    this.onProgress = options.onProgress;
    this.minimizer = minimizerFor(model);
    this.scratch = new Float64Array(model.nMain + model.nAux);
    this.init = new Float64Array(model.nPars);
  }

  private freeFit(): FitResult {
    this.freeObs ??= convergedFit(this.minimizer, this.data, { tolerance: this.tolerance });
    return this.freeObs;
  }

  /** Conditional fit to the observed data at μ: the parameters toys are drawn from. */
  private generatingPars(mu: number): Float64Array {
    const start = Float64Array.from(this.model.suggestedInit);
    start[this.model.poiIndex] = mu;
    return convergedFit(this.minimizer, this.data, { init: start, fixPoi: mu, tolerance: this.tolerance }).pars;
  }

  /** Unconditional fit of a toy, started at the parameters that generated it; null if it fails. */
  private toyFree(data: Float64Array, start: Float64Array): FitResult | null {
    try {
      return convergedFit(this.minimizer, data, { init: start, tolerance: this.tolerance });
    } catch (error) {
      if (error instanceof FitError) return null;
      throw error;
    }
  }

  private backgroundToys(): { data: Float64Array[]; free: (FitResult | null)[] } {
    if (this.bToys === undefined) {
      const bMu = this.testStat === 'q0' ? 1 : 0;
      const pars = this.generatingPars(bMu);
      const expected = this.model.expectedData(pars);
      const data: Float64Array[] = [];
      const free: (FitResult | null)[] = [];
      for (let i = 0; i < this.ntoys; i++) {
        const toy = sampleToy(this.model, expected, this.sources('b', i), new Float64Array(expected.length));
        data.push(toy);
        free.push(this.toyFree(toy, pars));
      }
      this.bToys = { data, free };
    }
    return this.bToys;
  }

  /** Observed test statistic (raw q̃_μ etc., pyhf `ToyCalculator.teststatistic`). */
  teststatistic(mu: number): number {
    return toyStatistic(this.minimizer, this.testStat, Float64Array.from(this.data), mu, this.freeFit(), this.init, this.tolerance);
  }

  /** Test-statistic distributions under s+b (μ) and b (pyhf `ToyCalculator.distributions`). */
  distributions(mu: number): ToyDistributions {
    const n = this.ntoys;
    const total = 2 * n;
    let done = 0;
    let failed = 0;
    const sbMu = this.testStat === 'q0' ? 0 : mu;
    const sbPars = this.generatingPars(sbMu);
    const expected = this.model.expectedData(sbPars);
    const sb: number[] = [];
    for (let i = 0; i < n; i++) {
      const toy = sampleToy(this.model, expected, this.sources('sb', i), this.scratch);
      const free = this.toyFree(toy, sbPars);
      let t = Number.NaN;
      if (free !== null) {
        try {
          t = toyStatistic(this.minimizer, this.testStat, toy, mu, free, this.init, this.tolerance);
        } catch (error) {
          if (!(error instanceof FitError)) throw error;
        }
      }
      if (Number.isNaN(t)) failed++;
      else sb.push(t);
      this.onProgress?.(++done, total);
    }
    const bt = this.backgroundToys();
    const b: number[] = [];
    for (let i = 0; i < n; i++) {
      const free = bt.free[i];
      let t = Number.NaN;
      if (free !== null) {
        try {
          t = toyStatistic(this.minimizer, this.testStat, bt.data[i], mu, free, this.init, this.tolerance);
        } catch (error) {
          if (!(error instanceof FitError)) throw error;
        }
      }
      if (Number.isNaN(t)) failed++;
      else b.push(t);
      this.onProgress?.(++done, total);
    }
    return { sb: Float64Array.from(sb).sort(), b: Float64Array.from(b).sort(), failed };
  }

  /** The full toy-based hypothesis test at μ (pyhf `infer.hypotest(..., calctype='toybased')`). */
  hypotest(mu: number): ToyHypotestResult {
    const t = this.teststatistic(mu);
    const dist = this.distributions(mu);
    const clsbObs = tailFraction(dist.sb, t);
    const clbObs = tailFraction(dist.b, t);
    const nb = dist.b.length;
    const clsb = new Float64Array(nb);
    const clb = new Float64Array(nb);
    const cls = new Float64Array(nb);
    for (let i = 0; i < nb; i++) {
      clsb[i] = tailFraction(dist.sb, dist.b[i]);
      clb[i] = tailFraction(dist.b, dist.b[i]);
      cls[i] = clsb[i] / clb[i];
    }
    clsb.sort();
    clb.sort();
    cls.sort();
    const band = (a: Float64Array): Band => NORMAL_PERCENTILES.map((q) => percentileSorted(a, q)) as Band;
    return {
      mu,
      testStat: this.testStat,
      calculator: 'toybased',
      teststat: t,
      clsObs: clsbObs / clbObs,
      clsbObs,
      clbObs,
      clsExp: band(cls),
      clsbExp: band(clsb),
      clbExp: band(clb),
      ntoys: this.ntoys,
      failedToys: dist.failed,
    };
  }
}
