import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultScenarioPath, scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/index.js';

const committed = new URL('../../scenarios/schema.json', import.meta.url);

interface JsonSchemaNode {
  type?: string;
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean;
  items?: JsonSchemaNode | false;
  prefixItems?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
}

/** Keys of `value` (a YAML mapping, recursively) that the JSON Schema does not declare. */
function undeclaredKeys(value: unknown, node: JsonSchemaNode, path: string): string[] {
  const branches = node.oneOf ?? node.anyOf;
  if (branches !== undefined) {
    // A union: the keys are declared if one branch declares them all (report the best branch).
    return branches.map((b) => undeclaredKeys(value, b, path)).reduce((best, keys) => (keys.length < best.length ? keys : best));
  }
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => {
      const item = node.prefixItems?.[i] ?? (node.items === false ? undefined : node.items);
      return item === undefined ? [`${path}[${i}]`] : undeclaredKeys(v, item, `${path}[${i}]`);
    });
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const child = node.properties?.[key];
    return child === undefined ? [`${path}.${key}`] : undeclaredKeys(v, child, `${path}.${key}`);
  });
}

describe('scenarios/schema.json', () => {
  it('equals the schema generated from the code (regenerate: npm run build && node scripts/write-scenario-schema.mjs)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('is strict (additionalProperties: false) and declares every key of the default scenario', () => {
    const schema = scenarioJsonSchema() as JsonSchemaNode;
    expect(schema.additionalProperties).toBe(false);
    const scenario: unknown = parseDocument(readFileSync(defaultScenarioPath(), 'utf8')).toJS();
    expect(undeclaredKeys(scenario, schema, '')).toEqual([]);
    expect(undeclaredKeys({ beams: { typo: 1 } }, schema, '')).toEqual(['.beams.typo']);
  });
});
