import { type Detector, mergeCutflows, stageEfficiencies, type StageReport } from '../../detector/index.js';
import type { EventGenerator } from '../../generators/process.js';
import type { EventBatch } from '../events/eventBatch.js';
import { type RecoBatch, TriggerBit } from '../events/recoBatch.js';
import { hasOppositeChargeTrackPair } from '../events/trackKinematics.js';
import { createStream } from '../random/stream.js';
import type { SelectionSettings } from '../scenario/selection.js';
import { CutFlow, type CutFlowRow, type EventClassifier, applySelection, type SampleSelection, type Selection, sampleSelection } from '../selection/index.js';
import { BATCH_SIZE, forEachBatch, forEachBatchYielding } from './batches.js';
import { RecoEventsFile, type RecoEventsFormat } from '../report/recoEvents.js';
import type { Scenario } from '../scenario/index.js';

/**
 * Generates a sample of one process and passes it through a detector and a selection: what each
 * detector stage kept, how many events have two opposite-charge tracks and pass the online
 * selection, and the cut flow of the offline selection with its yields at the scenario luminosity.
 */

/** Which sample to simulate. */
export interface SampleRequest {
  readonly process: string;
  readonly events: number;
  readonly seed: number;
}

/** The offline selection to apply: the search sample or a control sample, with or without the Punzi-net. */
export interface SelectionRequest {
  readonly settings: SelectionSettings;
  readonly sample: SampleSelection;
  /** Integrated luminosity of the yields, fb⁻¹. */
  readonly luminosityFb: number;
  /** The trained Punzi-net; without it the cut flow stops before the network. */
  readonly network?: EventClassifier;
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
  /** The offline selection applied and the luminosity of its yields. */
  readonly selection: SampleSelection;
  readonly punzi_net: boolean;
  readonly luminosity_fb: number;
  /** Weighted fraction and expected events after each step of the selection. */
  readonly cutflow: readonly CutFlowRow[];
  /** Fraction of generated events passing the whole selection. */
  readonly efficiency: number;
}

/**
 * Generates and reconstructs every batch of the request; returns the report: σ in pb with its Monte
 * Carlo error, the counts of every detector stage, the cut flow with its yields at
 * `selectionRequest.luminosityFb`, and the efficiency of the whole selection. Batch k draws from the
 * stream (request.seed, request.process, k). `sink`, if given, receives every reconstructed batch.
 *
 * @example
 * const scenario = loadScenario(defaultScenarioPath());
 * const cuts = { settings: scenario.selection, sample: 'signal', luminosityFb: scenario.luminosity.totalFb } as const;
 * const report = simulateSample(signalGenerator(scenario, 2), { process: 'signal', events: 20_000, seed: scenario.seed }, scenarioDetector(scenario), cuts);
 * report.efficiency * cuts.luminosityFb; // 25.031907: selected events per fb of σ(e⁺e⁻ → μ⁺μ⁻Z′) at 2 GeV/c²
 */
export function simulateSample(generator: EventGenerator, request: SampleRequest, detector: Detector, selectionRequest: SelectionRequest, sink?: BatchSink): SimulateReport {
  const run = new SampleRun(generator, request, detector, selectionRequest);
  forEachBatch(request.events, (k, n) => run.batch(k, n, sink));
  return run.report();
}

/**
 * `simulateSample` that lets the event loop turn after each batch, so that SIGINT/SIGTERM handlers
 * (the removal of a half-written output, src/runner/temporaryFiles.ts) run during a long sample.
 */
export async function simulateSampleAsync(generator: EventGenerator, request: SampleRequest, detector: Detector, selectionRequest: SelectionRequest, sink: BatchSink): Promise<SimulateReport> {
  const run = new SampleRun(generator, request, detector, selectionRequest);
  await forEachBatchYielding(request.events, (k, n) => run.batch(k, n, sink));
  return run.report();
}

