import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thetaGroups } from '../../src/scan/thetaBinning.js';

const settings = { maxBins: 5, minMuMuEventsPerBin: 20 };

describe('theta_recoil (c.m.) bins of a window from the mumu(gamma) distribution', () => {
  it('one bin where the window holds fewer than 2·n_min μμ(γ) events, five where it holds plenty (the paper: one at high, five at low M²recoil)', () => {
    expect(Array.from(thetaGroups(new Float64Array(36).fill(1), settings))).toEqual([0, 36]);
    expect(thetaGroups(new Float64Array(36).fill(100), settings).length - 1).toBe(5);
    expect(thetaGroups(new Float64Array(36).fill(0), settings).length - 1).toBe(1);
  });

  it('a uniform distribution over 36 fine bins in three equal parts gives edges at fine bins 12 and 24', () => {
    expect(Array.from(thetaGroups(new Float64Array(36).fill(2), { maxBins: 3, minMuMuEventsPerBin: 10 }))).toEqual([0, 12, 24, 36]);
  });

  it('two gap bands: narrow bins on the bands, a wide bin between them where the signal sits', () => {
    const muMu = new Float64Array(36).fill(0.5);
    for (const i of [8, 9, 10, 25, 26, 27]) muMu[i] = 100;
    const starts = Array.from(thetaGroups(muMu, settings));
    const widths = starts.slice(1).map((s, j) => s - starts[j]);
    expect(Math.max(...widths)).toBeGreaterThanOrEqual(12);
  });

  it('groups partition the fine bins, are at most maxBins, and each holds no more than its share plus one fine bin', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (muMu, maxBins) => {
        const starts = thetaGroups(muMu, { maxBins, minMuMuEventsPerBin: 5 });
        expect(starts[0]).toBe(0);
        expect(starts.at(-1)).toBe(muMu.length);
        for (let j = 1; j < starts.length; j++) expect(starts[j]).toBeGreaterThan(starts[j - 1]);
        expect(starts.length - 1).toBeLessThanOrEqual(maxBins);
        const total = muMu.reduce((a, b) => a + b, 0);
        const n = starts.length - 1;
        const biggest = Math.max(...muMu);
        for (let j = 0; j + 1 < n; j++) {
          const content = muMu.slice(starts[j], starts[j + 1]).reduce((a, b) => a + b, 0);
          expect(content).toBeLessThanOrEqual(total / Math.max(1, Math.min(maxBins, Math.floor(total / 5))) + biggest + 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });
});
