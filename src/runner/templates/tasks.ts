import type { Detector } from '../../../detector/index.js';
import { findProcess, type ProcessName } from '../../../generators/index.js';
import type { EventGenerator, GeneratorOptions } from '../../../generators/process.js';
import { eeProcess } from '../../../generators/ee.js';
import { signalProcess } from '../../../generators/signal.js';
import { Axis } from '../../hist/axis.js';
import { ALPHA_EM_0 } from '../../physics/constants.js';
import type { Scenario } from '../../scenario/index.js';
import type { PhotonVetoCorrectionSettings } from '../../scenario/templates.js';
import { type AnalysisVariables, CutFlow, type CutFlowParts, type EventClassifier, sampleSelection } from '../../selection/index.js';
import { BATCH_SIZE, type BatchRange, batchCount } from '../batches.js';
import { scenarioBeamEnergySpread } from '../beamEnergySpread.js';
import { resolutionCurve, type ResolutionPoint } from '../resolution.js';
import { CORRECTED_PROCESS, correctedM2Bins, dataConditionDetector, PhotonVetoTally } from './photonVeto.js';
import { runTemplateSample, type SecondDetector, type TemplateAxes } from './sample.js';

/**
 * The units of work of the template builder: one chunk of a background sample, or one signal mass.
 * A task's result depends only on the scenario and the task (its streams are named after it), so
 * tasks can run in any order, on any thread, and be put together in task order with the same bytes.
 * A background sample is cut into chunks of BACKGROUND_CHUNK_BATCHES batches (a number fixed by the
 * sample's size, not by the number of threads), so that threads share the large samples evenly;
 * the chunks' events are those of the whole sample, batch k drawing from its own streams.
 */

/** Batches per chunk of a background sample: 5·10⁶ events, a few tens of CPU seconds. */
export const BACKGROUND_CHUNK_BATCHES = 500;

export type TemplateTask =
  | { readonly kind: 'background'; readonly process: string; readonly batches: BatchRange }
  | { readonly kind: 'control'; readonly batches: BatchRange }
  | { readonly kind: 'signal'; readonly index: number; readonly massGeV: number };

/** The tasks of a background sample of `events` events: its chunks of `chunkBatches` batches, in batch order. */
export function backgroundTasks(process: string, events: number, chunkBatches = BACKGROUND_CHUNK_BATCHES): TemplateTask[] {
  return sampleChunks(events, chunkBatches).map((batches): TemplateTask => ({ kind: 'background', process, batches }));
}

/** The chunks of a sample of `events` events: ranges of `chunkBatches` batches, in batch order. */
export function sampleChunks(events: number, chunkBatches = BACKGROUND_CHUNK_BATCHES): BatchRange[] {
  const chunks = Math.ceil(batchCount(events) / chunkBatches);
  return Array.from({ length: chunks }, (_, chunk) => ({ first: chunk * chunkBatches, count: chunkBatches }));
}

/** A task's result as plain arrays (what a worker thread posts back). */
export interface TaskResult {
  readonly sigmaPb: number;
  readonly sigmaErrPb: number;
  /** Phase-space points the generator tried for σ (warm-up included). */
  readonly trials: number;
  readonly eventsGenerated: number;
  /** Selected events in the plane with their raw generator weights: Σw and Σw² per cell. */
  readonly sumw: Float64Array;
  readonly sumw2: Float64Array;
  readonly cutflow: CutFlowParts;
  /**
   * With the photon-veto correction, the tallies of photonVeto.ts: for μμ chunks the corrected cells
   * per region; for control chunks the events per region through the simulation's detector, then
   * (a data detector condition) through the data's, then those selected through both (whose Σw² is
   * the covariance of the two yields).
   */
  readonly photonVeto?: { readonly sumw: Float64Array; readonly sumw2: Float64Array };
}

/** The generator options of a process in a scenario. */
export function scenarioGeneratorOptions(scenario: Scenario, process: ProcessName, weighted: boolean): GeneratorOptions {
  return { beams: scenario.beams, beamEnergySpread: scenarioBeamEnergySpread(scenario, process), isr: true, alphaEM: ALPHA_EM_0, weighted };
}

/** The generator of a background with the templates' settings on top of the scenario's `generators.<process>`. */
export function backgroundGenerator(scenario: Scenario, process: string): EventGenerator {
  const plan = scenario.templates.backgrounds[process] ?? { weighted: false, settings: {} };
  const definition = findProcess(process);
  if (definition === undefined) throw new RangeError(`templates: background ${process} is not a registered process`);
  return definition.createFromInput({ ...scenario.generators[definition.name], ...plan.settings }, scenarioGeneratorOptions(scenario, definition.name, plan.weighted), scenario.seed);
}

