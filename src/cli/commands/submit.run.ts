import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { partFiles, readPart, ShardFileError } from '../../runner/shards/partFile.js';
import { shardFolder } from '../../runner/shards/shardSet.js';
import { arrayIndexList, arrayScript, commandScript, mergeScript, type ScriptSpec } from '../../runner/slurm/jobScript.js';
import { sbatch, SlurmError } from '../../runner/slurm/scheduler.js';
import { appendSubmission, slurmFolder, type Submission } from '../../runner/slurm/submission.js';
import { TEMPLATE_FILE, TEMPLATES_TASK } from '../../runner/templates/cache.js';
import { InputError } from '../errors.js';
import { parseInteger } from '../flags.js';
import { loadScenarioOption } from '../scenarioOption.js';
import { MAX_SHARDS } from '../shardOptions.js';
import { EXPECTED_TOYS_TASK } from './expected.run.js';
import { LEE_TASK } from './lee.run.js';

/**
 * `zprime-mc submit --slurm [--array-size K] [--partition P] [--time T] -- <command and flags>`:
 * the command's work as a Slurm job array of K tasks, task i running `--shard i/K`, followed by a
 * merge job (`--dependency=afterok`, `--kill-on-invalid-dep=yes`: cancelled if a task fails), and,
 * when the output folder has no templates yet, a templates job before the array. Shards whose part
 * is already there (a checked checksum) are not submitted again: resubmitting runs only the
 * missing ones.
 */

export interface SubmitFlags {
  slurm?: boolean;
  arraySize?: string;
  partition?: string;
  time?: string;
  json?: boolean;
}

/** Commands that run as shards, and the task folder of their parts. */
const SHARDED: Readonly<Record<string, string>> = { lee: LEE_TASK, expected: EXPECTED_TOYS_TASK, templates: TEMPLATES_TASK };

/** The value of `--name V` or `--name=V` in a command line (the last one wins, as for commander). */
function flagValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  argv.forEach((word, i) => {
    if (word === name && i + 1 < argv.length) value = argv[i + 1];
    else if (word.startsWith(`${name}=`)) value = word.slice(name.length + 1);
  });
  return value;
}

/** The shards of `count` whose part in `dir` is there and sound. */
function finishedShards(dir: string, count: number, command: string): Set<number> {
  const done = new Set<number>();
  for (const path of partFiles(dir)) {
    let part;
    try {
      part = readPart(path);
    } catch (error) {
      if (error instanceof ShardFileError) continue; // run again: its task rewrites it
      throw error;
    }
    if (part.name.count !== count) throw new InputError(`${path}: a part of ${part.name.count} shards: --array-size ${count} is not allowed for this folder; use --array-size ${part.name.count} or remove its parts`);
    if (part.job.command === command) done.add(part.name.index);
  }
  return done;
}

/** The command's entry point, bin/zprime-mc.js (three levels up from src/cli/commands as the tests run it, four from dist/). */
function commandEntry(): string {
  const url = [new URL('../../../bin/zprime-mc.js', import.meta.url), new URL('../../../../bin/zprime-mc.js', import.meta.url)].find((u) => existsSync(u));
  if (url === undefined) throw new Error('submit: bin/zprime-mc.js not found beside the package');
  return fileURLToPath(url);
}

/** The time limit of a Slurm job: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS. */
function parseTime(text: string): string {
  if (!/^(\d+-)?\d+(:\d{2}){0,2}$/.test(text)) throw new InputError(`--time ${text} is not allowed: must be a Slurm time limit, e.g. 30, 2:00:00 or 1-12:00:00`);
  return text;
}

