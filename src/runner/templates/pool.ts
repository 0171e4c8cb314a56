import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { compiledWorkerScript } from '../workerScript.js';
import type { TaskResult, TemplateTask } from './tasks.js';
import type { TemplateTaskRequest, WorkerSetup } from './worker.js';

/**
 * Runs template tasks on `workers` worker threads (piscina), each taking the next task when free;
 * results come back in task order, so the merged templates do not depend on the number of threads
 * or on which thread ran what. Each task reports its generated events on a port of its own.
 */
export async function runTasksInWorkers(tasks: readonly TemplateTask[], setup: WorkerSetup, workers: number, onEvents: (task: number, events: number) => void, onDone: (task: number, result: TaskResult) => void): Promise<TaskResult[]> {
  if (tasks.length === 0) return [];
  const threads = Math.max(1, Math.min(workers, tasks.length));
  const pool = new Piscina<TemplateTaskRequest, TaskResult>({
    filename: compiledWorkerScript(import.meta.url, './worker.js', '../../../dist/src/runner/templates/worker.js', 'templates').href,
    workerData: setup,
    minThreads: threads,
    maxThreads: threads,
  });
  try {
    return await Promise.all(
      tasks.map(async (task, id) => {
        const { port1, port2 } = new MessageChannel();
        port1.on('message', (events: number) => onEvents(id, events));
        try {
          const result = await pool.run({ task, port: port2 }, { transferList: [port2] });
          onDone(id, result);
          return result;
        } catch (error) {
          throw new Error(`templates: task ${id} failed in a worker thread: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        } finally {
          port1.close();
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
}
