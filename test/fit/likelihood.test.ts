/**
 * The likelihood's exact derivatives against central finite differences, the interpolation codes'
 * continuity, and the minimiser's convergence reporting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { code4, code4Coefficients, code4p } from '../../src/fit/interpolation.js';
import { fit, Minimizer, Model, type Modifier, windowModel } from '../../src/fit/index.js';

/** A model that uses every modifier type, with rates derived from the arbitrary's numbers. */
function richModel(sig: number[], bkg: number[], unc: number, normsys: 'code1' | 'code4', histosys: 'code0' | 'code4p'): Model {
  const sigMods: Modifier[] = [
    { name: 'mu', type: 'normfactor', data: null },
    { name: 'lumi', type: 'lumi', data: null },
    { name: 'eff', type: 'normsys', data: { hi: 1 + unc, lo: 1 - 0.8 * unc } },
    { name: 'sig_stat', type: 'staterror', data: sig.map((s) => s * unc) },
  ];
  const bkgMods: Modifier[] = [
    { name: 'bnorm', type: 'normfactor', data: null },
    { name: 'bshape', type: 'histosys', data: { hi_data: bkg.map((b, i) => b * (1 + unc * (i % 2 ? 1 : -0.5))), lo_data: bkg.map((b) => b * (1 - 0.7 * unc)) } },
    { name: 'bsys', type: 'shapesys', data: bkg.map((b) => b * unc) },
    { name: 'eff', type: 'normsys', data: { hi: 1 + 0.5 * unc, lo: 1 - 0.5 * unc } },
  ];
  const control: Modifier[] = [
    { name: 'bnorm', type: 'normfactor', data: null },
    { name: 'cr_shape', type: 'shapefactor', data: null },
  ];
  return new Model(
    [
      { name: 'sr', samples: [{ name: 'signal', data: sig, modifiers: sigMods }, { name: 'background', data: bkg, modifiers: bkgMods }] },
      { name: 'cr', samples: [{ name: 'background', data: bkg.map((b) => 3 * b), modifiers: control }] },
    ],
    { poi: 'mu', parameters: [{ name: 'lumi', auxdata: [1], sigmas: [0.02], bounds: [[0.9, 1.1]], inits: [1] }], settings: { normsys, histosys } },
  );
}

