/**
 * Fits with the per-bin parameters profiled exactly (src/fit/profiled.ts) against the joint Newton
 * fit over all parameters (`profile: false`), which makes no use of the closed forms: both must reach
 * the same minimum. Reference for each number: the joint fit of the same model and data; for the
 * closed form itself, the stationarity of −ln L in every per-bin parameter.
 *
 * Tolerances: each fit stops at EDM = ½ gᵀH⁻¹g < 1e-10, so each −ln L is within ≈1e-10 of the minimum
 * and 2·Δ(−ln L) between the two fits is below 4e-10 (asserted: 1e-9). A parameter at EDM ε is within
 * √(2ε) ≈ 1.4e-5 standard deviations of the minimum (asserted: 1e-4 σ, σ from the covariance).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fit, Minimizer, Model, minimizerFor, uncorrelatedBackground, windowModel } from '../../src/fit/index.js';
import { ProfiledEvaluator, ProfiledState } from '../../src/fit/profiled.js';

/** Asserts that the profiled and the joint fit of `model` reach the same minimum. */
function expectSameMinimum(model: Model, data: Float64Array, fixPoi?: number): void {
  // Act
  const profiled = fit(model, data, { fixPoi });
  const joint = fit(model, data, { fixPoi, profile: false });
  // Assert
  expect(profiled.converged).toBe(true);
  expect(joint.converged).toBe(true);
  expect(Math.abs(profiled.twiceNll - joint.twiceNll)).toBeLessThan(1e-9);
  const fixed = new Uint8Array(model.nPars);
  if (fixPoi !== undefined) fixed[model.poiIndex] = 1;
  const { errors } = minimizerFor(model).covariance(joint.pars, data, fixed);
  for (let i = 0; i < model.nPars; i++) {
    if (errors[i] > 0) expect(Math.abs(profiled.pars[i] - joint.pars[i])).toBeLessThan(1e-4 * errors[i]);
  }
}

/**
 * Signal (μ, lumi) over a background with a shape histosys and a normsys, a staterror per bin on the
 * background and a shapesys on the signal: every modifier type of a published likelihood at once.
 */
function histosysModel(signal: number[], background: number[], shape: number, stat: number, histosys: 'code0' | 'code4p'): Model {
  const nb = background.length;
  return new Model(
    [
      {
        name: 'sr',
        samples: [
          {
            name: 'bkg',
            data: background,
            modifiers: [
              { name: 'bshape', type: 'histosys', data: { hi_data: background.map((b, i) => b * (1 + shape * (i - nb / 2) / nb)), lo_data: background.map((b, i) => b * (1 - 0.8 * shape * (i - nb / 2) / nb)) } },
              { name: 'bnorm', type: 'histosys', data: { hi_data: background.map((b) => b * (1 + shape)), lo_data: background.map((b) => b * (1 - 0.6 * shape)) } },
              { name: 'xsec', type: 'normsys', data: { hi: 1.1, lo: 0.92 } },
              { name: 'stat', type: 'staterror', data: background.map((b) => b * stat) },
            ],
          },
          {
            name: 'sig',
            data: signal,
            modifiers: [
              { name: 'mu', type: 'normfactor', data: null },
              { name: 'lumi', type: 'lumi', data: null },
              { name: 'sshape', type: 'shapesys', data: signal.map((s) => s * 0.1) },
            ],
          },
        ],
      },
    ],
    { poi: 'mu', parameters: [{ name: 'lumi', auxdata: [1], sigmas: [0.02], bounds: [[0.5, 1.5]], inits: [1] }], settings: { histosys } },
  );
}

const windowArbitrary = fc.record({
  nM: fc.integer({ min: 2, max: 20 }),
  nTheta: fc.integer({ min: 1, max: 3 }),
  signalPeak: fc.double({ min: 0.5, max: 40, noNaN: true }),
  // ≥ 5 expected events per bin: below, −ln L can have several minima (see the pyhf cases below)
  backgroundLevel: fc.double({ min: 5, max: 200, noNaN: true }),
  signalShape: fc.double({ min: 0.01, max: 0.4, noNaN: true }),
  backgroundShape: fc.double({ min: 0.01, max: 0.4, noNaN: true }),
  efficiency: fc.constantFrom(0, 0.065),
  lumi: fc.constantFrom(0, 0.01),
  injected: fc.double({ min: 0, max: 2, noNaN: true }),
  fluctuations: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 60, maxLength: 60 }),
  mu: fc.double({ min: 0, max: 3, noNaN: true }),
});

