import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../src/runner/scenarioSummary.js';
import { badInputLine, cli } from './run.js';

import { defaultScenarioPath } from '../../src/scenario/index.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The default scenario with short signal warm-ups (15 signal generators are created per run). */
const scenario = join(dir, 'quick.yaml');
const quick = readFileSync(defaultScenarioPath(), 'utf8').replace('    beamEnergySpread: false\n', '    beamEnergySpread: false\n    warmupTrials: 5000\n');
if (!quick.includes('warmupTrials: 5000')) throw new Error('the default scenario no longer has generators.signal.beamEnergySpread: update this test');
writeFileSync(scenario, quick);

describe('zprime-mc summary', () => {
  it('writes summary.json and resolution.json with σ × L yields, the same bytes for the same seed', async () => {
    const runOnce = async (out: string) => {
      const result = await cli('summary', '--scenario', scenario, '--events', '2000', '--masses', '1', '--resolution-events', '1000', '--out', out, '--json');
      expect(result.code).toBe(0);
      return result;
    };
    const first = await runOnce(join(dir, 'a'));
    const second = await runOnce(join(dir, 'b'));
    expect(readFileSync(join(dir, 'a', 'summary.json'), 'utf8')).toBe(readFileSync(join(dir, 'b', 'summary.json'), 'utf8'));
    expect(first.stdout).toBe(second.stdout);

    const summary = JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8')) as ScenarioSummary;
    expect(summary.luminosity_fb).toBe(79.7); // paper: 79.7 fb⁻¹
    expect(summary.samples.map((s) => s.process)).toEqual(expect.arrayContaining(['mumu', 'tautau', 'eemumu', 'ee', 'signal']));
    for (const s of summary.samples) {
      // 1 fb⁻¹ = 1000 pb⁻¹; relative to 10⁻¹², as the yields reach 6·10⁹ events (e⁺e⁻e⁺e⁻).
      expect(s.expected_events / (s.sigma_pb * 79.7 * 1000)).toBeCloseTo(1, 12);
      if (s.expected_events > 0) expect(s.expected_triggered_events / s.expected_events).toBeCloseTo(s.trigger_efficiency, 12);
      expect(s.trigger_efficiency).toBeGreaterThanOrEqual(0);
      expect(s.trigger_efficiency).toBeLessThanOrEqual(s.two_opposite_tracks_fraction + 1e-12);
    }
    const mumu = summary.samples.find((s) => s.process === 'mumu');
    // KKMC μμ(γ) at the Υ(4S): 1.148 nb (Belle II Physics Book, PTEP 2019, 123C01, cross-section table)
    expect(Math.abs((mumu?.sigma_pb ?? 0) / 1148 - 1)).toBeLessThan(0.05);
    const curve = JSON.parse(readFileSync(join(dir, 'a', 'resolution.json'), 'utf8')) as ScenarioSummary['resolution'];
    expect(curve.points.length).toBeGreaterThan(5);
    expect(curve).toEqual(summary.resolution);
  });

  it('rejects bad flags with one line and exit code 2', async () => {
    expect(badInputLine(await cli('summary', '--events', '5', '--out', join(dir, 'c')))).toMatch(/^zprime-mc: --events 5 is not allowed: must be an integer from 1000/);
    expect(badInputLine(await cli('summary', '--masses', '1,x', '--out', join(dir, 'c')))).toMatch(/^zprime-mc: --masses 1,x is not allowed/);
    expect(existsSync(join(dir, 'c', 'summary.json'))).toBe(false);
  });
});
