import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../../scenario/index.js';
import { parsePunziNet } from '../../selection/punziNet/file.js';
import { scenarioDetector } from '../scenarioDetector.js';
import type { TemplateAxes } from './sample.js';
import { runTemplateTask, type TemplateTask } from './tasks.js';

/** A template worker thread: builds the scenario's detector once, then runs the tasks it is sent. */

export interface WorkerSetup {
  readonly scenario: Scenario;
  readonly axes: TemplateAxes;
  /** The Punzi-net file's text and name, or null for the selection without the network. */
  readonly network: { readonly text: string; readonly file: string } | null;
}

export type WorkerRequest = { readonly id: number; readonly task: TemplateTask };
export type WorkerReply = { readonly id: number; readonly result: ReturnType<typeof runTemplateTask> } | { readonly id: number; readonly events: number } | { readonly id: number; readonly error: string };

const port = parentPort;
if (port !== null) {
  const setup = workerData as WorkerSetup;
  const detector = scenarioDetector(setup.scenario);
  const network = setup.network === null ? undefined : parsePunziNet(setup.network.text, setup.network.file).network;
  port.on('message', (request: WorkerRequest) => {
    try {
      const result = runTemplateTask(setup.scenario, detector, setup.axes, request.task, network, (events) => port.postMessage({ id: request.id, events } satisfies WorkerReply));
      port.postMessage({ id: request.id, result } satisfies WorkerReply, [result.sumw.buffer as ArrayBuffer, result.sumw2.buffer as ArrayBuffer]);
    } catch (error) {
      port.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
    }
  });
}