/** A window from the arbitrary's numbers; counts are integers, zero where the fluctuation says so. */
function windowFrom(w: typeof windowArbitrary extends fc.Arbitrary<infer T> ? T : never): { model: Model; data: Float64Array } {
  const n = w.nM * w.nTheta;
  const signal = Array.from({ length: n }, (_, k) => w.signalPeak * Math.exp(-((((k / w.nTheta) | 0) - w.nM / 2) ** 2) / 4) + 1e-3);
  const background = Array.from({ length: n }, (_, k) => w.backgroundLevel * (1 + 0.1 * (k % 4)));
  const observed = background.map((b, k) => Math.max(0, Math.round(b + w.injected * signal[k] + w.fluctuations[k % 60] * Math.sqrt(b))));
  const { model, data } = windowModel({
    signal,
    background,
    observed,
    nTheta: w.nTheta,
    signalShapeUncertainty: w.signalShape,
    backgroundShapeUncertainty: w.backgroundShape,
    signalEfficiencyUncertainty: w.efficiency,
    lumiUncertainty: w.lumi,
  });
  return { model, data };
}

describe('profiled fits (per-bin parameters profiled in closed form)', () => {
  it('are used for the paper windows, for shapesys and for histosys models', () => {
    expect(minimizerFor(windowModel({ signal: [1, 2], background: [5, 5], signalShapeUncertainty: 0.1, backgroundShapeUncertainty: 0.1 }).model).profile).not.toBeNull();
    expect(minimizerFor(uncorrelatedBackground([5, 10], [50, 60], [5, 12])).profile).not.toBeNull();
    expect(minimizerFor(histosysModel([5, 10, 3], [50, 60, 20], 0.1, 0.05, 'code4p')).profile?.nHisto).toBe(2);
  });

  it('reach the minimum of the joint fit with histosys, normsys, staterror and shapesys together (code0 and code4p)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.1, max: 20, noNaN: true }), fc.double({ min: 5, max: 200, noNaN: true }), fc.double({ min: -2.5, max: 2.5, noNaN: true })), {
          minLength: 2,
          maxLength: 8,
        }),
        fc.double({ min: 0.01, max: 0.3, noNaN: true }),
        fc.double({ min: 0.01, max: 0.2, noNaN: true }),
        fc.constantFrom('code0' as const, 'code4p' as const),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (bins, shape, stat, code, mu) => {
          // Arrange
          const signal = bins.map((b) => b[0]);
          const background = bins.map((b) => b[1]);
          const model = histosysModel(signal, background, shape, stat, code);
          const data = Float64Array.from([...bins.map((b) => Math.max(0, Math.round(b[1] + b[2] * Math.sqrt(b[1])))), ...model.auxdata]);
          // Act & Assert
          expect(minimizerFor(model).profile).not.toBeNull();
          expectSameMinimum(model, data);
          expectSameMinimum(model, data, mu);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reach the minimum of the joint fit on random windows, unconditional and at fixed μ', () => {
    fc.assert(
      fc.property(windowArbitrary, (w) => {
        // Arrange
        const { model, data } = windowFrom(w);
        // Act & Assert
        expectSameMinimum(model, data);
        expectSameMinimum(model, data, w.mu);
      }),
      { numRuns: 60 },
    );
  });

  it('reach the minimum of the joint fit with Poisson (shapesys) constraints, Barlow–Beeston', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.1, max: 20, noNaN: true }), fc.double({ min: 0.5, max: 100, noNaN: true }), fc.double({ min: 0.02, max: 0.5, noNaN: true }), fc.integer({ min: 0, max: 150 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (bins, mu) => {
          // Arrange
          const model = uncorrelatedBackground(
            bins.map((b) => b[0]),
            bins.map((b) => b[1]),
            bins.map((b) => b[1] * b[2]),
          );
          const data = Float64Array.from([...bins.map((b) => b[3]), ...model.auxdata]);
          // Act & Assert
          expectSameMinimum(model, data);
          expectSameMinimum(model, data, mu);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reach the minimum of the joint fit with Gaussian and Poisson per-bin parameters in one bin, over two channels', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.5, max: 20, noNaN: true }), fc.double({ min: 5, max: 100, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true })), { minLength: 2, maxLength: 6 }),
        fc.double({ min: 0.02, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (bins, unc, mu) => {
          // Arrange: signal region (staterror on signal, shapesys on background) and a control region
          const sig = bins.map((b) => b[0]);
          const bkg = bins.map((b) => b[1]);
          const model = new Model(
            [
              {
                name: 'sr',
                samples: [
                  {
                    name: 'signal',
                    data: sig,
                    modifiers: [
                      { name: 'mu', type: 'normfactor', data: null },
                      { name: 'lumi', type: 'lumi', data: null },
                      { name: 'eff', type: 'normsys', data: { hi: 1 + unc, lo: 1 - unc } },
                      { name: 'sig_stat', type: 'staterror', data: sig.map((v) => v * unc) },
                    ],
                  },
                  {
                    name: 'background',
                    data: bkg,
                    modifiers: [
                      { name: 'bnorm', type: 'normfactor', data: null },
                      { name: 'bsys', type: 'shapesys', data: bkg.map((v) => v * unc) },
                      { name: 'eff', type: 'normsys', data: { hi: 1 + 0.5 * unc, lo: 1 - 0.5 * unc } },
                    ],
                  },
                ],
              },
              {
                name: 'cr',
                samples: [
                  {
                    name: 'background',
                    data: bkg.map((v) => 3 * v),
                    modifiers: [
                      { name: 'bnorm', type: 'normfactor', data: null },
                      { name: 'cr_stat', type: 'staterror', data: bkg.map((v) => 0.3 * v * unc) },
                    ],
                  },
                ],
              },
            ],
            { poi: 'mu', parameters: [{ name: 'lumi', auxdata: [1], sigmas: [0.02], bounds: [[0.9, 1.1]], inits: [1] }] },
          );
          const counts = (rates: number[]): number[] => rates.map((v, i) => Math.max(0, Math.round(v + bins[i][2] * Math.sqrt(v))));
          const data = Float64Array.from([...counts(bkg.map((v) => 3 * v)), ...counts(bkg.map((v, i) => v + sig[i])), ...model.auxdata]);
          expect(minimizerFor(model).profile).not.toBeNull();
          // Act & Assert
          expectSameMinimum(model, data);
          expectSameMinimum(model, data, mu);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('hold per-bin parameters fixed by the caller at their values', () => {
    const { model, data } = windowModel({ signal: [2, 8, 2], background: [20, 22, 24], observed: [25, 31, 18], signalShapeUncertainty: 0.1, backgroundShapeUncertainty: 0.2 });
    const fixed = new Uint8Array(model.nPars);
    const init = Float64Array.from(model.suggestedInit);
    const gamma = model.parameterIndex('background_shape[1]');
    fixed[gamma] = 1;
    init[gamma] = 1.15;
    const profiled = fit(model, data, { fixed, init });
    const joint = fit(model, data, { fixed, init, profile: false });
    expect(profiled.pars[gamma]).toBe(1.15);
    expect(Math.abs(profiled.twiceNll - joint.twiceNll)).toBeLessThan(1e-9);
  });

  it('are redone jointly where a per-bin parameter ends on a bound, and then reach pyhf\'s minimum', () => {
    // 150% background uncertainty and empty bins: −ln L has two minima, γ̂_b → 1e-10 (the staterror lower
    // bound) in the empty bins with background_norm = 5.6 (2·NLL = 9.843), and background_norm = 0 with
    // μ = 1.0855 (2·NLL = 11.186). pyhf 0.7.6 (SLSQP, tolerance 1e-12) reaches the second:
    // twice_nll = 11.186169594379013, mu = 1.08553137, signal_shape = [0.86430857, 1.21481485, 0.86430856, 0.97286171].
    const { model, data } = windowModel({ signal: [0.5, 3, 0.5, 0.1], background: [0.8, 0.9, 1, 1.1], observed: [0, 5, 0, 0], signalShapeUncertainty: 0.5, backgroundShapeUncertainty: 1.5 });
    const r = fit(model, data);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.twiceNll - 11.186169594379013)).toBeLessThan(1e-8);
    expect(r.pars[model.poiIndex]).toBeCloseTo(1.08553137, 5);
    [0.86430857, 1.21481485, 0.86430856, 0.97286171].forEach((v, i) => expect(r.pars[model.parameterIndex(`signal_shape[${i}]`)]).toBeCloseTo(v, 5)); // pyhf's SLSQP parameter precision
    expect(r.twiceNll).toBe(fit(model, data, { profile: false }).twiceNll);
  });

  it('reach pyhf\'s minimum where the joint path stopped in a higher one (counts of 0 and 1)', () => {
    // Two minima: background only (background_norm = 0.5645, μ = 0; 2·NLL = −85.5735) and signal only
    // (background_norm = 0, μ = 0.68; 2·NLL = −85.5006, where the joint iteration stops). pyhf 0.7.6
    // (SLSQP, tolerance 1e-12): twice_nll = −85.57350106534211, background_norm = 0.564494326, mu = 3.2e-11.
    const n = 12;
    const signal = Array.from({ length: n }, (_, k) => 0.5 * Math.exp(-((((k / 3) | 0) - 2) ** 2) / 4) + 1e-3);
    const background = Array.from({ length: n }, (_, k) => 0.3846153846153846 * (1 + 0.1 * (k % 4)));
    const observed = background.map((b) => Math.round(b));
    const { model, data } = windowModel({ signal, background, observed, nTheta: 3, signalShapeUncertainty: 0.01052346123402475, backgroundShapeUncertainty: 0.3331443774753113 });
    const r = fit(model, data);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.twiceNll - -85.57350106534211)).toBeLessThan(1e-8);
    expect(r.pars[model.parameterIndex('background_norm')]).toBeCloseTo(0.564494326, 5);
    expect(r.pars[model.poiIndex]).toBeCloseTo(0, 5);
  });

  it('fall back to the joint fit where a rate factor turns negative (a POI allowed below zero)', () => {
    // a deficit where the signal sits pulls μ̂ below zero: the closed forms need non-negative rates
    const { model, data } = windowModel({ signal: [1, 6, 1], background: [20, 20, 20], observed: [21, 8, 20], signalShapeUncertainty: 0.1, backgroundShapeUncertainty: 0.05, poiBounds: [-5, 5] });
    const profiled = fit(model, data);
    const joint = fit(model, data, { profile: false });
    expect(profiled.pars[model.poiIndex]).toBeLessThan(0);
    expect(profiled.converged).toBe(true);
    expect(profiled.twiceNll).toBe(joint.twiceNll);
  });

  it('do not depend on the fits made before them (same bytes from a fresh minimiser)', () => {
    const w = windowModel({ signal: [1, 4, 1, 0.5], background: [3, 2, 1, 0.5], observed: [2, 9, 0, 1], signalShapeUncertainty: 0.3, backgroundShapeUncertainty: 0.2 });
    const other = Float64Array.from(w.data);
    other.set([7, 0, 3, 0]);
    const used = new Minimizer(w.model);
    used.fit(other);
    used.fit(other, { fixPoi: 2 });
    const after = used.fit(w.data);
    const fresh = new Minimizer(w.model).fit(w.data);
    expect(Array.from(after.pars)).toEqual(Array.from(fresh.pars));
    expect(after.twiceNll).toBe(fresh.twiceNll);
  });
});

