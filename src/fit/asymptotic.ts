/**
 * Asymptotic (Wald/Asimov) p-values, as pyhf's `AsymptoticCalculator` computes them
 * (`infer/calculators.py`), from Cowan, Cranmer, Gross, Vitells, EPJC 71 (2011) 1554, arXiv:1007.1727.
 *
 * - Asimov data: expected main and auxiliary data at the conditional fit to the observed data with
 *   μ = 0 (μ = 1 for q₀), Eq. (24) and §3.1.
 * - √q_{μ,A} = √(test statistic on the Asimov data), Eq. (29)–(30).
 * - Test statistic in "−μ̂/σ space": for q_μ and q₀, t = √q − √q_A; for q̃_μ, t = √q̃ − √q_A if
 *   √q̃ ≤ √q_A, else (q̃ − q_A)/(2√q_A) (Eq. (62)).
 * - CL_{s+b} = Φ(−(t + √q_A)), CL_b = Φ(−t), CL_s = CL_{s+b}/CL_b (Eqs. (57), (59), (65)).
 * - Expected band: CL values at t = N for N = 2, 1, 0, −1, −2 (pyhf's order: most to least stringent
 *   as a CLs value, i.e. the −2σ … +2σ expected limits).
 */
import normal from '@stdlib/stats-base-dists-normal';
import { FitError, type FitResult, type Minimizer, minimizerFor } from './minimize.js';
import type { Model } from './model.js';
import { convergedFit, type TestStatistic, testStatistic } from './testStatistics.js';

/** pyhf's n_sigma order of the expected band: index 0 is the −2σ (most stringent) band. */
export const BAND_NSIGMA: readonly number[] = [2, 1, 0, -1, -2];

/** The five expected values, −2σ … +2σ in pyhf's order. */
export type Band = [number, number, number, number, number];

/** p-values of one hypothesis test. */
export interface PValues {
  readonly clsb: number;
  readonly clb: number;
  readonly cls: number;
}

/** Result of a hypothesis test at one μ. */
export interface HypotestResult {
  readonly mu: number;
  readonly testStat: TestStatistic;
  readonly calculator: 'asymptotic' | 'toybased';
  /** The test statistic as the calculator uses it (pyhf `calc.teststatistic`). */
  readonly teststat: number;
  readonly clsObs: number;
  readonly clsbObs: number;
  readonly clbObs: number;
  /** Expected CLs, −2σ … +2σ (pyhf `CLs_exp` order). */
  readonly clsExp: Band;
  readonly clsbExp: Band;
  readonly clbExp: Band;
}

/** Options of the asymptotic calculator. */
export interface AsymptoticOptions {
  readonly testStat?: TestStatistic;
  /** pyhf `calc_base_dist`: 'normal' (default) or 'clipped_normal'. */
  readonly calcBaseDist?: 'normal' | 'clipped_normal';
  readonly tolerance?: number;
}

const Phi = (x: number): number => normal.cdf(x, 0, 1);

/** pyhf `AsymptoticTestStatDistribution.pvalue`: Φ(−(value − shift)), NaN below the cutoff. */
function pvalue(value: number, shift: number, cutoff: number): number {
  return value >= cutoff ? Phi(-(value - shift)) : Number.NaN;
}

/**
 * Asymptotic calculator for one model and data set. The unconditional fits, the Asimov data set and
 * its fits do not depend on μ and are made once; each μ then costs two conditional fits (data and
 * Asimov), which makes limit scans cheap.
 */
export class AsymptoticCalculator {
  readonly testStat: TestStatistic;
  readonly calcBaseDist: 'normal' | 'clipped_normal';
  private readonly minimizer: Minimizer;
  private readonly tolerance: number | undefined;
  private freeData: FitResult | undefined;
  private asimovData: Float64Array | undefined;
  private asimovPars: Float64Array | undefined;
  private freeAsimov: FitResult | undefined;
  private readonly start: Float64Array;

  constructor(
    readonly model: Model,
    readonly data: ArrayLike<number>,
    options: AsymptoticOptions = {},
  ) {
    if (model.poiIndex < 0) throw new FitError('no parameter of interest: hypothesis tests need one');
    this.testStat = options.testStat ?? 'qtilde';
    this.calcBaseDist = options.calcBaseDist ?? 'normal';
    this.tolerance = options.tolerance;
    this.minimizer = minimizerFor(model);
    this.start = new Float64Array(model.nPars);
  }

  /** The unconditional fit to the observed data (cached). */
  freeFit(): FitResult {
    this.freeData ??= convergedFit(this.minimizer, this.data, { tolerance: this.tolerance });
    return this.freeData;
  }

  /** The Asimov data set (pyhf `generate_asimov_data` with μ = 0, or μ = 1 for q₀), cached. */
  asimov(): Float64Array {
    if (this.asimovData === undefined) {
      const asimovMu = this.testStat === 'q0' ? 1 : 0;
      const fit = convergedFit(this.minimizer, this.data, { init: this.conditionalStart(asimovMu), fixPoi: asimovMu, tolerance: this.tolerance });
      this.asimovPars = fit.pars;
      this.asimovData = this.model.expectedData(fit.pars);
    }
    return this.asimovData;
  }

