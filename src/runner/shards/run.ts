import { mkdirSync } from 'node:fs';
import { type ShardJob, type ShardPart, writePart } from './partFile.js';
import { completeShardSet, type JobName, readShardSet, removeParts } from './shardSet.js';

/**
 * A run as seeded shards with checkpoints: each shard's part is written (atomically, with its
 * checksum) as soon as the shard is done, so a run killed at any moment loses only the shards that
 * were running. How a run treats the parts already in its folder:
 * - `fresh`: removes them and computes every shard;
 * - `resume`: keeps the parts of this job and computes only the missing shards;
 * - `one`: computes shard `index` alone and writes its part (one task of a job array);
 * - `merge`: computes nothing; every shard must be there.
 */
export type ShardMode = { readonly kind: 'fresh' } | { readonly kind: 'resume' } | { readonly kind: 'one'; readonly index: number } | { readonly kind: 'merge' };

export interface ShardPlan<P> {
  readonly dir: string;
  readonly name: JobName;
  readonly job: ShardJob;
  readonly mode: ShardMode;
  /** Computes the shards `indices`, calling `done` with each shard's payload when it finishes. */
  compute(indices: readonly number[], done: (index: number, payload: P) => void): Promise<void>;
  /** The payload as it is written in a part (plain JSON values). */
  encode(payload: P): unknown;
  /** The payload of a part read back, checked; throws a ShardFileError naming the part's file when it does not fit. */
  decode(part: ShardPart): P;
}

export interface ShardOutcome<P> {
  /** Every shard's payload in shard order (`one`: only that shard's). */
  readonly payloads: readonly P[];
  /** Shards read back from parts already there. */
  readonly reused: number;
  readonly computed: number;
  /** The part written by a `one` run. */
  readonly written?: string;
}

export async function runShards<P>(plan: ShardPlan<P>): Promise<ShardOutcome<P>> {
  const { dir, name, job, mode } = plan;
  if (mode.kind === 'merge') {
    const payloads = completeShardSet(dir, name).map((part) => plan.decode(part));
    return { payloads, reused: payloads.length, computed: 0 };
  }
  mkdirSync(dir, { recursive: true });
  if (mode.kind === 'one') {
    let payload: P | undefined;
    let written = '';
    await plan.compute([mode.index], (index, p) => {
      payload = p;
      written = writePart(dir, { ...name, index }, job, plan.encode(p));
    });
    if (payload === undefined) throw new Error(`shard ${mode.index} of ${name.count} produced nothing`);
    return { payloads: [payload], reused: 0, computed: 1, written };
  }
  if (mode.kind === 'fresh') removeParts(dir);
  const { parts, missing } = readShardSet(dir, name);
  const payloads: (P | undefined)[] = parts.map((part) => (part === undefined ? undefined : plan.decode(part)));
  await plan.compute(missing, (index, p) => {
    writePart(dir, { ...name, index }, job, plan.encode(p));
    payloads[index] = p;
  });
  const unfinished = payloads.findIndex((p) => p === undefined);
  if (unfinished >= 0) throw new Error(`shard ${unfinished} of ${name.count} produced nothing`);
  return { payloads: payloads as P[], reused: name.count - missing.length, computed: missing.length };
}
