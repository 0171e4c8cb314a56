import type { z } from 'zod';
import type { EventGenerator, GeneratorOptions } from './process.js';

/**
 * A process the commands and the scenario know by name: the schema of its `generators.<name>`
 * section and the factory of its generator. The scenario composes the schemas of the registry
 * (generators/registry.ts), so `Scenario['generators'][name]` is `z.output` of this schema.
 */
export interface ProcessDefinition<Name extends string, Schema extends z.ZodType> {
  /** Name on the command line and key in the scenario's `generators` section. */
  readonly name: Name;
  /** One line for `--help`, e.g. "e+e- → μ+μ-(γ) with ISR and FSR". */
  readonly description: string;
  /** Settings of the process, with every default. */
  readonly settings: Schema;
  /**
   * Creates the generator for validated settings, running its warm-up. Checks of the settings
   * against the run options (beams, weighted events) throw a ZodError on the field.
   */
  create(settings: z.output<Schema>, options: GeneratorOptions, seed: number): EventGenerator;
  /** Validates settings given as data (a scenario section with overrides laid on it) once, then `create`s. */
  createFromInput(input: unknown, options: GeneratorOptions, seed: number): EventGenerator;
}

/** The definition of a process from its schema and its factory of validated settings. */
export function defineProcess<Name extends string, Schema extends z.ZodType>(
  name: Name,
  description: string,
  settings: Schema,
  create: (settings: z.output<Schema>, options: GeneratorOptions, seed: number) => EventGenerator,
): ProcessDefinition<Name, Schema> {
  return {
    name,
    description,
    settings,
    create,
    createFromInput: (input, options, seed) => create(settings.parse(input ?? {}), options, seed),
  };
}