describe('the profiled −ln L over the globals (histosys among them)', () => {
  it('has the gradient and the Hessian of its own finite differences (central, h = 1e-5)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.5, max: 20, noNaN: true }), fc.double({ min: 10, max: 200, noNaN: true })), { minLength: 2, maxLength: 6 }),
        fc.constantFrom('code0' as const, 'code4p' as const),
        // away from α = 0, where code0 interpolation has a kink (its slopes are hi − nominal and nominal − lo)
        fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0.05, max: 0.8, noNaN: true })).map(([negative, size]) => (negative ? -size : size)), { minLength: 8, maxLength: 8 }),
        (bins, code, shifts) => {
          // Arrange: a point away from the minimum, globals shifted from the suggested init
          const model = histosysModel(bins.map((b) => b[0]), bins.map((b) => b[1]), 0.15, 0.05, code);
          const minimizer = minimizerFor(model);
          const profile = minimizer.profile;
          if (profile === null) throw new Error('the histosys model is profiled');
          const layout = minimizer.layout;
          const G = layout.nGlobal;
          const data = Float64Array.from([...bins.map((b) => Math.round(1.1 * b[1] + b[0])), ...model.auxdata]);
          const evaluator = new ProfiledEvaluator(model, layout, profile);
          evaluator.prepare(data, new Uint8Array(model.nPars));
          const x0 = Float64Array.from(model.suggestedInit);
          for (let g = 0; g < G; g++) x0[layout.globalPar[g]] += shifts[g % shifts.length] * (model.suggestedInit[layout.globalPar[g]] === 0 ? 1 : 0.1);
          const valueAt = (dg: number, dh: number, g: number, h: number): number => {
            const x = Float64Array.from(x0);
            x[layout.globalPar[g]] += dg;
            x[layout.globalPar[h]] += dh;
            return evaluator.evaluate(x, data, new ProfiledState(G));
          };
          const state = new ProfiledState(G);
          evaluator.evaluate(Float64Array.from(x0), data, state);
          expect(evaluator.unsupported).toBe(false);
          // Act & Assert: f is profiled over the locals, so its derivatives include the locals' response (envelope theorem, implicit Hessian)
          const step = 1e-5;
          for (let g = 0; g < G; g++) {
            const fd = (valueAt(step, 0, g, g) - valueAt(-step, 0, g, g)) / (2 * step);
            expect(Math.abs(state.grad[g] - fd)).toBeLessThan(1e-5 * (1 + Math.abs(fd)));
            for (let h = 0; h < G; h++) {
              const fd2 = (valueAt(step, step, g, h) - valueAt(step, -step, g, h) - valueAt(-step, step, g, h) + valueAt(-step, -step, g, h)) / (4 * step * step);
              expect(Math.abs(state.hess[g * G + h] - fd2)).toBeLessThan(1e-4 * (1 + Math.abs(fd2))); // the rounding of f/h² is about 1e-5;
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
