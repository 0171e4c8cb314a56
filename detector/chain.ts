import type { EventBatch } from '../src/events/eventBatch.js';
import { emptyRecoBatch, type RecoBatch } from '../src/events/recoBatch.js';
import { createStream, type RandomStream } from '../src/random/stream.js';
import type { DetectorSettings } from './settings.js';
import type { DataTakingPeriod, DetectorEnvironment, EfficiencyDefinition, Stage, StageCounts } from './stage.js';
import { createStageRun, isStageTypeName, stageRegistry } from './stages/index.js';

/**
 * A detector: the stage instances of a scenario's `detector` section, run in order on each batch.
 * Stage s of batch k draws from the stream (seed, "detector/<s.name>", k), and the data-taking
 * period of each event from (seed, "detector/periods", k): the output of a batch depends only on
 * the truth batch, the settings, the seed and k, never on other batches or on the worker.
 */

/** What one stage did on one or more batches. */
export interface StageReport {
  readonly name: string;
  readonly type: string;
  readonly counts: StageCounts;
  readonly efficiencies: readonly EfficiencyDefinition[];
}

export interface DetectorOutput {
  readonly batch: RecoBatch;
  /** One report per stage, in run order. */
  readonly cutflow: readonly StageReport[];
}

export interface Detector {
  readonly env: DetectorEnvironment;
  readonly stages: readonly Stage[];
  /**
   * Reconstructs one truth batch. With `sample`, the streams are (seed, "detector/<sample>/<stage>",
   * batch): samples reconstructed side by side (the templates' processes) then draw independent numbers.
   */
  reconstruct(truth: EventBatch, seed: number, batchIndex: number, sample?: string): DetectorOutput;
}

/** What a detector needs from the rest of the scenario: the nominal beams and the data-taking periods. */
export type DetectorConditions = Omit<DetectorEnvironment, 'magneticFieldT'>;

/** Builds the stages of validated settings (from `DetectorSettings.parse`). */
export function buildDetector(settings: DetectorSettings, conditions: DetectorConditions): Detector {
  const env: DetectorEnvironment = { magneticFieldT: settings.magneticFieldT, frame: conditions.frame, periods: conditions.periods };
  if (env.periods.length === 0) throw new RangeError('buildDetector: at least one data-taking period is needed');
  if (env.periods.length > 255) throw new RangeError('buildDetector: at most 255 data-taking periods');
  const stages: Stage[] = settings.stages.map((s) => {
    const type: string = s.type;
    if (!isStageTypeName(type)) throw new RangeError(`buildDetector: unknown stage type "${type}"`);
    const run = createStageRun(s.type, s, env);
    return { name: s.name ?? s.type, type: s.type, efficiencies: stageRegistry[s.type].efficiencies, run };
  });
  const luminosity = env.periods.map((p) => p.luminosityFb);
  return {
    env,
    stages,
    reconstruct(truth, seed, batchIndex, sample) {
      const prefix = sample === undefined ? 'detector' : `detector/${sample}`;
      let batch = assignPeriods(emptyRecoBatch(truth), luminosity, createStream(seed, `${prefix}/periods`, batchIndex));
      const cutflow: StageReport[] = [];
      for (const stage of stages) {
        const result = stage.run(batch, { truth, stream: createStream(seed, `${prefix}/${stage.name}`, batchIndex) });
        batch = result.batch;
        cutflow.push({ name: stage.name, type: stage.type, counts: result.counts, efficiencies: stage.efficiencies });
      }
      return { batch, cutflow };
    },
  };
}

/** Assigns each event to a period with probability ∝ the periods' luminosities. */
export function assignPeriods(batch: RecoBatch, luminosityFb: readonly number[], stream: RandomStream): RecoBatch {
  const period = new Uint8Array(batch.nEvents);
  if (luminosityFb.length > 1) {
    const total = luminosityFb.reduce((a, b) => a + b, 0);
    if (!(total > 0)) throw new RangeError('assignPeriods: the total luminosity must be positive');
    const cumulative = new Float64Array(luminosityFb.length);
    let sum = 0;
    luminosityFb.forEach((l, p) => {
      sum += l / total;
      cumulative[p] = sum;
    });
    const last = luminosityFb.length - 1;
    for (let i = 0; i < batch.nEvents; i++) {
      const u = stream.uniform();
      let p = 0;
      while (p < last && u >= cumulative[p]) p++;
      period[i] = p;
    }
  }
  return { ...batch, period };
}

/** Adds the counts of several cut flows of the same detector (e.g. of all batches of a sample). */
export function mergeCutflows(flows: readonly (readonly StageReport[])[]): StageReport[] {
  if (flows.length === 0) return [];
  return flows[0].map((stage, s) => {
    const counts: StageCounts = {};
    for (const flow of flows) {
      for (const [key, value] of Object.entries(flow[s].counts)) counts[key] = (counts[key] ?? 0) + value;
    }
    return { ...stage, counts };
  });
}

/** The efficiencies a report defines, evaluated on its counts (NaN when the denominator is 0). */
export function stageEfficiencies(report: StageReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of report.efficiencies) {
    const denominator = report.counts[e.denominator] ?? 0;
    out[e.name] = denominator > 0 ? (report.counts[e.numerator] ?? 0) / denominator : Number.NaN;
  }
  return out;
}

export type { DataTakingPeriod };
