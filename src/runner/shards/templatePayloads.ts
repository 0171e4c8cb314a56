import type { TaskResult } from '../templates/tasks.js';
import { decodeDoubles, encodeDoubles } from '../templates/file.js';
import { ShardFileError, type ShardPart } from './partFile.js';

/**
 * The payload of a templates shard: the results of the template tasks `first` … `end − 1` (background
 * chunks and signal masses, src/runner/templates/tasks.ts), each with its σ, trials, events, cut flow
 * and the plane's Σw, Σw² as exact doubles, so that the merged templates are the bytes of one process.
 */

export interface TemplatesPayload {
  readonly first: number;
  readonly end: number;
  readonly tasks: readonly unknown[];
}

export function templatesPayload(first: number, results: readonly TaskResult[]): TemplatesPayload {
  return {
    first,
    end: first + results.length,
    tasks: results.map((r) => ({
      sigma_pb: r.sigmaPb,
      sigma_err_pb: r.sigmaErrPb,
      trials: r.trials,
      events_generated: r.eventsGenerated,
      sumw: encodeDoubles(r.sumw),
      sumw2: encodeDoubles(r.sumw2),
      cutflow: { steps: r.cutflow.steps, sum_w: encodeDoubles(r.cutflow.sumW), sum_w2: encodeDoubles(r.cutflow.sumW2), counts: encodeDoubles(r.cutflow.counts) },
      ...(r.photonVeto === undefined ? {} : { photon_veto: { sumw: encodeDoubles(r.photonVeto.sumw), sumw2: encodeDoubles(r.photonVeto.sumw2) } }),
    })),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The task results of a part covering tasks `range`, each plane of `cells` cells; any defect names the part's file and field. */
export function templatesFromPart(part: ShardPart, range: readonly [number, number], cells: number): TaskResult[] {
  const p = part.payload;
  const n = range[1] - range[0];
  if (!isRecord(p) || p.first !== range[0] || p.end !== range[1] || !Array.isArray(p.tasks) || p.tasks.length !== n) {
    throw new ShardFileError(`${part.path}: payload must hold template tasks ${range[0]} to ${range[1] - 1} (shard ${part.name.index} of ${part.name.count})`);
  }
  return p.tasks.map((task, k) => {
    const field = `payload.tasks[${k}]`;
    const doubles = (value: unknown, name: string, length?: number): Float64Array => {
      let values: Float64Array;
      try {
        values = decodeDoubles(String(value));
      } catch {
        throw new ShardFileError(`${part.path}: ${field}.${name} is not base64 doubles`);
      }
      if (length !== undefined && values.length !== length) throw new ShardFileError(`${part.path}: ${field}.${name} has ${values.length} values: must be ${length}`);
      return values;
    };
    if (!isRecord(task) || !isRecord(task.cutflow) || !Array.isArray(task.cutflow.steps)) throw new ShardFileError(`${part.path}: ${field} must hold a template task's result with its cutflow`);
    for (const key of ['sigma_pb', 'sigma_err_pb', 'trials', 'events_generated']) {
      if (typeof task[key] !== 'number') throw new ShardFileError(`${part.path}: ${field}.${key} must be a number`);
    }
    const steps = task.cutflow.steps as { name: string; description: string }[];
    if (!steps.every((s) => isRecord(s) && typeof s.name === 'string' && typeof s.description === 'string')) throw new ShardFileError(`${part.path}: ${field}.cutflow.steps must be {name, description}`);
    const veto = task.photon_veto;
    if (veto !== undefined && !isRecord(veto)) throw new ShardFileError(`${part.path}: ${field}.photon_veto must be {sumw, sumw2}`);
    const photonVeto = veto === undefined ? undefined : { sumw: doubles(veto.sumw, 'photon_veto.sumw'), sumw2: doubles(veto.sumw2, 'photon_veto.sumw2') };
    if (photonVeto !== undefined && photonVeto.sumw.length !== photonVeto.sumw2.length) throw new ShardFileError(`${part.path}: ${field}.photon_veto.sumw2 must have as many values as photon_veto.sumw`);
    return {
      sigmaPb: task.sigma_pb as number,
      sigmaErrPb: task.sigma_err_pb as number,
      trials: task.trials as number,
      eventsGenerated: task.events_generated as number,
      sumw: doubles(task.sumw, 'sumw', cells),
      sumw2: doubles(task.sumw2, 'sumw2', cells),
      cutflow: { steps, sumW: doubles(task.cutflow.sum_w, 'cutflow.sum_w', steps.length + 1), sumW2: doubles(task.cutflow.sum_w2, 'cutflow.sum_w2', steps.length + 1), counts: doubles(task.cutflow.counts, 'cutflow.counts', steps.length + 1) },
      ...(photonVeto === undefined ? {} : { photonVeto }),
    };
  });
}
