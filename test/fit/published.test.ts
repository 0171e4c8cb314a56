/**
 * Agreement with pyhf on likelihoods ATLAS published on HEPData (background-only workspaces with the
 * analysis' own signal patches, or with synthetic signal patchsets where only the background-only
 * likelihood is public). Reference numbers: test/fit/fixtures/published-reference.json, made by
 * make_published.py beside it (its `_source` names the pyhf version and settings; each likelihood
 * names its repository, commit, path, arXiv id and HEPData record).
 *
 * Tolerances: CLs (observed and expected band) 1e-4 relative; 2·NLL at pyhf's best-fit parameters
 * 1e-6 absolute; 95% CL upper limits 1e-3 relative. Our free fit must reach pyhf's minimum or a lower one.
 * Where pyhf's SLSQP stopped above our minimum (`from_zprime_bestfit`), pyhf's own likelihood at our
 * best-fit parameters must be our minimum, and the CLs are compared with pyhf's hypotest started there.
 *
 * Likelihoods with `poisson_logpdf` (ATLAS-SUSY-2018-06) were run with pyhf's Poisson log-density
 * replaced by a cancellation-free one: its shapesys constraint with τ = 1.9e11 rounds pyhf's own ln L
 * to steps of 2⁻⁸ (test/fit/tightShapesys.test.ts). pyhf's unpatched numbers are kept beside them
 * (`pyhf_unpatched`); our 2·NLL at pyhf's best fit is within that rounding of pyhf's unpatched one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AsymptoticCalculator, fit, modelFromWorkspace, parseJsonPatch, parsePatchset, patchedWorkspace, type PatchInputs, upperLimit } from '../../src/fit/index.js';

interface Point {
  name: string;
  patchset?: string;
  patch?: string;
  json_patch?: string;
  npars: number;
  par_names: string[];
  bestfit: number[];
  twice_nll: number;
  cls_obs: number;
  clsb_obs: number;
  clb_obs: number;
  cls_exp: number[];
  limit_obs?: number;
  limit_exp?: number[];
  /** Where pyhf's free fit stopped above our minimum: pyhf at our best fit, and pyhf's fit and hypotest started there. */
  from_zprime_bestfit?: { pyhf_twice_nll_at_zprime_bestfit: number; twice_nll: number; cls_obs: number; clsb_obs: number; clb_obs: number; cls_exp: number[] };
  /** pyhf with its own Poisson log-density, where the reference used the accurate one: 2·NLL at the reference's best fit, its fit and hypotest. */
  pyhf_unpatched?: { twice_nll_at_bestfit: number; twice_nll: number; cls_obs: number; cls_exp: number[] };
}
interface Likelihood {
  name: string;
  file: string;
  sha256: string;
  points: Point[];
}
const reference = JSON.parse(readFileSync(new URL('./fixtures/published-reference.json', import.meta.url), 'utf8')) as { likelihoods: Likelihood[] };

const fixture = (path: string): Buffer => {
  const bytes = readFileSync(new URL(`./fixtures/published/${path}`, import.meta.url));
  return path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
};
const json = (path: string): unknown => JSON.parse(fixture(path).toString('utf8')) as unknown;
const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

function load(lk: Likelihood, p: Point) {
  const dir = lk.file.slice(0, lk.file.lastIndexOf('/'));
  const inputs: PatchInputs = {
    workspace: json(lk.file),
    workspaceLabel: lk.file,
    patchset: p.patchset === undefined ? undefined : { label: p.patchset, patchset: parsePatchset(json(`${dir}/${p.patchset}`)) },
    jsonPatches: p.json_patch === undefined ? [] : [{ label: p.json_patch, patch: parseJsonPatch(json(`${dir}/${p.json_patch}`)) }],
  };
  return modelFromWorkspace(patchedWorkspace(inputs, p.patch).workspace);
}

describe('agreement with pyhf on published likelihoods (fixture published-reference.json)', () => {
  for (const lk of reference.likelihoods) {
    it(`${lk.name}: the fixture is the published file (sha256 of make_published.py's source)`, () => {
      expect(createHash('sha256').update(fixture(lk.file)).digest('hex')).toBe(lk.sha256);
    });
    for (const p of lk.points) {
      it(`${lk.name} ${p.name} (${p.npars} parameters): 2·NLL at pyhf's best fit, our best fit, CLs at μ = 1${p.limit_obs !== undefined ? ', 95% CL limits' : ''}`, () => {
        // Arrange
        const { model, data } = load(lk, p);
        expect(model.nPars).toBe(p.npars);
        expect([...model.parameterNames].sort()).toEqual([...p.par_names].sort());
        const atPyhf = new Float64Array(model.nPars);
        p.par_names.forEach((n, i) => (atPyhf[model.parameterNames.indexOf(n)] = p.bestfit[i]));
        // Act
        const free = fit(model, data);
        const h = new AsymptoticCalculator(model, data).hypotest(1);
        // Assert: the same likelihood at the same parameters
        expect(Math.abs(model.twiceNll(atPyhf, data) - p.twice_nll)).toBeLessThan(1e-6);
        if (p.pyhf_unpatched !== undefined) {
          // pyhf's rounded ln L: three terms of ~5e12 each to an ulp of 2⁻¹⁰, so 2·NLL within 8·2⁻¹⁰
          expect(Math.abs(model.twiceNll(atPyhf, data) - p.pyhf_unpatched.twice_nll_at_bestfit)).toBeLessThan(8 * 2 ** -10);
        }
        // our minimum is pyhf's, or lower where SLSQP stopped short of it
        expect(free.converged).toBe(true);
        expect(free.twiceNll).toBeLessThan(p.twice_nll + 1e-6);
        const polished = p.from_zprime_bestfit;
        if (polished !== undefined) {
          expect(Math.abs(polished.pyhf_twice_nll_at_zprime_bestfit - free.twiceNll)).toBeLessThan(1e-6);
          expect(Math.abs(polished.twice_nll - free.twiceNll)).toBeLessThan(1e-6);
        }
        const cls = polished ?? p;
        expect(relErr(h.clsObs, cls.cls_obs)).toBeLessThan(1e-4);
        expect(relErr(h.clsbObs, cls.clsb_obs)).toBeLessThan(1e-4);
        expect(relErr(h.clbObs, cls.clb_obs)).toBeLessThan(1e-4);
        h.clsExp.forEach((v, i) => expect(relErr(v, cls.cls_exp[i])).toBeLessThan(1e-4));
        if (p.limit_obs !== undefined && p.limit_exp !== undefined) {
          const lim = upperLimit(model, data, { cl: 0.95 });
          expect(relErr(lim.obs, p.limit_obs)).toBeLessThan(1e-3);
          lim.exp.forEach((v, i) => expect(relErr(v, (p.limit_exp as number[])[i])).toBeLessThan(1e-3));
        }
      });
    }
  }
});
