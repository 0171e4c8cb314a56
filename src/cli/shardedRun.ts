import { ShardFileError } from '../runner/shards/partFile.js';
import { runShards, type ShardOutcome, type ShardPlan } from '../runner/shards/run.js';
import { shardFolder } from '../runner/shards/shardSet.js';
import { InputError } from './errors.js';
import type { MergeSource } from './shardOptions.js';

/** Runs `run` with a bad part (corrupted, foreign, missing) as an InputError naming it (exit 2). */
export async function withShardErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ShardFileError) throw new InputError(error.message);
    throw error;
  }
}

/** {@link runShards} for a command, with {@link withShardErrors}. */
export async function runCommandShards<P>(plan: ShardPlan<P>): Promise<ShardOutcome<P>> {
  return withShardErrors(() => runShards(plan));
}

/** The folder of a command's parts: the merge's, or `<out>/shards/<task>`. */
export function commandShardFolder(out: string, task: string, merge: MergeSource | undefined): string {
  return merge?.dir ?? shardFolder(out, task);
}

/** What a run tells on stderr about its shards: those reused by --resume, the part a --shard run wrote. */
export function shardNote(command: string, outcome: ShardOutcome<unknown>, count: number, dir: string): string {
  if (outcome.written !== undefined) return `${command}: wrote ${outcome.written}`;
  return outcome.reused > 0 && outcome.computed > 0 ? `${command}: resumed: ${outcome.reused} of ${count} shards were finished in ${dir}, computed ${outcome.computed}` : '';
}
