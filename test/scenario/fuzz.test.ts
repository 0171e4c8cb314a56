import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { run } from '../../src/cli/main.js';
import { defaultScenarioPath } from '../../src/scenario/defaultScenario.js';
import { formatPath, ScenarioError } from '../../src/scenario/index.js';
import { parseScenario } from '../../src/scenario/load.js';

type Path = readonly (string | number)[];
type Node = unknown;

const base: Node = parse(readFileSync(defaultScenarioPath(), 'utf8'));

/** Every leaf (number, string, boolean) and every mapping of the default scenario, by path. */
function walk(node: Node, path: Path, leaves: Path[], mappings: Path[]): void {
  if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, i], leaves, mappings));
  else if (typeof node === 'object' && node !== null) {
    mappings.push(path);
    for (const [key, child] of Object.entries(node)) walk(child, [...path, key], leaves, mappings);
  } else leaves.push(path);
}
const leaves: Path[] = [];
const mappings: Path[] = [];
walk(base, [], leaves, mappings);

function withValue(path: Path, value: unknown): Node {
  const copy: Node = structuredClone(base);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

function valueAt(path: Path, root: Node = base): unknown {
  let node = root as Record<string | number, unknown>;
  for (const key of path) node = node[key] as Record<string | number, unknown>;
  return node;
}

/** Values no field of the scenario takes where a leaf of another type or range stands. */
const badValue = fc.oneof(
  fc.constant('not-a-number'),
  fc.constant(null),
  fc.constant([]),
  fc.constant({ unexpected: 1 }),
  fc.constant(-1e12),
  fc.constant(1e300),
  fc.constant(Number.NaN),
  fc.constant(true),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 6 }),
);

/** The message of the error a scenario text gives, or null when it loads. Anything but a ScenarioError fails the test. */
function errorOf(scenario: Node): string | null {
  try {
    parseScenario(stringify(scenario), 'fuzz.yaml');
    return null;
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw new Error(`not a ScenarioError: ${String(error)}`);
    return error.message;
  }
}

describe('scenario files, fuzzed from the default scenario', () => {
  let loaded = 0;
  let refused = 0;
  it('a wrong value anywhere either loads or gives one line that names the file and that field (or its section)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...leaves), badValue, (path, value) => {
        const message = errorOf(withValue(path, value));
        if (message === null) {
          loaded++;
          return;
        }
        refused++;
        expect(message.includes('\n')).toBe(false);
        expect(message.startsWith('fuzz.yaml: ')).toBe(true);
        // The field itself, or (for a rule across fields, or a key a mapping does not know) a section on its path.
        const named = [...Array(path.length).keys()].map((n) => formatPath(path.slice(0, path.length - n))).filter((p) => p !== '');
        expect(named.some((p) => message.includes(p))).toBe(true);
        expect(message).toMatch(/not allowed|not a known key|must|missing/);
      }),
      { numRuns: 400 },
    );
    // Most wrong values are refused; some (a string where any string is allowed, a large number) load.
    expect(refused).toBeGreaterThan(5 * loaded);
  });

  it('an unknown key in any section is refused by name, with the keys that section allows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...mappings), (path) => {
        const message = errorOf(withValue([...path, 'unknownKey'], 1));
        // Maps keyed by the user (none in the default scenario today) would accept it.
        expect(message).not.toBeNull();
        expect(message).toContain(`${formatPath([...path, 'unknownKey'])} is not a known key`);
        expect(message).toMatch(/allowed (top-level )?keys/);
      }),
      { numRuns: 200 },
    );
  });

  it('every lower edge swapped with its upper edge (…Min…/…Max…, min…/max…) is refused at load, naming one of the two', () => {
    const pairs: { path: Path; low: string; high: string }[] = [];
    for (const path of mappings) {
      const node = valueAt(path) as Record<string, unknown>;
      for (const low of Object.keys(node)) {
        const high = low.replace(/Min(?=[A-Z]|$)/, 'Max').replace(/^min(?=[A-Z])/, 'max');
        if (high !== low && typeof node[low] === 'number' && typeof node[high] === 'number' && node[low] !== node[high]) pairs.push({ path, low, high });
      }
    }
    // The tracking, trigger and KLM acceptances, the chamber, the ECL regions, the selection's windows, the mass ranges…
    expect(pairs.length).toBeGreaterThan(12);
    for (const { path, low, high } of pairs) {
      const node = valueAt(path) as Record<string, number>;
      const swapped = withValue([...path, low], node[high]);
      (valueAt(path, swapped) as Record<string, number>)[high] = node[low];
      const message = errorOf(swapped);
      expect(message, `${formatPath([...path, low])} ↔ ${high}`).not.toBeNull();
      expect([low, high, formatPath(path)].some((name) => message?.includes(name))).toBe(true);
    }
  });

  const out = mkdtempSync(join(tmpdir(), 'zprime-fuzz-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('on the command line: exit 2, the same one line on stderr, and nothing written', async () => {
    // The CLI runs in-process; a handful of cases, since each loads the library's command.
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...leaves), badValue, async (path, value) => {
          const scenario = withValue(path, value);
          const message = errorOf(scenario);
          fc.pre(message !== null);
          const file = join(out, 'bad.yaml');
          writeFileSync(file, stringify(scenario));
          const target = join(out, 'run');
          stderr.length = 0;
          const code = await run(['templates', '--scenario', file, '--out', target, '--quiet']);
          expect(code).toBe(2);
          expect(stderr.join('')).toBe(`zprime-mc: ${message?.replace('fuzz.yaml', file)}\n`);
          expect(existsSync(target)).toBe(false);
        }),
        { numRuns: 12 },
      );
    } finally {
      spy.mockRestore();
    }
  });
});
