/**
 * The batch scripts of a sharded run on Slurm: an array job whose task k runs shard
 * $SLURM_ARRAY_TASK_ID of N (`--shard i/N`), and the merge job that joins the parts. Each script
 * runs the command line it was given, in the folder it was submitted from, with the same Node.js.
 */

/** `text` as one word for a POSIX shell. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface ScriptSpec {
  /** The Node.js executable and the command's entry point. */
  readonly node: string;
  readonly entry: string;
  /** Folder the command runs in (relative paths of its flags are relative to it). */
  readonly cwd: string;
  readonly jobName: string;
}

function script(spec: ScriptSpec, comment: string, line: string): string {
  return ['#!/bin/bash', `# ${comment}`, `#SBATCH --job-name=${shellWord(spec.jobName)}`, 'set -euo pipefail', `cd ${shellWord(spec.cwd)}`, `exec ${line}`, ''].join('\n');
}

/** The array job: task $SLURM_ARRAY_TASK_ID runs that shard of `shards` on one worker thread. */
export function arrayScript(spec: ScriptSpec, argv: readonly string[], shards: number): string {
  const words = [spec.node, spec.entry, ...argv].map(shellWord).join(' ');
  return script(spec, `shard $SLURM_ARRAY_TASK_ID of ${shards}`, `${words} --workers "\${SLURM_CPUS_PER_TASK:-1}" --shard "\${SLURM_ARRAY_TASK_ID}/${shards}"`);
}

/** The merge job: joins the parts in `dir`. */
export function mergeScript(spec: ScriptSpec, dir: string): string {
  return script(spec, 'merge the parts of the array job', [spec.node, spec.entry, 'merge', dir, '--quiet'].map(shellWord).join(' '));
}

/** A job running one command line as it is (the templates the array's tasks read). */
export function commandScript(spec: ScriptSpec, argv: readonly string[], comment: string): string {
  return script(spec, comment, [spec.node, spec.entry, ...argv].map(shellWord).join(' '));
}

/** Slurm's array index list of `indices` (sorted): runs of consecutive indices as a-b, e.g. 0-3,5,7-8. */
export function arrayIndexList(indices: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < indices.length; ) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j++;
    parts.push(i === j ? String(indices[i]) : `${indices[i]}-${indices[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
