import { describe, expect, it } from 'vitest';
import { processes } from '../../generators/index.js';
import { PROCESS_NAMES, SAMPLE_SELECTION_NAMES } from '../../src/cli/optionHelp.js';
import { SAMPLE_SELECTIONS } from '../../src/selection/index.js';
import { cli } from './run.js';

// The help of the commands is defined without loading the library (src/cli/optionHelp.ts): the
// lists it names are copies, checked here against the library's own.

describe('the lists in the commands\' help', () => {
  it('names every registered process once (generators/registry.ts), in the help\'s order', () => {
    expect([...PROCESS_NAMES].sort()).toEqual(processes.map((p) => p.name).sort());
    expect(new Set(PROCESS_NAMES).size).toBe(PROCESS_NAMES.length);
  });

  it('names the offline selections of src/selection/cuts.ts in their order', () => {
    expect(SAMPLE_SELECTION_NAMES).toEqual(SAMPLE_SELECTIONS);
  });

  it('generate --help lists the processes, simulate --help the selections and the events-file extensions', async () => {
    const generate = (await cli('generate', '--help')).stdout.replace(/\s+/g, ' ');
    expect(generate).toContain('truth events of one process (signal, mumu, tautau, eemumu, ee, pipi, eeee) with sigma');
    expect(generate).toContain('process: signal, mumu, tautau, eemumu, ee, pipi or eeee (those registered)');
    const simulate = (await cli('simulate', '--help')).stdout.replace(/\s+/g, ' ');
    expect(simulate).toContain('offline selection: signal, mumugamma, emu, ee (default signal');
    expect(simulate).toContain('to this file: .parquet or .csv (docs/data-formats.md)');
  });
});