/** Where `simulateSampleToFile` writes the reconstructed events, and the scenario they come from. */
export interface EventsOutput {
  readonly path: string;
  readonly format: RecoEventsFormat;
  readonly scenario: Scenario;
  /** The program that writes the file, with its version (the file's `created_by`). */
  readonly createdBy: string;
}

/**
 * `simulateSample` that also writes every reconstructed event to `output.path` (format
 * `zprime-mc-reco-events`, src/report/recoEvents.ts), atomically: the file appears complete when
 * the run ends, and nothing is left by a failed or interrupted run.
 */
export async function simulateSampleToFile(generator: EventGenerator, request: SampleRequest, detector: Detector, selectionRequest: SelectionRequest, output: EventsOutput): Promise<SimulateReport> {
  const { scenario } = output;
  const file = new RecoEventsFile(output.path, output.format, {
    process: request.process,
    periods: scenario.luminosity.periods.map((p) => p.name),
    muonIdMin: scenario.selection.muonIdMin,
    electronIdMin: scenario.selection.electronIdMin,
  });
  try {
    const report = await simulateSampleAsync(generator, request, detector, selectionRequest, (batch, truth, first) => file.add(batch, truth, first));
    file.finish({
      scenario: scenario.name,
      process: report.process,
      mass_GeV: report.mass_GeV,
      seed: report.seed,
      events_generated: report.events,
      sigma_pb: report.sigma_pb,
      sigma_err_pb: report.sigma_err_pb,
      luminosity_fb: scenario.luminosity.totalFb,
      created_by: output.createdBy,
    });
    return report;
  } finally {
    file.abort();
  }
}

/** Receives every reconstructed batch in order, with its truth events and the sample index of its first event. */
export type BatchSink = (batch: RecoBatch, truth: EventBatch, firstEvent: number) => void;

/** The tallies of one sample, batch by batch. */
class SampleRun {
  private readonly flows: (readonly StageReport[])[] = [];
  private readonly selection: Selection;
  private readonly cutflow: CutFlow;
  private twoTracks = 0;
  private triggered = 0;

  constructor(
    private readonly generator: EventGenerator,
    private readonly request: SampleRequest,
    private readonly detector: Detector,
    private readonly selectionRequest: SelectionRequest,
  ) {
    this.selection = sampleSelection(selectionRequest.sample, selectionRequest.settings, selectionRequest.network !== undefined);
    this.cutflow = new CutFlow(this.selection);
  }

  batch(k: number, n: number, sink: BatchSink | undefined): void {
    const { request, detector, selectionRequest } = this;
    const truth = this.generator.generate(n, createStream(request.seed, request.process, k));
    const { batch, cutflow: stages } = detector.reconstruct(truth, request.seed, k);
    this.flows.push(stages);
    const { passed } = applySelection(batch, detector.env.frame, selectionRequest.settings, this.selection, selectionRequest.network);
    this.cutflow.add(passed, batch.weight);
    for (let i = 0; i < batch.nEvents; i++) {
      if (hasOppositeChargeTrackPair(batch, i)) this.twoTracks++;
      const bits = batch.trigger[i];
      if ((bits & TriggerBit.twoTrack) !== 0 && (bits & TriggerBit.bhabhaVeto) === 0) this.triggered++;
    }
    sink?.(batch, truth, k * BATCH_SIZE);
  }

  report(): SimulateReport {
    const { generator, request, selectionRequest } = this;
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
      stages: mergeCutflows(this.flows).map((s) => ({
        name: s.name,
        type: s.type,
        counts: { ...s.counts },
        efficiencies: Object.fromEntries(Object.entries(stageEfficiencies(s)).map(([key, value]) => [key, nan(value)])),
      })),
      events_two_opposite_tracks: this.twoTracks,
      events_triggered: this.triggered,
      trigger_efficiency: this.triggered / request.events,
      selection: this.selection.name,
      punzi_net: selectionRequest.network !== undefined,
      luminosity_fb: selectionRequest.luminosityFb,
      cutflow: this.cutflow.rows(stats.sigmaPb, selectionRequest.luminosityFb),
      efficiency: this.cutflow.efficiency,
    };
  }
}
