import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGES, DetectorSettings, isStageTypeName, StageSettings, stageRegistry, stageTypes } from '../../detector/index.js';
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

describe('the stage registry', () => {
  it('holds every stage type under its own `type` key, in the order of the scenario schema', () => {
    // The keys are the `type` values of the default Belle II chain (DEFAULT_STAGES) that the scenario file lists.
    expect(Object.keys(stageRegistry).sort()).toEqual(DEFAULT_STAGES.map((s) => s.type).sort());
    for (const [key, type] of Object.entries(stageRegistry)) expect(type.type).toBe(key);
    expect(stageTypes.map((t) => t.type)).toEqual(Object.keys(stageRegistry));
    expect(StageSettings.options).toEqual(stageTypes.map((t) => t.schema));
    expect(isStageTypeName('ecl')).toBe(true);
    expect(isStageTypeName('toString')).toBe(false);
    expect(isStageTypeName('calorimeter')).toBe(false);
  });
});
