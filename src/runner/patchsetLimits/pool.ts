import { Piscina } from 'piscina';
import { compiledWorkerScript } from '../workerScript.js';
import { patchLimit, type PatchLimit, type PatchLimitSetup } from './task.js';

/**
 * The limits of every patch of a patchset (a published analysis' whole signal grid), on `workers`
 * threads (piscina), each taking the next patch when free. Results come back in patchset order and do
 * not depend on the number of threads (each point is an independent deterministic computation).
 */
export async function patchsetLimits(setup: PatchLimitSetup, workers: number, onDone: (done: number, total: number) => void = () => undefined): Promise<PatchLimit[]> {
  const total = setup.inputs.patchset?.patchset.patches.length ?? 0;
  if (workers <= 1 || total <= 1) {
    const out: PatchLimit[] = [];
    for (let i = 0; i < total; i++) {
      out.push(patchLimit(setup, i));
      onDone(i + 1, total);
    }
    return out;
  }
  const threads = Math.min(workers, total);
  const pool = new Piscina<number, PatchLimit>({
    filename: compiledWorkerScript(import.meta.url, './worker.js', '../../../dist/src/runner/patchsetLimits/worker.js', 'patchset limits').href,
    workerData: setup,
    minThreads: threads,
    maxThreads: threads,
  });
  let finished = 0;
  try {
    return await Promise.all(
      Array.from({ length: total }, async (_, i) => {
        const result = await pool.run(i);
        onDone(++finished, total);
        return result;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
