import { Piscina } from 'piscina';
import { compiledWorkerScript } from '../runner/workerScript.js';
import type { TemplateSet } from '../runner/templates/build.js';
import type { FitSettings } from '../scenario/index.js';
import type { LeeToyStatistics } from './lookElsewhere.js';
import { runScanTask, type ScanTask, type ScanTaskResult, taskRanges } from './tasks.js';
import type { ToyExpectedPoint } from './toyExpected.js';
import type { ScanWorkerSetup } from './worker.js';

/**
 * Runs scan tasks on `workers` worker threads (piscina), or in this thread for one worker; results
 * come back in task order whatever thread ran each task.
 */
export async function runScanTasks(set: TemplateSet, fit: FitSettings, tasks: readonly ScanTask[], workers: number, onDone?: (task: number, result: ScanTaskResult) => void): Promise<ScanTaskResult[]> {
  if (workers <= 1 || tasks.length <= 1) {
    return tasks.map((task, i) => {
      const result = runScanTask(set, fit, task);
      onDone?.(i, result);
      return result;
    });
  }
  const pool = new Piscina<ScanTask, ScanTaskResult>({
    filename: compiledWorkerScript(import.meta.url, './worker.js', '../../dist/src/scan/worker.js', 'scan').href,
    workerData: { set, fit } satisfies ScanWorkerSetup,
    minThreads: Math.min(workers, tasks.length),
    maxThreads: Math.min(workers, tasks.length),
    idleTimeout: 1000,
  });
  try {
    return await Promise.all(
      tasks.map(async (task, i) => {
        const result = await pool.run(task);
        onDone?.(i, result);
        return result;
      }),
    );
  } finally {
    await pool.destroy();
  }
}

/** Look-elsewhere toys per task: small enough for a smooth progress bar, large enough to keep threads busy. */
export const LEE_TOYS_PER_TASK = 10;

/** The look-elsewhere toys `first` … `end − 1`. */
export interface LeeToyRange extends LeeToyStatistics {
  readonly first: number;
  readonly end: number;
}

/** Toy-based expected limits of hypotheses `first` … `end − 1`. */
export interface ToyExpectedRange {
  readonly first: number;
  readonly end: number;
  readonly points: readonly ToyExpectedPoint[];
}

/**
 * Runs `ranges` (item ranges, e.g. the shards of a run) as tasks of at most `size` items on
 * `workers` threads and hands each range's task results, in order, to `onRange` as soon as the
 * last of them is done: a finished shard can be saved while the others still run.
 */
async function runRanges(set: TemplateSet, fit: FitSettings, ranges: readonly (readonly [number, number])[], size: number, task: (first: number, end: number) => ScanTask, workers: number, onRange: (range: number, results: ScanTaskResult[]) => void, onItems?: (done: number) => void): Promise<void> {
  const owner: number[] = [];
  const tasks: ScanTask[] = [];
  const itemsOf: number[] = [];
  ranges.forEach(([first, end], r) => {
    for (const [a, b] of taskRanges(end - first, size)) {
      owner.push(r);
      tasks.push(task(first + a, first + b));
      itemsOf.push(b - a);
    }
  });
  const pending = ranges.map(() => 0);
  owner.forEach((r) => pending[r]++);
  const collected: ScanTaskResult[][] = ranges.map(() => []);
  const seen = ranges.map(() => 0);
  const slot = owner.map((r) => seen[r]++);
  let done = 0;
  await runScanTasks(set, fit, tasks, workers, (i, result) => {
    const r = owner[i];
    collected[r][slot[i]] = result;
    onItems?.((done += itemsOf[i]));
    if (--pending[r] === 0) onRange(r, collected[r]);
  });
  ranges.forEach(([first, end], r) => {
    if (first === end) onRange(r, []);
  });
}

/** The look-elsewhere toys of each range [first, end) on `workers` threads; `onRange` gets each range's toys when they are all done. */
export async function leeToyRanges(set: TemplateSet, fit: FitSettings, options: { seed: number; c0: number }, ranges: readonly (readonly [number, number])[], workers: number, onRange: (range: number, toys: LeeToyRange) => void, onToys?: (done: number) => void): Promise<void> {
  await runRanges(set, fit, ranges, LEE_TOYS_PER_TASK, (first, end) => ({ kind: 'lee-toys', first, end, seed: options.seed, c0: options.c0 }), workers, (r, results) => {
    const [first, end] = ranges[r];
    const maxQ0 = new Float64Array(end - first);
    const upCrossings = new Int32Array(end - first);
    const failedHypothesis = new Int32Array(end - first);
    let at = 0;
    for (const result of results) {
      if (result.kind !== 'lee-toys') throw new Error(`scan range ${r}: expected look-elsewhere toys, got ${result.kind}`);
      maxQ0.set(result.statistics.maxQ0, at);
      upCrossings.set(result.statistics.upCrossings, at);
      failedHypothesis.set(result.statistics.failedHypothesis, at);
      at += result.statistics.maxQ0.length;
    }
    onRange(r, { first, end, maxQ0, upCrossings, failedHypothesis });
  }, onToys);
}

/** The toy-based expected limits of each range of hypotheses [first, end) on `workers` threads. */
export async function toyExpectedRanges(set: TemplateSet, fit: FitSettings, options: { toys: number; seed: number }, ranges: readonly (readonly [number, number])[], workers: number, onRange: (range: number, points: ToyExpectedRange) => void, onHypotheses?: (done: number) => void): Promise<void> {
  await runRanges(set, fit, ranges, 1, (first, end) => ({ kind: 'expected-toys', first, end, toys: options.toys, seed: options.seed }), workers, (r, results) => {
    const points = results.flatMap((result) => {
      if (result.kind !== 'expected-toys') throw new Error(`scan range ${r}: expected toy limits, got ${result.kind}`);
      return result.points;
    });
    onRange(r, { first: ranges[r][0], end: ranges[r][1], points });
  }, onHypotheses);
}

/** The look-elsewhere toys 0 … toys − 1 on `workers` threads, joined in toy order. */
export async function leeToysInParallel(set: TemplateSet, fit: FitSettings, options: { toys: number; seed: number; c0: number }, workers: number, onToys?: (done: number) => void): Promise<LeeToyStatistics> {
  let all: LeeToyStatistics = { maxQ0: new Float64Array(0), upCrossings: new Int32Array(0), failedHypothesis: new Int32Array(0) };
  await leeToyRanges(set, fit, options, [[0, options.toys]], workers, (_, toys) => (all = toys), onToys);
  return { maxQ0: all.maxQ0, upCrossings: all.upCrossings, failedHypothesis: all.failedHypothesis };
}

/** Toy-based expected limits of every hypothesis on `workers` threads, in mass order. */
export async function toyExpectedInParallel(set: TemplateSet, fit: FitSettings, options: { toys: number; seed: number }, workers: number, onHypotheses?: (done: number) => void): Promise<ToyExpectedPoint[]> {
  let all: readonly ToyExpectedPoint[] = [];
  await toyExpectedRanges(set, fit, options, [[0, set.grid.massGeV.length]], workers, (_, range) => (all = range.points), onHypotheses);
  return [...all];
}
