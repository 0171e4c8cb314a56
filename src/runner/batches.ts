/**
 * A sample of N events is made in batches of BATCH_SIZE; batch k draws from its own streams
 * ((seed, process, k) for the generator, (seed, "detector/<stage>", k) for the detector), so the
 * events of a seed do not depend on how the work is split among workers or shards.
 */

/** Events per batch: fixed, so that batch k is the same whoever makes it. */
export const BATCH_SIZE = 10_000;

/** Calls `each(k, n)` for every batch of a sample of `events` events, in order (n ≤ BATCH_SIZE). */
export function forEachBatch(events: number, each: (batchIndex: number, batchEvents: number) => void): void {
  const nBatches = Math.ceil(events / BATCH_SIZE);
  for (let k = 0; k < nBatches; k++) each(k, Math.min(BATCH_SIZE, events - k * BATCH_SIZE));
}
