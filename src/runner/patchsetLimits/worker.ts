import { parentPort, workerData } from 'node:worker_threads';
import { patchLimit, type PatchLimit, type PatchLimitSetup } from './task.js';

/** A patchset worker thread: computes the limits of the patches it is sent (by index). */

export type PatchWorkerRequest = { readonly id: number };
export type PatchWorkerReply = { readonly id: number; readonly result: PatchLimit } | { readonly id: number; readonly crash: string };

const port = parentPort;
if (port !== null) {
  const setup = workerData as PatchLimitSetup;
  port.on('message', (request: PatchWorkerRequest) => {
    try {
      port.postMessage({ id: request.id, result: patchLimit(setup, request.id) } satisfies PatchWorkerReply);
    } catch (error) {
      port.postMessage({ id: request.id, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies PatchWorkerReply);
    }
  });
}
