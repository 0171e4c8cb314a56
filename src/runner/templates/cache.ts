import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Detector } from '../../../detector/index.js';
import { writeAtomically } from '../../report/writeAtomically.js';
import type { Scenario } from '../../scenario/index.js';
import { jobHash, ShardFileError, type ShardJob } from '../shards/partFile.js';
import { runShards, type ShardMode } from '../shards/run.js';
import { removeParts, shardRange } from '../shards/shardSet.js';
import { templatesFromPart, templatesPayload } from '../shards/templatePayloads.js';
import { assembleTemplates, type BuildOptions, buildTemplates, runLayoutTasks, type TemplateLayout, templateLayout, type TemplateSet } from './build.js';
import { type TaskResult, taskEvents } from './tasks.js';
import { formatTemplateFile, readTemplateFile, TemplateChecksumError, templateKey, TemplateFileError } from './file.js';

/** File name of the templates inside an output folder. */
export const TEMPLATE_FILE = 'templates.json';

export interface CachedTemplates {
  readonly set: TemplateSet;
  readonly path: string;
  readonly key: string;
  /** True when an existing file with the same key was read instead of building. */
  readonly reused: boolean;
}

/** The templates in `path` if the file is there, readable and has `key`; null otherwise. */
function readIfKey(path: string, key: string): TemplateSet | null {
  if (!existsSync(path)) return null;
  try {
    const file = readTemplateFile(path);
    return file.key === key ? file.set : null;
  } catch (error) {
    if (!(error instanceof TemplateFileError) || error instanceof TemplateChecksumError) throw error;
    return null;
  }
}

/**
 * The templates of a scenario in `folder`: read from `templates.json` when its key (a hash of every
 * input, see `templateKey`) matches, else from the first of `alsoLookIn` whose file matches, otherwise
 * built and written atomically. A file that cannot be read as templates is rebuilt, never used; one
 * whose content does not match its checksum is an error naming it (a TemplateChecksumError).
 */
export async function scenarioTemplates(scenario: Scenario, detector: Detector, folder: string, codeVersion: string, options: BuildOptions & { readonly alsoLookIn?: readonly string[]; readonly shards?: TemplateShards }): Promise<CachedTemplates> {
  const path = join(folder, TEMPLATE_FILE);
  const key = templateKey(scenario, codeVersion, options.network?.hash ?? null);
  for (const candidate of [path, ...(options.alsoLookIn ?? []).map((dir) => join(dir, TEMPLATE_FILE))]) {
    const set = readIfKey(candidate, key);
    if (set !== null) return { set, path: candidate, key, reused: true };
  }
  const set = options.shards === undefined ? await buildTemplates(scenario, detector, options) : (await shardedTemplates(scenario, detector, key, options, options.shards)).set;
  if (set === null) throw new Error('templates: a run of one shard has no templates to write');
  mkdirSync(folder, { recursive: true });
  writeAtomically(path, formatTemplateFile(set, key, codeVersion));
  // The parts of a run on this machine are in the file now; those of a merge are the user's.
  if (options.shards !== undefined && options.shards.mode.kind !== 'merge') removeParts(options.shards.dir);
  return { set, path, key, reused: false };
}

/** The shard task of the templates. */
export const TEMPLATES_TASK = 'templates';

/**
 * The templates as seeded shards (src/runner/shards): shard i of N runs the template tasks
 * ⌊i·T/N⌋ … ⌊(i+1)·T/N⌋ − 1 of the T tasks (background chunks, then one per hypothesis; by default
 * one task a shard) and its part holds their results; the set is put together from the parts in
 * task order, the same bytes as {@link buildTemplates}. The job is named by the templates' key.
 */
export interface TemplateShards {
  readonly dir: string;
  readonly mode: ShardMode;
  /** Number of shards; null: one per task. */
  readonly count: number | null;
  readonly job: ShardJob;
}

export interface ShardedTemplates {
  /** The templates; null for a run of one shard. */
  readonly set: TemplateSet | null;
  readonly count: number;
  readonly reused: number;
  readonly computed: number;
  /** The part a run of one shard wrote. */
  readonly written?: string;
}

export async function shardedTemplates(scenario: Scenario, detector: Detector, key: string, options: BuildOptions, shards: TemplateShards): Promise<ShardedTemplates> {
  const progress = options.progress ?? (() => {});
  progress('resolution curve', 0, 1);
  const layout: TemplateLayout = templateLayout(scenario, detector);
  const T = layout.tasks.length;
  const count = shards.count ?? T;
  if (count > T) throw new ShardFileError(`--shard: ${count} shards is more than the ${T} template tasks of this scenario: use at most ${T}`);
  const cells = (layout.axes.m2Edges.length + 1) * (layout.axes.thetaCMEdges.length + 1);
  const outcome = await runShards<{ readonly first: number; readonly results: TaskResult[] }>({
    dir: shards.dir,
    name: { job: jobHash(TEMPLATES_TASK, { key }), task: TEMPLATES_TASK, count },
    job: shards.job,
    mode: shards.mode,
    compute: async (indices, done) => {
      const ranges = indices.map((i) => shardRange(T, i, count));
      const taskIndices = ranges.flatMap(([first, end]) => Array.from({ length: end - first }, (_, k) => first + k));
      const total = taskIndices.reduce((a, i) => a + taskEvents(scenario, layout.tasks[i]), 0);
      const results = new Map<number, TaskResult>();
      let eventsDone = 0;
      await runLayoutTasks(scenario, detector, layout, taskIndices, options, (task, result) => {
        results.set(task, result);
        ranges.forEach(([first, end], r) => {
          if (task < first || task >= end) return;
          for (let k = first; k < end; k++) if (!results.has(k)) return;
          done(indices[r], { first, results: Array.from({ length: end - first }, (_, k) => results.get(first + k) as TaskResult) });
        });
      }, (n) => progress('templates', (eventsDone += n), total));
    },
    encode: (p) => templatesPayload(p.first, p.results),
    decode: (part) => ({ first: shardRange(T, part.name.index, count)[0], results: templatesFromPart(part, shardRange(T, part.name.index, count), cells) }),
  });
  const base = { count, reused: outcome.reused, computed: outcome.computed, ...(outcome.written === undefined ? {} : { written: outcome.written }) };
  if (shards.mode.kind === 'one') return { set: null, ...base };
  return { set: assembleTemplates(scenario, layout, outcome.payloads.flatMap((p) => p.results), options.network?.hash ?? null), ...base };
}
