/**
 * Expected limits from background-only pseudo-experiments: for each hypothesis, N toys of its
 * window drawn from the background-only model (main counts Poisson, the auxiliary data of every
 * constraint sampled: frequentist toys, as pyhf's `ToyCalculator`), the observed asymptotic CLs limit
 * of each toy, and the band as the quantiles of those limits at Φ(−2), Φ(−1), ½, Φ(1), Φ(2) (as
 * CMS's `combine -M AsymptoticLimits -t N`). Where the counts are large the band converges to the
 * asymptotic one (Cowan, Cranmer, Gross, Vitells, EPJC 71 (2011) 1554, Sec. 4.3: the limit is
 * monotonic in μ̂, which is Gaussian); where they are small it shows the Poisson discreteness that the
 * Asimov band smooths over.
 *
 * Toy t of hypothesis k comes from stream (seed, "scan/expected-toys/k", t): a toy depends only on
 * its name, so the band does not depend on how the hypotheses are split across workers.
 */
import normal from '@stdlib/stats-base-dists-normal';
import { quantileSorted } from 'simple-statistics';
import { type Band, FitError, observedUpperLimit, sampleToy, upperLimit, windowModel } from '../fit/index.js';
import { createStream } from '../random/index.js';
import type { TemplateSet } from '../runner/templates/build.js';
import type { FitSettings } from '../scenario/index.js';
import { couplingLimitsOfModels } from './couplings.js';
import { type ExpectedPoint, expectedPoint } from './expected.js';
import { LIMIT_SEARCH_CEILING_IN_SCALES, signalScaleFb, windowInput } from './systematics.js';
import { searchWindow } from './windows.js';

/** The band's quantiles of the toy limits: Φ(−2), Φ(−1), ½, Φ(1), Φ(2). */
export const BAND_QUANTILES: readonly number[] = [-2, -1, 0, 1, 2].map((n) => normal.cdf(n, 0, 1));

export interface ToyExpectedPoint extends ExpectedPoint {
  /** The asymptotic band of the same window, fb, for comparison. */
  readonly sigmaLimitAsymptoticFb: Band;
  readonly toys: number;
  /** Toys whose fit did not converge: left out of the quantiles and counted here. */
  readonly failedToys: number;
  /** Each failed toy: its index t in stream (seed, "scan/expected-toys/k", t) and its pseudo-data (main counts, then auxiliary data). */
  readonly failedToyRecords: readonly FailedToy[];
}

export interface FailedToy {
  readonly index: number;
  readonly pseudoData: readonly number[];
}

export interface ToyExpectedOptions {
  readonly toys: number;
  readonly seed: number;
}

/** The stream purpose of hypothesis `k`'s toys. */
export function expectedToyPurpose(k: number): string {
  return `scan/expected-toys/${k}`;
}

/** The observed asymptotic limits (fb) of `toys` background-only toys of hypothesis `k`, sorted; NaN-free. */
export function toyLimitsFb(set: TemplateSet, k: number, fit: FitSettings, options: ToyExpectedOptions): { limitsFb: Float64Array; failed: number; failedToys: FailedToy[] } {
  const window = searchWindow(set, k, fit.thetaBinning);
  const scale = signalScaleFb(window);
  const { model, data: asimov } = windowModel(windowInput(window, fit.systematics, scale));
  const testStat = fit.testStatistic === 'qtilde' ? 'qtilde' : 'q';
  const median = upperLimit(model, asimov, { cl: fit.confidenceLevel, testStat, calculator: 'asymptotic', rtol: 1e-3, maxPoi: LIMIT_SEARCH_CEILING_IN_SCALES }).exp[2];
  const backgroundOnly = Float64Array.from(model.suggestedInit);
  backgroundOnly[model.poiIndex] = 0;
  const expected = model.expectedData(backgroundOnly);
  const toy = new Float64Array(expected.length);
  const limits = new Float64Array(options.toys);
  let kept = 0;
  const failedToys: FailedToy[] = [];
  for (let t = 0; t < options.toys; t++) {
    sampleToy(model, expected, createStream(options.seed, expectedToyPurpose(k), t), toy);
    try {
      limits[kept++] = observedUpperLimit(model, toy, median, { cl: fit.confidenceLevel, testStat, rtol: 1e-3, maxPoi: LIMIT_SEARCH_CEILING_IN_SCALES }) * scale;
    } catch (error) {
      if (!(error instanceof FitError)) throw error;
      kept--;
      failedToys.push({ index: t, pseudoData: Array.from(toy) });
    }
  }
  return { limitsFb: limits.subarray(0, kept).sort(), failed: options.toys - kept, failedToys };
}

/** The band of sorted toy limits, by simple-statistics' quantiles of a sorted sample. */
export function bandOfSorted(sorted: Float64Array): Band {
  if (sorted.length === 0) return [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  const values = Array.from(sorted);
  return BAND_QUANTILES.map((p) => quantileSorted(values, p)) as unknown as Band;
}

/** Toy-based expected limits of hypothesis `k`, beside its asymptotic band. */
export function toyExpectedPoint(set: TemplateSet, k: number, fit: FitSettings, options: ToyExpectedOptions): ToyExpectedPoint {
  const asymptotic = expectedPoint(set, k, fit);
  const { limitsFb, failed, failedToys } = toyLimitsFb(set, k, fit, options);
  const sigmaLimitFb = bandOfSorted(limitsFb);
  return {
    ...asymptotic,
    sigmaLimitFb,
    couplingLimit: couplingLimitsOfModels(sigmaLimitFb, asymptotic.sigmaUnitCouplingFb, asymptotic.massGeV),
    sigmaLimitAsymptoticFb: asymptotic.sigmaLimitFb,
    toys: options.toys,
    failedToys: failed,
    failedToyRecords: failedToys,
  };
}
