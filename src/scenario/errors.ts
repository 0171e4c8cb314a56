import type { z } from 'zod';
import { allowedKeysAt, schemaAt } from './schemaPath.js';

/** A scenario that cannot be loaded: the message is one line naming the file, field, value and rule. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' '));
  }
}

type Path = readonly PropertyKey[];
type Issue = z.core.$ZodIssue;

/** `luminosity.periods[1].luminosityFb` */
export function formatPath(path: Path): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** The value at `path` in the parsed YAML, or undefined. */
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

function bound(issue: { minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; origin?: string }, side: 'min' | 'max'): string {
  const value = side === 'min' ? issue.minimum : issue.maximum;
  const op = side === 'min' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  if (issue.origin === 'array') return `must have ${side === 'min' ? 'at least' : 'at most'} ${String(value)} item(s)`;
  if (issue.origin === 'string') return `must have ${side === 'min' ? 'at least' : 'at most'} ${String(value)} character(s)`;
  return `must be ${op} ${String(value)}`;
}

function oneOf(values: readonly unknown[]): string {
  return `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

/** The issues of each option of a failed union, with absolute paths; nested unions are flattened. */
function unionOptions(issue: Issue & { code: 'invalid_union' }): Issue[][] {
  return issue.errors.flatMap((option) => {
    const absolute = option.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as Issue);
    const only = absolute[0];
    return absolute.length === 1 && only.code === 'invalid_union' && only.errors.length > 0 ? unionOptions(only) : [absolute];
  });
}

/** A wrong literal (`form: nosuch`): what tells the options of a union apart. */
function isLiteralMismatch(issue: Issue): issue is Issue & { code: 'invalid_value' } {
  return issue.code === 'invalid_value' && issue.values.length === 1;
}

/**
 * The one issue to report for a failed union: the first problem of the option the value was meant
 * for (its literal keys match), or else the literal key with all the values the options allow.
 */
function unionIssue(issue: Issue & { code: 'invalid_union' }, data: unknown): { issue: Issue; allowed?: string } {
  const options = unionOptions(issue);
  const meant = options.filter((o) => !o.some(isLiteralMismatch)).sort((a, b) => a.length - b.length)[0];
  if (meant !== undefined && meant.length > 0) return { issue: meant[0] };
  const literal = options.flat().find(isLiteralMismatch);
  if (literal === undefined) return { issue, allowed: 'matches none of the allowed forms' };
  const key = formatPath(literal.path);
  const values = options.flat().flatMap((i) => (isLiteralMismatch(i) && formatPath(i.path) === key ? i.values : []));
  const value = valueAt(data, literal.path);
  return { issue: literal, allowed: value === undefined ? undefined : oneOf([...new Set(values)]) };
}

/**
 * One line for the first problem zod found, e.g.
 * `scenarios/x.yaml: beams.herEnergyGeV = -7 is not allowed: must be > 0`. `data` is the parsed
 * YAML, `schema` the scenario schema (to list the allowed keys and to tell integers from numbers).
 */
export function formatIssue(file: string, first: Issue, data: unknown, schema: z.core.$ZodType): string {
  let issue = first;
  let allowedOverride: string | undefined;
  if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.discriminator === undefined) {
    const picked = unionIssue(issue, data);
    issue = picked.issue;
    allowedOverride = picked.allowed;
    if (issue.code === 'invalid_union' && issue.errors.length > 0) return formatIssue(file, issue, data, schema);
  }
  const path = issue.path;
  const where = formatPath(path);
  // zod reports the input when parsing with `reportInput: true` (values checked after defaults
  // applied come from there); a union's own input is its parent object, so read the YAML instead.
  const value = 'input' in issue && issue.code !== 'invalid_union' ? issue.input : valueAt(data, path);
  const shown = `${file}: ${where === '' ? '(top level)' : where} = ${formatValue(value)} is not allowed`;
  if (allowedOverride !== undefined) return `${shown}: ${allowedOverride}`;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0];
      const allowed = allowedKeysAt(schema, path, data);
      const owner = where === '' ? 'top-level keys' : `keys of ${where}`;
      const list = allowed === undefined ? '' : `: allowed ${owner} are ${allowed.join(', ')}`;
      return `${file}: ${formatPath([...path, key])} is not a known key${list}`;
    }
    case 'invalid_type': {
      const def = schemaAt(schema, path, data)?._zod.def;
      const integer = def !== undefined && 'format' in def && typeof def.format === 'string' && /int/.test(def.format);
      const expected = integer ? 'an integer' : typeName(issue.expected);
      if (value === undefined) return `${file}: ${where} is missing: it is required (${expected})`;
      return `${shown}: must be ${expected}`;
    }
    case 'too_small':
      return `${shown}: ${bound(issue, 'min')}`;
    case 'too_big':
      return `${shown}: ${bound(issue, 'max')}`;
    case 'invalid_value':
      return `${shown}: ${oneOf(issue.values)}`;
    case 'invalid_union':
      // a discriminated union (`type: tracking`) whose discriminator matches no option
      if (issue.discriminator !== undefined && 'options' in issue && issue.options !== undefined) {
        if (value === undefined) return `${file}: ${where} is missing: it is required (${oneOf(issue.options).replace('must be ', '')})`;
        return `${shown}: ${oneOf(issue.options)}`;
      }
      return `${shown}: matches none of the allowed forms`;
    default:
      return `${shown}: ${issue.message}`;
  }
}
