import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DetectorSettings, stageTypes } from '../../detector/index.js';
import { defaultScenarioPath, loadScenario } from '../../src/scenario/index.js';

describe('the detector section of the default scenario', () => {
  it('holds the schema defaults: the code and the scenario file carry the same numbers', () => {
    expect(loadScenario(defaultScenarioPath()).detector).toEqual(DetectorSettings.parse({}));
  });

  it('writes out every setting of every stage (nothing is left to a hidden default)', () => {
    const raw = parseDocument(readFileSync(defaultScenarioPath(), 'utf8')).toJS() as { detector: { magneticFieldT: number; stages: Record<string, unknown>[] } };
    expect(raw.detector.magneticFieldT).toBe(1.5);
    for (const entry of raw.detector.stages) {
      const type = stageTypes.find((t) => t.type === entry.type);
      expect(type).toBeDefined();
      const settings = Object.keys(type?.schema.shape ?? {}).filter((key) => key !== 'type' && key !== 'name');
      expect(Object.keys(entry).filter((key) => key !== 'type').sort()).toEqual(settings.sort());
    }
  });
});
