import { describe, expect, it } from 'vitest';
import { GeneratorsSettings, isProcessName, processes, processRegistry } from '../../generators/index.js';

describe('the process registry', () => {
  it('holds every process under its command-line name, and the scenario section has one key per process', () => {
    // The processes of the paper's search (PRL 130, 231801: signal, μμ(γ), ττ(γ), eeμμ, ee(γ)) and the ππ(γ), eeee backgrounds.
    expect(Object.keys(processRegistry).sort()).toEqual(['ee', 'eeee', 'eemumu', 'mumu', 'pipi', 'signal', 'tautau']);
    for (const [key, definition] of Object.entries(processRegistry)) expect(definition.name).toBe(key);
    expect(processes.map((p) => p.name)).toEqual(Object.keys(processRegistry));
    expect(Object.keys(GeneratorsSettings.shape).sort()).toEqual(Object.keys(processRegistry).sort());
    expect(isProcessName('tautau')).toBe(true);
    expect(isProcessName('hasOwnProperty')).toBe(false);
    expect(isProcessName('bhabha')).toBe(false);
  });
});
