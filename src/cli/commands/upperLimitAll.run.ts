import { availableParallelism } from 'node:os';
import type { TestStatistic } from '../../fit/index.js';
import { patchsetLimits } from '../../runner/patchsetLimits/pool.js';
import type { PatchLimit } from '../../runner/patchsetLimits/task.js';
import { InputError, RunFailedError } from '../errors.js';
import { parseInteger } from '../flags.js';
import type { PatchFlags } from '../patchOptions.js';
import { readPatchInputs, warnIgnoredParameters } from '../workspaceOptions.js';

/** What `zprime-mc upper-limit BkgOnly.json --patchset P --all --json` prints: one limit per patch, in patchset order. */
export interface PatchsetLimitsReport {
  readonly cl: number;
  readonly test_stat: string;
  readonly calctype: 'asymptotic';
  /** The patchset's labels: the meaning of each point's `values`. */
  readonly labels: readonly string[];
  readonly points: readonly (
    | { readonly name: string; readonly values: readonly (number | string)[]; readonly obs: number; readonly exp: readonly number[] }
    | { readonly name: string; readonly values: readonly (number | string)[]; readonly error: string }
  )[];
}

export interface AllFlags extends PatchFlags {
  readonly measurement?: string;
  readonly workers?: string;
  readonly json?: boolean;
}

/** `upper-limit --all`: the asymptotic limit of every signal point of a patchset, on worker threads. */
export async function upperLimitsOfPatchset(path: string, flags: AllFlags, cl: number, testStat: TestStatistic, calc: string): Promise<void> {
  if (flags.patchset === undefined) throw new InputError('--all needs --patchset FILE (the signal points to compute)');
  if (flags.patch !== undefined) throw new InputError(`--all computes every patch of the patchset: drop --patch ${flags.patch}`);
  if (calc !== 'asymptotic') throw new InputError(`--all supports --calc asymptotic only (got ${calc})`);
  const workers = flags.workers === undefined ? availableParallelism() : parseInteger('--workers', flags.workers, 1, 1024, 'worker threads');
  const inputs = readPatchInputs(path, flags, false);
  const labels = inputs.patchset?.patchset.metadata.labels ?? [];
  const tty = process.stderr.isTTY;
  const points = await patchsetLimits({ inputs, measurement: flags.measurement, cl, testStat }, workers, tty ? (done, total) => process.stderr.write(`\r${done}/${total} signal points`) : undefined);
  if (tty) process.stderr.write('\n');
  const bad = points.find((p) => 'error' in p && p.kind === 'input');
  if (bad !== undefined && 'error' in bad) throw new InputError(bad.error);
  const first = points.find((p): p is Extract<PatchLimit, { obs: number }> => 'obs' in p);
  if (first !== undefined) warnIgnoredParameters(path, first.measurement, first.ignoredParameters);
  const report: PatchsetLimitsReport = {
    cl,
    test_stat: testStat,
    calctype: 'asymptotic',
    labels,
    points: points.map((p) => ('error' in p ? { name: p.name, values: p.values, error: p.error } : { name: p.name, values: p.values, obs: p.obs, exp: p.exp })),
  };
  if (flags.json === true) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const f = (v: number): string => v.toPrecision(5).padStart(11);
    const width = Math.max(5, ...points.map((p) => p.name.length));
    const lines = [`${Math.round(cl * 1000) / 10}% CL upper limits (${testStat}, asymptotic), ${points.length} signal points; values: ${labels.join(', ')}`];
    lines.push(`${'patch'.padEnd(width)}  ${'observed'.padStart(11)}  ${'expected'.padStart(11)}  ${'-1σ'.padStart(11)}  ${'+1σ'.padStart(11)}  values`);
    for (const p of points) {
      if ('error' in p) lines.push(`${p.name.padEnd(width)}  no limit: ${p.error}`);
      else lines.push(`${p.name.padEnd(width)}  ${f(p.obs)}  ${f(p.exp[2])}  ${f(p.exp[1])}  ${f(p.exp[3])}  ${p.values.join(', ')}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  const failed = points.filter((p) => 'error' in p);
  if (failed.length > 0 && 'error' in failed[0]) throw new RunFailedError(`${failed.length} of ${points.length} signal points have no limit; first, ${failed[0].name}: ${failed[0].error}`);
}
