import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { badInputLine, cli } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-detector-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zprime-mc simulate', () => {
  it('simulate --json prints the counts and efficiencies of every stage, in run order', async () => {
    const result = await cli('simulate', '--process', 'signal', '--mass', '2', '--events', '2000', '--seed', '3', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.stages.map((s: { name: string }) => s.name)).toEqual(['beamSpot', 'tracking', 'ecl', 'eclBeamBackground', 'muonId', 'electronId', 'trigger']);
    const tracking = report.stages[1];
    expect(tracking.counts.charged).toBe(4000); // two muons per signal event
    expect(tracking.efficiencies.trackingEfficiency).toBeCloseTo(tracking.counts.tracks / 4000, 12);
    expect(report.stages[6].counts.events).toBe(2000);
    expect(report.events_triggered).toBeLessThanOrEqual(report.stages[6].counts.twoTrack);
  });

  it('simulate: bad flags and bad scenario fields fail with one line naming them, exit 2', async () => {
    expect(badInputLine(await cli('simulate', '--process', 'signal', '--events', 'many'))).toMatch(/^zprime-mc: --events many is not allowed/);
    expect(badInputLine(await cli('simulate', '--process', 'nothing', '--events', '10'))).toMatch(/^zprime-mc: --process nothing is not allowed: must be one of/);
    const scenario = readFileSync('scenarios/belle2-2023.yaml', 'utf8').replace(/thetaMinDeg: 17 #/, 'thetaMinDeg: 400 #');
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, scenario);
    const line = badInputLine(await cli('simulate', '--scenario', file, '--process', 'signal', '--events', '10'));
    expect(line).toContain(file);
    expect(line).toContain('detector.stages[1].thetaMinDeg');
  });
});

describe('zprime-mc resolution', () => {
  it('resolution --json --out prints the curve and writes the same JSON to the file', async () => {
    const out = join(dir, 'resolution.json');
    const result = await cli('resolution', '--masses', '4', '--events', '3000', '--seed', '4', '--json', '--out', out);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(printed);
    expect(printed.points).toHaveLength(1);
    const [point] = printed.points;
    expect(point.mass_GeV).toBe(4);
    expect(point.m2_GeV2).toBe(16);
    // Between the paper's 0.06 and 0.23 GeV² extremes, give or take the 25% of the validation.
    expect(point.sigma_m2_GeV2).toBeGreaterThan(0.06);
    expect(point.sigma_m2_GeV2).toBeLessThan(0.35);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('resolution: bad flags fail with one line, exit 2, and write nothing', async () => {
    const out = join(dir, 'never.json');
    expect(badInputLine(await cli('resolution', '--masses', '1,x', '--out', out))).toMatch(/^zprime-mc: --masses 1,x is not allowed: must be a comma-separated list/);
    expect(badInputLine(await cli('resolution', '--events', '10', '--out', out))).toMatch(/^zprime-mc: --events 10 is not allowed/);
    expect(badInputLine(await cli('resolution', '--out', join(dir, 'missing', 'r.json')))).toMatch(/the folder .* does not exist$/);
    expect(existsSync(out)).toBe(false);
  });
});
