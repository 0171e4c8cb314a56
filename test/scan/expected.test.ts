import { describe, expect, it } from 'vitest';
import { couplingLimit } from '../../src/scan/couplings.js';
import { excludedMuonAnomalyRanges, expectedLimits, expectedPoint } from '../../src/scan/expected.js';
import { searchWindow } from '../../src/scan/windows.js';
import type { FitSettings } from '../../src/scenario/index.js';
import { fisherSigmaFb, N_THETA, NO_SYSTEMATICS, syntheticTemplates } from './syntheticTemplates.js';

describe('the search window of a hypothesis', () => {
  it('holds the 20 M²recoil bins centred on the hypothesis, conserves the template cells, and merges θ into five bins where μμ(γ) is plentiful', () => {
    const set = syntheticTemplates(100, 50);
    const window = searchWindow(set, 1, NO_SYSTEMATICS.thetaBinning);
    expect(window.m2EdgesGeV2.length).toBe(21);
    expect(window.m2EdgesGeV2[10]).toBeCloseTo(window.massGeV ** 2, 12);
    expect(window.nTheta).toBe(5);
    const total = window.background.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(100 * 20 * N_THETA, 9);
    // The signal is symmetric about the hypothesis: bins 9 and 10 (either side of it) hold the same.
    const perM2 = (m: number) => window.signalPerFb.slice(m * 5, m * 5 + 5).reduce((a, b) => a + b, 0);
    expect(perM2(9)).toBeCloseTo(perM2(10), 9);
    expect(perM2(0)).toBeCloseTo(perM2(19), 9);
  });
});

describe('expected limits', () => {
  it('without systematics the median and the bands are σ_μ·(0.837, 1.148, 1.645, 2.378, 3.295), σ_μ from the Fisher information with a free background normalisation', () => {
    // Asimov σ of μ with λ_i = μ s_i + k b_i at (0, 1): I = [[Σs²/b, Σs], [Σs, Σb]], σ² = (I⁻¹)_μμ;
    // the 90% CL CLs limits in units of σ from Cowan, Cranmer, Gross, Vitells, EPJC 71 (2011) 1554,
    // with √q_A = μ/σ: μ_up(N) = σ[Φ⁻¹(1 − αΦ(N)) + N], N = −2 … +2.
    const set = syntheticTemplates(1e4, 1e3);
    const window = searchWindow(set, 1, NO_SYSTEMATICS.thetaBinning);
    const sigma = fisherSigmaFb(window);
    const point = expectedPoint(set, 1, NO_SYSTEMATICS);
    const factors = [0.837, 1.148, 1.645, 2.378, 3.295];
    point.sigmaLimitFb.forEach((limit, i) => expect(limit / (sigma * factors[i])).toBeCloseTo(1, 2));
    // g′ from σ ∝ g′².
    expect(point.couplingLimit.fully_invisible[2]).toBeCloseTo(couplingLimit(point.sigmaLimitFb[2], 1000, 1), 12);
  });

  it('the paper’s systematics weaken the limit, and the limit scales as 1/√L at fixed systematics-free shape', () => {
    const set = syntheticTemplates(1e3, 1e2);
    const bare = expectedPoint(set, 1, NO_SYSTEMATICS).sigmaLimitFb[2];
    const paper: FitSettings = {
      ...NO_SYSTEMATICS,
      systematics: { ...NO_SYSTEMATICS.systematics, signalEfficiency: [0.027, 0.065, 0.083], backgroundShape: [0.032, 0.086, 0.25], signalShape: 0.1, luminosity: 0.01 },
    };
    expect(expectedPoint(set, 1, paper).sigmaLimitFb[2]).toBeGreaterThan(bare);
    // Four times the luminosity: signal and background ×4, limit on σ ×1/2.
    const fourfold = syntheticTemplates(4e3, 4e2);
    expect(expectedPoint(fourfold, 1, NO_SYSTEMATICS).sigmaLimitFb[2] / bare).toBeCloseTo(0.5, 2);
  });

  it('every hypothesis gets a band ordered −2σ < −1σ < median < +1σ < +2σ; (g − 2) exclusion ranges are runs of hypotheses', () => {
    const { points, failed } = expectedLimits(syntheticTemplates(100, 10), NO_SYSTEMATICS);
    expect(failed).toEqual([]);
    expect(points.length).toBeGreaterThan(1);
    for (const p of points) for (let i = 1; i < 5; i++) expect(p.sigmaLimitFb[i]).toBeGreaterThan(p.sigmaLimitFb[i - 1]);
    // σ(g′ = 1) = 1 pb and limits of O(10) fb give g′ ~ 0.1: far above the (g − 2) band, nothing excluded.
    expect(excludedMuonAnomalyRanges(points, 'fully_invisible')).toEqual([]);
  });
});
