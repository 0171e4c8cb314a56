/**
 * CLs upper limits on the parameter of interest: the μ where CLs(μ) = α = 1 − CL (A. L. Read,
 * J. Phys. G 28 (2002) 2693; α = 0.10 for the paper's 90% CL), observed and for each expected band
 * (pyhf `infer.intervals.upper_limits.toms748_scan`, here with Brent's bracketed root finder).
 *
 * Asymptotically the expected CLs at band N depends only on √q_{μ,A}: CLs_exp = Φ(−N − √q_A)/Φ(−N),
 * so each expected limit is the μ where √q_{μ,A} = Φ⁻¹(1 − αΦ(−N)) − N; for a linear √q_A = μ/σ
 * this gives μ_up/σ = 0.837, 1.148, 1.645, 2.378, 3.295 at 90% CL (derived from pyhf `expected_pvalues`; docs/references.md §8.1).
 */
import normal from '@stdlib/stats-base-dists-normal';
import { AsymptoticCalculator, BAND_NSIGMA, type Band, type HypotestResult } from './asymptotic.js';
import { FitError } from './minimize.js';
import type { Model } from './model.js';
import type { TestStatistic } from './testStatistics.js';
import { ToyCalculator, type ToyHypotestResult, type ToySourceFactory } from './toys.js';

