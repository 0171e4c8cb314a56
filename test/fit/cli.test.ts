/**
 * The `hypotest`, `upper-limit` and `fit` commands, run in-process through `run(argv)`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
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

describe('workspace commands on a HEPData-style likelihood: BkgOnly.json --patchset patchset.json --patch NAME, and -p patch.json', () => {
  // BkgOnly + patch "sig_12_11" is pyhf's uncorrelated_background([12, 11], [50, 52], [3, 7]), data [51, 48]
  let bkgOnly = '';
  let psPath = '';
  let patchPath = '';
  const signal = (data: number[]): unknown => ({ op: 'add', path: '/channels/0/samples/0', value: { name: 'signal', data, modifiers: [{ name: 'mu', type: 'normfactor', data: null }] } });
  beforeAll(() => {
    const full = JSON.parse(JSON.stringify(reference.cases[0].workspace)) as { channels: { samples: unknown[] }[] };
    full.channels[0].samples = full.channels[0].samples.slice(1);
    bkgOnly = join(dir, 'BkgOnly.json');
    writeFileSync(bkgOnly, JSON.stringify(full));
    const ps = {
      version: '1.0.0',
      metadata: { labels: ['sig_yield'], description: 'two signal points', references: { hepdata: 'ins0000000' }, digests: { sha256: '0'.repeat(64) } },
      patches: [
        { metadata: { name: 'sig_12_11', values: [23] }, patch: [signal([12, 11])] },
        { metadata: { name: 'sig_6_5', values: [11] }, patch: [signal([6, 5])] },
      ],
    };
    psPath = join(dir, 'patchset.json');
    writeFileSync(psPath, JSON.stringify(ps));
    patchPath = join(dir, 'patch.json');
    writeFileSync(patchPath, JSON.stringify([signal([12, 11])]));
  });

  it('hypotest, upper-limit and fit give the numbers of the patched workspace (pyhf fixture values)', async () => {
    const ref = reference.cases[0].pyhf;
    const viaPatchset = await capture(['hypotest', bkgOnly, '--patchset', psPath, '--patch', 'sig_12_11', '--mu', '1', '--json']);
    expect(viaPatchset.code).toBe(0);
    expect(viaPatchset.err).toBe('');
    const h = JSON.parse(viaPatchset.out) as { cls_obs: number };
    expect(h.cls_obs).toBeCloseTo(ref.cls_obs, 7);
    expect(viaPatchset.out).toBe((await capture(['hypotest', wsPath, '--mu', '1', '--json'])).out);
    const viaPlain = await capture(['hypotest', bkgOnly, '-p', patchPath, '--mu', '1', '--json']);
    expect(viaPlain.out).toBe(viaPatchset.out);
    const ul = JSON.parse((await capture(['upper-limit', bkgOnly, '--patchset', psPath, '--patch', 'sig_12_11', '--json'])).out) as { obs: number };
    expect(ul.obs).toBeCloseTo(ref.limit_obs, 5);
    const f = JSON.parse((await capture(['fit', bkgOnly, '--json', '--patchset', psPath, '--patch', 'sig_12_11'])).out) as { bestfit: number[] };
    f.bestfit.forEach((v, i) => expect(v).toBeCloseTo(ref.bestfit[i], 5));
    // a weaker signal point is less excluded
    const weak = JSON.parse((await capture(['hypotest', bkgOnly, '--patchset', psPath, '--patch', 'sig_6_5', '--mu', '1', '--json'])).out) as { cls_obs: number };
    expect(weak.cls_obs).toBeGreaterThan(h.cls_obs);
  });

  it('inspect lists channels, samples, parameters and measurements, of the background-only and of the patched workspace', async () => {
    const bkg = JSON.parse((await capture(['inspect', bkgOnly, '--json'])).out) as { channels: unknown; samples: string[]; parameters: { name: string; n: number; constraint: string }[]; poi_in_model: boolean; npars: number };
    expect(bkg.channels).toEqual([{ name: 'singlechannel', nbins: 2 }]);
    expect(bkg.samples).toEqual(['background']);
    expect(bkg.poi_in_model).toBe(false); // the POI "mu" comes with the signal patch
    expect(bkg.parameters).toEqual([{ name: 'uncorr_bkguncrt', n: 2, constraint: 'poisson', modifiers: ['shapesys'] }]);
    const sig = JSON.parse((await capture(['inspect', bkgOnly, '--patchset', psPath, '--patch', 'sig_12_11', '--json'])).out) as { samples: string[]; parameters: { name: string }[]; poi_in_model: boolean; npars: number };
    expect(sig.samples).toEqual(['background', 'signal']);
    expect(sig.poi_in_model).toBe(true);
    expect(sig.npars).toBe(reference.cases[0].pyhf.par_names.length); // pyhf: mu, uncorr_bkguncrt[0], uncorr_bkguncrt[1]
    const text = await capture(['inspect', bkgOnly]);
    expect(text.out).toMatch(/\* m +poi mu \(not a parameter of this model\)/);
  });

  it('gzipped workspace and patchset files (BkgOnly.json.gz, as HEPData archives ship them) give the same output; a truncated one is refused', async () => {
    const bkgGz = join(dir, 'BkgOnly.json.gz');
    writeFileSync(bkgGz, gzipSync(readFileSync(bkgOnly)));
    const psGz = join(dir, 'patchset.json.gz');
    writeFileSync(psGz, gzipSync(readFileSync(psPath)));
    const plain = await capture(['hypotest', bkgOnly, '--patchset', psPath, '--patch', 'sig_12_11', '--mu', '1', '--json']);
    const zipped = await capture(['hypotest', bkgGz, '--patchset', psGz, '--patch', 'sig_12_11', '--mu', '1', '--json']);
    expect(zipped.code).toBe(0);
    expect(zipped.out).toBe(plain.out);
    const truncated = join(dir, 'truncated.json.gz');
    const whole = gzipSync(readFileSync(bkgOnly));
    writeFileSync(truncated, whole.subarray(0, whole.length >> 1));
    const bad = await capture(['fit', truncated, '--json']);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/truncated\.json\.gz: not a valid gzip file: .*\n$/);
  });

  it('upper-limit --patchset --all: the limit of every signal point in patchset order, the same on 1 and 2 worker threads', async () => {
    const one = await capture(['upper-limit', bkgOnly, '--patchset', psPath, '--all', '--workers', '1', '--json']);
    expect(one.code).toBe(0);
    const r = JSON.parse(one.out) as { labels: string[]; points: { name: string; values: number[]; obs: number; exp: number[] }[] };
    expect(r.labels).toEqual(['sig_yield']);
    expect(r.points.map((p) => [p.name, p.values[0]])).toEqual([
      ['sig_12_11', 23],
      ['sig_6_5', 11],
    ]);
    expect(r.points[0].obs).toBeCloseTo(reference.cases[0].pyhf.limit_obs, 5);
    // half the signal: a limit about twice as large on its strength
    expect(r.points[1].obs / r.points[0].obs).toBeGreaterThan(1.8);
    expect(r.points[1].obs / r.points[0].obs).toBeLessThan(2.3);
    const two = await capture(['upper-limit', bkgOnly, '--patchset', psPath, '--all', '--workers', '2', '--json']);
    expect(two.out).toBe(one.out);
    for (const [extra, message] of [
      [['--all'], /--all needs --patchset FILE/],
      [['--all', '--patchset', psPath, '--patch', 'sig_6_5'], /--all computes every patch of the patchset: drop --patch sig_6_5/],
      [['--all', '--patchset', psPath, '--calc', 'toybased'], /--all supports --calc asymptotic only/],
    ] as [string[], RegExp][]) {
      const { code, err } = await capture(['upper-limit', bkgOnly, ...extra]);
      expect(code).toBe(2);
      expect(err).toMatch(message);
    }
  });

  it('bad patch input exits 2 with one line naming the file, the patch, the operation or field, and what is allowed', async () => {
    const spoiled = (name: string, content: unknown): string => {
      const p = join(dir, name);
      writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
      return p;
    };
    const ps = JSON.parse(readFileSync(psPath, 'utf8')) as { version: string; patches: { metadata: { name: string }; patch: unknown[] }[] };
    const badVersion = spoiled('ps-version.json', { ...ps, version: '0.9' });
    const badOp = spoiled('ps-op.json', { ...ps, patches: [{ ...ps.patches[0], patch: [{ op: 'replace', path: '/channels/7/samples/0/data', value: [1, 2] }] }] });
    const badBins = spoiled('ps-bins.json', { ...ps, patches: [{ ...ps.patches[0], patch: [signal([1, 2, 3])] }] });
    const badPlain = spoiled('bad-patch.json', [{ op: 'add', path: '/channels/0/samples/0' }]);
    const cases: [string[], RegExp][] = [
      [['--patchset', psPath, '--patch', 'sig_1_1'], /patchset\.json: no patch named "sig_1_1" \(available: sig_12_11, sig_6_5\)$/],
      [['--patch', 'sig_12_11'], /--patch sig_12_11 needs --patchset FILE/],
      [['--patchset', psPath], /--patchset needs --patch NAME/],
      [['--patchset', badVersion, '--patch', 'sig_12_11'], /ps-version\.json: version: /],
      [['--patchset', badOp, '--patch', 'sig_12_11'], /ps-op\.json on .*BkgOnly\.json: patch "sig_12_11", operation 0 \(replace \/channels\/7\/samples\/0\/data\): the path does not exist$/],
      [['--patchset', badBins, '--patch', 'sig_12_11'], /BkgOnly\.json with patch "sig_12_11": channels\[0\]\.samples\[1\]\.data: 2 bins, but channel "singlechannel" has 3$/],
      [['--patchset', join(dir, 'none.json'), '--patch', 'x'], /cannot read patchset .*none\.json/],
      [['-p', badPlain], /bad-patch\.json: operation 0: not an RFC 6902 operation \(op is one of add, remove, replace, move, copy, test/],
      [['-p', spoiled('not-json.json', '[{')], /not-json\.json: not valid JSON/],
    ];
    for (const [extra, message] of cases) {
      for (const command of [['hypotest', bkgOnly, '--mu', '1'], ['upper-limit', bkgOnly], ['fit', bkgOnly]]) {
        const { code, out, err } = await capture([...command, ...extra]);
        expect(code, `${command[0]} ${extra.join(' ')}`).toBe(2);
        expect(out).toBe('');
        const lines = err.split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(message);
      }
    }
  });
});

describe('bad workspaces get a one-line error naming the channel, sample, bin and field, not a number', () => {
  const spoil = (name: string, change: (ws: { channels: { samples: { data: number[]; modifiers: { data: unknown }[] }[] }[]; observations: { data: number[] }[] }) => void): string => {
    const ws = JSON.parse(JSON.stringify(reference.cases[0].workspace)) as Parameters<typeof change>[0];
    change(ws);
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(ws));
    return p;
  };
  it('negative yields, counts and uncertainties exit 2 for every workspace command', async () => {
    const cases: [string, RegExp][] = [
      [spoil('neg-yield.json', (ws) => (ws.channels[0].samples[1].data[1] = -2)), /channels\[0\]\.samples\[1\]\.data\[1\]: yield -2 in bin 1 of sample "background" in channel "singlechannel"; expected yields must be finite and ≥ 0$/],
      [spoil('neg-count.json', (ws) => (ws.observations[0].data[0] = -3)), /observations\[0\]\.data\[0\]: count -3 in bin 0 of channel "singlechannel"; observed counts must be finite and ≥ 0$/],
      [
        spoil('neg-shapesys.json', (ws) => (ws.channels[0].samples[1].modifiers[0].data = [3, -7])),
        /channels\[0\]\.samples\[1\]\.modifiers\[0\]\.data\[1\]: uncertainty -7 in bin 1 of sample "background" in channel "singlechannel" \(shapesys\/uncorr_bkguncrt\); uncertainties must be finite and ≥ 0$/,
      ],
    ];
    for (const [file, message] of cases) {
      for (const argv of [['hypotest', file, '--mu', '1'], ['upper-limit', file], ['fit', file, '--json']]) {
        const { code, out, err } = await capture(argv);
        expect(code, argv.join(' ')).toBe(2);
        expect(out).toBe('');
        expect(err.split('\n')).toHaveLength(2);
        expect(err.trimEnd()).toMatch(message);
      }
    }
  });

  it('--mu outside the bounds of the POI is an error for hypotest and fit', async () => {
    for (const argv of [['hypotest', wsPath, '--mu', '-1'], ['fit', wsPath, '--mu', '11']]) {
      const { code, err } = await capture(argv);
      expect(code).toBe(2);
      expect(err).toMatch(new RegExp(`^zprime-mc: --mu ${argv[3]} is not allowed: must be a number within the bounds of mu, \\[0, 10\\]\\n$`));
    }
  });
});
