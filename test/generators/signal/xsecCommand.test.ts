import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { XsecReport } from '../../../src/cli/commands/xsec.run.js';
import { runningAlpha } from '../../../generators/shared/vacuumPolarization.js';
import { ALPHA_EM_0, ALPHA_EM_MADGRAPH } from '../../../src/physics/constants.js';
import { badInputLine, cli } from '../../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-xsec-'));

describe('zprime-mc xsec --process signal', () => {
  it('--json prints σ(M; g′ = 1) with errors, says which α and ISR, and --out writes the same table', async () => {
    const out = join(dir, 'table.json');
    const result = await cli('xsec', '--process', 'signal', '--masses', '0.5,5', '--events', '20000', '--isr', 'off', '--seed', '3', '--json', '--out', out);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as XsecReport;
    expect(report.process).toBe('signal');
    expect(report.g_prime).toBe(1);
    expect(report.alpha_em).toBe(ALPHA_EM_0);
    expect(report.alpha_em_label).toBe("running alpha(s') from alpha(0) = 1/137.036");
    expect(report.alpha_running).toBe(true);
    expect(report.isr).toBe(false);
    expect(report.points.map((p) => p.mass_GeV)).toEqual([0.5, 5]);
    for (const p of report.points) {
      expect(p.sigma_pb).toBeGreaterThan(0);
      expect(p.sigma_err_pb / p.sigma_pb).toBeLessThan(0.01);
    }
    // radiation of a heavier Z′ costs phase space: σ falls steeply with the mass
    expect(report.points[0].sigma_pb).toBeGreaterThan(10 * report.points[1].sigma_pb);
    expect(readFileSync(out, 'utf8')).toBe(result.stdout);
  });

  it('the running α(s) of the virtual photon raises σ by (α(s)/α(0))², 1/α(s) ≈ 132.1 at 10.58 GeV, without ISR', async () => {
    const args = ['xsec', '--masses', '1', '--events', '5000', '--isr', 'off', '--seed', '4', '--json'];
    const running = JSON.parse((await cli(...args)).stdout) as XsecReport;
    const fixed = JSON.parse((await cli(...args, '--running-alpha', 'off')).stdout) as XsecReport;
    expect(fixed.alpha_em_label).toBe('fixed alpha(0) = 1/137.036');
    // the same random numbers and s′ = s without ISR: the ratio is exactly (α(s)/α(0))²
    const ratio = running.points[0].sigma_pb / fixed.points[0].sigma_pb;
    expect(ratio).toBeCloseTo((runningAlpha(running.sqrt_s_GeV ** 2) / ALPHA_EM_0) ** 2, 10);
    // Δα(10.58 GeV) ≈ 0.0359 (leptons 0.0213 at one loop + hadrons, e.g. Jegerlehner, arXiv:hep-ph/0105283):
    // 1/α(s) = 132.1 ± 0.3, so the ratio is (137.036/132.1)² = 1.076 ± 0.005
    expect(ratio).toBeGreaterThan((137.036 / 132.4) ** 2);
    expect(ratio).toBeLessThan((137.036 / 131.8) ** 2);
  });

  it('a fixed --alpha-em 1/127.9 (MadGraph UFO) scales σ by (137.036/127.9)² = 1.148 without ISR (basf2 Lmu_minus_Ltau_UFO/parameters.py: aEWM1 = 127.9)', async () => {
    const args = ['xsec', '--masses', '1', '--events', '5000', '--isr', 'off', '--seed', '4', '--json', '--running-alpha', 'off'];
    const base = JSON.parse((await cli(...args)).stdout) as XsecReport;
    const madgraph = JSON.parse((await cli(...args, '--alpha-em', String(ALPHA_EM_MADGRAPH))).stdout) as XsecReport;
    expect(madgraph.alpha_em_label).toMatch(/MadGraph/);
    // the same random numbers: σ ∝ α² holds exactly
    expect(madgraph.points[0].sigma_pb / base.points[0].sigma_pb).toBeCloseTo((ALPHA_EM_MADGRAPH / ALPHA_EM_0) ** 2, 10);
    expect((ALPHA_EM_MADGRAPH / ALPHA_EM_0) ** 2).toBeCloseTo(1.148, 3);
  });

  it('rejects bad input with one line naming the flag and what is allowed, and writes nothing', async () => {
    const out = join(dir, 'never.json');
    const cases: [string[], RegExp][] = [
      [['--masses', '0.5,abc'], /^zprime-mc: --masses 0\.5,abc is not allowed: .*0\.001 to 10 GeV/],
      [['--masses', '10.4'], /--masses 10\.4 is not allowed/],
      [['--grid', '9:1:10'], /^zprime-mc: --grid 9:1:10 is not allowed: use FROM:TO:POINTS/],
      [['--process', 'mumu'], /^zprime-mc: --process mumu is not allowed: .*--process signal/],
      [['--isr', 'maybe'], /^zprime-mc: --isr maybe is not allowed: must be on or off/],
      [['--events', '10'], /^zprime-mc: --events 10 is not allowed: must be an integer from 1000/],
      [['--alpha-em', '2'], /^zprime-mc: --alpha-em 2 is not allowed/],
      [['--width-ratio', '-0.1'], /^zprime-mc: --width-ratio -0\.1 is not allowed/],
      [['--masses', '1', '--grid', '1:2:3'], /--masses and --grid are not allowed together/],
      [['--out', join(dir, 'missing', 'x.json')], /^zprime-mc: --out .* is not allowed: the folder .* does not exist/],
      [['--seed', '-1'], /--seed -1 is not allowed/],
    ];
    for (const [flags, message] of cases) {
      const massFlags = flags.includes('--masses') || flags.includes('--grid') ? [] : ['--masses', '1'];
      const outFlags = flags.includes('--out') ? [] : ['--out', out];
      expect(badInputLine(await cli('xsec', ...massFlags, ...flags, ...outFlags, '--json'))).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
  });
});