/** Options of an upper-limit computation. */
export interface UpperLimitOptions {
  /** Confidence level (default 0.9, as in the paper). */
  readonly cl?: number;
  readonly testStat?: TestStatistic;
  readonly calculator?: 'asymptotic' | 'toybased';
  /** Toys per hypothesis and μ (toy-based only; default 1000). */
  readonly ntoys?: number;
  /** Random streams (toy-based only). */
  readonly sources?: ToySourceFactory;
  /** Relative tolerance on μ (default 1e-6 asymptotic, 1e-2 toy-based). */
  readonly rtol?: number;
  /**
   * The largest μ the search evaluates; a limit above it is a FitError. Default: none, and the
   * search doubles past the POI's upper bound as pyhf's `toms748_scan` does.
   */
  readonly maxPoi?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** An upper limit with its expected band. */
export interface UpperLimitResult {
  readonly cl: number;
  /** Observed upper limit. */
  readonly obs: number;
  /** Expected upper limits, −2σ … +2σ (pyhf order). */
  readonly exp: Band;
  readonly calculator: 'asymptotic' | 'toybased';
  readonly testStat: TestStatistic;
  /** Number of CLs evaluations (hypothesis tests) made. */
  readonly evaluations: number;
  /** Toys dropped because their fits did not converge, summed over evaluations (toy-based only). */
  readonly failedToys?: number;
}

/**
 * Brent's method (R. P. Brent, Algorithms for Minimization without Derivatives, 1973, ch. 4) for a
 * root of f in [a, b] with f(a)·f(b) ≤ 0.
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, fa: number, fb: number, xtol: number, maxIter = 100): number {
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa * fb > 0) throw new RangeError(`root not bracketed in [${a}, ${b}]: f = ${fa}, ${fb}`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIter; i++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xtol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = d;
      }
    } else {
      d = m;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}

/**
 * The μ > lo where a decreasing function f of μ crosses zero, from a guess. Secant steps from the
 * guess and a second point (`second(guess, f(guess))`, else 10% towards the root; f(lo) > 0 is known
 * without evaluation: CLs = 1 at the POI's lower bound) stop once a step is below rtol/10 of μ: for
 * the smooth, nearly linear functions used here the error of the last step is then far below rtol,
 * since the secant method converges with order 1.6. A step that leaves the range it should stay in
 * (the bracket found so far, a factor 2 of the distance to lo, and the ceiling hi) hands over to
 * bracketing and Brent's method. No μ above hi is evaluated, and a limit beyond it is an error, not a
 * number: a window whose signal the nuisances can absorb has CLs > α for every μ, and its fits at
 * huge μ stop converging.
 */
function rootFrom(f: (mu: number) => number, lo: number, hi: number, fLo: number, guess: number, second: ((x0: number, f0: number) => number) | null, rtol: number, what: string): number {
  const at = (mu: number): number => {
    const v = f(mu);
    if (Number.isNaN(v)) throw new FitError(`${what}: CLs is NaN at μ = ${mu}`);
    return v;
  };
  // a: largest μ with f > 0 (lo until one is evaluated), b: smallest μ with f ≤ 0
  let a = lo;
  let fa = fLo;
  let b = Number.POSITIVE_INFINITY;
  let fb = Number.NaN;
  const record = (mu: number, v: number): void => {
    if (v > 0) {
      if (mu > a) {
        a = mu;
        fa = v;
      }
    } else if (mu < b) {
      b = mu;
      fb = v;
    }
  };
  const secant = (x0: number, f0: number, x1: number, f1: number): number => x1 - (f1 * (x1 - x0)) / (f1 - f0);
  const plausible = (next: number, from: number): boolean =>
    Number.isFinite(next) && next > a && next < b && next <= hi && next > lo + 0.5 * (from - lo) && next < lo + 2 * (from - lo);
  let x0 = guess > lo ? Math.min(guess, hi) : Math.min(lo + 1, 0.5 * (lo + hi));
  let f0 = at(x0);
  record(x0, f0);
  let x1 = second === null ? Number.NaN : second(x0, f0);
  if (!plausible(x1, x0)) x1 = f0 > 0 ? Math.min(lo + 1.1 * (x0 - lo), hi) : lo + 0.9 * (x0 - lo);
  if (x1 === x0) x1 = lo + 0.9 * (x0 - lo);
  for (let steps = 0; steps < 20; steps++) {
    const f1 = at(x1);
    record(x1, f1);
    const next = secant(x0, f0, x1, f1);
    if (!plausible(next, x1)) break;
    if (Math.abs(next - x1) <= 0.1 * rtol * Math.abs(next)) return next;
    x0 = x1;
    f0 = f1;
    x1 = next;
  }
  // bracket: doubling away from lo, or halving towards it
  for (let steps = 0; b === Number.POSITIVE_INFINITY; steps++) {
    if (steps > 60) throw new FitError(`${what}: CLs stays above α up to μ = ${a}; no upper limit found`);
    if (a >= hi) throw new FitError(`${what}: CLs stays above α up to the search's ceiling, μ = ${hi}; no upper limit below it`);
    const mu = Math.min(lo + 2 * (a - lo), hi);
    record(mu, at(mu));
  }
  for (let steps = 0; a === lo && steps < 40; steps++) {
    const mu = lo + 0.5 * (b - lo);
    record(mu, at(mu));
  }
  return brentRoot(at, a, b, fa, fb, rtol * Math.abs(b));
}

/** The μ range a limit is searched in: from max(0, the POI's lower bound) to the ceiling `maxPoi`, if any. */
function poiRange(model: Model, maxPoi = Number.POSITIVE_INFINITY): [number, number] {
  const lo = model.lowerBounds[model.poiIndex] > 0 ? model.lowerBounds[model.poiIndex] : 0;
  if (!(maxPoi > lo)) throw new RangeError(`maxPoi must be above the POI's lower bound ${lo}, got ${maxPoi}`);
  return [lo, maxPoi];
}

/** Φ⁻¹ of a CLs value, kept finite (±40) where CLs is 0 or 1 in double precision. */
function probit(p: number): number {
  return Math.max(-40, Math.min(40, normal.quantile(p, 0, 1)));
}

/**
 * Asymptotic 90% (or `cl`) CLs upper limit with expected band. Expected limit N solves
 * √q_{μ,A} = Φ⁻¹(1 − αΦ(−N)) − N, a root of a nearly linear function of μ (√q_A ≈ μ/σ), each band
 * starting from the slope of the previous one; the observed limit is the root of Φ⁻¹(CLs_obs) − Φ⁻¹(α),
 * started at the expected median. Both are CLs(μ) = α, found to `rtol`.
 */
function asymptoticLimit(model: Model, data: ArrayLike<number>, options: UpperLimitOptions): UpperLimitResult {
  const cl = options.cl ?? 0.9;
  const alpha = 1 - cl;
  const testStat = options.testStat ?? 'qtilde';
  const rtol = options.rtol ?? 1e-6;
  const calc = new AsymptoticCalculator(model, data, { testStat });
  const [lo, hi] = poiRange(model, options.maxPoi);
  let evaluations = 0;
  // scale of μ from the Asimov curvature: √q_A(μ) ≈ μ/σ
  const probe = Math.max(model.suggestedInit[model.poiIndex], 1e-3, lo + 1e-3);
  const sq = calc.sqrtQAsimov(probe);
  let sigma = sq > 0 ? (probe - lo) / sq : probe;
  const expected: number[] = [];
  for (const n of BAND_NSIGMA) {
    const target = normal.quantile(1 - alpha * normal.cdf(-n, 0, 1), 0, 1) - n;
    const g = (mu: number): number => {
      evaluations++;
      return target - calc.sqrtQAsimov(mu);
    };
    const throughLo = (x0: number, f0: number): number => x0 - (f0 * (x0 - lo)) / (f0 - target);
    const limit = rootFrom(g, lo, hi, target, lo + sigma * target, throughLo, rtol, `expected limit (${-n}σ)`);
    expected.push(limit);
    if (limit > lo) sigma = (limit - lo) / target;
  }
  const observed = observedRoot(calc, alpha, lo, hi, expected[2], rtol);
  return { cl, obs: observed.mu, exp: expected as Band, calculator: 'asymptotic', testStat, evaluations: evaluations + observed.evaluations };
}

/**
 * The observed asymptotic limit: the root of Φ⁻¹(CLs_obs(μ)) − Φ⁻¹(α), started at `guess` (the
 * expected median, or any nearby μ), its second point from the asymptotic formula.
 */
function observedRoot(calc: AsymptoticCalculator, alpha: number, lo: number, hi: number, guess: number, rtol: number): { mu: number; evaluations: number } {
  let evaluations = 0;
  const probitAlpha = normal.quantile(alpha, 0, 1);
  let last: HypotestResult | undefined;
  const g = (mu: number): number => {
    evaluations++;
    last = calc.hypotest(mu);
    return probit(last.clsObs) - probitAlpha;
  };
  // From CL_b = Φ(−t) and CL_{s+b} = Φ(−(t + √q_A)) at μ₀: σ = μ₀/√q_A and, where √q̃ = (μ − μ̂)/σ,
  // t = −μ̂/σ; CLs(μ) = α then gives μ_up = μ̂ + σ·Φ⁻¹(1 − α·Φ(μ̂/σ)) (arXiv:1007.1727, Eqs. (59), (65)).
  const asymptoticFormula = (x0: number): number => {
    if (last === undefined) return Number.NaN;
    const t = -normal.quantile(last.clbObs, 0, 1);
    const sigmaObs = (x0 - lo) / (-normal.quantile(last.clsbObs, 0, 1) - t);
    const muHat = lo - t * sigmaObs;
    return muHat + sigmaObs * normal.quantile(1 - alpha * normal.cdf(muHat / sigmaObs, 0, 1), 0, 1);
  };
  const mu = rootFrom(g, lo, hi, 40 - probitAlpha, guess, asymptoticFormula, rtol, 'observed limit');
  return { mu, evaluations };
}

/**
 * The observed asymptotic upper limit alone, without the expected band: for many data sets of one
 * model (toys), started at `guess` (the model's expected median limit).
 *
 * @throws FitError if a needed fit does not converge or no limit exists
 */
export function observedUpperLimit(model: Model, data: ArrayLike<number>, guess: number, options: Pick<UpperLimitOptions, 'cl' | 'testStat' | 'rtol' | 'maxPoi'> = {}): number {
  const cl = options.cl ?? 0.9;
  if (!(cl > 0 && cl < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${cl}`);
  if (model.poiIndex < 0) throw new FitError('no parameter of interest: upper limits need one');
  const calc = new AsymptoticCalculator(model, data, { testStat: options.testStat ?? 'qtilde' });
  const [lo, hi] = poiRange(model, options.maxPoi);
  return observedRoot(calc, 1 - cl, lo, hi, guess, options.rtol ?? 1e-6).mu;
}

/** μ where a decreasing curve sampled at sorted `mus` crosses α, by linear interpolation; NaN if not bracketed. */
function interpolateCrossing(mus: readonly number[], values: readonly number[], alpha: number): { mu: number; lo: number; hi: number } {
  for (let i = 0; i + 1 < mus.length; i++) {
    const a = values[i] - alpha;
    const b = values[i + 1] - alpha;
    if (a > 0 && b <= 0) return { mu: mus[i] + ((mus[i + 1] - mus[i]) * a) / (a - b), lo: mus[i], hi: mus[i + 1] };
  }
  return { mu: Number.NaN, lo: Number.NaN, hi: Number.NaN };
}

/**
 * Toy-based limit. Every μ evaluated runs a full toy hypothesis test, and the six CLs curves share
 * them: a grid of μ around the asymptotic limits, then linear interpolation of each curve at α (as
 * pyhf's `upper_limit(scan=…)` does) refined by evaluating at each interpolated crossing until it moves
 * by less than `rtol`. The same random streams at every μ keep the curves smooth in μ.
 */
function toyLimit(model: Model, data: ArrayLike<number>, options: UpperLimitOptions): UpperLimitResult {
  if (options.sources === undefined) throw new RangeError('toy-based limits need random sources');
  const cl = options.cl ?? 0.9;
  const alpha = 1 - cl;
  const testStat = options.testStat ?? 'qtilde';
  const rtol = options.rtol ?? 1e-2;
  const calc = new ToyCalculator(model, data, { testStat, ntoys: options.ntoys ?? 1000, sources: options.sources });
  const cache = new Map<number, ToyHypotestResult>();
  let failedToys = 0;
  const at = (mu: number): ToyHypotestResult => {
    let r = cache.get(mu);
    if (r === undefined) {
      r = calc.hypotest(mu);
      failedToys += r.failedToys;
      cache.set(mu, r);
      options.onProgress?.(cache.size, 0);
    }
    return r;
  };
  const curves = (r: HypotestResult): number[] => [...r.clsExp, r.clsObs];
  const crossings = (): { mu: number; lo: number; hi: number }[] => {
    const mus = [...cache.keys()].sort((a, b) => a - b);
    const results = mus.map((mu) => curves(at(mu)));
    return [0, 1, 2, 3, 4, 5].map((c) =>
      interpolateCrossing(
        mus,
        results.map((v) => v[c]),
        alpha,
      ),
    );
  };
  // grid around the asymptotic limits
  const asym = asymptoticLimit(model, data, { cl, testStat, rtol: 1e-4, maxPoi: options.maxPoi });
  const [lo, hi] = poiRange(model, options.maxPoi);
  const guesses = [...asym.exp, asym.obs].filter((v) => v > lo);
  let gridLo = Math.max(lo + 1e-9, 0.7 * Math.min(...guesses));
  let gridHi = Math.min(1.4 * Math.max(...guesses), hi);
  const nGrid = 8;
  for (let i = 0; i < nGrid; i++) at(gridLo + ((gridHi - gridLo) * i) / (nGrid - 1));
  // widen until every curve is bracketed
  for (let widen = 0; widen < 30; widen++) {
    const cs = crossings();
    const low = [...cache.keys()].sort((a, b) => a - b)[0];
    const missing = cs.map((c, i) => (Number.isNaN(c.mu) ? i : -1)).filter((i) => i >= 0);
    if (missing.length === 0) break;
    const first = curves(at(low));
    if (missing.some((i) => first[i] <= alpha) && gridLo > lo + 1e-9) {
      gridLo = lo + 0.5 * (gridLo - lo);
      at(gridLo);
    } else {
      if (gridHi >= hi) break;
      gridHi = Math.min(1.5 * gridHi, hi);
      at(gridHi);
    }
  }
  // refine each crossing
  for (let round = 0; round < 4; round++) {
    let moved = false;
    for (const c of crossings()) {
      if (Number.isNaN(c.mu)) continue;
      const near = [...cache.keys()].some((mu) => Math.abs(mu - c.mu) <= rtol * c.mu);
      if (!near) {
        at(c.mu);
        moved = true;
      }
    }
    if (!moved) break;
  }
  const final = crossings();
  final.forEach((c, i) => {
    if (Number.isNaN(c.mu)) throw new FitError(`toy-based ${i < 5 ? `expected limit (band ${i})` : 'observed limit'}: CLs does not cross α in the scanned range`);
  });
  return {
    cl,
    obs: final[5].mu,
    exp: final.slice(0, 5).map((c) => c.mu) as Band,
    calculator: 'toybased',
    testStat,
    evaluations: cache.size,
    failedToys,
  };
}

/**
 * Upper limit on the POI at confidence level `cl` (default 90%), observed and expected band
 * (−2σ … +2σ), by root finding on CLs(μ) = 1 − cl, in the POI's units.
 *
 * @example
 * const model = uncorrelatedBackground([12, 11], [50, 52], [3, 7]);
 * const limit = upperLimit(model, [51, 48, ...model.auxdata], { cl: 0.95 });
 * limit.obs; // 1.011571881389814
 * limit.exp; // [0.5598843, 0.7570290, 1.0623550, 1.5011808, 2.0508020]
 *
 * @throws FitError if a needed fit does not converge or no limit exists below 2⁶⁰·guess
 */
export function upperLimit(model: Model, data: ArrayLike<number>, options: UpperLimitOptions = {}): UpperLimitResult {
  const cl = options.cl ?? 0.9;
  if (!(cl > 0 && cl < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${cl}`);
  if (model.poiIndex < 0) throw new FitError('no parameter of interest: upper limits need one');
  return (options.calculator ?? 'asymptotic') === 'asymptotic' ? asymptoticLimit(model, data, options) : toyLimit(model, data, options);
}
