/**
 * The asymptotic upper limits are where CLs(μ) = α to the requested relative tolerance: CLs evaluated
 * just below and just above each limit brackets α (A. L. Read, J. Phys. G 28 (2002) 2693, the CLs
 * definition; expected CLs at band N from Eq. (57)/(65) of arXiv:1007.1727 with t = N).
 */
import { describe, expect, it } from 'vitest';
import { AsymptoticCalculator, BAND_NSIGMA, FitError, upperLimit, windowModel } from '../../src/fit/index.js';

describe('upperLimit (asymptotic)', () => {
  it('each limit is a root of CLs − α within rtol: CLs at μ(1 ∓ 2·rtol) lies on either side of α', () => {
    // Arrange: a 20×2 window with a deficit at the peak
    const nM = 20;
    const signal = Array.from({ length: 2 * nM }, (_, k) => 8 * Math.exp(-((((k / 2) | 0) - 9.5) ** 2) / 4.5) * (k % 2 ? 0.4 : 0.6));
    const background = Array.from({ length: 2 * nM }, (_, k) => (30 + ((k / 2) | 0)) * (k % 2 ? 0.7 : 1));
    const observed = background.map((b, k) => Math.round(b + ((5 * k) % 7 - 3) * Math.sqrt(b) * 0.4));
    const { model, data } = windowModel({ signal, background, observed, nTheta: 2, signalShapeUncertainty: 0.1, backgroundShapeUncertainty: 0.05, signalEfficiencyUncertainty: 0.065 });
    const rtol = 1e-6;
    const alpha = 0.1;
    // Act
    const limit = upperLimit(model, data, { cl: 0.9, rtol });
    // Assert
    const calc = new AsymptoticCalculator(model, data);
    const below = (mu: number) => calc.hypotest(mu * (1 - 2 * rtol));
    const above = (mu: number) => calc.hypotest(mu * (1 + 2 * rtol));
    expect(below(limit.obs).clsObs).toBeGreaterThan(alpha);
    expect(above(limit.obs).clsObs).toBeLessThan(alpha);
    BAND_NSIGMA.forEach((_, i) => {
      expect(below(limit.exp[i]).clsExp[i]).toBeGreaterThan(alpha);
      expect(above(limit.exp[i]).clsExp[i]).toBeLessThan(alpha);
    });
    // the band is ordered −2σ … +2σ
    for (let i = 1; i < 5; i++) expect(limit.exp[i]).toBeGreaterThan(limit.exp[i - 1]);
  });

  it('searches past the POI bound as pyhf does, and a ceiling just above the limits leaves them unchanged', () => {
    // Arrange: a window whose +2σ limit lies above its POI bound of 1
    const nM = 20;
    const signal = Array.from({ length: nM }, (_, m) => 5 * Math.exp(-((m - 9.5) ** 2) / 4.5));
    const background = Array.from({ length: nM }, (_, m) => 40 + m);
    const { model, data } = windowModel({ signal, background, nTheta: 1, signalShapeUncertainty: 0.1, backgroundShapeUncertainty: 0.05, poiBounds: [0, 1] });
    // Act
    const free = upperLimit(model, data, { rtol: 1e-8 });
    const ceiling = 1.02 * Math.max(free.obs, free.exp[4]);
    const capped = upperLimit(model, data, { rtol: 1e-8, maxPoi: ceiling });
    // Assert: pyhf's toms748_scan doubles its upper bound until CLs brackets α
    expect(free.exp[4]).toBeGreaterThan(1);
    expect(capped.obs).toBeCloseTo(free.obs, 6);
    capped.exp.forEach((mu, i) => expect(mu).toBeCloseTo(free.exp[i], 6));
    expect(() => upperLimit(model, data, { maxPoi: 0.5 * free.exp[4] })).toThrow(FitError);
  });

  it('a window whose signal the nuisances absorb has no limit below the ceiling: an error naming it', () => {
    // Arrange: one signal cell with a 100% Gaussian shape uncertainty. Pulling its nuisance to −1 costs
    // Δ(−2 ln L) = 1 and removes any signal, so q̃μ(Asimov) ≤ 1 < Φ⁻¹(0.95)² = 2.71, the median's
    // target at 90% CL (arXiv:1007.1727, Eq. (65)): CLs > α for every μ.
    const signal = [0, 0, 1, 0, 0];
    const background = [10, 10, 10, 10, 10];
    const { model, data } = windowModel({ signal, background, nTheta: 1, signalShapeUncertainty: [0, 0, 1, 0, 0], backgroundShapeUncertainty: 0.05 });
    // Act / Assert
    expect(() => upperLimit(model, data, { maxPoi: 1e4 })).toThrow(FitError);
    expect(() => upperLimit(model, data, { maxPoi: 1e4 })).toThrow(/CLs stays above α up to the search's ceiling, μ = 10000/);
  });
});
