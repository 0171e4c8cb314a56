import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from '../../report/writeAtomically.js';

/**
 * What `zprime-mc submit --slurm` sent to Slurm for the parts in one folder, kept beside them in
 * `slurm/submissions.json` (every submission, the latest last), so that `status` can ask Slurm
 * about the jobs and point at their logs.
 */

export interface Submission {
  readonly submitted_at: string;
  readonly command: readonly string[];
  readonly shards: number;
  /** The array indices (shards) this submission runs. */
  readonly indices: readonly number[];
  readonly templates_job: string | null;
  readonly array_job: string | null;
  readonly merge_job: string;
  /** Log of array task i: the pattern with %a replaced by i. */
  readonly task_log: string;
  readonly merge_log: string;
}

export function slurmFolder(shardDir: string): string {
  return join(shardDir, 'slurm');
}

function submissionsPath(shardDir: string): string {
  return join(slurmFolder(shardDir), 'submissions.json');
}

export function readSubmissions(shardDir: string): Submission[] {
  const path = submissionsPath(shardDir);
  if (!existsSync(path)) return [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return Array.isArray(parsed) ? (parsed as Submission[]) : [];
  } catch {
    return [];
  }
}

export function appendSubmission(shardDir: string, submission: Submission): void {
  writeAtomically(submissionsPath(shardDir), `${JSON.stringify([...readSubmissions(shardDir), submission], null, 1)}\n`);
}

/** The log of array task `index` of a submission. */
export function taskLog(submission: Submission, index: number): string {
  return submission.task_log.replace('%a', String(index));
}
