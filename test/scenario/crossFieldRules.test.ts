import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultScenarioPath } from '../../src/scenario/index.js';
import { badInputLine, cli } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const defaultText = readFileSync(defaultScenarioPath(), 'utf8');

/** The default scenario with one line replaced (the line must be there). */
function scenarioWith(name: string, line: string, replacement: string): string {
  expect(defaultText).toContain(line);
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, defaultText.replace(line, replacement));
  return path;
}

describe('cross-field rules of the scenario, checked when it is loaded', () => {
  it('a tracking acceptance with thetaMinDeg above thetaMaxDeg (it would reconstruct no track) is one line naming the field, exit 2, nothing written', async () => {
    const file = scenarioWith('tracking', '      thetaMinDeg: 17 #', '      thetaMinDeg: 155 #');
    const out = join(dir, 'out-tracking');
    expect(badInputLine(await cli('templates', '--scenario', file, '--out', out))).toBe(`zprime-mc: ${file}: detector.stages[1].thetaMaxDeg = 150 is not allowed: must be > thetaMinDeg (155) of the same tracking stage`);
    expect(() => readdirSync(out)).toThrow();
  });

  it('the chamber, the KLM and the two-track trigger windows follow the same rule', async () => {
    const chamber = scenarioWith('chamber', '        innerZMaxCm: 57.21', '        innerZMaxCm: -40');
    expect(badInputLine(await cli('beam', '--scenario', chamber))).toBe(`zprime-mc: ${chamber}: detector.stages[1].chamber.innerZMaxCm = -40 is not allowed: must be > innerZMinCm (-31.21) of the same tracking stage`);
    const klm = scenarioWith('klm', '        thetaMaxDeg: 155', '        thetaMaxDeg: 20');
    expect(badInputLine(await cli('beam', '--scenario', klm))).toMatch(/: detector\.stages\[4\]\.klm\.thetaMaxDeg = 20 is not allowed: must be > thetaMinDeg \(20\) of the same muonId stage$/);
    const trigger = scenarioWith('trigger', '        thetaMaxDeg: 120 #', '        thetaMaxDeg: 30 #');
    expect(badInputLine(await cli('beam', '--scenario', trigger))).toMatch(/: detector\.stages\[6\]\.twoTrack\.thetaMaxDeg = 30 is not allowed: must be > thetaMinDeg \(37\) of the same trigger stage$/);
  });
});
