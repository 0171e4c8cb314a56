/**
 * −ln L is exact whatever the size of the auxiliary data: published workspaces carry shapesys
 * constraints with τ = (nominal/σ)² ≈ 10¹¹, where a Poisson term written as γτ − a ln(γτ) is a number of
 * order 10¹³ and the O(1) part that a test statistic needs is lost to rounding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fit, type Modifier, modelFromWorkspace, parseWorkspace, qmuTilde } from '../../src/fit/index.js';

/** One channel, signal with POI mu, background with a shapesys of absolute uncertainties `sigma`. */
function tightWorkspace(signal: number[], background: number[], sigma: number[], observed: number[]): unknown {
  const sigMods: Modifier[] = [{ name: 'mu', type: 'normfactor', data: null }];
  const bkgMods: Modifier[] = [{ name: 'bkg_stat', type: 'shapesys', data: sigma }];
  return {
    channels: [{ name: 'sr', samples: [{ name: 'signal', data: signal, modifiers: sigMods }, { name: 'background', data: background, modifiers: bkgMods }] }],
    observations: [{ name: 'sr', data: observed }],
    measurements: [{ name: 'm', config: { poi: 'mu', parameters: [] } }],
    version: '1.0.0',
  };
}

describe('a shapesys with τ = 2³⁶ (σ/nominal = 3.8e-6): one bin, signal 10, background 50, observed 55', () => {
  // mpmath at 50 digits, L = Pois(55 | 10μ + 50γ)·Pois(τ | γτ), τ = 2³⁶ exactly (σ = 50/2¹⁸):
  // free fit μ̂ = 0.5, γ̂ = 1: twice_nll = 32.63941608785330555; at μ = 1, γ̂̂ − 1 = −6.0632980e-11 and
  // q(μ = 1) = 0.42874853088808830454 (without the nuisance: 0.42874853114072572).
  // pyhf 0.7.6+git.b3dc4bb (numpy, SLSQP tolerance 1e-12; infer.mle.fit, test_statistics.qmu_tilde) gives
  // twice_nll 32.63925614628505 and q̃ 0.4287479357839743 here, off by 1.6e-4 and 1.4e-6 relative (its
  // ν − n ln ν form), and with σ/1000 (τ ≈ 6.9e16): twice_nll 1029.848, q̃ 1024.43, CLs NaN.
  const { model, data } = modelFromWorkspace(parseWorkspace(tightWorkspace([10], [50], [50 / 2 ** 18], [55])));

  it('has τ = 2³⁶ as auxiliary datum', () => {
    expect(model.conFactor[0]).toBe(2 ** 36);
    expect(data[1]).toBe(2 ** 36);
  });

  it('twice_nll at the best fit is pyhf’s absolute value, exact to 1e-13', () => {
    const r = fit(model, data);
    expect(r.converged).toBe(true);
    expect(r.pars[model.poiIndex]).toBeCloseTo(0.5, 6); // EDM < 1e-10 leaves μ̂ to ~1e-5
    expect(Math.abs(r.twiceNll - 32.63941608785330555)).toBeLessThan(1e-13 * 32.64);
  });

  it('q̃(μ = 1) is exact to 1e-9 relative (the ν − n ln ν form gave steps of 2⁻⁷ here)', () => {
    const q = qmuTilde(model, data, 1).value;
    expect(Math.abs(q - 0.42874853088808830454)).toBeLessThan(1e-9 * 0.4287);
  });

  it('with σ/1000 (τ = 2³⁶·10⁶ ≈ 6.9e16) q̃(μ = 1) is the same to 1e-9, and twice_nll grows by exactly ln 10⁶ (the saturated Poisson term)', () => {
    const tighter = modelFromWorkspace(parseWorkspace(tightWorkspace([10], [50], [50 / 2 ** 18 / 1000], [55])));
    const q = qmuTilde(tighter.model, tighter.data, 1).value;
    expect(Math.abs(q - 0.42874853114072572)).toBeLessThan(1e-9 * 0.4287); // the limit without the nuisance
    // −ln Pois(τ | τ) ≈ ½ ln(2πτ): ×10⁶ in τ adds ln 10⁶ to 2·NLL
    const d = fit(tighter.model, tighter.data).twiceNll - fit(model, data).twiceNll;
    expect(d).toBeCloseTo(Math.log(1e6), 9);
  });
});

describe('property: scaling every shapesys τ by 10⁶ leaves q̃μ unchanged', () => {
  it('to 1e-9 (relative, absolute below 1), for τ from 1e12 up to 1e22 after scaling', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ s: fc.double({ min: 0.5, max: 20, noNaN: true }), b: fc.double({ min: 1, max: 100, noNaN: true }), pull: fc.double({ min: -2, max: 3, noNaN: true }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.double({ min: 1e-8, max: 1e-6, noNaN: true }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        (bins, relativeSigma, mu) => {
          // Arrange: σ/b ≤ 1e-6, so the constraint's own effect on q̃ (≈ b·(σ/b)² relative) is below 1e-10
          const signal = bins.map((x) => x.s);
          const background = bins.map((x) => x.b);
          const observed = bins.map((x) => Math.max(0, Math.round(x.b + x.pull * Math.sqrt(x.b))));
          const sigma = background.map((b) => b * relativeSigma);
          const a = modelFromWorkspace(parseWorkspace(tightWorkspace(signal, background, sigma, observed)));
          const b = modelFromWorkspace(parseWorkspace(tightWorkspace(signal, background, sigma.map((v) => v / 1000), observed)));
          // Act
          const qa = qmuTilde(a.model, a.data, mu).value;
          const qb = qmuTilde(b.model, b.data, mu).value;
          // Assert
          expect(b.model.conFactor[0] / a.model.conFactor[0]).toBeCloseTo(1e6, 3);
          expect(Math.abs(qa - qb)).toBeLessThanOrEqual(1e-9 * Math.max(1, qa));
        },
      ),
      { numRuns: 100 },
    );
  });
});
