import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { patchLimit, type PatchLimit, type PatchLimitSetup } from './task.js';
import type { PatchWorkerReply } from './worker.js';

/**
 * The limits of every patch of a patchset (a published analysis' whole signal grid), on `workers`
 * threads, each taking the next patch when free. Results come back in patchset order and do not
 * depend on the number of threads (each point is an independent deterministic computation).
 */

function workerScript(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const compiled = new URL('../../../dist/src/runner/patchsetLimits/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return compiled;
  throw new Error('patchset limits: the worker thread needs the compiled sources (npm run build)');
}

export function patchsetLimits(setup: PatchLimitSetup, workers: number, onDone: (done: number, total: number) => void = () => undefined): Promise<PatchLimit[]> {
  const total = setup.inputs.patchset?.patchset.patches.length ?? 0;
  if (workers <= 1 || total <= 1) {
    const out: PatchLimit[] = [];
    for (let i = 0; i < total; i++) {
      out.push(patchLimit(setup, i));
      onDone(i + 1, total);
    }
    return Promise.resolve(out);
  }
  const script = workerScript();
  const results: (PatchLimit | undefined)[] = new Array(total);
  return new Promise((resolve, reject) => {
    let next = 0;
    let finished = 0;
    let failed = false;
    const threads: Worker[] = [];
    const stopAll = (): void => {
      for (const thread of threads) void thread.terminate();
    };
    const feed = (thread: Worker): void => {
      if (next >= total) return;
      thread.postMessage({ id: next++ });
    };
    for (let w = 0; w < Math.min(workers, total); w++) {
      const thread = new Worker(script, { workerData: setup });
      threads.push(thread);
      thread.on('message', (reply: PatchWorkerReply) => {
        if (failed) return;
        if ('crash' in reply) {
          failed = true;
          stopAll();
          reject(new Error(`patchset limits: patch ${reply.id} failed in a worker thread: ${reply.crash}`));
          return;
        }
        results[reply.id] = reply.result;
        onDone(++finished, total);
        if (finished === total) {
          stopAll();
          resolve(results.map((r) => r as PatchLimit));
        } else feed(thread);
      });
      thread.on('error', (error) => {
        if (failed) return;
        failed = true;
        stopAll();
        reject(error);
      });
      feed(thread);
    }
  });
}