export async function runSubmitCommand(argv: readonly string[], flags: SubmitFlags): Promise<void> {
  if (flags.slurm !== true) throw new InputError('--slurm is required: the only batch system supported is Slurm (zprime-mc submit --slurm -- lee --toys 1000 ...)');
  const [command, ...rest] = argv;
  const task = command === undefined ? undefined : SHARDED[command];
  if (task === undefined) throw new InputError(`submit -- ${command ?? ''} is not allowed: the command must be one of ${Object.keys(SHARDED).join(', ')} (with its flags after it)`);
  for (const forbidden of ['--shard', '--resume']) if (flagValue(rest, forbidden) !== undefined || rest.includes(forbidden)) throw new InputError(`${forbidden} is not allowed after submit --: each task of the array runs its own --shard`);
  if (command === 'expected' && flagValue(rest, '--toys') === undefined) throw new InputError('submit -- expected needs --toys: the asymptotic limits are one quick pass, not an array job');
  const count = flags.arraySize === undefined ? 8 : parseInteger('--array-size', flags.arraySize, 1, MAX_SHARDS, 'tasks of the job array, one shard each');
  const scenarioFlag = flagValue(rest, '--scenario');
  const seedFlag = flagValue(rest, '--seed');
  const out = resolve(flagValue(rest, '--out') ?? join('zprime-mc-out', loadScenarioOption(scenarioFlag, seedFlag).scenario.name));
  const dir = shardFolder(out, task);
  const slurmDir = slurmFolder(dir);
  const logs = join(slurmDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const done = finishedShards(dir, count, command);
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !done.has(i));

  const spec: ScriptSpec = { node: process.execPath, entry: commandEntry(), cwd: process.cwd(), jobName: `zprime-mc-${command}` };
  const common = [...(flags.partition === undefined ? [] : [`--partition=${flags.partition}`]), ...(flags.time === undefined ? [] : [`--time=${parseTime(flags.time)}`])];
  const writeScript = (name: string, text: string) => {
    const path = join(slurmDir, name);
    writeFileSync(path, text);
    chmodSync(path, 0o755);
    return path;
  };
  const taskLog = join(logs, 'shard-%a.log');
  const mergeLog = join(logs, 'merge.log');
  let templatesJob: string | null = null;
  let arrayJob: string | null = null;
  let mergeJob: string;
  try {
    if (command !== 'templates' && missing.length > 0 && !existsSync(join(out, TEMPLATE_FILE))) {
      const argvTemplates = ['templates', ...(scenarioFlag === undefined ? [] : ['--scenario', scenarioFlag]), ...(seedFlag === undefined ? [] : ['--seed', seedFlag]), '--out', out];
      templatesJob = sbatch([...common, `--output=${join(logs, 'templates.log')}`], writeScript('templates.sh', commandScript({ ...spec, jobName: 'zprime-mc-templates' }, argvTemplates, 'the templates the array tasks read')));
    }
    if (missing.length > 0) {
      const after = templatesJob === null ? [] : [`--dependency=afterok:${templatesJob}`, '--kill-on-invalid-dep=yes'];
      arrayJob = sbatch([...common, ...after, `--array=${arrayIndexList(missing)}`, `--output=${taskLog}`], writeScript('array.sh', arrayScript(spec, argv, count)));
    }
    const afterArray = arrayJob === null ? [] : [`--dependency=afterok:${arrayJob}`, '--kill-on-invalid-dep=yes'];
    mergeJob = sbatch([...common, ...afterArray, `--output=${mergeLog}`], writeScript('merge.sh', mergeScript({ ...spec, jobName: `zprime-mc-merge-${command}` }, dir)));
  } catch (error) {
    if (error instanceof SlurmError) throw new InputError(error.message);
    throw error;
  }
  const submission: Submission = { submitted_at: new Date().toISOString(), command: [...argv], shards: count, indices: missing, templates_job: templatesJob, array_job: arrayJob, merge_job: mergeJob, task_log: taskLog, merge_log: mergeLog };
  appendSubmission(dir, submission);
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify({ dir, ...submission })}\n`);
    return;
  }
  const lines = [
    ...(templatesJob === null ? [] : [`templates job ${templatesJob} (log ${join(logs, 'templates.log')})`]),
    arrayJob === null ? `all ${count} shards are done in ${dir}: no array job` : `array job ${arrayJob}: ${missing.length} of ${count} shards (${arrayIndexList(missing)}), logs ${taskLog}`,
    `merge job ${mergeJob} after the array succeeds (log ${mergeLog})`,
    `progress: zprime-mc status ${dir}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
