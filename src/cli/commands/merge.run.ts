import { partFiles, readPart, ShardFileError } from '../../runner/shards/partFile.js';
import { majorityJob } from '../../runner/shards/shardSet.js';
import { InputError } from '../errors.js';
import { runExpectedCommand } from './expected.run.js';
import { runLeeCommand } from './lee.run.js';
import { runTemplatesCommand } from './templates.run.js';

/**
 * `zprime-mc merge DIR`: joins the parts of a sharded run (`--shard i/N`, a Slurm job array) into
 * the command's results, the same bytes as the whole run in one process. The set must be complete
 * and of one job: a missing, foreign or corrupted part is named, exit 2, and nothing is written.
 */

const MERGERS: Readonly<Record<string, (flags: Record<string, string | boolean>, dir: string, count: number) => Promise<void>>> = {
  lee: (flags, dir, count) => runLeeCommand(flags, { dir, count }),
  expected: (flags, dir, count) => runExpectedCommand(flags, { dir, count }),
  templates: async (flags, dir, count) => {
    await runTemplatesCommand(flags, { dir, count });
  },
};

/** The job of the parts in `dir`: the one most parts belong to; the command checks the rest. */
export function partsJob(dir: string): { command: string; flags: Readonly<Record<string, string | boolean>>; count: number } {
  try {
    const name = majorityJob(dir);
    if (name === null) throw new InputError(`${dir}: no shard parts (part-<i>-of-<N>.json) to merge`);
    for (const path of partFiles(dir)) {
      const part = readPart(path);
      if (part.name.job === name.job && part.name.task === name.task && part.name.count === name.count) return { ...part.job, count: name.count };
    }
    throw new InputError(`${dir}: no shard parts to merge`);
  } catch (error) {
    if (error instanceof ShardFileError) throw new InputError(error.message);
    throw error;
  }
}

export async function runMergeCommand(dir: string, flags: { json?: boolean; quiet?: boolean }): Promise<void> {
  const job = partsJob(dir);
  const merger = MERGERS[job.command];
  if (merger === undefined) throw new InputError(`${dir}: parts of command '${job.command}' cannot be merged: one of ${Object.keys(MERGERS).join(', ')}`);
  await merger({ ...job.flags, ...(flags.json === true ? { json: true } : {}), ...(flags.quiet === true ? { quiet: true } : {}) }, dir, job.count);
}
