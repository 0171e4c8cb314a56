/**
 * Poisson terms of −ln L measured from their saturated value, so that they stay exact however large
 * the counts (auxiliary data of a tight shapesys reach τ ≈ 10¹¹ in published workspaces, where
 * ν − n ln ν is a difference of numbers of order 10¹² and keeps only a few bits of the O(1) part that
 * matters).
 *
 *     −ln Pois(n | ν) = bd0(n, ν) + saturatedPoissonNll(n)
 *     bd0(n, ν)       = ν − n − n ln(ν/n) ≥ 0            (0 at ν = n)
 *     saturatedPoissonNll(n) = −ln Pois(n | n) = ln Γ(n + 1) + n − n ln n = ½ ln(2πn) + stirlerr(n)
 *
 * Both follow C. Loader, "Fast and accurate computation of binomial probabilities" (2000), the
 * algorithm behind R's `dpois`: bd0 by a series in v = (ν − n)/(ν + n) near ν = n, and the Stirling
 * error by its asymptotic series for n > 15. Counts may be non-integer (Asimov data), as in pyhf.
 */
import gammaln from '@stdlib/math-base-special-gammaln';

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * bd0(n, ν) = ν − n − n ln(ν/n), the deviance part of −ln Pois(n | ν) (Loader 2000, §2): exact to a
 * few ulp for every n ≥ 0, ν > 0. For n = 0 it is ν. Returns +∞ for ν ≤ 0 with n > 0, and for ν < 0.
 */
export function bd0(n: number, nu: number): number {
  if (!(nu > 0)) return nu === 0 && n === 0 ? 0 : Number.POSITIVE_INFINITY;
  if (n === 0) return nu;
  const diff = nu - n;
  if (Math.abs(diff) < 0.06 * n) {
    // (ν − n)v − 2n Σ_{j≥1} v^{2j+1}/(2j+1) with v = (ν − n)/(ν + n), |v| < 0.031: seven terms reach 1e-17
    const v = diff / (n + nu);
    const v2 = v * v;
    const tail = 1 / 3 + v2 * (1 / 5 + v2 * (1 / 7 + v2 * (1 / 9 + v2 * (1 / 11 + v2 * (1 / 13 + v2 / 15)))));
    return diff * v - 2 * n * v * v2 * tail;
  }
  // away from ν = n the two parts differ by ≥ 3%, and log1p keeps n ln(ν/n) to an ulp of (ν − n)
  return diff - n * Math.log1p(diff / n);
}

// ln Γ(n + 1) − (n + ½) ln n + n − ½ ln 2π, coefficients of its asymptotic series (Loader 2000, Eq. (3))
const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/** The Stirling error ln Γ(n + 1) − (n + ½) ln n + n − ½ ln 2π, for n > 0. */
export function stirlerr(n: number): number {
  if (n <= 15) return gammaln(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  const n2 = 1 / (n * n);
  if (n > 500) return (S0 - S1 * n2) / n;
  if (n > 80) return (S0 - (S1 - S2 * n2) * n2) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 * n2) * n2) * n2) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 * n2) * n2) * n2) * n2) / n;
}

/** −ln Pois(n | n) = ln Γ(n + 1) + n − n ln n, the saturated value of a Poisson term (0 for n = 0). */
export function saturatedPoissonNll(n: number): number {
  if (n === 0) return 0;
  if (n <= 15) return gammaln(n + 1) + n - n * Math.log(n);
  return 0.5 * Math.log(2 * Math.PI * n) + stirlerr(n);
}
