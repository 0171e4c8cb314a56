/**
 * Profile-likelihood test statistics of Cowan, Cranmer, Gross, Vitells, Eur. Phys. J. C 71 (2011) 1554
 * (arXiv:1007.1727), as pyhf defines them (`infer/test_statistics.py`).
 *
 * λ(μ) = L(μ, θ̂̂)/L(μ̂, θ̂) (Eq. (7)). The "tilde" variants differ only in that μ̂ is bounded below by
 * zero; as in pyhf, that bound comes from the POI's bounds in the model (a normfactor's default is
 * [0, 10]), so `qmuTilde` and `qmu` compute the same number for the same model and differ in how
 * their asymptotic distributions are used.
 */
import { FitError, type FitOptions, type FitResult, type Minimizer, minimizerFor } from './minimize.js';
import type { Model } from './model.js';

/** The test statistics this fit core implements. */
export type TestStatistic = 'qtilde' | 'q' | 'mu' | 'mutilde' | 'q0';
export const TEST_STATISTICS: readonly TestStatistic[] = ['qtilde', 'q', 'mu', 'mutilde', 'q0'];

/** A test statistic's value with the two fits it came from. */
export interface TestStatResult {
  readonly value: number;
  /** Conditional fit at μ (θ̂̂). */
  readonly conditional: FitResult;
  /** Unconditional fit (μ̂, θ̂). */
  readonly free: FitResult;
}

/** Options shared by the test statistics. */
export interface TestStatOptions {
  /** Start of the unconditional fit (default: the model's suggested init). */
  readonly init?: ArrayLike<number>;
  /** Start of the conditional fit (default: `init` with μ set, as pyhf starts every fit at the suggested init). */
  readonly conditionalInit?: ArrayLike<number>;
  /** An unconditional fit already made on the same data (reused, not repeated). */
  readonly free?: FitResult;
  readonly tolerance?: number;
}

/**
 * Fits and retries once from the suggested init if the first attempt fails; throws {@link FitError} if
 * the fit still does not converge, so that a non-converged fit is never used silently.
 */
export function convergedFit(minimizer: Minimizer, data: ArrayLike<number>, options: FitOptions): FitResult {
  const first = minimizer.fit(data, options);
  if (first.converged) return first;
  const retry = minimizer.fit(data, { ...options, init: minimizer.model.suggestedInit, maxIterations: 1000 });
  if (retry.converged) return retry;
  const what = options.fixPoi === undefined ? 'unconditional fit' : `conditional fit at ${minimizer.model.poiName ?? 'POI'} = ${options.fixPoi}`;
  throw new FitError(`${what} did not converge: ${retry.status} (EDM ${retry.edm.toExponential(2)})`, retry);
}

function requirePoi(model: Model): number {
  if (model.poiIndex < 0) throw new FitError('no parameter of interest: profile-likelihood test statistics need one (set the measurement POI)');
  return model.poiIndex;
}

/**
 * t_μ-like statistic: −2 ln λ(μ) clipped at 0 (pyhf `_tmu_like`; Eq. (8) of arXiv:1007.1727).
 */
export function tmuLike(model: Model, data: ArrayLike<number>, mu: number, options: TestStatOptions = {}): TestStatResult {
  const poi = requirePoi(model);
  const minimizer = minimizerFor(model);
  const free = options.free ?? convergedFit(minimizer, data, { init: options.init, tolerance: options.tolerance });
  let start: ArrayLike<number> | undefined = options.conditionalInit;
  if (start === undefined) {
    const s = Float64Array.from(options.init ?? model.suggestedInit);
    s[poi] = mu;
    start = s;
  }
  const conditional = convergedFit(minimizer, data, { init: start, fixPoi: mu, tolerance: options.tolerance });
  const value = Math.max(0, conditional.deviance - free.deviance);
  return { value, conditional, free };
}

/** t_μ = −2 ln λ(μ), Eq. (8) of arXiv:1007.1727. */
export function tmu(model: Model, data: ArrayLike<number>, mu: number, options: TestStatOptions = {}): TestStatResult {
  return tmuLike(model, data, mu, options);
}

/** t̃_μ = −2 ln λ̃(μ), Eq. (11) of arXiv:1007.1727 (μ̂ bounded at 0 through the POI bounds). */
export function tmuTilde(model: Model, data: ArrayLike<number>, mu: number, options: TestStatOptions = {}): TestStatResult {
  return tmuLike(model, data, mu, options);
}

/** q_μ = −2 ln λ(μ) if μ̂ ≤ μ, else 0: Eq. (14) of arXiv:1007.1727. */
export function qmu(model: Model, data: ArrayLike<number>, mu: number, options: TestStatOptions = {}): TestStatResult {
  const r = tmuLike(model, data, mu, options);
  return r.free.pars[model.poiIndex] > mu ? { ...r, value: 0 } : r;
}

/** q̃_μ = −2 ln λ̃(μ) if μ̂ ≤ μ, else 0: Eq. (16) of arXiv:1007.1727. */
export function qmuTilde(model: Model, data: ArrayLike<number>, mu: number, options: TestStatOptions = {}): TestStatResult {
  return qmu(model, data, mu, options);
}

/** q₀ = −2 ln λ(0) if μ̂ ≥ 0, else 0: Eq. (12) of arXiv:1007.1727 (discovery). */
export function q0(model: Model, data: ArrayLike<number>, options: TestStatOptions = {}): TestStatResult {
  const r = tmuLike(model, data, 0, options);
  return r.free.pars[model.poiIndex] < 0 ? { ...r, value: 0 } : r;
}

/** Evaluates the named test statistic at μ (μ is ignored by q0, which always tests μ = 0). */
export function testStatistic(name: TestStatistic, model: Model, data: ArrayLike<number>, mu: number, options: TestStatOptions = {}): TestStatResult {
  switch (name) {
    case 'qtilde':
      return qmuTilde(model, data, mu, options);
    case 'q':
      return qmu(model, data, mu, options);
    case 'mu':
      return tmu(model, data, mu, options);
    case 'mutilde':
      return tmuTilde(model, data, mu, options);
    case 'q0':
      return q0(model, data, options);
  }
}
