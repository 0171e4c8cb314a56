import { workerData } from 'piscina';
import type { TemplateSet } from '../runner/templates/build.js';
import type { FitSettings } from '../scenario/index.js';
import { runScanTask, type ScanTask, type ScanTaskResult } from './tasks.js';

/** A scan worker thread (piscina): the templates and fit settings come once, as its worker data. */

export interface ScanWorkerSetup {
  readonly set: TemplateSet;
  readonly fit: FitSettings;
}

const setup = workerData as ScanWorkerSetup;

export default function run(task: ScanTask): ScanTaskResult {
  return runScanTask(setup.set, setup.fit, task);
}
