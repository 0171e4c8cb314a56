import normal from '@stdlib/stats-base-dists-normal';
import { describe, expect, it } from 'vitest';
import { expectedWindowLimit } from '../../src/scan/expected.js';
import { searchWindow } from '../../src/scan/windows.js';
import { signalLineShape, wideSearchWindow } from '../../src/scan/wideWindow.js';
import { NO_SYSTEMATICS, SIGMA_M2, syntheticTemplates } from './syntheticTemplates.js';

const SQRT_S = 10.58;
const SIGNAL_PER_FB = 100;

/** The hypothesis of `set` nearest to `massGeV`. */
function nearest(massesGeV: Float64Array, massGeV: number): number {
  let best = 0;
  massesGeV.forEach((m, k) => {
    if (Math.abs(m - massGeV) < Math.abs(massesGeV[best] - massGeV)) best = k;
  });
  return best;
}

describe('wide-Z′ search window', () => {
  // Synthetic narrow templates: Gaussians of width σ(M²) = 0.25 GeV² at every hypothesis from 1 to 4 GeV.
  const set = syntheticTemplates(10, SIGNAL_PER_FB, [1, 4]);
  const k = nearest(set.grid.massGeV, 2.5);
  const M = set.grid.massGeV[k];

  it('is the Breit–Wigner in M² convolved with the resolution (a Voigt profile, integrated independently)', () => {
    const settings = { widthRatio: 0.1, windowHalfWidths: 3 };
    const window = wideSearchWindow(set, k, settings, SQRT_S);
    const lineShape = signalLineShape(M, 0.1, SQRT_S);
    // The independent computation: ∫ dy ρ(y) [Φ((hi − y)/σ) − Φ((lo − y)/σ)] over the Breit–Wigner's M²
    // up to the top of the grid (no template above it), by the midpoint rule on 40 000 steps.
    const yLow = lineShape.mMin ** 2;
    const yHigh = Math.min(lineShape.mMax ** 2, 1.5 * set.grid.massGeV.at(-1)! ** 2 - 0.5 * set.grid.massGeV.at(-2)! ** 2);
    const steps = 40_000;
    const dy = (yHigh - yLow) / steps;
    let peak = 0;
    const expected = Array.from(window.signalPerFb, (_, m) => {
      const lo = window.m2EdgesGeV2[m];
      const hi = window.m2EdgesGeV2[m + 1];
      let sum = 0;
      for (let i = 0; i < steps; i++) {
        const y = yLow + (i + 0.5) * dy;
        sum += lineShape.densityM2(y) * (normal.cdf(hi, y, SIGMA_M2) - normal.cdf(lo, y, SIGMA_M2)) * dy;
      }
      peak = Math.max(peak, sum * SIGNAL_PER_FB);
      return sum * SIGNAL_PER_FB;
    });
    // The mixture replaces the line shape by point masses one resolution apart: an error of order
    // Δ²/(24 w²) ≈ 1% of the peak for a step Δ = σ = 0.25 GeV² and a line shape of width w ≈ 0.7 GeV².
    window.signalPerFb.forEach((s, m) => expect(Math.abs(s - expected[m])).toBeLessThan(0.01 * peak));
    expect(window.nTheta).toBe(1);
    // M² ± 3 MΓ, bins one resolution unit wide.
    expect(window.background.length).toBeGreaterThanOrEqual(Math.floor((6 * M * M * 0.1) / SIGMA_M2));
  });

  it('holds the Breit–Wigner probability of the grid: 1 − (the part above the highest hypothesis)', () => {
    const window = wideSearchWindow(set, k, { widthRatio: 0.1, windowHalfWidths: 3 }, SQRT_S);
    const total = window.hypothesisWeights.reduce((a, w) => a + w, 0);
    expect(total + window.probabilityAboveGrid).toBeCloseTo(1, 12);
    // Cauchy in M² with half-width MΓ: the part above M²_top is (π/2 − atan((M²_top − M²)/MΓ))/π
    // relative to the truncated window's total (tan map of BreitWigner).
    const lineShape = signalLineShape(M, 0.1, SQRT_S);
    const top = Math.sqrt(1.5 * set.grid.massGeV.at(-1)! ** 2 - 0.5 * set.grid.massGeV.at(-2)! ** 2);
    const mg = M * 0.1 * M;
    const atanOf = (m: number) => Math.atan((m * m - M * M) / mg);
    expect(window.probabilityAboveGrid).toBeCloseTo((atanOf(lineShape.mMax) - atanOf(top)) / (atanOf(lineShape.mMax) - atanOf(lineShape.mMin)), 12);
  });

  it('tends to the narrow window summed over θ as Γ → 0', () => {
    const wide = wideSearchWindow(set, k, { widthRatio: 1e-6, windowHalfWidths: 3 }, SQRT_S);
    const narrow = searchWindow(set, k, NO_SYSTEMATICS.thetaBinning);
    expect(wide.background.length).toBe(narrow.m2EdgesGeV2.length - 1);
    for (let m = 0; m < wide.background.length; m++) {
      let s = 0;
      for (let t = 0; t < narrow.nTheta; t++) s += narrow.signalPerFb[m * narrow.nTheta + t];
      expect(wide.signalPerFb[m]).toBeCloseTo(s, 6);
    }
  });

  it('gives a weaker limit than the narrow Z′ of the same mass, as a wider signal over more background should', () => {
    const narrow = expectedWindowLimit(searchWindow(set, k, NO_SYSTEMATICS.thetaBinning), NO_SYSTEMATICS);
    const wide = expectedWindowLimit(wideSearchWindow(set, k, { widthRatio: 0.1, windowHalfWidths: 3 }, SQRT_S), NO_SYSTEMATICS);
    expect(wide[2]).toBeGreaterThan(1.5 * narrow[2]);
  });
});
