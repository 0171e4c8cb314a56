import { z } from 'zod';
import { ScenarioSchema } from './schema.js';

/**
 * The JSON Schema (draft 2020-12) of scenario files, as written (units in the keys), for editors
 * that validate YAML (e.g. `# yaml-language-server: $schema=schema.json`). `scenarios/schema.json`
 * is this, written by `scripts/write-scenario-schema.mjs`; a test keeps them equal.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'zprime-mc scenario',
  };
}

/** The committed text of `scenarios/schema.json`: the schema, two-space indented, newline-terminated. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
