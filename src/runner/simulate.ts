import { type Detector, mergeCutflows, stageEfficiencies, type StageReport } from '../../detector/index.js';
import type { EventGenerator } from '../../generators/process.js';
import { TriggerBit } from '../events/recoBatch.js';
import { createStream } from '../random/stream.js';
import { forEachBatch } from './batches.js';

/**
 * Generates a sample of one process and passes it through a detector: what each stage kept, and
 * how many events have two opposite-charge tracks and pass the online selection.
 */

/** Which sample to simulate. */
export interface SampleRequest {
  readonly process: string;
  readonly events: number;
  readonly seed: number;
}

/** The result of `simulateSample` (what `simulate --json` prints). */
export interface SimulateReport {
  readonly process: string;
  readonly mass_GeV: number | null;
  readonly events: number;
  readonly seed: number;
  readonly sigma_pb: number;
  readonly sigma_err_pb: number;
  /** Per stage in run order: its counts and the efficiencies it defines. */
  readonly stages: readonly { name: string; type: string; counts: Record<string, number>; efficiencies: Record<string, number | null> }[];
  /** Events by number of reconstructed tracks and with exactly two of opposite charge. */
  readonly events_two_opposite_tracks: number;
  /** Events the online selection keeps: two-track trigger fired and no Bhabha veto. */
  readonly events_triggered: number;
  readonly trigger_efficiency: number;
}

/** Generates and reconstructs every batch of the request; returns the report. */
export function simulateSample(generator: EventGenerator, request: SampleRequest, detector: Detector): SimulateReport {
  const flows: (readonly StageReport[])[] = [];
  let twoTracks = 0;
  let triggered = 0;
  forEachBatch(request.events, (k, n) => {
    const truth = generator.generate(n, createStream(request.seed, request.process, k));
    const { batch, cutflow } = detector.reconstruct(truth, request.seed, k);
    flows.push(cutflow);
    for (let i = 0; i < batch.nEvents; i++) {
      const a = batch.trackOffsets[i];
      if (batch.trackOffsets[i + 1] - a === 2 && batch.trackCharge[a] + batch.trackCharge[a + 1] === 0) twoTracks++;
      const bits = batch.trigger[i];
      if ((bits & TriggerBit.twoTrack) !== 0 && (bits & TriggerBit.bhabhaVeto) === 0) triggered++;
    }
  });
  const stats = generator.stats();
  const facts = generator.describe();
  const nan = (x: number) => (Number.isNaN(x) ? null : x);
  return {
    process: request.process,
    mass_GeV: typeof facts.mass_GeV === 'number' ? facts.mass_GeV : null,
    events: request.events,
    seed: request.seed,
    sigma_pb: stats.sigmaPb,
    sigma_err_pb: stats.sigmaErrPb,
    stages: mergeCutflows(flows).map((s) => ({
      name: s.name,
      type: s.type,
      counts: { ...s.counts },
      efficiencies: Object.fromEntries(Object.entries(stageEfficiencies(s)).map(([key, value]) => [key, nan(value)])),
    })),
    events_two_opposite_tracks: twoTracks,
    events_triggered: triggered,
    trigger_efficiency: triggered / request.events,
  };
}

