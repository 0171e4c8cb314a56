import { existsSync, readFileSync } from 'node:fs';
import { partFiles, readPart, ShardFileError } from '../../runner/shards/partFile.js';
import { majorityJob } from '../../runner/shards/shardSet.js';
import { jobStates, type TaskState } from '../../runner/slurm/scheduler.js';
import { readSubmissions, type Submission, taskLog } from '../../runner/slurm/submission.js';
import { InputError, RunFailedError } from '../errors.js';

/**
 * `zprime-mc status DIR`: the progress of a sharded run from its part files (done, missing,
 * corrupted), and, for a run submitted to Slurm, the state of the array's tasks: a failed task is
 * named with its exit code, its log and the log's last line. Exit code 0 when every shard's part is
 * there and sound; 1 (after the report, with one line on stderr) when shards are missing, parts are
 * corrupted or foreign, or tasks failed, so that a script can wait on it; 2 for a folder that is not
 * a sharded run's.
 */

interface ShardProblem {
  readonly shard: number;
  readonly state: string;
  readonly exit_code?: string;
  readonly log?: string;
  readonly last_line?: string;
}

function lastLine(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  return lines.at(-1);
}

const FAILED = new Set(['FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE', 'PREEMPTED']);

export function shardStatus(dir: string) {
  const submissions = readSubmissions(dir);
  const latest: Submission | undefined = submissions.at(-1);
  const name = majorityJobOrNull(dir);
  const count = name?.count ?? latest?.shards ?? 0;
  const done = new Set<number>();
  const corrupted: { file: string; error: string }[] = [];
  for (const path of partFiles(dir)) {
    try {
      const part = readPart(path);
      if (part.name.count === count && (name === null || part.name.job === name.job)) done.add(part.name.index);
      else corrupted.push({ file: path, error: `foreign shard (${part.name.count} shards, job ${part.name.job.slice(0, 12)})` });
    } catch (error) {
      if (!(error instanceof ShardFileError)) throw error;
      corrupted.push({ file: path, error: error.message });
    }
  }
  if (count === 0) throw new InputError(`${dir}: no shard parts and no Slurm submission here: the folder of a sharded run is <out>/shards/<task>`);
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !done.has(i));
  // The latest submission that ran each shard, and Slurm's word on its task.
  const states = new Map<string, TaskState[] | null>();
  const problems: ShardProblem[] = missing.map((shard) => {
    const submission = [...submissions].reverse().find((s) => s.array_job !== null && s.indices.includes(shard));
    if (submission === undefined || submission.array_job === null) return { shard, state: 'NOT_SUBMITTED' };
    if (!states.has(submission.array_job)) states.set(submission.array_job, jobStates(submission.array_job));
    const tasks = states.get(submission.array_job) ?? null;
    const task = tasks?.find((t) => t.task === shard);
    const log = taskLog(submission, shard);
    const state = task?.state ?? (tasks === null ? 'UNKNOWN' : 'PENDING');
    return { shard, state, ...(task === undefined ? {} : { exit_code: task.exitCode }), log, ...(lastLine(log) === undefined ? {} : { last_line: lastLine(log) }) };
  });
  const merge = latest === undefined ? null : { job: latest.merge_job, state: jobStates(latest.merge_job)?.[0]?.state ?? 'UNKNOWN', log: latest.merge_log };
  return { dir, task: name?.task ?? null, shards: count, done: done.size, missing, failed: problems.filter((p) => FAILED.has(p.state) || p.state === 'COMPLETED'), unfinished: problems, corrupted, merge };
}

function majorityJobOrNull(dir: string) {
  try {
    return majorityJob(dir);
  } catch (error) {
    if (error instanceof ShardFileError) return null;
    throw error;
  }
}

/** The run is not complete: what is wrong, in one line (exit code 1). */
function incomplete(s: ReturnType<typeof shardStatus>): RunFailedError | null {
  const problems = [
    ...(s.missing.length === 0 ? [] : [`${s.missing.length} of ${s.shards} shards missing`]),
    ...(s.corrupted.length === 0 ? [] : [`${s.corrupted.length} parts corrupted or foreign`]),
    ...(s.failed.length === 0 ? [] : [`${s.failed.length} tasks failed`]),
  ];
  return problems.length === 0 ? null : new RunFailedError(`${s.dir}: not complete: ${problems.join(', ')}`);
}

export function runStatusCommand(dir: string, flags: { json?: boolean }): void {
  const s = shardStatus(dir);
  const failure = incomplete(s);
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify(s)}\n`);
    if (failure !== null) throw failure;
    return;
  }
  const lines = [`${dir}: ${s.done} of ${s.shards} shards done${s.missing.length === 0 ? '' : `, ${s.missing.length} missing`}`];
  for (const p of s.unfinished) {
    const failed = FAILED.has(p.state) || p.state === 'COMPLETED';
    lines.push(`  shard ${p.shard}: ${failed ? `${p.state === 'COMPLETED' ? 'ended without its part' : 'failed'} (${p.state}${p.exit_code === undefined ? '' : `, exit code ${p.exit_code}`})` : p.state.toLowerCase()}${p.log === undefined ? '' : `, log ${p.log}`}${failed && p.last_line !== undefined ? `: ${p.last_line}` : ''}`);
  }
  for (const c of s.corrupted) lines.push(`  not counted: ${c.error.startsWith(c.file) ? c.error : `${c.file}: ${c.error}`}`);
  if (s.merge !== null) lines.push(`merge job ${s.merge.job}: ${s.merge.state.toLowerCase()} (log ${s.merge.log})`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (failure !== null) throw failure;
}
