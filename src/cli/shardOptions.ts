import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ShardMode } from '../runner/shards/run.js';
import { InputError } from './errors.js';

/** `--shard i/N` and `--resume`: how a long command splits its work and what it does with the parts already there. */
export interface ShardFlags {
  shard?: string;
  resume?: boolean;
}

/** Where a `merge` takes its parts from: set by `zprime-mc merge DIR`, never by a flag. */
export interface MergeSource {
  readonly dir: string;
  /** The number of shards of the job the parts belong to. */
  readonly count: number;
}

/** Most shards a run may be split into (Slurm's default MaxArraySize is 1001). */
export const MAX_SHARDS = 100_000;

/** `--shard i/N`: shard i (0-based) of N. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match === null ? Number.NaN : Number(match[1]);
  const count = match === null ? Number.NaN : Number(match[2]);
  if (!(count >= 1 && count <= MAX_SHARDS && index >= 0 && index < count)) throw new InputError(`--shard ${text} is not allowed: must be i/N with N from 1 to ${MAX_SHARDS} and i from 0 to N-1 (shard i of N)`);
  return { index, count };
}

/** The run's shard mode and number of shards (`defaultCount` unless --shard gives it). */
export function shardPlan(flags: ShardFlags, defaultCount: number, merge?: MergeSource): { mode: ShardMode; count: number | null } {
  if (merge !== undefined) return { mode: { kind: 'merge' }, count: null };
  if (flags.shard !== undefined) {
    if (flags.resume === true) throw new InputError('--shard and --resume are not allowed together: a shard is run whole; --resume goes with a run of all shards');
    const { index, count } = parseShard(flags.shard);
    return { mode: { kind: 'one', index }, count };
  }
  return { mode: { kind: flags.resume === true ? 'resume' : 'fresh' }, count: defaultCount };
}

/** A flag value as stored in a part's job: paths absolute, so that a merge finds the same files from anywhere. */
export function absolutePath(path: string | undefined): string | undefined {
  return path === undefined ? undefined : resolve(path);
}

export function withShardOptions(command: Command): Command {
  return command
    .option('--shard <i/N>', 'run only shard i of N (0-based) and write its part to <out>/shards/<task>/; join the parts with zprime-mc merge')
    .option('--resume', 'keep the finished shards of an interrupted run of the same job and compute only the others');
}

/** The flags of a part's job: the given ones only. */
export function jobFlags(values: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));
}
