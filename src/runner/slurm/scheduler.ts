import { spawnSync } from 'node:child_process';

/**
 * The Slurm commands the runner uses: `sbatch --parsable` to submit (it prints "jobid[;cluster]"),
 * `scontrol -o show job` for the state of each task of an array (one line per task; it works
 * without accounting, and keeps finished jobs for MinJobAge seconds).
 */

export class SlurmError extends Error {
  override readonly name = 'SlurmError';
}

/** Submits a batch script; resolves to the job id. */
export function sbatch(args: readonly string[], script: string): string {
  const r = spawnSync('sbatch', ['--parsable', ...args, script], { encoding: 'utf8' });
  if (r.error !== undefined) throw new SlurmError(`sbatch cannot be run (${r.error.message}): is Slurm installed on this machine?`);
  if (r.status !== 0) throw new SlurmError(`sbatch ${args.join(' ')} ${script} failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  const id = r.stdout.trim().split(';')[0];
  if (!/^\d+$/.test(id)) throw new SlurmError(`sbatch printed '${r.stdout.trim()}', not a job id`);
  return id;
}

export interface TaskState {
  /** The array index, or null for a job that is not an array. */
  readonly task: number | null;
  readonly state: string;
  readonly exitCode: string;
}

/** Parses `scontrol -o show job` output: one line per job or array task. */
export function parseJobStates(text: string): TaskState[] {
  return text
    .split('\n')
    .filter((line) => line.includes('JobState='))
    .map((line) => {
      const task = /(?:^|\s)ArrayTaskId=(\d+)(?:\s|$)/.exec(line);
      return { task: task === null ? null : Number(task[1]), state: /JobState=(\S+)/.exec(line)?.[1] ?? 'UNKNOWN', exitCode: /(?:^|\s)ExitCode=(\S+)/.exec(line)?.[1] ?? '' };
    });
}

/** The states of a job's tasks, or null when Slurm does not know the job (any more) or cannot be asked. */
export function jobStates(jobId: string): TaskState[] | null {
  const r = spawnSync('scontrol', ['-o', 'show', 'job', jobId], { encoding: 'utf8', timeout: 15_000 });
  if (r.error !== undefined || r.status !== 0) return null;
  return parseJobStates(r.stdout);
}
