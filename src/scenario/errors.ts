import type { z } from 'zod';
import { allowedKeysAt, schemaAt } from './schemaPath.js';

/** A scenario that cannot be loaded: the message is one line naming the file, field, value and rule. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

type Path = readonly PropertyKey[];

/** `luminosity.periods[1].luminosityFb` */
export function formatPath(path: Path): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** The value at `path` in the parsed YAML, or undefined (used when zod does not report the input). */
function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function formatValue(value: unknown): string {
  // String() for numbers keeps .inf and .nan readable (JSON.stringify would print null).
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  tuple: 'a list',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

/** True when the schema at `path` accepts integers only (zod reports `expected: number` for a string). */
function expectsInteger(schema: z.ZodType, path: readonly PropertyKey[]): boolean {
  const def = schemaAt(schema, path)?._zod.def;
  return def !== undefined && 'format' in def && typeof def.format === 'string' && /int/.test(def.format);
}

function bound(issue: { minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; origin?: string }, side: 'min' | 'max'): string {
  const value = side === 'min' ? issue.minimum : issue.maximum;
  const op = side === 'min' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  if (issue.origin === 'array') return `must have ${side === 'min' ? 'at least' : 'at most'} ${String(value)} item(s)`;
  if (issue.origin === 'string') return `must have ${side === 'min' ? 'at least' : 'at most'} ${String(value)} character(s)`;
  return `must be ${op} ${String(value)}`;
}

/**
 * One line for the first problem zod found, e.g.
 * `scenarios/x.yaml: beams.herEnergyGeV = -7 is not allowed: must be > 0`.
 */
export function formatIssue(file: string, issue: z.core.$ZodIssue, data: unknown, schema: z.ZodType): string {
  const path = issue.path;
  const where = formatPath(path);
  // Parse with `reportInput: true` so that values checked after defaults applied are reported too.
  const value = 'input' in issue ? issue.input : valueAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0];
      const allowed = allowedKeysAt(schema, path);
      const owner = where === '' ? 'top-level keys' : `keys of ${where}`;
      const list = allowed === undefined ? '' : `: allowed ${owner} are ${allowed.join(', ')}`;
      return `${file}: ${formatPath([...path, key])} is not a known key${list}`;
    }
    case 'invalid_type': {
      const expected = expectsInteger(schema, path) ? 'an integer' : typeName(issue.expected);
      if (value === undefined) return `${file}: ${where} is missing: it is required (${expected})`;
      return `${file}: ${where} = ${formatValue(value)} is not allowed: must be ${expected}`;
    }
    case 'too_small':
      return `${file}: ${where} = ${formatValue(value)} is not allowed: ${bound(issue, 'min')}`;
    case 'too_big':
      return `${file}: ${where} = ${formatValue(value)} is not allowed: ${bound(issue, 'max')}`;
    case 'invalid_value':
      return `${file}: ${where} = ${formatValue(value)} is not allowed: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${file}: ${where === '' ? '(top level)' : where} = ${formatValue(value)} is not allowed: ${issue.message}`;
  }
}
