import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { crossFieldRuleViolation } from './crossFieldRules.js';
import { formatIssue, ScenarioError } from './errors.js';
import { type Scenario, ScenarioSchema } from './schema.js';

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The YAML text of a scenario as a plain mapping; `file` names it in errors. */
function parseMapping(text: string, file: string): Mapping {
  const lineCounter = new LineCounter();
  // `merge: true` lets a scenario reuse a block with YAML merge keys (`<<: *anchor`).
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new ScenarioError(`${file}:${line}:${col}: YAML syntax error: ${error.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS();
  if (!isMapping(data)) {
    const found = data === null || data === undefined ? 'an empty document' : Array.isArray(data) ? 'a list' : `the value ${JSON.stringify(data)}`;
    throw new ScenarioError(`${file}: a scenario must be a mapping of keys (name, seed, luminosity, …) at the top level; found ${found}`);
  }
  return data;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new ScenarioError(`${path}: cannot read the ${what}: ${reason}`);
  }
}

/** `over` laid on `base`: mappings merge key by key, lists and values are replaced. */
export function mergeScenarioMappings(base: Mapping, over: Mapping): Mapping {
  const out: Mapping = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = isMapping(below) && isMapping(value) ? mergeScenarioMappings(below, value) : value;
  }
  return out;
}

/**
 * A scenario mapping with its `extends` chain resolved: the base file (a path relative to the file
 * that names it) is read first and this file's keys laid over it. `chain` holds the files already
 * being read, so that a cycle is an error rather than a hang.
 */
function resolveExtends(data: Mapping, file: string, chain: readonly string[]): Mapping {
  const base = data.extends;
  if (base === undefined) return data;
  if (typeof base !== 'string' || base.trim() === '') throw new ScenarioError(`${file}: extends: ${JSON.stringify(base)} is not allowed: must be the path of a scenario file, relative to this one`);
  const basePath = resolve(dirname(file), base);
  if (chain.includes(basePath)) throw new ScenarioError(`${file}: extends: ${base} is not allowed: it extends itself through ${[...chain, basePath].join(' -> ')}`);
  const baseData = resolveExtends(parseMapping(readText(basePath, `scenario that ${file} extends`), basePath), basePath, [...chain, basePath]);
  const { extends: _ignored, ...own } = data;
  return { ...mergeScenarioMappings(baseData, own), extends: base };
}

/**
 * Parses and validates the text of a scenario. `file` names it in error messages and is where an
 * `extends` path starts from. Throws a {@link ScenarioError} whose message is one line naming the
 * file, the field, the value and what is allowed (or the line and column of a YAML syntax error).
 */
export function parseScenario(text: string, file: string): Scenario {
  const data = resolveExtends(parseMapping(text, file), file, [resolve(file)]);
  const result = ScenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ScenarioError(formatIssue(file, result.error.issues[0], data, ScenarioSchema));
  const violation = crossFieldRuleViolation(result.data);
  if (violation !== null) throw new ScenarioError(`${file}: ${violation}`);
  return result.data;
}

/**
 * Reads, parses and validates a scenario file (see {@link parseScenario}); the result is in the
 * library's units (GeV, cm, rad, fractions, fb⁻¹). A bad field throws a ScenarioError whose
 * one-line message names the file, the field and what is allowed.
 *
 * @example
 * const scenario = loadScenario(defaultScenarioPath()); // scenarios/belle2-2023.yaml
 * scenario.luminosity.totalFb; // 79.7
 * scenario.seed;               // 231801
 */
export function loadScenario(path: string): Scenario {
  return parseScenario(readText(path, 'scenario file'), path);
}

/** The scenario files that `path` extends, nearest first (without `path` itself). */
export function extendedScenarioFiles(path: string): string[] {
  const files: string[] = [];
  let current = resolve(path);
  for (;;) {
    const base = parseMapping(readText(current, 'scenario file'), current).extends;
    if (typeof base !== 'string') return files;
    current = resolve(dirname(current), base);
    if (files.includes(current)) return files;
    files.push(current);
  }
}
