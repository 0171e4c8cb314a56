import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { partFileName, partFiles, readPart, ShardFileError, type ShardName, type ShardPart } from './partFile.js';

/**
 * The parts of one job in a folder: which shards are done, which are missing, and the parts that
 * belong to another job (foreign: another hash, task or number of shards).
 */

/** Items `first` … `end − 1` of shard `index` of `count` over `total` items: ⌊i·total/N⌋ … ⌊(i+1)·total/N⌋ − 1. */
export function shardRange(total: number, index: number, count: number): [number, number] {
  return [Math.floor((index * total) / count), Math.floor(((index + 1) * total) / count)];
}

export type JobName = Omit<ShardName, 'index'>;

export interface ShardSet {
  /** The part of each shard, by index; undefined where the shard is not done. */
  readonly parts: readonly (ShardPart | undefined)[];
  readonly missing: readonly number[];
}

function sameJob(a: JobName, b: JobName): boolean {
  return a.job === b.job && a.task === b.task && a.count === b.count;
}

function describeJob(name: JobName): string {
  return `task ${name.task}, ${name.count} shards, job ${name.job.slice(0, 12)}`;
}

/**
 * The parts of job `name` in `dir`. A part of another job is an error naming it (it would be
 * merged into the wrong result), as is a corrupted part (by its checksum).
 */
export function readShardSet(dir: string, name: JobName): ShardSet {
  const parts: (ShardPart | undefined)[] = new Array(name.count).fill(undefined);
  for (const path of partFiles(dir)) {
    const part = readPart(path);
    if (!sameJob(part.name, name)) throw new ShardFileError(`${path}: foreign shard (${describeJob(part.name)}), not of this run (${describeJob(name)}): remove it or use another folder`);
    if (basename(path) !== partFileName(part.name.index, part.name.count)) throw new ShardFileError(`${path}: the file holds shard ${part.name.index} of ${part.name.count}: its name must be ${partFileName(part.name.index, part.name.count)}`);
    parts[part.name.index] = part;
  }
  const missing = parts.flatMap((p, i) => (p === undefined ? [i] : []));
  return { parts, missing };
}

/** The job that most parts in `dir` belong to (the first part's on a tie); null when there are none. */
export function majorityJob(dir: string): JobName | null {
  const counts = new Map<string, { name: JobName; n: number }>();
  for (const path of partFiles(dir)) {
    const { name } = readPart(path);
    const key = `${name.job}/${name.task}/${name.count}`;
    const entry = counts.get(key) ?? { name: { job: name.job, task: name.task, count: name.count }, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  let best: { name: JobName; n: number } | null = null;
  for (const entry of counts.values()) if (best === null || entry.n > best.n) best = entry;
  return best?.name ?? null;
}

/** The complete set of parts of job `name`; a missing shard is an error naming it and its file. */
export function completeShardSet(dir: string, name: JobName): ShardPart[] {
  const { parts, missing } = readShardSet(dir, name);
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).map((i) => `${i} (${partFileName(i, name.count)})`);
    throw new ShardFileError(`${dir}: incomplete: ${missing.length} of ${name.count} shards missing: ${shown.join(', ')}${missing.length > 5 ? ', …' : ''}`);
  }
  return parts as ShardPart[];
}

/** Removes every part file in `dir` (a fresh run starts from nothing). */
export function removeParts(dir: string): void {
  for (const path of partFiles(dir)) rmSync(path, { force: true });
}

/** The folder of a task's parts inside a run's output folder. */
export function shardFolder(out: string, task: string): string {
  return join(out, 'shards', task);
}
