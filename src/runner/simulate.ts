import { type Detector, mergeCutflows, stageEfficiencies, type StageReport } from '../../detector/index.js';
import type { EventGenerator } from '../../generators/process.js';
import { TriggerBit } from '../events/recoBatch.js';
import { hasOppositeChargeTrackPair } from '../events/trackKinematics.js';
import { createStream } from '../random/stream.js';
import type { SelectionSettings } from '../scenario/selection.js';
import { CutFlow, type CutFlowRow, type EventClassifier, applySelection, type SampleSelection, sampleSelection } from '../selection/index.js';
import { forEachBatch } from './batches.js';

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
 * stream (request.seed, request.process, k).
 *
 * @example
 * const scenario = loadScenario(defaultScenarioPath());
 * const cuts = { settings: scenario.selection, sample: 'signal', luminosityFb: scenario.luminosity.totalFb } as const;
 * const report = simulateSample(signalGenerator(scenario, 2), { process: 'signal', events: 20_000, seed: scenario.seed }, scenarioDetector(scenario), cuts);
 * report.efficiency * cuts.luminosityFb; // 25.031907: selected events per fb of σ(e⁺e⁻ → μ⁺μ⁻Z′) at 2 GeV/c²
 */
export function simulateSample(generator: EventGenerator, request: SampleRequest, detector: Detector, selectionRequest: SelectionRequest): SimulateReport {
  const flows: (readonly StageReport[])[] = [];
  const selection = sampleSelection(selectionRequest.sample, selectionRequest.settings, selectionRequest.network !== undefined);
  const cutflow = new CutFlow(selection);
  let twoTracks = 0;
  let triggered = 0;
  forEachBatch(request.events, (k, n) => {
    const truth = generator.generate(n, createStream(request.seed, request.process, k));
    const { batch, cutflow: stages } = detector.reconstruct(truth, request.seed, k);
    flows.push(stages);
    const { passed } = applySelection(batch, detector.env.frame, selectionRequest.settings, selection, selectionRequest.network);
    cutflow.add(passed, batch.weight);
    for (let i = 0; i < batch.nEvents; i++) {
      if (hasOppositeChargeTrackPair(batch, i)) twoTracks++;
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
    selection: selection.name,
    punzi_net: selectionRequest.network !== undefined,
    luminosity_fb: selectionRequest.luminosityFb,
    cutflow: cutflow.rows(stats.sigmaPb, selectionRequest.luminosityFb),
    efficiency: cutflow.efficiency,
  };
}

