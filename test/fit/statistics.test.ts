/**
 * Closed forms and asymptotic laws: limits of Poisson counting experiments, the Asimov band formula,
 * the half-χ² law of q̃_μ, asymptotic ≈ toys for large counts, and properties of CLs.
 */
import normal from '@stdlib/stats-base-dists-normal';
import poisson from '@stdlib/stats-base-dists-poisson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AsymptoticCalculator,
  brentRoot,
  discovery,
  FitError,
  Minimizer,
  Model,
  modelFromWorkspace,
  parseWorkspace,
  ToyCalculator,
  type ToySourceFactory,
  upperLimit,
  type Workspace,
} from '../../src/fit/index.js';
import { createStream } from '../../src/random/index.js';

const sources =
  (seed: number): ToySourceFactory =>
  (hypothesis, index) =>
    createStream(seed, `fit-test-toys-${hypothesis}`, index);

/** One-bin counting experiment: signal s·μ over a known background b (no nuisance parameters). */
function counting(s: number, b: number): Model {
  const samples = [{ name: 'signal', data: [s], modifiers: [{ name: 'mu', type: 'normfactor' as const, data: null }] }];
  if (b > 0) samples.push({ name: 'background', data: [b], modifiers: [] });
  return new Model([{ name: 'bin', samples }], { poi: 'mu', parameters: [{ name: 'mu', bounds: [[0, 100]] }] });
}

describe('closed forms of counting experiments (toy-based CLs)', () => {
  it('no background, no events: the 90% CL limit is s = ln 10 = 2.303 (CLs = e^{−s})', () => {
    // Arrange: s = 1 per unit μ, so μ_up = s_up
    const model = counting(1, 0);
    // Act
    const r = upperLimit(model, [0], { calculator: 'toybased', ntoys: 3000, sources: sources(1), rtol: 1e-3 });
    // Assert: CLs_{s+b} = P(n = 0 | s) = e^{−s} estimated from 3000 toys (binomial σ ≈ 0.0055 at 0.1 → 5.5% on s)
    expect(r.obs).toBeGreaterThan(Math.LN10 * 0.93);
    expect(r.obs).toBeLessThan(Math.LN10 * 1.07);
  });

  it('with background: the limit solves P(n ≤ n_obs | s + b)/P(n ≤ n_obs | b) = 0.1 (Read, J. Phys. G 28 (2002) 2693)', () => {
    const b = 3;
    const nObs = 2;
    const cls = (s: number): number => poisson.cdf(nObs, s + b) / poisson.cdf(nObs, b);
    const exact = brentRoot((s) => cls(s) - 0.1, 0.1, 20, cls(0.1) - 0.1, cls(20) - 0.1, 1e-10);
    expect(cls(exact)).toBeCloseTo(0.1, 9);
    const r = upperLimit(counting(1, b), [nObs], { calculator: 'toybased', ntoys: 3000, sources: sources(2), rtol: 1e-3 });
    expect(Math.abs(r.obs / exact - 1)).toBeLessThan(0.06);
  });
});

