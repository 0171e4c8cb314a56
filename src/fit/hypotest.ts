/**
 * One entry point for hypothesis tests (pyhf `infer.hypotest`): asymptotic or toy-based.
 */
import { AsymptoticCalculator, type HypotestResult } from './asymptotic.js';
import type { Model } from './model.js';
import type { TestStatistic } from './testStatistics.js';
import { ToyCalculator, type ToyHypotestResult, type ToySourceFactory } from './toys.js';

/** Options of {@link hypotest}. */
export interface HypotestOptions {
  readonly testStat?: TestStatistic;
  readonly calculator?: 'asymptotic' | 'toybased';
  /** Toys per hypothesis (toy-based; default 2000 as pyhf). */
  readonly ntoys?: number;
  readonly sources?: ToySourceFactory;
  readonly calcBaseDist?: 'normal' | 'clipped_normal';
  readonly onProgress?: (done: number, total: number) => void;
}

/** CLs, CL_{s+b}, CL_b and the expected CLs band at μ. */
export function hypotest(model: Model, data: ArrayLike<number>, mu: number, options: HypotestOptions = {}): HypotestResult | ToyHypotestResult {
  if ((options.calculator ?? 'asymptotic') === 'asymptotic') {
    return new AsymptoticCalculator(model, data, { testStat: options.testStat, calcBaseDist: options.calcBaseDist }).hypotest(mu);
  }
  if (options.sources === undefined) throw new RangeError('toy-based hypothesis tests need random sources');
  return new ToyCalculator(model, data, {
    testStat: options.testStat,
    ntoys: options.ntoys,
    sources: options.sources,
    onProgress: options.onProgress,
  }).hypotest(mu);
}
