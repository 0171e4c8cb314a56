import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import normal from '@stdlib/stats-base-dists-normal';
import { afterAll, describe, expect, it } from 'vitest';
import { vanillaInvisibleBranching } from '../../src/scan/couplings.js';
import { writeQuickScenario } from '../runner/quickScenario.js';
import { badInputLine, cli } from './run.js';

/** 2Φ(z) − 1 through the normal CDF of @stdlib: p₀ = Φ(−Z) = (1 − (2Φ(Z) − 1))/2. */
function erfLike(z: number): number {
  return 2 * normal.cdf(z, 0, 1) - 1;
}

const dir = mkdtempSync(join(tmpdir(), 'zprime-expected-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The default scenario with a few hypotheses near 2 GeV and small samples. */
const quick = join(dir, 'quick.yaml');
writeQuickScenario(quick, { signalEventsPerMass: 4000, mumuEvents: 40000 });

describe('zprime-mc expected', () => {
  it('prints the expected σ and g′ bands of every hypothesis as JSON, writes the same to expected.json and a CSV, and repeats byte for byte', async () => {
    const out = join(dir, 'a');
    const result = await cli('expected', '--scenario', quick, '--out', out, '--json');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.luminosity_fb).toBeCloseTo(79.7, 6);
    expect(doc.points.length).toBeGreaterThanOrEqual(2);
    for (const p of doc.points) {
      const e: number[] = p.sigma_ul_fb.exp;
      for (let i = 1; i < 5; i++) expect(e[i]).toBeGreaterThan(e[i - 1]);
      // g′ = √(σ_UL/(σ(g′ = 1)·B)); between the μμ and ττ thresholds the vanilla B is about 1/2.
      expect(p.gprime_ul.fully_invisible.exp[2]).toBeCloseTo(Math.sqrt(e[2] / p.sigma_gprime1_fb), 12);
      expect(p.gprime_ul.vanilla.exp[2] / p.gprime_ul.fully_invisible.exp[2]).toBeCloseTo(1 / Math.sqrt(vanillaInvisibleBranching(p.mass_GeV)), 9);
      expect(p.theta_bins).toBeGreaterThanOrEqual(1);
      expect(p.theta_bins).toBeLessThanOrEqual(5);
    }
    expect(readFileSync(join(out, 'expected.json'), 'utf8')).toBe(result.stdout);
    const csv = readFileSync(join(out, 'expected.csv'), 'utf8').trim().split('\n');
    expect(csv[0].split(',')).toContain('sigma_ul_fb_median');
    expect(csv.length).toBe(doc.points.length + 1);
    // The wide-Z′ benchmark (Γ = 0.1 M, 1-D windows): the same hypotheses, a limit no stronger than the
    // narrow one (a wider signal over more background, without θ), g′ = √(σ_UL/σ(g′ = 1)) with B = 1.
    const wide = doc.wide_zprime;
    expect(wide.width_over_mass).toBe(0.1);
    expect(wide.points.map((p: { mass_GeV: number }) => p.mass_GeV)).toEqual(doc.points.map((p: { mass_GeV: number }) => p.mass_GeV));
    wide.points.forEach((p: { width_GeV: number; mass_GeV: number; window_bins: number; sigma_ul_fb: { exp: number[] }; sigma_gprime1_fb: number; gprime_ul: { fully_invisible: { exp: number[] } } }, k: number) => {
      expect(p.width_GeV).toBeCloseTo(0.1 * p.mass_GeV, 12);
      expect(p.window_bins).toBeGreaterThanOrEqual(20);
      expect(p.sigma_ul_fb.exp[2]).toBeGreaterThan(doc.points[k].sigma_ul_fb.exp[2]);
      expect(p.gprime_ul.fully_invisible.exp[2]).toBeCloseTo(Math.sqrt(p.sigma_ul_fb.exp[2] / p.sigma_gprime1_fb), 12);
    });
    expect(readFileSync(join(out, 'expected-wide.csv'), 'utf8').trim().split('\n').length).toBe(wide.points.length + 1);
    const again = await cli('expected', '--scenario', quick, '--out', out, '--json');
    expect(again.stdout).toBe(result.stdout);
  });

  it('export-workspace writes the window the scan fits: upper-limit on it gives the scan’s expected band in fb', async () => {
    const out = join(dir, 'a');
    const doc = JSON.parse((await cli('expected', '--scenario', quick, '--out', out, '--json')).stdout);
    const point = doc.points[1];
    const file = join(dir, 'window.json');
    const exported = await cli('export-workspace', '--scenario', quick, '--out', out, '--mass', String(point.mass_GeV + 1e-4), '--file', file, '--json');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({ file, mass_GeV: point.mass_GeV, hypothesis: 1 });
    const limit = JSON.parse((await cli('upper-limit', file, '--json')).stdout);
    limit.exp.forEach((mu: number, i: number) => expect(mu / point.sigma_ul_fb.exp[i]).toBeCloseTo(1, 3));
    expect(badInputLine(await cli('export-workspace', '--scenario', quick, '--out', out))).toBe('zprime-mc: --mass is required: the Z′ mass in GeV/c² of the window to export');
    expect(badInputLine(await cli('export-workspace', '--scenario', quick, '--out', out, '--mass', '9'))).toMatch(/^zprime-mc: --mass 9 is not allowed: the scan's hypotheses run from 2 to 2\.\d+ GeV\/c2$/);
  });

  it('observe draws a background-only pseudo-data set, writes it in the documented data format, and gives the same results when that file is passed back with --data', async () => {
    const out = join(dir, 'a');
    const first = await cli('observe', '--scenario', quick, '--out', out, '--json');
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout);
    expect(doc.data).toBe(join(out, 'pseudo-data-0.json'));
    for (const p of doc.points) {
      expect(p.sigma_ul_fb.obs).toBeGreaterThan(0);
      expect(p.local_significance).toBeGreaterThanOrEqual(0);
      expect(p.local_p0).toBeCloseTo(0.5 * (1 - erfLike(p.local_significance)), 9);
    }
    for (const p of doc.wide_zprime.points) expect(p.local_p0).toBeCloseTo(0.5 * (1 - erfLike(p.local_significance)), 9);
    const again = JSON.parse((await cli('observe', '--scenario', quick, '--out', out, '--data', doc.data, '--json')).stdout);
    expect(again.points).toEqual(doc.points);
    expect(again.wide_zprime).toEqual(doc.wide_zprime);
    const other = JSON.parse((await cli('observe', '--scenario', quick, '--out', out, '--pseudo-data', '1', '--json')).stdout);
    expect(other.points).not.toEqual(doc.points);
    const bad = join(dir, 'bad-data.json');
    writeFileSync(bad, '{"format": "zprime-mc-data", "version": 2}');
    expect(badInputLine(await cli('observe', '--scenario', quick, '--out', out, '--data', bad))).toMatch(new RegExp(`^zprime-mc: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: version: `));
  });

  it('lee prints the largest local excess with its global significance from toys and from Gross–Vitells, and needs --toys', async () => {
    const out = join(dir, 'a');
    const result = await cli('lee', '--scenario', quick, '--out', out, '--toys', '20', '--json');
    expect(result.code).toBe(0);
    const r = JSON.parse(result.stdout);
    const observed = JSON.parse((await cli('observe', '--scenario', quick, '--out', out, '--json')).stdout);
    expect(r.max_local_significance).toBeCloseTo(observed.max_local_significance.significance, 9);
    expect(r.toys).toBe(20);
    expect(r.toy_max_local_significance.length).toBe(20);
    expect(r.global_p_gross_vitells).toBeGreaterThanOrEqual(r.local_p0);
    expect(badInputLine(await cli('lee', '--scenario', quick, '--out', out))).toBe('zprime-mc: --toys is required: the number of background-only toys of the whole scan (e.g. 1000)');
  });

  it('expected --toys gives the band from background-only toys beside the asymptotic one, the same bytes on one worker thread as on two', async () => {
    const out = join(dir, 'a');
    const two = await cli('expected', '--scenario', quick, '--out', out, '--toys', '30', '--workers', '2', '--json');
    expect(two.code).toBe(0);
    const doc = JSON.parse(two.stdout);
    expect(doc.calculator).toBe('toys');
    expect(doc.toys_per_hypothesis).toBe(30);
    for (const p of doc.points) {
      expect(p.failed_toys).toBe(0);
      for (let i = 1; i < 5; i++) expect(p.sigma_ul_fb.exp[i]).toBeGreaterThanOrEqual(p.sigma_ul_fb.exp[i - 1]);
      // 30 toys put the median within a factor 1.5 of the asymptotic one (its standard error is ~25%).
      expect(p.sigma_ul_fb.exp[2] / p.sigma_ul_fb.exp_asymptotic[2]).toBeGreaterThan(0.67);
      expect(p.sigma_ul_fb.exp[2] / p.sigma_ul_fb.exp_asymptotic[2]).toBeLessThan(1.5);
    }
    expect((await cli('expected', '--scenario', quick, '--out', out, '--toys', '30', '--workers', '1', '--json')).stdout).toBe(two.stdout);
    expect(badInputLine(await cli('expected', '--scenario', quick, '--out', out, '--toys', '0'))).toBe('zprime-mc: --toys 0 is not allowed: must be an integer from 1 to 1000000 (background-only toys per mass hypothesis)');
  });

  it('lee gives the same bytes on one worker thread as on two', async () => {
    const out = join(dir, 'a');
    const one = await cli('lee', '--scenario', quick, '--out', out, '--toys', '25', '--workers', '1', '--json');
    expect((await cli('lee', '--scenario', quick, '--out', out, '--toys', '25', '--workers', '2', '--json')).stdout).toBe(one.stdout);
  });

  it('a bad scenario value is one line naming the field, exit 2', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(quick, 'utf8').replace('maxBins: 5', 'maxBins: 0'));
    expect(badInputLine(await cli('expected', '--scenario', bad, '--out', join(dir, 'b')))).toMatch(/fit\.thetaBinning\.maxBins/);
  });
});
