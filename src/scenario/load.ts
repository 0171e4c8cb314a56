import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { formatIssue, ScenarioError } from './errors.js';
import { type Scenario, ScenarioSchema } from './schema.js';

/**
 * Parses and validates the text of a scenario. `file` names it in error messages. Throws a
 * {@link ScenarioError} whose message is one line naming the file, the field, the value and what is
 * allowed (or the line and column of a YAML syntax error).
 */
export function parseScenario(text: string, file: string): Scenario {
  const lineCounter = new LineCounter();
  // `merge: true` lets a scenario reuse a block with YAML merge keys (`<<: *anchor`).
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new ScenarioError(`${file}:${line}:${col}: YAML syntax error: ${error.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const found = data === null || data === undefined ? 'an empty document' : Array.isArray(data) ? 'a list' : `the value ${JSON.stringify(data)}`;
    throw new ScenarioError(`${file}: a scenario must be a mapping of keys (name, seed, luminosity, …) at the top level; found ${found}`);
  }
  const result = ScenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ScenarioError(formatIssue(file, result.error.issues[0], data, ScenarioSchema));
  return result.data;
}

/** Reads, parses and validates a scenario file (see {@link parseScenario}). */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new ScenarioError(`${path}: cannot read the scenario file: ${reason}`);
  }
  return parseScenario(text, path);
}
