import { z } from 'zod';
import { eeProcess } from './ee.js';
import { eeeeProcess } from './eeee.js';
import { eemumuProcess } from './eemumu.js';
import { mumuProcess } from './mumu.js';
import { pipiProcess } from './pipi.js';
import type { EventGenerator, GeneratorOptions } from './process.js';
import { signalProcess } from './signal.js';
import { tautauProcess } from './tautau.js';

/**
 * The registry of processes: `generate`, `xsec`, `simulate` and the template builder find a
 * process here by name, and the scenario's `generators` section is composed of their schemas. A new
 * process is one file exporting `defineProcess(...)` and one entry here.
 */
export const processRegistry = {
  mumu: mumuProcess,
  signal: signalProcess,
  ee: eeProcess,
  tautau: tautauProcess,
  eemumu: eemumuProcess,
  pipi: pipiProcess,
  eeee: eeeeProcess,
} as const;

type Registry = typeof processRegistry;

/** The name of a registered process. */
export type ProcessName = keyof Registry;

/** Validated settings of each process: `ProcessSettings['eemumu']` is the scenario's `generators.eemumu`. */
export type ProcessSettings = { [N in ProcessName]: z.output<Registry[N]['settings']> };

/** The registered processes, in the order `--help` lists them. */
export const processes = Object.values(processRegistry);

export function isProcessName(name: string): name is ProcessName {
  return Object.hasOwn(processRegistry, name);
}

export function findProcess(name: string): Registry[ProcessName] | undefined {
  return isProcessName(name) ? processRegistry[name] : undefined;
}

const factories: { [N in ProcessName]: (settings: ProcessSettings[N], options: GeneratorOptions, seed: number) => EventGenerator } = {
  mumu: mumuProcess.create,
  signal: signalProcess.create,
  ee: eeProcess.create,
  tautau: tautauProcess.create,
  eemumu: eemumuProcess.create,
  pipi: pipiProcess.create,
  eeee: eeeeProcess.create,
};

/** Creates the generator of a process from its validated settings (e.g. the scenario's `generators[name]`). */
export function createProcessGenerator<N extends ProcessName>(name: N, settings: ProcessSettings[N], options: GeneratorOptions, seed: number): EventGenerator {
  return factories[name](settings, options, seed);
}

/**
 * The `generators` section of a scenario: one key per process, each with the settings that its
 * generator file defines (and defaults for). The `satisfies` keeps the keys those of the registry
 * and each value `ProcessSettings[name]`, so `Scenario['generators'][name]` is typed for every name.
 */
export const GeneratorsSettings = z.strictObject({
  mumu: mumuProcess.settings.prefault({}),
  ee: eeProcess.settings.prefault({}),
  signal: signalProcess.settings.prefault({}),
  tautau: tautauProcess.settings.prefault({}),
  eemumu: eemumuProcess.settings.prefault({}),
  pipi: pipiProcess.settings.prefault({}),
  eeee: eeeeProcess.settings.prefault({}),
} satisfies { [N in ProcessName]: z.ZodType<ProcessSettings[N]> });

export type GeneratorsSettings = z.output<typeof GeneratorsSettings>;