/**
 * The generator of the ee control sample: the scenario's `generators.ee` with the hard-radiation
 * bias and the fiducial requirement (the sample is the Bhabha events with one hard photon, after a
 * selection that keeps ~10⁻⁵ of them), weighted events.
 */
export function controlGenerator(scenario: Scenario): EventGenerator {
  const options = scenarioGeneratorOptions(scenario, 'ee', true);
  return eeProcess.createFromInput({ ...scenario.generators.ee, hardRadiationBias: { enabled: true }, fiducial: { enabled: true } }, options, scenario.seed);
}

/** The signal generator at one Z′ mass (GeV/c²) with the templates' signal settings. */
export function signalGenerator(scenario: Scenario, massGeV: number): EventGenerator {
  return signalProcess.createFromInput({ ...scenario.generators.signal, ...scenario.templates.signalSettings, massGeV }, scenarioGeneratorOptions(scenario, 'signal', false), scenario.seed);
}

/** The signal resolution curve that the templates' grid and the Punzi-net windows follow. */
export function templateResolution(scenario: Scenario, detector: Detector): ResolutionPoint[] {
  const t = scenario.templates;
  return [
    ...resolutionCurve(
      {
        masses: t.resolutionMassesGeV,
        eventsPerMass: t.resolutionEventsPerMass,
        options: scenarioGeneratorOptions(scenario, 'signal', false),
        signalSettings: { ...scenario.generators.signal, ...t.signalSettings },
        seed: scenario.seed,
      },
      detector,
    ).points,
  ];
}

/** Events a task generates. */
export function taskEvents(scenario: Scenario, task: TemplateTask): number {
  if (task.kind === 'signal') return scenario.templates.signalEventsPerMass;
  const events = sampleEvents(scenario, task);
  return Math.max(0, Math.min(events, (task.batches.first + task.batches.count) * BATCH_SIZE) - task.batches.first * BATCH_SIZE);
}

/** Events of the whole sample a chunk belongs to. */
function sampleEvents(scenario: Scenario, task: Exclude<TemplateTask, { kind: 'signal' }>): number {
  return task.kind === 'background' ? scenario.templates.backgrounds[task.process].events : (scenario.templates.photonVetoCorrection?.controlEvents ?? 0);
}

/** Stream name of a task's events (the two conditions of the control sample share theirs). */
export function taskStream(task: TemplateTask): string {
  if (task.kind === 'control') return 'templates/control/ee';
  return task.kind === 'background' ? `templates/${task.process}` : `templates/signal/${task.massGeV.toFixed(6)}`;
}

/** Runs one task: its generator, the fiducial cut, the detector, the selection (with the network if given). */
export function runTemplateTask(scenario: Scenario, detector: Detector, axes: TemplateAxes, task: TemplateTask, network?: EventClassifier, onBatch?: (events: number) => void): TaskResult {
  const t = scenario.templates;
  const correction = t.photonVetoCorrection;
  if (task.kind === 'control' && correction === null) throw new RangeError('templates: a control-sample task needs templates.photonVetoCorrection');
  // The control sample is the paper's ee selection without the Punzi-net: the veto inefficiency does not depend on it.
  const selection = task.kind === 'control' ? sampleSelection('ee', scenario.selection, false) : sampleSelection('signal', scenario.selection, network !== undefined);
  const generator = task.kind === 'background' ? backgroundGenerator(scenario, task.process) : task.kind === 'control' ? controlGenerator(scenario) : signalGenerator(scenario, task.massGeV);
  const events = task.kind === 'signal' ? t.signalEventsPerMass : sampleEvents(scenario, task);
  const batches = task.kind === 'signal' ? undefined : task.batches;
  const tally = correction === null ? null : photonVetoTally(correction, task, axes);
  // The control sample's events also go through the data's detector: the same events and detector streams, so the ratio of the two is precise.
  const dataCondition =
    task.kind === 'control' && correction !== null && correction.data.kind === 'detector'
      ? { detector: dataConditionDetector(scenario, correction), selected: new PhotonVetoTally(correction, 1), selectedBoth: new PhotonVetoTally(correction, 1) }
      : null;
  const alsoThrough: SecondDetector[] =
    dataCondition === null
      ? []
      : [
          {
            detector: dataCondition.detector,
            onSelected: (v: AnalysisVariables, row: number, alsoSimulation: boolean) => {
              dataCondition.selected.fill(v, row);
              if (alsoSimulation) dataCondition.selectedBoth.fill(v, row);
            },
          },
        ];
  const result = runTemplateSample(
    generator,
    { stream: taskStream(task), events, seed: scenario.seed, batches },
    detector,
    scenario.selection,
    selection,
    t.fiducial,
    axes,
    task.kind === 'control' ? undefined : network,
    onBatch,
    tally === null ? undefined : (variables, row) => tally.fill(variables, row),
    alsoThrough,
  );
  return {
    sigmaPb: result.sigmaPb,
    sigmaErrPb: result.sigmaErrPb,
    trials: result.trials,
    eventsGenerated: result.eventsGenerated,
    sumw: result.hist.sumw,
    sumw2: result.hist.sumw2,
    cutflow: result.cutflow.parts(),
    ...(tally === null ? {} : { photonVeto: concatenated(dataCondition === null ? [tally] : [tally, dataCondition.selected, dataCondition.selectedBoth]) }),
  };
}

