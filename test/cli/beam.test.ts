import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELECTRON_MASS } from '../../src/physics/constants.js';
import { badInputLine, cli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-beam-'));

function scenarioFile(name: string, beams: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `name: ${name}\nseed: 1\nluminosity: { totalFb: 1, periods: [{ name: p, luminosityFb: 1, twoTrackTriggerMinDeltaPhiDeg: 90 }] }\nbeams: ${beams}\n`,
  );
  return file;
}

describe('zprime-mc beam', () => {
  it('--json on the default scenario gives the SuperKEKB Y4S kinematics of docs/references.md §1.2', async () => {
    const result = await cli('beam', '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['her_GeV', 'ler_GeV', 'crossing_angle_mrad', 'sqrt_s_GeV', 'beta_cm', 'beta_gamma']);
    // basf2 beamparameters.py preset "Y4S": 7.004 / 4.002 GeV, 2 × 41.5 mrad (docs/references.md §1.1).
    expect(report.her_GeV).toBe(7.004);
    expect(report.ler_GeV).toBe(4.002);
    expect(report.crossing_angle_mrad).toBe(83);
    // docs/references.md §1.2: √s = 10.57956 GeV, β = (0.041488, 0, 0.272525), βγ = 0.28678; tolerances are
    // half a unit of the last quoted digit.
    expect(Math.abs((report.sqrt_s_GeV as number) - 10.57956)).toBeLessThanOrEqual(5e-6);
    const [bx, by, bz] = report.beta_cm as number[];
    expect(Math.abs(bx - 0.041488)).toBeLessThanOrEqual(5e-7);
    expect(by).toBe(0);
    expect(Math.abs(bz - 0.272525)).toBeLessThanOrEqual(5e-7);
    expect(Math.abs((report.beta_gamma as number) - 0.28678)).toBeLessThanOrEqual(5e-6);
  });

  it('head-on beams of any scenario give √s² = 2m² + 2(E₁E₂ + p₁p₂) and β along z', async () => {
    // The KEKB energies of basf2 beamparameters.py (docs/references.md §1.1) (7.998213 / 3.499218 GeV), made head-on: the invariant
    // mass of two collinear opposite beams, computed here by hand.
    const file = scenarioFile('headon.yaml', '{ herEnergyGeV: 7.998213, lerEnergyGeV: 3.499218, herAngleMrad: 0, lerAngleMrad: 0 }');
    const result = await cli('beam', '--scenario', file, '--seed', '12', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { sqrt_s_GeV: number; beta_cm: number[]; beta_gamma: number; crossing_angle_mrad: number };
    const [e1, e2] = [7.998213, 3.499218];
    const [p1, p2] = [Math.sqrt(e1 * e1 - ELECTRON_MASS ** 2), Math.sqrt(e2 * e2 - ELECTRON_MASS ** 2)];
    expect(report.sqrt_s_GeV).toBeCloseTo(Math.sqrt(2 * ELECTRON_MASS ** 2 + 2 * (e1 * e2 + p1 * p2)), 12);
    expect(report.beta_cm[0]).toBe(0);
    expect(report.beta_cm[2]).toBeCloseTo((p1 - p2) / (e1 + e2), 14);
    expect(report.beta_gamma).toBeCloseTo((p1 - p2) / report.sqrt_s_GeV, 12);
    expect(report.crossing_angle_mrad).toBe(0);
  });

  it('without --json prints a readable table', async () => {
    const result = await cli('beam');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sqrt(s)                 10.57956 GeV');
    expect(result.stdout).toContain('beta of the c.m. frame  (0.041488, 0.000000, 0.272525)');
    expect(result.stdout).toContain('beta*gamma              0.28678');
    expect(result.stdout).toContain('crossing angle          83 mrad');
  });

  it('every kind of bad scenario is one line naming the file and the field, and exit 2', async () => {
    const lumi = 'luminosity: { totalFb: 1, periods: [{ name: p, luminosityFb: 1, twoTrackTriggerMinDeltaPhiDeg: 90 }] }';
    const cases: [string, string, string][] = [
      ['wrong-type.yaml', `name: w\nseed: one\n${lumi}\n`, ': seed = "one" is not allowed: must be an integer'],
      ['out-of-range.yaml', `name: o\nseed: 1\n${lumi}\nbeams: { herAngleMrad: 2000 }\n`, ': beams.herAngleMrad = 2000 is not allowed: must be <= 1000'],
      ['unknown-key.yaml', `name: u\nseed: 1\n${lumi}\nbeam: {}\n`, ': beam is not a known key: allowed top-level keys are name, description, extends, seed, luminosity, beams, generators, detector, selection, punziNet, fit, templates'],
      ['missing-field.yaml', `name: m\n${lumi}\n`, ': seed is missing: it is required (an integer)'],
      ['syntax-error.yaml', `name: s\nseed: 1\nseed: 2\n${lumi}\n`, ':3:1: YAML syntax error: Map keys must be unique'],
    ];
    for (const [name, text, expected] of cases) {
      const file = join(dir, name);
      writeFileSync(file, text);
      expect(badInputLine(await cli('beam', '--scenario', file, '--json'))).toBe(`zprime-mc: ${file}${expected}`);
    }
  });

  it('bad input is one line and exit 2: a bad --seed, a missing file, a bad scenario', async () => {
    expect(badInputLine(await cli('beam', '--seed', '-3'))).toBe('zprime-mc: --seed -3 is not allowed: must be an integer from 0 to 9007199254740991');
    expect(badInputLine(await cli('beam', '--seed', '1.5', '--json'))).toBe('zprime-mc: --seed 1.5 is not allowed: must be an integer from 0 to 9007199254740991');
    const missing = join(dir, 'missing.yaml');
    expect(badInputLine(await cli('beam', '--scenario', missing, '--json'))).toBe(`zprime-mc: ${missing}: cannot read the scenario file: no such file`);
    const bad = scenarioFile('bad.yaml', '{ herEnergyGeV: -7 }');
    expect(badInputLine(await cli('beam', '--scenario', bad))).toBe(`zprime-mc: ${bad}: beams.herEnergyGeV = -7 is not allowed: must be > 0`);
    const syntax = join(dir, 'syntax.yaml');
    writeFileSync(syntax, 'name: x\nbeams: {herEnergyGeV: 7\n');
    expect(badInputLine(await cli('beam', '--scenario', syntax))).toMatch(new RegExp(`^zprime-mc: ${syntax.replace(/[.]/g, '\\.')}:3:1: YAML syntax error: `));
  });
});
