/**
 * Poisson terms from their saturated values against 60-digit mpmath references
 * (fixtures/saturated.json, made by fixtures/make_saturated.py), with tolerances in ulps as stdlib's tests.
 */
import { readFileSync } from 'node:fs';
import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { bd0, saturatedPoissonNll } from '../../src/fit/saturated.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/saturated.json', import.meta.url), 'utf8')) as {
  bd0: { n: number; nu: number; bd0: number }[];
  saturated: { n: number; saturated: number }[];
};
const EPS = Number.EPSILON;

describe('bd0(n, nu) = ν − n − n ln(ν/n)', () => {
  it('is exact to 30 ulp for counts 0.5 … 1e17 and rates 1e-12 … 4× away from them', () => {
    for (const c of fixture.bd0) {
      const got = bd0(c.n, c.nu);
      expect(Math.abs(got - c.bd0), `n = ${c.n}, ν = ${c.nu}`).toBeLessThanOrEqual(30 * EPS * Math.abs(c.bd0));
    }
  });

  it('where the textbook ν − n ln ν − (n − n ln n) keeps no digit (n = 1e17, ν = n(1 + 1e-6): 5.0e4)', () => {
    const c = fixture.bd0.find((x) => x.n === 1e17 && Math.abs(x.nu / x.n - 1 - 1e-6) < 1e-12);
    if (c === undefined) throw new Error('fixture case missing');
    const naive = c.nu - c.n * Math.log(c.nu) - (c.n - c.n * Math.log(c.n));
    expect(Math.abs(naive - c.bd0) / c.bd0).toBeGreaterThan(1e-4); // why this module exists
    expect(Math.abs(bd0(c.n, c.nu) - c.bd0) / c.bd0).toBeLessThan(1e-14);
  });

  it('edge cases: ν for n = 0, 0 at ν = n = 0, +∞ for ν ≤ 0 with events and for NaN', () => {
    expect(bd0(0, 2.5)).toBe(2.5);
    expect(bd0(0, 0)).toBe(0);
    expect(bd0(3, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(bd0(0, -1)).toBe(Number.POSITIVE_INFINITY);
    expect(bd0(3, Number.NaN)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('saturatedPoissonNll(n) = −ln Pois(n | n) = ln Γ(n + 1) + n − n ln n', () => {
  it('is exact to 30 ulp for counts 0.5 … 1e17', () => {
    for (const c of fixture.saturated) {
      expect(Math.abs(saturatedPoissonNll(c.n) - c.saturated), `n = ${c.n}`).toBeLessThanOrEqual(30 * EPS * Math.abs(c.saturated));
    }
  });

  it('is 0 for n = 0, and with bd0 gives −ln Pois(n | ν) = ν − n ln ν + ln n! for small counts', () => {
    expect(saturatedPoissonNll(0)).toBe(0);
    for (const [n, nu] of [
      [3, 2.2],
      [12, 20],
      [0, 1.5],
    ]) {
      const direct = nu - n * Math.log(nu) + gammaln(n + 1);
      expect(bd0(n, nu) + saturatedPoissonNll(n)).toBeCloseTo(direct, 13);
    }
  });
});