/** Tallies one after the other. */
function concatenated(tallies: readonly PhotonVetoTally[]): { sumw: Float64Array; sumw2: Float64Array } {
  const join = (pick: (t: PhotonVetoTally) => Float64Array): Float64Array => {
    const out = new Float64Array(tallies.reduce((n, t) => n + pick(t).length, 0));
    tallies.reduce((offset, t) => (out.set(pick(t), offset), offset + pick(t).length), 0);
    return out;
  };
  return { sumw: join((t) => t.sumw), sumw2: join((t) => t.sumw2) };
}

/** The photon-veto tally of a task: per region a count for the control sample, the corrected cells for μμ; null for other tasks. */
function photonVetoTally(correction: PhotonVetoCorrectionSettings, task: TemplateTask, axes: TemplateAxes): PhotonVetoTally | null {
  if (task.kind === 'control') return new PhotonVetoTally(correction, 1);
  if (task.kind !== 'background' || task.process !== CORRECTED_PROCESS) return null;
  const m2Axis = Axis.fromEdges(axes.m2Edges);
  const thetaAxis = Axis.fromEdges(axes.thetaCMEdges);
  const m2Bins = correctedM2Bins(axes.m2Edges, correction);
  return new PhotonVetoTally(correction, m2Bins * (thetaAxis.nBins + 2), (v, row) => m2Axis.findBin(v.m2Recoil[row]) + m2Bins * thetaAxis.findBin(v.thetaRecoilCM[row]));
}

/**
 * The chunks of one sample as one result: histograms and cut flows added; σ the mean of the
 * chunks' σ weighted by their trials (each chunk's generator estimates σ from its warm-up and its
 * batches), its error combined the same way.
 */
export function mergeChunkResults(chunks: readonly TaskResult[]): TaskResult {
  if (chunks.length === 0) throw new RangeError('mergeChunkResults: no chunks');
  if (chunks.length === 1) return chunks[0];
  const sumw = new Float64Array(chunks[0].sumw.length);
  const sumw2 = new Float64Array(chunks[0].sumw2.length);
  const flow = CutFlow.fromParts(chunks[0].cutflow);
  let trials = 0;
  let sigmaTrials = 0;
  let errorTrials2 = 0;
  let events = 0;
  chunks.forEach((chunk, c) => {
    for (let i = 0; i < sumw.length; i++) {
      sumw[i] += chunk.sumw[i];
      sumw2[i] += chunk.sumw2[i];
    }
    if (c > 0) flow.merge(CutFlow.fromParts(chunk.cutflow));
    trials += chunk.trials;
    sigmaTrials += chunk.sigmaPb * chunk.trials;
    errorTrials2 += (chunk.sigmaErrPb * chunk.trials) ** 2;
    events += chunk.eventsGenerated;
  });
  const photonVeto = mergedTallies(chunks);
  return { sigmaPb: sigmaTrials / trials, sigmaErrPb: Math.sqrt(errorTrials2) / trials, trials, eventsGenerated: events, sumw, sumw2, cutflow: flow.parts(), ...(photonVeto === null ? {} : { photonVeto }) };
}

/** The chunks' photon-veto tallies added, or null if they have none. */
function mergedTallies(chunks: readonly TaskResult[]): { sumw: Float64Array; sumw2: Float64Array } | null {
  const first = chunks[0].photonVeto;
  if (first === undefined) return null;
  const sumw = new Float64Array(first.sumw.length);
  const sumw2 = new Float64Array(first.sumw2.length);
  for (const chunk of chunks) {
    const t = chunk.photonVeto;
    if (t === undefined || t.sumw.length !== sumw.length) throw new RangeError('mergeChunkResults: chunks with and without photon-veto tallies');
    for (let i = 0; i < sumw.length; i++) {
      sumw[i] += t.sumw[i];
      sumw2[i] += t.sumw2[i];
    }
  }
  return { sumw, sumw2 };
}
