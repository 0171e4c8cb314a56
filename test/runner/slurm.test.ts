import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { partFiles } from '../../src/runner/shards/partFile.js';
import { arrayIndexList } from '../../src/runner/slurm/jobScript.js';
import { parseJobStates } from '../../src/runner/slurm/scheduler.js';
import { cli } from '../cli/run.js';
import { writeQuickScenario } from './quickScenario.js';

/**
 * Against a real Slurm cluster (scripts/start-slurm.sh, which .ci/run starts): the array's tasks
 * run the compiled command (bin/zprime-mc.js runs dist/, which `npm test` builds first). Without
 * sbatch the test is skipped, except in CI (CI=true), where a missing or stopped Slurm is a failure.
 */
const hasSbatch = spawnSync('sbatch', ['--version'], { encoding: 'utf8' }).status === 0;
const inCI = process.env.CI === 'true';
if (!hasSbatch && !inCI) console.warn('slurm.test.ts: skipped: sbatch is not installed (scripts/start-slurm.sh starts a one-node cluster on localhost)');

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until Slurm has forgotten `job` from its queue (finished, failed or cancelled). */
async function waitForJob(job: string, seconds = 240): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const r = spawnSync('squeue', ['-h', '-j', job], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() === '') return;
    await sleep(250);
  }
  throw new Error(`Slurm job ${job} still queued after ${seconds} s`);
}

describe('Slurm helpers', () => {
  it('array index lists name runs of shards as Slurm writes them', () => {
    expect(arrayIndexList([0, 1, 2, 3, 5, 7, 8])).toBe('0-3,5,7-8');
    expect(arrayIndexList([4])).toBe('4');
  });
  it('reads the state and exit code of each array task from scontrol -o show job', () => {
    const text = 'JobId=12 ArrayJobId=11 ArrayTaskId=3 JobName=x JobState=FAILED Reason=NonZeroExitCode Dependency=(null) ExitCode=2:0\nJobId=11 ArrayJobId=11 ArrayTaskId=4-7 JobState=PENDING ExitCode=0:0\n';
    expect(parseJobStates(text)).toEqual([{ task: 3, state: 'FAILED', exitCode: '2:0' }, { task: null, state: 'PENDING', exitCode: '0:0' }]);
  });
});

describe.skipIf(!hasSbatch && !inCI)('zprime-mc submit --slurm on a real cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zprime-slurm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const quick = join(dir, 'quick.yaml');
  writeQuickScenario(quick, { signalEventsPerMass: 4000, mumuEvents: 40000 });

  it('lee --toys 40 as an 8-task array and its merge job gives the bytes of the same run in one process; status counts the shards; resubmitting runs only the missing ones', async () => {
    const up = spawnSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8', timeout: 20_000 });
    expect(up.status, `Slurm is not up (sinfo: ${up.stderr}): run scripts/start-slurm.sh`).toBe(0);
    const one = join(dir, 'one');
    const reference = await cli('lee', '--scenario', quick, '--out', one, '--toys', '40', '--workers', '1', '--json');
    expect(reference.code).toBe(0);
    const array = join(dir, 'array');
    mkdirSync(array);
    copyFileSync(join(one, 'templates.json'), join(array, 'templates.json'));

    const submitted = await cli('submit', '--slurm', '--array-size', '8', '--json', '--', 'lee', '--scenario', quick, '--out', array, '--toys', '40', '--json');
    expect(submitted.code, submitted.stderr).toBe(0);
    const jobs = JSON.parse(submitted.stdout);
    expect(jobs.array_job).toMatch(/^\d+$/);
    expect(jobs.merge_job).toMatch(/^\d+$/);
    expect(jobs.indices).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(readFileSync(join(jobs.dir, 'slurm', 'array.sh'), 'utf8')).toContain('--shard "${SLURM_ARRAY_TASK_ID}/8"');
    await waitForJob(jobs.merge_job);
    expect(readFileSync(join(array, 'lee.json'), 'utf8')).toBe(readFileSync(join(one, 'lee.json'), 'utf8'));
    expect(readFileSync(jobs.merge_log, 'utf8')).toContain(`wrote ${join(array, 'lee.json')}`);
    const complete = await cli('status', jobs.dir, '--json');
    expect(complete.code).toBe(0);
    expect(JSON.parse(complete.stdout)).toMatchObject({ shards: 8, done: 8, missing: [], merge: { state: 'COMPLETED' } });

    // Two parts lost: the resubmission's array runs those two shards only, and the merge gives the same bytes again.
    const parts = partFiles(jobs.dir);
    rmSync(parts[2]);
    rmSync(parts[6]);
    rmSync(join(array, 'lee.json'));
    const again = JSON.parse((await cli('submit', '--slurm', '--array-size', '8', '--json', '--', 'lee', '--scenario', quick, '--out', array, '--toys', '40', '--json')).stdout);
    expect(again.indices).toEqual([2, 6]);
    await waitForJob(again.merge_job);
    expect(readFileSync(join(array, 'lee.json'), 'utf8')).toBe(readFileSync(join(one, 'lee.json'), 'utf8'));
  }, 300_000);

  it('a failing task is named by status with its exit code and log, and its merge job is cancelled', async () => {
    const out = join(dir, 'failing');
    mkdirSync(out);
    copyFileSync(join(dir, 'one', 'templates.json'), join(out, 'templates.json'));
    const jobs = JSON.parse((await cli('submit', '--slurm', '--array-size', '2', '--json', '--', 'lee', '--scenario', quick, '--out', out, '--toys', '4', '--c0=-1')).stdout);
    await waitForJob(jobs.merge_job);
    const failedRun = await cli('status', jobs.dir, '--json');
    expect(failedRun.code).toBe(1);
    expect(failedRun.stderr).toBe(`zprime-mc: ${jobs.dir}: not complete: 2 of 2 shards missing, 2 tasks failed\n`);
    const status = JSON.parse(failedRun.stdout);
    expect(status.done).toBe(0);
    expect(status.failed.map((f: { shard: number }) => f.shard)).toEqual([0, 1]);
    expect(status.failed[0]).toMatchObject({ state: 'FAILED', exit_code: '2:0', log: join(jobs.dir, 'slurm', 'logs', 'shard-0.log'), last_line: 'zprime-mc: --c0 -1 is not allowed: must be a q0 level > 0' });
    expect(status.merge.state).toBe('CANCELLED');
    const text = (await cli('status', jobs.dir)).stdout;
    expect(text).toContain(`shard 1: failed (FAILED, exit code 2:0), log ${join(jobs.dir, 'slurm', 'logs', 'shard-1.log')}: zprime-mc: --c0 -1 is not allowed`);
  }, 300_000);
});
