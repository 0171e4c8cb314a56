import type { Detector } from '../../../detector/index.js';
import type { EventGenerator } from '../../../generators/process.js';
import { selectEvents } from '../../events/eventBatch.js';
import { Hist2D } from '../../hist/hist2d.js';
import { createStream } from '../../random/stream.js';
import type { SelectionSettings } from '../../scenario/selection.js';
import type { TemplateSettings } from '../../scenario/templates.js';
import { type AnalysisVariables, applySelection, CutFlow, type EventClassifier, type Selection } from '../../selection/index.js';
import { type BatchRange, forEachBatch } from '../batches.js';
import { fiducialMask } from './fiducial.js';

/**
 * One template sample: the events of one process (or one signal mass) generated in batches, cut at
 * generator level by the fiducial window, reconstructed, selected, and filled into the
 * (M²recoil, θrecoil c.m.) plane with their generator weights. Batch k draws from
 * (seed, <stream>, k) and the detector from (seed, "detector/<stream>/<stage>", k): a sample's
 * result depends only on its name, its settings and the seed.
 */

export interface TemplateAxes {
  /** M²recoil bin edges, GeV²/c⁴ (one unit of resolution wide). */
  readonly m2Edges: Float64Array;
  /** θrecoil c.m. bin edges, rad. */
  readonly thetaCMEdges: Float64Array;
}

export interface SampleRun {
  /** Stream name of the sample (e.g. `templates/mumu`, `templates/signal/2.000000`). */
  readonly stream: string;
  readonly events: number;
  readonly seed: number;
  /** Only these batches of the sample (a chunk of a larger sample); all of them if absent. */
  readonly batches?: BatchRange;
}

export interface SampleResult {
  /** σ of the generated sample (after generator-level cuts of the generator itself), pb. */
  readonly sigmaPb: number;
  readonly sigmaErrPb: number;
  /** Phase-space points the generator tried for σ (warm-up included). */
  readonly trials: number;
  /** Events generated in this run (its batches only, with `batches`). */
  readonly eventsGenerated: number;
  /** Selected events in the plane, raw generator weights (Σw, Σw² per cell). */
  readonly hist: Hist2D;
  readonly cutflow: CutFlow;
}

/** The cut-flow step of the generator-level fiducial cut, before the selection's own steps. */
function withFiducialStep(selection: Selection): Selection {
  return { ...selection, steps: [{ name: 'fiducial', description: 'generator level: two charged particles in the fiducial θ and pT window', passes: () => true }, ...selection.steps] };
}

/** Runs one sample through generator, fiducial cut, detector and selection. */
export function runTemplateSample(
  generator: EventGenerator,
  run: SampleRun,
  detector: Detector,
  selectionSettings: SelectionSettings,
  selection: Selection,
  fiducial: TemplateSettings['fiducial'],
  axes: TemplateAxes,
  network?: EventClassifier,
  onBatch?: (events: number) => void,
  onSelected?: (variables: AnalysisVariables, row: number) => void,
  /** Further detectors the same events go through (their selected events reach `onSelected` of theirs only; the plane and the cut flow are the first detector's). */
  alsoThrough: readonly SecondDetector[] = [],
): SampleResult {
  const hist = Hist2D.fromEdges(axes.m2Edges, axes.thetaCMEdges);
  const flow = new CutFlow(withFiducialStep(selection));
  const frame = detector.env.frame;
  const nSteps = selection.steps.length;
  let generated = 0;
  forEachBatch(run.events, (k, n) => {
    generated += n;
    const truth = generator.generate(n, createStream(run.seed, run.stream, k));
    const keep = fiducialMask(truth, fiducial);
    const kept = selectEvents(truth, keep);
    const { batch } = detector.reconstruct(kept, run.seed, k, run.stream);
    const { variables, passed } = applySelection(batch, frame, selectionSettings, selection, network);
    const flowPassed = new Uint8Array(truth.nEvents);
    for (let i = 0, j = 0; i < truth.nEvents; i++) {
      if (keep[i] === 0) continue;
      flowPassed[i] = 1 + passed[j];
      if (passed[j] === nSteps) {
        hist.fill(variables.m2Recoil[j], variables.thetaRecoilCM[j], variables.weight[j]);
        onSelected?.(variables, j);
      }
      j++;
    }
    for (const other of alsoThrough) {
      const selected = applySelection(other.detector.reconstruct(kept, run.seed, k, run.stream).batch, frame, selectionSettings, selection, network);
      for (let j = 0; j < selected.passed.length; j++) if (selected.passed[j] === nSteps) other.onSelected(selected.variables, j, passed[j] === nSteps);
    }
    flow.add(flowPassed, truth.weight);
    onBatch?.(n);
  }, run.batches);
  const stats = generator.stats();
  return { sigmaPb: stats.sigmaPb, sigmaErrPb: stats.sigmaErrPb, trials: stats.trials, eventsGenerated: generated, hist, cutflow: flow };
}

/** A further detector of `runTemplateSample` (a detector condition of the data), with what to do with its selected events. */
export interface SecondDetector {
  readonly detector: Detector;
  /** `alsoFirst`: the event (row `row` of both reconstructions) was selected through the first detector too. */
  readonly onSelected: (variables: AnalysisVariables, row: number, alsoFirst: boolean) => void;
}
