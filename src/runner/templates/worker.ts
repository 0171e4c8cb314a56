import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'piscina';
import type { Scenario } from '../../scenario/index.js';
import { parsePunziNet } from '../../selection/punziNet/file.js';
import { scenarioDetector } from '../scenarioDetector.js';
import type { TemplateAxes } from './sample.js';
import { runTemplateTask, type TaskResult, type TemplateTask } from './tasks.js';

/** A template worker thread (piscina): builds the scenario's detector once, then runs the tasks it is sent. */

export interface WorkerSetup {
  readonly scenario: Scenario;
  readonly axes: TemplateAxes;
  /** The Punzi-net file's text and name, or null for the selection without the network. */
  readonly network: { readonly text: string; readonly file: string } | null;
}

/** One task and the port on which it reports the events it has generated. */
export interface TemplateTaskRequest {
  readonly task: TemplateTask;
  readonly port: MessagePort;
}

const setup = workerData as WorkerSetup;
const detector = scenarioDetector(setup.scenario);
const network = setup.network === null ? undefined : parsePunziNet(setup.network.text, setup.network.file).network;

export default function run(request: TemplateTaskRequest): TaskResult {
  try {
    return runTemplateTask(setup.scenario, detector, setup.axes, request.task, network, (events) => request.port.postMessage(events));
  } finally {
    request.port.close();
  }
}
