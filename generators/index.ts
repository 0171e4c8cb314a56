import type { EventGenerator, GeneratorOptions } from './process.js';
import { mumuProcess } from './mumu.js';
import { eeProcess } from './ee.js';
import { signalProcess } from './signal.js';
import { tautauProcess } from './tautau.js';
import { eemumuProcess } from './eemumu.js';
import { pipiProcess } from './pipi.js';
import { eeeeProcess } from './eeee.js';

/**
 * The registry of processes: `generate`, `xsec`, `simulate` and the template builder find a
 * process here by name. Each process file exports its definition; add it to `processes`.
 */
export interface ProcessDefinition {
  /** Name on the command line and key in the scenario's `generators` section. */
  readonly name: string;
  /** One line for `--help`, e.g. "e+e- → μ+μ-(γ) with ISR and FSR". */
  readonly description: string;
  /**
   * Creates the generator for validated settings of this process (the scenario's
   * `generators.<name>` section, parsed by the process's own schema), running its warm-up.
   */
  create(settings: unknown, options: GeneratorOptions, seed: number): EventGenerator;
}

export const processes: readonly ProcessDefinition[] = [mumuProcess, signalProcess, eeProcess, tautauProcess, eemumuProcess, pipiProcess, eeeeProcess];

export function findProcess(name: string): ProcessDefinition | undefined {
  return processes.find((p) => p.name === name);
}
