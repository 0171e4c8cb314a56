/**
 * The `hypotest`, `upper-limit` and `fit` commands, run in-process through `run(argv)`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/main.js';

const reference = JSON.parse(readFileSync(new URL('./fixtures/pyhf-reference.json', import.meta.url), 'utf8')) as {
  cases: { name: string; workspace: unknown; pyhf: { cls_obs: number; cls_exp: number[]; limit_obs: number; limit_exp: number[]; bestfit: number[]; par_names: string[] } }[];
};
let dir = '';
let wsPath = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zprime-fit-cli-'));
  wsPath = join(dir, 'simple.json');
  // pyhf.simplemodels.uncorrelated_background([12, 11], [50, 52], [3, 7]) with data [51, 48]
  writeFileSync(wsPath, JSON.stringify(reference.cases[0].workspace));
});

afterEach(() => vi.restoreAllMocks());

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  const code = await run(argv);
  vi.restoreAllMocks();
  return { code, out, err };
}

describe('zprime-mc hypotest', () => {
  it('prints cls_obs and cls_exp (−2σ … +2σ) as pyhf computes them', async () => {
    const { code, out } = await capture(['hypotest', wsPath, '--mu', '1', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as { cls_obs: number; cls_exp: number[]; test_stat: string };
    const ref = reference.cases[0].pyhf; // pyhf with tolerance 1e-12 (fixture _source)
    expect(r.test_stat).toBe('qtilde');
    expect(r.cls_obs).toBeCloseTo(ref.cls_obs, 7);
    r.cls_exp.forEach((v, i) => expect(v).toBeCloseTo(ref.cls_exp[i], 7));
    expect(r.cls_exp[0]).toBeLessThan(r.cls_exp[4]);
  });

  it('--test-stat q0: cls_obs is p0 = CLs+b and cls_exp the CLs+b band, as pyhf infer.hypotest returns for q0', async () => {
    const c = reference.cases.find((x) => x.name === '1bin_shapesys_q0');
    if (c === undefined) throw new Error('fixture case missing');
    const q0Path = join(dir, 'q0.json');
    writeFileSync(q0Path, JSON.stringify(c.workspace));
    const { code, out, err } = await capture(['hypotest', q0Path, '--mu', '0', '--test-stat', 'q0', '--json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const r = JSON.parse(out) as { mu: number; cls_obs: number; cls_exp: number[]; clsb_obs: number; clsb_exp: number[]; clb_obs: number; p0_obs: number; p0_exp: number[] };
    // pyhf 0.7.6 (fixture _source): hypotest(0, data, model, test_stat='q0') = 0.003936878440203589, band p0_exp, CLb 0.3309401051853599
    const ref = c.pyhf as unknown as { p0_obs: number; p0_exp: number[]; clb_obs: number };
    expect(Math.abs(r.cls_obs - ref.p0_obs) / ref.p0_obs).toBeLessThan(1e-6);
    r.cls_exp.forEach((v, i) => expect(Math.abs(v - ref.p0_exp[i]) / ref.p0_exp[i]).toBeLessThan(2e-5));
    expect(Math.abs(r.clb_obs - ref.clb_obs) / ref.clb_obs).toBeLessThan(1e-5); // 1.4e-6 apart: pyhf's SLSQP minimum
    expect(r.clsb_obs).toBe(r.cls_obs);
    expect(r.p0_obs).toBe(r.cls_obs);
    expect(r.clsb_exp).toEqual(r.cls_exp);
    expect(r.p0_exp).toEqual(r.cls_exp);
    expect(r.mu).toBe(0);
    // pyhf's q0 sets μ = 0 with a warning whatever it is given
    const other = await capture(['hypotest', q0Path, '--mu', '1', '--test-stat', 'q0', '--json']);
    expect(other.out).toBe(out);
    expect(other.err).toMatch(/^zprime-mc: warning: q0 tests mu = 0; --mu 1 is ignored, as pyhf does\n$/);
    const text = await capture(['hypotest', q0Path, '--mu', '0', '--test-stat', 'q0']);
    expect(text.out).toMatch(/p0 observed +0\.00393688/);
  });

  it('toy-based results depend only on the seed', async () => {
    const argv = ['hypotest', wsPath, '--mu', '1', '--calc', 'toybased', '--toys', '200', '--seed', '5', '--json'];
    const a = JSON.parse((await capture(argv)).out) as { cls_obs: number; ntoys: number; failed_toys: number };
    const b = JSON.parse((await capture(argv)).out) as { cls_obs: number };
    expect(b).toEqual(a);
    expect(a.ntoys).toBe(200);
    expect(a.failed_toys).toBe(0);
    expect(a.cls_obs).toBeGreaterThan(0.02);
    expect(a.cls_obs).toBeLessThan(0.1); // asymptotic 0.0525
  });

  it('exits 2 with one line on bad input', async () => {
    for (const argv of [
      ['hypotest', wsPath, '--mu', 'abc'],
      ['hypotest', wsPath, '--mu', '1', '--test-stat', 'banana'],
      ['hypotest', join(dir, 'missing.json'), '--mu', '1'],
      ['hypotest', wsPath, '--mu', '1', '--calc', 'magic'],
    ]) {
      const { code, err } = await capture(argv);
      expect(code).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
    }
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...(reference.cases[0].workspace as object), channels: [{ name: 'singlechannel', samples: [{ name: 's', data: [1, 2], modifiers: [{ name: 'x', type: 'magic', data: null }] }] }] }));
    const { code, err } = await capture(['hypotest', bad, '--mu', '1']);
    expect(code).toBe(2);
    expect(err).toMatch(/unsupported modifier type "magic"/);
  });
});

describe('workspace commands on a measurement with settings for parameters no modifier uses', () => {
  it('warn once on stderr naming them, and give the numbers of the workspace without them', async () => {
    const ws = JSON.parse(JSON.stringify(reference.cases[0].workspace)) as { measurements: { config: { parameters: unknown[] } }[] };
    ws.measurements[0].config.parameters = [{ name: 'SigXsecOverSM', fixed: true, inits: [1] }, { name: 'Lumi', auxdata: [1], sigmas: [0.02] }];
    const extra = join(dir, 'leftovers.json');
    writeFileSync(extra, JSON.stringify(ws));
    const plain = await capture(['hypotest', wsPath, '--mu', '1', '--json']);
    for (const argv of [['hypotest', extra, '--mu', '1', '--json'], ['fit', extra, '--json'], ['upper-limit', extra, '--json']]) {
      const { code, err } = await capture(argv);
      expect(code).toBe(0);
      const lines = err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^zprime-mc: warning: .*leftovers\.json: measurement "m" sets parameters "SigXsecOverSM", "Lumi" that no modifier of the model uses; ignored/);
    }
    const r = await capture(['hypotest', extra, '--mu', '1', '--json']);
    expect(r.out).toBe(plain.out);
  });
});

describe('zprime-mc upper-limit', () => {
  it('prints obs and exp at 90% CL, matching pyhf toms748_scan', async () => {
    const { code, out } = await capture(['upper-limit', wsPath, '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as { obs: number; exp: number[]; cl: number };
    const ref = reference.cases[0].pyhf;
    expect(r.cl).toBe(0.9);
    expect(r.obs).toBeCloseTo(ref.limit_obs, 5);
    r.exp.forEach((v, i) => expect(v).toBeCloseTo(ref.limit_exp[i], 5));
  });

  it('rejects a confidence level outside (0, 1)', async () => {
    const { code, err } = await capture(['upper-limit', wsPath, '--cl', '1.5']);
    expect(code).toBe(2);
    expect(err).toMatch(/--cl 1.5 is not allowed/);
  });
});

describe('zprime-mc fit', () => {
  it('prints best-fit values and uncertainties in pyhf parameter order', async () => {
    const { code, out } = await capture(['fit', wsPath, '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as { par_names: string[]; bestfit: number[]; uncertainty: number[]; converged: boolean };
    const ref = reference.cases[0].pyhf;
    expect(r.converged).toBe(true);
    expect(r.par_names).toEqual(ref.par_names);
    r.bestfit.forEach((v, i) => expect(v).toBeCloseTo(ref.bestfit[i], 5));
    r.uncertainty.forEach((v) => expect(v).toBeGreaterThan(0));
  });

  it('fixes the POI with --mu', async () => {
    const { out } = await capture(['fit', wsPath, '--mu', '1', '--json']);
    const r = JSON.parse(out) as { bestfit: number[]; uncertainty: number[]; fixed_poi: number };
    expect(r.fixed_poi).toBe(1);
    expect(r.bestfit[0]).toBe(1);
    expect(r.uncertainty[0]).toBe(0);
  });
});
