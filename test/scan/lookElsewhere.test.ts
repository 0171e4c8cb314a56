import { describe, expect, it } from 'vitest';
import { grossVitellsPValue, localPValue, lookElsewhere, scanQ0, significanceOf, upCrossings } from '../../src/scan/lookElsewhere.js';
import { backgroundPseudoData } from '../../src/scan/observed.js';
import { NO_SYSTEMATICS, syntheticTemplates } from './syntheticTemplates.js';

describe('look-elsewhere effect', () => {
  it('up-crossings count the rises through a level', () => {
    expect(upCrossings([0, 2, 0, 2, 2, 0.5, 3], 1)).toBe(3);
    expect(upCrossings([5, 5, 5], 1)).toBe(0);
  });

  it('the Gross–Vitells p-value is ½P(χ²₁ > c) + N e^{−(c − c₀)/2} (EPJC 70 (2010) 525, Eq. (4)); with N = 0 it is the local one', () => {
    // The paper's numbers: a 2.8σ local excess (p = 2.555e-3) has c = 7.84.
    expect(localPValue(2.8 ** 2)).toBeCloseTo(2.555e-3, 6);
    expect(grossVitellsPValue(7.84, 3, 0)).toBeCloseTo(2.555e-3, 6);
    expect(grossVitellsPValue(7.84, 3, 5)).toBeCloseTo(2.555e-3 + 5 * Math.exp(-(7.84 - 3) / 2), 6);
    expect(significanceOf(2.555e-3)).toBeCloseTo(2.8, 3);
    expect(significanceOf(0.7)).toBe(0);
  });

  it('for one hypothesis the toys reproduce the asymptotic q₀ distribution ½δ(0) + ½χ²₁ (Chernoff; Cowan et al. EPJC 71 (2011) 1554, Eq. (49)): P(q₀ > 1) = Φ(−1)', () => {
    const set = syntheticTemplates(200, 20);
    const q = new Float64Array(1);
    let above = 0;
    let zero = 0;
    const toys = 600;
    for (let t = 0; t < toys; t++) {
      // Only the first hypothesis: scanQ0 fills as many as `out` holds.
      scanQ0(set, NO_SYSTEMATICS, backgroundPseudoData(set, 11, t, 'test/lee'), q);
      if (q[0] > 1) above++;
      if (q[0] < 1e-9) zero++;
    }
    const p = localPValue(1);
    expect(Math.abs(above / toys - p)).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / toys));
    expect(Math.abs(zero / toys - 0.5)).toBeLessThan(3 * Math.sqrt(0.25 / toys));
  });

  it('the global p-value of the scan is at least the local one, from toys and from the formula, and repeats for the same seed', () => {
    const set = syntheticTemplates(100, 10);
    const data = backgroundPseudoData(set, 5, 0);
    const r = lookElsewhere(set, NO_SYSTEMATICS, data, { toys: 40, seed: 5 });
    expect(r.globalPToys + 3 * r.globalPToysError + 1 / 40).toBeGreaterThanOrEqual(r.localP0);
    expect(r.globalPGrossVitells).toBeGreaterThanOrEqual(r.localP0);
    expect(r.toyMaxLocalSignificance.length).toBe(40);
    expect(lookElsewhere(set, NO_SYSTEMATICS, data, { toys: 40, seed: 5 })).toEqual(r);
  });
});
