import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TaskResult, TemplateTask } from './tasks.js';
import type { WorkerReply, WorkerSetup } from './worker.js';

/**
 * Runs template tasks on worker threads, `workers` at a time, handing the next task to whichever
 * thread is free; results come back in task order, so the merged templates do not depend on the
 * number of threads or on which thread ran what.
 */

/** The compiled worker script: beside this module in dist/, or in dist/ when this module runs from its TypeScript source. */
function workerScript(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const compiled = new URL('../../../dist/src/runner/templates/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return compiled;
  throw new Error('templates: the worker thread needs the compiled sources (npm run build)');
}

export function runTasksInWorkers(tasks: readonly TemplateTask[], setup: WorkerSetup, workers: number, onEvents: (task: number, events: number) => void, onDone: (task: number) => void): Promise<TaskResult[]> {
  const results: (TaskResult | undefined)[] = new Array(tasks.length);
  const script = workerScript();
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