describe('asymptotic formulae (Cowan, Cranmer, Gross, Vitells, EPJC 71 (2011) 1554)', () => {
  it('expected limits sit where √q_{μ,A} = Φ⁻¹(1 − αΦ(−N)) − N, i.e. μ_up/σ = 0.837, 1.148, 1.645, 2.378, 3.295 at 90% CL (pyhf expected_pvalues; docs/references.md §8.1)', () => {
    // Arrange: b = 10⁶, s = 1000 → σ_μ = √b/s = 1 (Gaussian regime)
    const model = counting(1000, 1e6);
    const data = [1e6];
    // Act
    const r = upperLimit(model, data, { cl: 0.9 });
    const calc = new AsymptoticCalculator(model, data);
    // Assert
    const targets = [2, 1, 0, -1, -2].map((n) => normal.quantile(1 - 0.1 * normal.cdf(-n, 0, 1), 0, 1) - n);
    [0.837, 1.148, 1.645, 2.378, 3.295].forEach((v, i) => expect(targets[i]).toBeCloseTo(v, 3));
    r.exp.forEach((mu, i) => {
      expect(calc.sqrtQAsimov(mu)).toBeCloseTo(targets[i], 5);
      expect(mu).toBeCloseTo(targets[i], 2); // σ = 1
    });
    // observed data equal to the background: the observed limit is the median expected one
    expect(r.obs).toBeCloseTo(r.exp[2], 6);
  });

  it('the Asimov discovery significance is Z_A = √(2[(s+b)ln(1+s/b) − s]) (Eq. (97))', () => {
    const s = 12;
    const b = 40;
    const d = discovery(counting(s, b), [b]);
    expect(d.expectedSignificance).toBeCloseTo(Math.sqrt(2 * ((s + b) * Math.log(1 + s / b) - s)), 8);
    // observed n = s + b gives the same q₀
    const obs = discovery(counting(s, b), [s + b]);
    expect(obs.significance).toBeCloseTo(d.expectedSignificance, 8);
    expect(obs.p0).toBeCloseTo(normal.cdf(-obs.significance, 0, 1), 12);
  });

  it('q̃_μ of signal+background toys follows the half-χ²₁ law for large counts (Eq. (49))', () => {
    // Arrange: μ/σ = 5, so μ̂ < 0 is negligible and f(q̃_μ|μ) = ½δ(q) + ½χ²₁(q)
    const calc = new ToyCalculator(counting(500, 10000), [10000], { ntoys: 4000, sources: sources(3) });
    // Act
    const { sb } = calc.distributions(1);
    // Assert
    const frac = (cut: number): number => sb.filter((q) => q > cut).length / sb.length;
    const tol = 3 * Math.sqrt(0.25 / sb.length);
    expect(Math.abs(sb.filter((q) => q < 1e-9).length / sb.length - 0.5)).toBeLessThan(tol); // P(q = 0) = ½
    expect(Math.abs(frac(1) - 0.5 * 0.31731)).toBeLessThan(3 * Math.sqrt((0.16 * 0.84) / sb.length)); // ½P(χ²₁ > 1)
    expect(Math.abs(frac(2.70554) - 0.05)).toBeLessThan(3 * Math.sqrt((0.05 * 0.95) / sb.length)); // ½P(χ²₁ > 2.706) = 5%
  });

  it('asymptotic and toy-based CLs agree for large counts', () => {
    // μ/σ ≈ 3: background-only toys almost never have μ̂ > μ (q̃ = 0), which the unclipped asymptotic
    // band ignores; nearer μ ≈ 2σ the toys' +2σ band sits on that CLs = 1 plateau (pyhf's
    // calc_base_dist='clipped_normal' addresses the same effect).
    const model = counting(60, 2000);
    const data = [2030];
    const asym = new AsymptoticCalculator(model, data).hypotest(2.2);
    const toys = new ToyCalculator(model, data, { ntoys: 3000, sources: sources(4) }).hypotest(2.2);
    expect(Math.abs(toys.clbObs - asym.clbObs)).toBeLessThan(0.025);
    expect(Math.abs(toys.clsObs - asym.clsObs)).toBeLessThan(0.006);
    toys.clsExp.forEach((v, i) => expect(Math.abs(v - asym.clsExp[i])).toBeLessThan(0.02));
  });

  it('toy results are reproducible: same seed, same numbers', () => {
    const model = counting(5, 10);
    const a = new ToyCalculator(model, [12], { ntoys: 200, sources: sources(9) }).hypotest(1);
    const b = new ToyCalculator(model, [12], { ntoys: 200, sources: sources(9) }).hypotest(1);
    const c = new ToyCalculator(model, [12], { ntoys: 200, sources: sources(10) }).hypotest(1);
    expect(b).toEqual(a);
    expect(c.clsExp).not.toEqual(a.clsExp);
  });
});

