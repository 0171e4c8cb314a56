import { type EventBatch, EventBatchBuilder } from '../../src/events/eventBatch.js';
import type { RandomStream } from '../../src/random/stream.js';
import type { GenerationStats } from '../process.js';
import { EventTrials } from './trialLimits.js';

/**
 * Running sums of Monte Carlo weights (pb) for a cross section and its error:
 * σ = ⟨w⟩ over all trials, δσ = √((⟨w²⟩ − ⟨w⟩²)/N).
 */
export class WeightSums {
  trials = 0;
  private sumW = 0;
  private sumW2 = 0;

  /** Records one trial of weight `w` (pb); zero for points outside the physical region or cuts. */
  add(w: number): void {
    this.trials++;
    this.sumW += w;
    this.sumW2 += w * w;
  }

  get sigmaPb(): number {
    return this.trials > 0 ? this.sumW / this.trials : 0;
  }

  get sigmaErrPb(): number {
    if (this.trials < 2) return 0;
    const mean = this.sumW / this.trials;
    return Math.sqrt(Math.max(0, this.sumW2 / this.trials - mean * mean) / this.trials);
  }
}

/**
 * `WeightSums` with the unweighting bookkeeping: events accepted, trials above the maximum weight,
 * and the trials each event takes (bounded by MAX_TRIALS_PER_EVENT).
 */
export class WeightTally extends WeightSums {
  accepted = 0;
  overweight = 0;
  readonly eventTrials: EventTrials;

  /**
   * @param maxWeight the unweighting maximum (pb); 0 while it is not known (no overweights are counted).
   * @param process the process name, for the error of an event that finds no accepted trial.
   */
  constructor(
    public maxWeight: number,
    process: string,
  ) {
    super();
    this.eventTrials = new EventTrials(process);
  }

  override add(w: number): void {
    super.add(w);
    if (this.maxWeight > 0 && w > this.maxWeight) this.overweight++;
  }

  stats(): GenerationStats {
    const sigma = this.sigmaPb;
    return {
      sigmaPb: sigma,
      sigmaErrPb: this.sigmaErrPb,
      trials: this.trials,
      accepted: this.accepted,
      unweightingEfficiency: this.maxWeight > 0 ? sigma / this.maxWeight : 0,
      overweightFraction: this.trials > 0 ? this.overweight / this.trials : 0,
      maxTrialsPerEvent: this.eventTrials.most,
    };
  }
}

/**
 * Fills a batch of `nEvents` events by hit-or-miss against `tally.maxWeight` (or keeps weighted
 * events; unweighted events have weight 1, or w/w_max > 1 for the rare trials above the maximum):
 * `trial` returns a trial's weight (pb) and leaves its kinematics ready, `build` writes the
 * accepted trial as one event. Weighted events are rescaled so that the batch's Σw/N estimates σ,
 * trials of zero weight included. An event that takes more than MAX_TRIALS_PER_EVENT trials throws.
 */
export function hitOrMissBatch(
  nEvents: number,
  particlesPerEvent: number,
  stream: RandomStream,
  tally: WeightTally,
  weighted: boolean,
  trial: (stream: RandomStream) => number,
  build: (stream: RandomStream, builder: EventBatchBuilder, weight: number) => void,
): EventBatch {
  const builder = new EventBatchBuilder(nEvents, particlesPerEvent);
  const eventTrials = tally.eventTrials;
  eventTrials.startBatch();
  let batchTrials = 0;
  while (builder.eventCount < nEvents) {
    eventTrials.count();
    const w = trial(stream);
    tally.add(w);
    batchTrials++;
    if (!(w > 0)) continue;
    if (!weighted && stream.uniform() * tally.maxWeight >= w) continue;
    eventTrials.event();
    tally.accepted++;
    // A trial above the maximum weight is kept with weight w/w_max, so that the sample stays unbiased.
    build(stream, builder, weighted ? w : Math.max(1, w / tally.maxWeight));
  }
  const batch = builder.build();
  if (weighted) for (let i = 0; i < batch.nEvents; i++) batch.weight[i] *= batch.nEvents / batchTrials;
  return batch;
}
