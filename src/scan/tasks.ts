/**
 * The scan's toy work as tasks that a worker thread or this thread runs alike: a task's result
 * depends only on the task (its toys come from named streams), and results are joined in task
 * order, so the output does not depend on the number of workers.
 */
import type { TemplateSet } from '../runner/templates/build.js';
import type { FitSettings } from '../scenario/index.js';
import { leeToyStatistics, type LeeToyStatistics } from './lookElsewhere.js';
import { type ToyExpectedPoint, toyExpectedPoint } from './toyExpected.js';

export type ScanTask =
  /** Toy-based expected limits of hypotheses `first` … `end − 1`. */
  | { readonly kind: 'expected-toys'; readonly first: number; readonly end: number; readonly toys: number; readonly seed: number }
  /** Look-elsewhere toys `first` … `end − 1` of the whole scan. */
  | { readonly kind: 'lee-toys'; readonly first: number; readonly end: number; readonly seed: number; readonly c0: number };

export type ScanTaskResult = { readonly kind: 'expected-toys'; readonly points: ToyExpectedPoint[] } | { readonly kind: 'lee-toys'; readonly statistics: LeeToyStatistics };

export function runScanTask(set: TemplateSet, fit: FitSettings, task: ScanTask): ScanTaskResult {
  if (task.kind === 'expected-toys') {
    const points: ToyExpectedPoint[] = [];
    for (let k = task.first; k < task.end; k++) points.push(toyExpectedPoint(set, k, fit, { toys: task.toys, seed: task.seed }));
    return { kind: 'expected-toys', points };
  }
  return { kind: 'lee-toys', statistics: leeToyStatistics(set, fit, task.seed, task.first, task.end, task.c0) };
}

/** `total` items in tasks of at most `size`, as [first, end) ranges. */
export function taskRanges(total: number, size: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let first = 0; first < total; first += size) ranges.push([first, Math.min(total, first + size)]);
  return ranges;
}