/** A random valid workspace: 1–2 channels of 1–4 bins, signal + 1–2 backgrounds with random modifiers. */
const workspaceArb = fc
  .record({
    channels: fc.array(
      fc.record({
        sig: fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: 1, maxLength: 4 }),
        bkgScale: fc.double({ min: 1, max: 200, noNaN: true }),
        rel: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        twoBkg: fc.boolean(),
        mods: fc.subarray(['shapesys', 'staterror', 'normsys', 'histosys', 'lumi'] as const),
        excess: fc.double({ min: -0.5, max: 2, noNaN: true }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  })
  .map(({ channels }) => {
    const ws: Workspace = {
      channels: channels.map((c, ci) => {
        const bkg = c.sig.map((_, i) => c.bkgScale * (1 + 0.1 * i));
        const samples: Workspace['channels'][number]['samples'] = [
          { name: 'signal', data: c.sig, modifiers: [{ name: 'mu', type: 'normfactor', data: null }] },
        ];
        const mods: Workspace['channels'][number]['samples'][number]['modifiers'] = [];
        for (const m of c.mods) {
          if (m === 'shapesys') mods.push({ name: `shapesys_${ci}`, type: 'shapesys', data: bkg.map((v) => v * c.rel) });
          if (m === 'staterror') mods.push({ name: `stat_${ci}`, type: 'staterror', data: bkg.map((v) => v * c.rel) });
          if (m === 'normsys') mods.push({ name: 'bkg_norm_sys', type: 'normsys', data: { hi: 1 + c.rel, lo: 1 - c.rel / 2 } });
          if (m === 'histosys') mods.push({ name: 'shape', type: 'histosys', data: { hi_data: bkg.map((v) => v * (1 + c.rel)), lo_data: bkg.map((v) => v * (1 - c.rel)) } });
          if (m === 'lumi') mods.push({ name: 'lumi', type: 'lumi', data: null });
        }
        samples.push({ name: 'background', data: bkg, modifiers: mods });
        if (c.twoBkg) samples.push({ name: 'other', data: bkg.map((v) => 0.3 * v), modifiers: [] });
        return { name: `ch${ci}`, samples };
      }),
      observations: channels.map((c, ci) => ({ name: `ch${ci}`, data: c.sig.map((s, i) => Math.max(0, Math.round(c.bkgScale * (1 + 0.1 * i) * (c.twoBkg ? 1.3 : 1) + c.excess * s))) })),
      measurements: [{ name: 'm', config: { poi: 'mu', parameters: [{ name: 'lumi', auxdata: [1], sigmas: [0.02], bounds: [[0.8, 1.2]], inits: [1] }] } }],
      version: '1.0.0',
    };
    // lumi settings are only allowed when a lumi modifier exists
    if (!channels.some((c) => c.mods.includes('lumi'))) ws.measurements[0].config.parameters = [];
    return ws;
  })
  .filter((ws) => ws.channels.some((c) => c.samples[0].data.some((v) => v > 0.5)));

describe('properties of CLs on random valid workspaces', () => {
  it('never NaN, in [0, 1], and non-increasing in μ', () => {
    fc.assert(
      fc.property(workspaceArb, (ws) => {
        const { model, data } = modelFromWorkspace(parseWorkspace(ws));
        const calc = new AsymptoticCalculator(model, data);
        let prev = Number.POSITIVE_INFINITY;
        for (const mu of [0.5, 1, 2, 4, 8]) {
          const h = calc.hypotest(mu);
          for (const v of [h.clsObs, ...h.clsExp]) {
            expect(Number.isNaN(v)).toBe(false);
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1 + 1e-12);
          }
          expect(h.clsObs).toBeLessThanOrEqual(prev + 1e-9);
          prev = h.clsObs;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('do not depend on the order of samples or channels', () => {
    fc.assert(
      fc.property(workspaceArb, (ws) => {
        const reversed: Workspace = {
          ...ws,
          channels: [...ws.channels].reverse().map((c) => ({ ...c, samples: [...c.samples].reverse() })),
          observations: [...ws.observations].reverse(),
        };
        const a = modelFromWorkspace(parseWorkspace(ws));
        const b = modelFromWorkspace(parseWorkspace(reversed));
        const ha = new AsymptoticCalculator(a.model, a.data).hypotest(1);
        const hb = new AsymptoticCalculator(b.model, b.data).hypotest(1);
        expect(hb.clsObs).toBeCloseTo(ha.clsObs, 10);
        hb.clsExp.forEach((v, i) => expect(v).toBeCloseTo(ha.clsExp[i], 10));
      }),
      { numRuns: 40 },
    );
  });
});

describe('the fit core on 10 000 random valid workspaces', () => {
  it('every fit is finite or flagged as not converged, and every hypotest gives a CLs in [0, 1] or a FitError: no NaN, no other exception', () => {
    let flagged = 0;
    let fitErrors = 0;
    fc.assert(
      fc.property(workspaceArb, (ws) => {
        const { model, data } = modelFromWorkspace(parseWorkspace(ws));
        const fit = new Minimizer(model).fit(data);
        if (fit.converged) {
          expect(Number.isFinite(fit.twiceNll)).toBe(true);
          for (const p of fit.pars) expect(Number.isFinite(p)).toBe(true);
        } else {
          flagged++;
          expect(fit.status).not.toBe('converged');
          expect(fit.status.length).toBeGreaterThan(0);
        }
        try {
          const h = new AsymptoticCalculator(model, data).hypotest(1);
          for (const v of [h.clsObs, ...h.clsExp]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1 + 1e-12);
          }
        } catch (error) {
          if (!(error instanceof FitError)) throw error;
          fitErrors++;
        }
      }),
      { numRuns: 10_000 },
    );
    // Well-posed models: the minimiser converges on (nearly) all of them.
    expect(flagged + fitErrors).toBeLessThan(10);
  });
});