describe('likelihood derivatives', () => {
  it('gradient and Hessian of −ln L equal central finite differences for every modifier type', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 30, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.double({ min: 0.05, max: 0.4, noNaN: true }),
        fc.constantFrom<'code1' | 'code4'>('code1', 'code4'),
        fc.constantFrom<'code0' | 'code4p'>('code0', 'code4p'),
        fc.array(fc.double({ min: -0.9, max: 0.9, noNaN: true }), { minLength: 40, maxLength: 40 }),
        (sig, unc, normsys, histosys, jitter) => {
          // Arrange
          const bkg = sig.map((s, i) => 20 + 3 * s + i);
          const model = richModel(sig, bkg, unc, normsys, histosys);
          const data = Float64Array.from([...bkg.map((b, i) => Math.round(b + sig[i])), ...bkg.map((b) => Math.round(3 * b)), ...model.auxdata]);
          const x = Float64Array.from(model.suggestedInit);
          for (let i = 0; i < x.length; i++) {
            const j = jitter[i % jitter.length];
            if (x[i] === 0) {
              // α of normsys/histosys: keep away from the kinks of code0/code1 at 0 and the seams of code4/4p at ±1
              x[i] = 0.2 + 0.6 * j;
              if (Math.abs(x[i]) < 0.05) x[i] = 0.1;
              if (Math.abs(Math.abs(x[i]) - 1) < 0.05) x[i] *= 0.9;
            } else x[i] *= 1 + 0.3 * j;
          }
          const m = new Minimizer(model);
          // Act
          const g = m.gradient(x, data);
          const h = m.hessian(x, data);
          // Assert
          const n = model.nPars;
          const eps = 1e-5;
          for (let i = 0; i < n; i++) {
            const xp = Float64Array.from(x);
            const xm = Float64Array.from(x);
            xp[i] += eps;
            xm[i] -= eps;
            const fd = (model.nll(xp, data) - model.nll(xm, data)) / (2 * eps);
            expect(Math.abs(g[i] - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
            const gp = m.gradient(xp, data);
            const gm = m.gradient(xm, data);
            for (let j = 0; j < n; j++) {
              const fd2 = (gp[j] - gm[j]) / (2 * eps);
              expect(Math.abs(h[i * n + j] - fd2)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd2)));
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('interpolation codes', () => {
  it('code4(α) is continuous with continuous first and second derivatives at α = ±1 (pyhf code4 boundary conditions)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0.5, max: 1.5, noNaN: true }), (hi, lo) => {
        const coef = new Float64Array(6);
        code4Coefficients(hi, lo, coef, 0);
        const a = { f: 0, d1: 0, d2: 0 };
        const b = { f: 0, d1: 0, d2: 0 };
        for (const edge of [1, -1]) {
          code4(edge * (1 - 1e-9), hi, lo, coef, 0, a);
          code4(edge * (1 + 1e-9), hi, lo, coef, 0, b);
          expect(a.f).toBeCloseTo(b.f, 7);
          expect(a.d1).toBeCloseTo(b.d1, 6);
          expect(a.d2).toBeCloseTo(b.d2, 5);
        }
        code4(0, hi, lo, coef, 0, a);
        expect(a.f).toBeCloseTo(1, 12);
      }),
    );
  });

  it('code4p(α) is continuous with a continuous slope at α = ±1 and zero at α = 0', () => {
    const a = { f: 0, d1: 0, d2: 0 };
    const b = { f: 0, d1: 0, d2: 0 };
    for (const edge of [1, -1]) {
      code4p(edge * (1 - 1e-9), 7, 3, a);
      code4p(edge * (1 + 1e-9), 7, 3, b);
      expect(a.f).toBeCloseTo(b.f, 7);
      expect(a.d1).toBeCloseTo(b.d1, 6);
    }
    code4p(0, 7, 3, a);
    expect(a.f).toBe(0);
  });
});

describe('Minimizer.fit', () => {
  it('reports a fit stopped before convergence as not converged', () => {
    const { model, data } = windowModel({ signal: [1, 5, 1], background: [10, 12, 14], observed: [30, 2, 25], signalShapeUncertainty: 0.1, backgroundShapeUncertainty: 0.05 });
    const r = fit(model, data, { maxIterations: 1 });
    expect(r.converged).toBe(false);
    expect(r.status).toMatch(/maximum number of iterations/);
    const full = fit(model, data);
    expect(full.converged).toBe(true);
    expect(full.edm).toBeLessThan(1e-10);
  });

  it('the unconditional fit of a 20×5 window sits at a stationary point within its bounds', () => {
    const signal = Array.from({ length: 100 }, (_, i) => 10 * Math.exp(-((((i / 5) | 0) - 9.5) ** 2) / 4) * (0.5 + 0.1 * (i % 5)));
    const background = Array.from({ length: 100 }, (_, i) => 30 + (i % 7));
    const observed = background.map((b, i) => Math.round(b + 0.3 * signal[i] + (i % 3) - 1));
    const { model, data } = windowModel({ signal, background, observed, signalShapeUncertainty: 0.1, backgroundShapeUncertainty: 0.086, signalEfficiencyUncertainty: 0.065 });
    const m = new Minimizer(model);
    const r = m.fit(data);
    expect(r.converged).toBe(true);
    const g = m.gradient(r.pars, data);
    for (let i = 0; i < model.nPars; i++) {
      if (model.suggestedFixed[i]) continue;
      const atLower = r.pars[i] <= model.lowerBounds[i] + 1e-9 && g[i] >= 0;
      const atUpper = r.pars[i] >= model.upperBounds[i] - 1e-9 && g[i] <= 0;
      if (!atLower && !atUpper) expect(Math.abs(g[i])).toBeLessThan(1e-4);
    }
    expect(m.layout.nGlobal).toBe(4); // mu, background_norm, signal_efficiency, lumi; per-bin nuisances are local
  });
});
