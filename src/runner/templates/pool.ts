import { Worker } from 'node:worker_threads';
import { compiledWorkerScript } from '../workerScript.js';
import type { TaskResult, TemplateTask } from './tasks.js';
import type { WorkerReply, WorkerSetup } from './worker.js';

/**
 * Runs template tasks on worker threads, `workers` at a time, handing the next task to whichever
 * thread is free; results come back in task order, so the merged templates do not depend on the
 * number of threads or on which thread ran what.
 */

export function runTasksInWorkers(tasks: readonly TemplateTask[], setup: WorkerSetup, workers: number, onEvents: (task: number, events: number) => void, onDone: (task: number) => void): Promise<TaskResult[]> {
  const results: (TaskResult | undefined)[] = new Array(tasks.length);
  const script = compiledWorkerScript(import.meta.url, './worker.js', '../../../dist/src/runner/templates/worker.js', 'templates');
  return new Promise((resolve, reject) => {
    let next = 0;
    let finished = 0;
    let failed = false;
    const threads: Worker[] = [];
    const stopAll = () => {
      for (const thread of threads) void thread.terminate();
    };
    const feed = (thread: Worker) => {
      if (next >= tasks.length) {
        void thread.terminate();
        return;
      }
      const id = next++;
      thread.postMessage({ id, task: tasks[id] });
    };
    const count = Math.max(1, Math.min(workers, tasks.length));
    if (tasks.length === 0) {
      resolve([]);
      return;
    }
    for (let w = 0; w < count; w++) {
      const thread = new Worker(script, { workerData: setup });
      threads.push(thread);
      thread.on('message', (reply: WorkerReply) => {
        if (failed) return;
        if ('error' in reply) {
          failed = true;
          stopAll();
          reject(new Error(`templates: task ${reply.id} failed in a worker thread: ${reply.error}`));
        } else if ('events' in reply) {
          onEvents(reply.id, reply.events);
        } else {
          results[reply.id] = reply.result;
          onDone(reply.id);
          if (++finished === tasks.length) {
            stopAll();
            resolve(results.map((r) => r as TaskResult));
          } else {
            feed(thread);
          }
        }
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