  /** Unconditional fit to the Asimov data (cached; it starts at the parameters that generated them). */
  private freeAsimovFit(): FitResult {
    if (this.freeAsimov === undefined) {
      const data = this.asimov();
      this.freeAsimov = convergedFit(this.minimizer, data, { init: this.asimovPars, tolerance: this.tolerance });
    }
    return this.freeAsimov;
  }

  /** Observed test statistic value (q̃_μ, q_μ, …) at μ, from cached unconditional fit. */
  observedQ(mu: number): number {
    const r = testStatistic(this.testStat, this.model, this.data, mu, {
      free: this.freeFit(),
      conditionalInit: this.conditionalStart(mu),
      tolerance: this.tolerance,
    });
    return r.value;
  }

  /** √q_{μ,A}: the test statistic on the Asimov data, Eq. (29)–(30) of arXiv:1007.1727. */
  sqrtQAsimov(mu: number): number {
    const free = this.freeAsimovFit();
    const r = testStatistic(this.testStat, this.model, this.asimov(), mu, {
      free,
      conditionalInit: this.conditionalStart(mu),
      tolerance: this.tolerance,
    });
    return Math.sqrt(r.value);
  }

  /**
   * Conditional fits start at the suggested init with μ set, as pyhf's: a warm start from a nearby fit
   * is faster, but where −ln L is not convex (e.g. a non-monotonic histosys) it can settle in a
   * different local minimum than pyhf does.
   */
  private conditionalStart(mu: number): Float64Array {
    const start = this.start;
    start.set(this.model.suggestedInit);
    start[this.model.poiIndex] = mu;
    return start;
  }

  /** Transforms q into the calculator's test statistic (pyhf `AsymptoticCalculator.teststatistic`). */
  transform(q: number, sqrtqA: number): number {
    const sqrtq = Math.sqrt(q);
    if (this.testStat === 'qtilde' || this.testStat === 'mutilde') {
      // pyhf routes √q_A = 0 (μ = Asimov μ) to the first branch to avoid 0/0
      if (sqrtq <= sqrtqA || sqrtqA === 0) return sqrtq - sqrtqA;
      return (q - sqrtqA * sqrtqA) / (2 * sqrtqA);
    }
    return sqrtq - sqrtqA;
  }

  /** CL_{s+b}, CL_b, CL_s for test statistic value t, given √q_A. */
  pvalues(t: number, sqrtqA: number): PValues {
    const cutoff = this.calcBaseDist === 'normal' ? Number.NEGATIVE_INFINITY : -sqrtqA;
    const clsb = pvalue(t, -sqrtqA, cutoff);
    const clb = pvalue(t, 0, cutoff);
    return { clsb, clb, cls: clsb / clb };
  }

  /** Expected CL values for the N = 2, 1, 0, −1, −2 quantiles of the background-only distribution. */
  expectedPvalues(sqrtqA: number): { clsb: Band; clb: Band; cls: Band } {
    const cutoff = this.calcBaseDist === 'normal' ? Number.NEGATIVE_INFINITY : -sqrtqA;
    const clsb: number[] = [];
    const clb: number[] = [];
    const cls: number[] = [];
    for (const n of BAND_NSIGMA) {
      const t = n > cutoff ? n : cutoff;
      const p = this.pvalues(t, sqrtqA);
      clsb.push(p.clsb);
      clb.push(p.clb);
      cls.push(p.cls);
    }
    return { clsb: clsb as Band, clb: clb as Band, cls: cls as Band };
  }

  /** The full hypothesis test at μ (pyhf `infer.hypotest(..., calctype='asymptotics')`). */
  hypotest(mu: number): HypotestResult {
    const sqrtqA = this.sqrtQAsimov(mu);
    const q = this.observedQ(mu);
    const t = this.transform(q, sqrtqA);
    const obs = this.pvalues(t, sqrtqA);
    const exp = this.expectedPvalues(sqrtqA);
    return {
      mu,
      testStat: this.testStat,
      calculator: 'asymptotic',
      teststat: t,
      clsObs: obs.cls,
      clsbObs: obs.clsb,
      clbObs: obs.clb,
      clsExp: exp.cls,
      clsbExp: exp.clsb,
      clbExp: exp.clb,
    };
  }
}

/**
 * Asymptotic hypothesis test at μ (pyhf `infer.hypotest(mu, data, model, test_stat=…)`): CLs, CLs+b
 * and CLb, observed and expected (−2σ … +2σ), with q̃_μ by default (Cowan et al., Eur. Phys. J. C
 * 71, 1554 (2011), eq. (16)). `data` is the main data followed by the model's auxdata.
 *
 * @example
 * // pyhf's documentation example: two bins, uncorrelated background uncertainties.
 * const model = uncorrelatedBackground([12, 11], [50, 52], [3, 7]);
 * const result = asymptoticHypotest(model, [51, 48, ...model.auxdata], 1);
 * result.clsObs; // 0.052515525146122906 (pyhf's documentation prints 0.05251497, at its default fit tolerance)
 * result.clsExp; // [0.0026064, 0.0138206, 0.0644552, 0.2352609, 0.5730417]
 */
export function asymptoticHypotest(model: Model, data: ArrayLike<number>, mu: number, options: AsymptoticOptions = {}): HypotestResult {
  return new AsymptoticCalculator(model, data, options).hypotest(mu);
}
