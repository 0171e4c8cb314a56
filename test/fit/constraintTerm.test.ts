import { describe, expect, it } from 'vitest';
import { uncorrelatedBackground } from '../../src/fit/simpleModels.js';
import { windowModel } from '../../src/fit/window.js';

/**
 * Model.constraintTerm, the one constraint term of −ln L that the likelihood, the fit's gradient and
 * Hessian and the profiled fits share, against the textbook densities: −ln L relative to its value at
 * the saturated point (x = a for a Gaussian, xτ = a for a Poisson), and derivatives by central
 * differences.
 */

/** −ln Pois(a | λ) with a real a, as ln Γ(a + 1) cancels in the difference to the saturated term. */
const poissonNll = (a: number, lambda: number) => lambda - a * Math.log(lambda);

describe('Model.constraintTerm', () => {
  it('is ½((x − a)/σ)² for a Gaussian constraint (lumi, σ = 1%), with derivative (x − a)/σ² and curvature 1/σ²', () => {
    const { model } = windowModel({ signal: [1, 2], background: [10, 10], lumiUncertainty: 0.01 });
    const i = model.parameterNames.indexOf('lumi');
    const aux = model.conPar.indexOf(i);
    expect(aux).toBeGreaterThanOrEqual(0);
    const d = new Float64Array(2);
    for (const [x, a] of [[1.013, 1], [0.98, 1], [1, 1.02]]) {
      const sigma = 0.01;
      // −ln N(a | x, σ) − (−ln N(a | a, σ)), the normalisation cancelling
      const expected = ((x - a) * (x - a)) / (2 * sigma * sigma);
      expect(model.constraintTerm(aux, x, a, d)).toBeCloseTo(expected, 10);
      expect(d[0]).toBeCloseTo((x - a) / (sigma * sigma), 8);
      expect(d[1]).toBeCloseTo(1 / (sigma * sigma), 8);
    }
  });

  it('is −ln Pois(a | xτ) + ln Pois(a | a) for a Poisson (shapesys) constraint, τ = (b/δb)², with its derivatives', () => {
    // pyhf simplemodels: background 50 ± 3 ⇒ τ = (50/3)² = 277.78, auxdata a = τ at nominal
    const model = uncorrelatedBackground([12], [50], [3]);
    const tau = (50 / 3) ** 2;
    expect(model.conFactor[0]).toBeCloseTo(tau, 9);
    const d = new Float64Array(2);
    const h = 1e-5;
    for (const [x, a] of [[1, tau], [1.1, tau], [0.9, 250], [1.2, 0]]) {
      const expected = poissonNll(a, x * tau) - (a > 0 ? poissonNll(a, a) : 0);
      const value = model.constraintTerm(0, x, a, d);
      expect(Math.abs(value - expected)).toBeLessThan(1e-9 * Math.max(1, Math.abs(expected)));
      const f = (y: number) => model.constraintTerm(0, y, a);
      expect(d[0]).toBeCloseTo((f(x + h) - f(x - h)) / (2 * h), 4);
      const curvature = (f(x + h) - 2 * f(x) + f(x - h)) / (h * h);
      expect(Math.abs(d[1] - curvature)).toBeLessThan(1e-3 * Math.max(1, d[1]));
    }
    // no positive rate for observed auxiliary counts: −ln L is +∞
    expect(model.constraintTerm(0, 0, tau)).toBe(Number.POSITIVE_INFINITY);
    expect(model.constraintTerm(0, 0, 0)).toBe(0);
  });
});
