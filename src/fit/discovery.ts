/**
 * Discovery test of the background-only hypothesis μ = 0 with q₀ (Eq. (12) of arXiv:1007.1727):
 * local p-value p₀ = Φ(−√q₀) and significance Z = √q₀ (Eq. (52)–(53)); the median expected
 * significance for μ = 1 is √q_{0,A} on the Asimov data set with μ = 1 (Eq. (97) for one bin without
 * uncertainties: Z_A = √(2[(s+b)ln(1+s/b) − s])).
 */
import normal from '@stdlib/stats-base-dists-normal';
import { AsymptoticCalculator } from './asymptotic.js';
import type { Model } from './model.js';

/** Result of a discovery test. */
export interface DiscoveryResult {
  /** Observed q₀. */
  readonly q0: number;
  /** Local p-value of the background-only hypothesis. */
  readonly p0: number;
  /** Local significance Z = Φ⁻¹(1 − p₀) = √q₀. */
  readonly significance: number;
  /** Best-fit POI. */
  readonly muhat: number;
  /** Median expected p₀ and significance for μ = 1 (Asimov). */
  readonly expectedP0: number;
  readonly expectedSignificance: number;
}

/** Asymptotic discovery p-value and local significance (pyhf `hypotest(0, …, test_stat='q0')` → CL_{s+b}). */
export function discovery(model: Model, data: ArrayLike<number>): DiscoveryResult {
  const calc = new AsymptoticCalculator(model, data, { testStat: 'q0' });
  const q0 = calc.observedQ(0);
  const sqrtqA = calc.sqrtQAsimov(0);
  const z = Math.sqrt(q0);
  return {
    q0,
    p0: normal.cdf(-z, 0, 1),
    significance: z,
    muhat: calc.freeFit().pars[model.poiIndex],
    expectedP0: normal.cdf(-sqrtqA, 0, 1),
    expectedSignificance: sqrtqA,
  };
}
