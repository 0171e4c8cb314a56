import { yieldToSignals } from './temporaryFiles.js';

/**
 * A sample of N events is made in batches of BATCH_SIZE; batch k draws from its own streams
 * ((seed, process, k) for the generator, (seed, "detector/<stage>", k) for the detector), so the
 * events of a seed do not depend on how the work is split among workers or shards.
 */

/** Events per batch: fixed, so that batch k is the same whoever makes it. */
export const BATCH_SIZE = 10_000;

/** A contiguous run of the batches of a sample: batches first, …, first + count − 1. */
export interface BatchRange {
  readonly first: number;
  readonly count: number;
}

/** The number of batches of a sample of `events` events. */
export function batchCount(events: number): number {
  return Math.ceil(events / BATCH_SIZE);
}

/**
 * Calls `each(k, n)` for every batch of a sample of `events` events, in order (n ≤ BATCH_SIZE);
 * with `range`, only for the batches of that range.
 */
export function forEachBatch(events: number, each: (batchIndex: number, batchEvents: number) => void, range?: BatchRange): void {
  const nBatches = batchCount(events);
  const first = range?.first ?? 0;
  const end = range === undefined ? nBatches : Math.min(nBatches, first + range.count);
  for (let k = first; k < end; k++) each(k, Math.min(BATCH_SIZE, events - k * BATCH_SIZE));
}

/**
 * `forEachBatch` over a whole sample that lets the event loop turn after each batch, so that the
 * SIGINT/SIGTERM handlers of a long run (the removal of its temporary files, temporaryFiles.ts) run.
 */
export async function forEachBatchYielding(events: number, each: (batchIndex: number, batchEvents: number) => void): Promise<void> {
  for (let k = 0; k < batchCount(events); k++) {
    each(k, Math.min(BATCH_SIZE, events - k * BATCH_SIZE));
    await yieldToSignals();
  }
}
