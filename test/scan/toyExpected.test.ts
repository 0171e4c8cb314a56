import normal from '@stdlib/stats-base-dists-normal';
import { describe, expect, it } from 'vitest';
import { expectedPoint } from '../../src/scan/expected.js';
import { BAND_QUANTILES, bandOfSorted, toyExpectedPoint, toyLimitsFb } from '../../src/scan/toyExpected.js';
import { searchWindow } from '../../src/scan/windows.js';
import { fisherSigmaFb, NO_SYSTEMATICS, syntheticTemplates } from './syntheticTemplates.js';

describe('expected limits from background-only toys', () => {
  it('converge to the asymptotic band where the counts are large: each quantile within 4 standard errors of σ_μ·(0.837, 1.148, 1.645, 2.378, 3.295)', () => {
    // The observed limit is monotonic in μ̂ and μ̂ is Gaussian with width σ_μ (Cowan, Cranmer, Gross,
    // Vitells, EPJC 71 (2011) 1554, Sec. 4.3), so the p-quantile of the toy limits is the asymptotic
    // limit at μ̂ = Φ⁻¹(p)σ_μ. The standard error of a sample p-quantile is √(p(1 − p)/n)/f, here
    // f = φ(Φ⁻¹(p))/σ_μ in μ̂, and the limit moves with μ̂ at most one for one.
    const set = syntheticTemplates(1e4, 1e3);
    const toys = 1000;
    const sigma = fisherSigmaFb(searchWindow(set, 1, NO_SYSTEMATICS.thetaBinning));
    const point = toyExpectedPoint(set, 1, NO_SYSTEMATICS, { toys, seed: 7 });
    expect(point.failedToys).toBe(0);
    const factors = [0.837, 1.148, 1.645, 2.378, 3.295];
    BAND_QUANTILES.forEach((p, i) => {
      const z = normal.quantile(p, 0, 1);
      const standardError = (Math.sqrt((p * (1 - p)) / toys) / normal.pdf(z, 0, 1)) * sigma;
      expect(Math.abs(point.sigmaLimitFb[i] - factors[i] * sigma)).toBeLessThan(4 * standardError);
    });
  });

  it('give the same band whatever the order the hypotheses are run in, and a different one for another seed', () => {
    const set = syntheticTemplates(50, 20);
    const a = toyLimitsFb(set, 2, NO_SYSTEMATICS, { toys: 50, seed: 3 });
    toyLimitsFb(set, 0, NO_SYSTEMATICS, { toys: 50, seed: 3 });
    const b = toyLimitsFb(set, 2, NO_SYSTEMATICS, { toys: 50, seed: 3 });
    expect(Array.from(b.limitsFb)).toEqual(Array.from(a.limitsFb));
    expect(Array.from(toyLimitsFb(set, 2, NO_SYSTEMATICS, { toys: 50, seed: 4 }).limitsFb)).not.toEqual(Array.from(a.limitsFb));
  });

  it('with few background events, the median stays near the asymptotic one and the band stays ordered', () => {
    const set = syntheticTemplates(0.2, 5);
    const point = toyExpectedPoint(set, 1, NO_SYSTEMATICS, { toys: 300, seed: 11 });
    for (let i = 1; i < 5; i++) expect(point.sigmaLimitFb[i]).toBeGreaterThanOrEqual(point.sigmaLimitFb[i - 1]);
    expect(point.sigmaLimitFb[2] / expectedPoint(set, 1, NO_SYSTEMATICS).sigmaLimitFb[2]).toBeGreaterThan(0.6);
    expect(point.sigmaLimitFb[2] / point.sigmaLimitAsymptoticFb[2]).toBeLessThan(1.6);
  });

  it('quantiles of a sorted sample follow simple-statistics: the median of 1…5 is 3', () => {
    expect(bandOfSorted(Float64Array.from([1, 2, 3, 4, 5]))[2]).toBe(3);
    expect(bandOfSorted(new Float64Array(0)).every(Number.isNaN)).toBe(true);
  });
});
