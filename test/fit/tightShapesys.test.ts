/**
 * A shapesys with a tiny uncertainty, as ATLAS-SUSY-2018-06 (arXiv:1912.08479) publishes for the WZ
 * background in CRISR: 435.07 events with uncertainty 0.001, so the Barlow–Beeston constraint
 * Pois(τ | γτ) has τ = (ν/σ)² = 1.89e11. Its ln L is O(1) near γ = 1, but pyhf's numpy
 * `poisson_logpdf`, xlogy(n, λ) − λ − gammaln(n + 1), subtracts terms of ~5e12 and keeps a resolution
 * of 2⁻⁸ in ln L: at γ = 1 it gives −13.90234375 for the constraint where the value is −13.9021898…
 * We keep ln L exact (saturated.ts); this is the whole difference to pyhf on ATLAS-SUSY-2018-06.
 *
 * Fixture published/tight-shapesys.json (make_published.py tight-shapesys): 2·NLL of a one-bin
 * workspace at six points from pyhf as is, from pyhf with make_published.py's accurate_poisson_logpdf,
 * and from mpmath at 60 digits (n ln λ − λ − ln Γ(n + 1) for both Poisson terms). E.g. at (μ, γ) =
 * (1, 1 + 1e-8): pyhf 35.749117063992344, pyhf accurate 35.74687501550993, mpmath 35.74687501550964.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFromWorkspace, parseWorkspace } from '../../src/fit/index.js';

interface TightFixture {
  workspace: unknown;
  par_names: string[];
  tau: number;
  points: { pars: number[]; pyhf: number; pyhf_accurate_poisson: number; mpmath: number }[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/published/tight-shapesys.json', import.meta.url), 'utf8')) as TightFixture;

describe('shapesys with τ = 1.9e11 (ATLAS-SUSY-2018-06 CRISR; fixture published/tight-shapesys.json)', () => {
  const { model, data } = modelFromWorkspace(parseWorkspace(fixture.workspace));
  const at = (pars: number[]): Float64Array => {
    const x = new Float64Array(model.nPars);
    fixture.par_names.forEach((n, i) => (x[model.parameterIndex(n)] = pars[i]));
    return x;
  };

  it('has pyhf’s parameters and Poisson factor τ = (435.065…/0.001)²', () => {
    expect([...model.parameterNames].sort()).toEqual([...fixture.par_names].sort());
    expect(Math.abs(model.conFactor[0] - fixture.tau) / fixture.tau).toBeLessThan(1e-15);
    expect(data[model.nMain]).toBe(fixture.tau);
  });

  it('2·NLL agrees with mpmath to 1e-11 and with pyhf’s accurate Poisson log-density to 1e-10 (its log1p form loses ~1e-11 at γ − 1 = 1e-6)', () => {
    for (const p of fixture.points) {
      const got = model.twiceNll(at(p.pars), data);
      expect(Math.abs(got - p.mpmath), `(μ, γ) = (${p.pars.join(', ')})`).toBeLessThan(1e-11);
      expect(Math.abs(got - p.pyhf_accurate_poisson), `(μ, γ) = (${p.pars.join(', ')})`).toBeLessThan(1e-10);
    }
  });

  it('differs from pyhf as is by its rounding only: at most a few 2⁻⁸ steps of ln L, in a staircase of γ', () => {
    // three terms of ~τ ln τ ≈ 4.9e12, each rounded to ulp = 2⁻¹⁰, in ln L; twice that in 2·NLL
    const ulp = 2 ** (Math.floor(Math.log2(fixture.tau * Math.log(fixture.tau))) - 52);
    for (const p of fixture.points) {
      const got = model.twiceNll(at(p.pars), data);
      expect(Math.abs(got - p.pyhf)).toBeLessThan(2 * 4 * ulp);
      expect(Math.abs(got - p.pyhf)).toBeGreaterThan(1e-4); // the case is the one pyhf rounds
    }
    // γ = 1 + 1e-8 raises the exact 2·NLL by 1.9e-5; pyhf's value jumps by 2e-3 instead
    const [base, , up] = fixture.points;
    const exactStep = model.twiceNll(at(up.pars), data) - model.twiceNll(at(base.pars), data);
    expect(Math.abs(exactStep - (up.mpmath - base.mpmath))).toBeLessThan(1e-11);
    expect(Math.abs(up.pyhf - base.pyhf - exactStep)).toBeGreaterThan(1e-3);
  });
});
