import { workerData } from 'piscina';
import { patchLimit, type PatchLimit, type PatchLimitSetup } from './task.js';

/** A patchset worker thread (piscina): computes the limit of the patch it is sent (by index). */

const setup = workerData as PatchLimitSetup;

export default function run(index: number): PatchLimit {
  return patchLimit(setup, index);
}
