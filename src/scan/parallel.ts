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
export async function runScanTasks(set: TemplateSet, fit: FitSettings, tasks: readonly ScanTask[], workers: number, onDone?: (task: number) => void): Promise<ScanTaskResult[]> {
  if (workers <= 1 || tasks.length <= 1) {
    return tasks.map((task, i) => {
      const result = runScanTask(set, fit, task);
      onDone?.(i);
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
        onDone?.(i);
        return result;
      }),
    );
  } finally {
    await pool.destroy();
  }
}

/** Look-elsewhere toys per task: small enough for a smooth progress bar, large enough to keep threads busy. */
const LEE_TOYS_PER_TASK = 10;

/** The look-elsewhere toys 0 … toys − 1 on `workers` threads, joined in toy order. */
export async function leeToysInParallel(set: TemplateSet, fit: FitSettings, options: { toys: number; seed: number; c0: number }, workers: number, onToys?: (done: number) => void): Promise<LeeToyStatistics> {
  const tasks = taskRanges(options.toys, LEE_TOYS_PER_TASK).map(([first, end]) => ({ kind: 'lee-toys' as const, first, end, seed: options.seed, c0: options.c0 }));
  let done = 0;
  const results = await runScanTasks(set, fit, tasks, workers, (i) => onToys?.((done += tasks[i].end - tasks[i].first)));
  const maxQ0 = new Float64Array(options.toys);
  const upCrossings = new Int32Array(options.toys);
  results.forEach((r, i) => {
    if (r.kind !== 'lee-toys') throw new Error(`scan task ${i}: expected look-elsewhere toys, got ${r.kind}`);
    maxQ0.set(r.statistics.maxQ0, tasks[i].first);
    upCrossings.set(r.statistics.upCrossings, tasks[i].first);
  });
  return { maxQ0, upCrossings };
}

/** Toy-based expected limits of every hypothesis on `workers` threads, in mass order. */
export async function toyExpectedInParallel(set: TemplateSet, fit: FitSettings, options: { toys: number; seed: number }, workers: number, onHypotheses?: (done: number) => void): Promise<ToyExpectedPoint[]> {
  const tasks = taskRanges(set.grid.massGeV.length, 1).map(([first, end]) => ({ kind: 'expected-toys' as const, first, end, toys: options.toys, seed: options.seed }));
  let done = 0;
  const results = await runScanTasks(set, fit, tasks, workers, (i) => onHypotheses?.((done += tasks[i].end - tasks[i].first)));
  return results.flatMap((r, i) => {
    if (r.kind !== 'expected-toys') throw new Error(`scan task ${i}: expected toy limits, got ${r.kind}`);
    return r.points;
  });
}
