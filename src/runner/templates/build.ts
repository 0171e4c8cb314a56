import type { Detector } from '../../../detector/index.js';
import { massGrid, type MassGrid, resolutionCurveFromPoints } from '../../scan/massGrid.js';
import type { Scenario } from '../../scenario/index.js';
import type { PhotonVetoCorrectionSettings } from '../../scenario/templates.js';
import { CutFlow, type CutFlowRow, type EventClassifier } from '../../selection/index.js';
import type { ResolutionPoint } from '../resolution.js';
import { runTasksInWorkers } from './pool.js';
import type { TemplateAxes } from './sample.js';
import { CORRECTED_PROCESS, correctedM2Bins, correctedPlane, type PhotonVetoFactors, photonVetoFactors } from './photonVeto.js';
import { backgroundTasks, mergeChunkResults, runTemplateTask, sampleChunks, type TaskResult, type TemplateTask, templateResolution } from './tasks.js';

/**
 * The templates of a scenario (PRL 130, 231801, p. 3): for every background and every signal mass
 * hypothesis, the (M²recoil, θrecoil c.m.) histogram after the full selection, normalised to the
 * scenario's luminosity (the signal for σ = 1 fb), with Σw² per cell. The M²recoil bins and the
 * hypotheses come from the signal resolution curve of the scenario's detector (src/scan/massGrid.ts).
 */

/** One background template. Cells are in ROOT's global-bin order of (M² bin, θ bin), flows included. */
export interface BackgroundTemplate {
  readonly process: string;
  readonly sigma_pb: number;
  readonly sigma_err_pb: number;
  readonly events_generated: number;
  readonly weighted: boolean;
  /** Fraction of the generated σ passing the selection. */
  readonly efficiency: number;
  /** Selected events expected at the scenario luminosity. */
  readonly expected_events: number;
  /** MC luminosity after selection over the data luminosity: Σw/Σw² of the selected events in data units. */
  readonly mc_luminosity_ratio: number;
  readonly cutflow: readonly CutFlowRow[];
  /** Expected events per cell at the scenario luminosity, and the Monte Carlo variance. */
  readonly sumw: Float64Array;
  readonly sumw2: Float64Array;
}

/** One signal template, kept on the M² bins around its hypothesis (the fit uses 20 of them). */
export interface SignalTemplate {
  readonly mass_GeV: number;
  readonly sigma_m2_GeV2: number;
  /** Index of the hypothesis in `m2Edges`. */
  readonly edge: number;
  /** σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′ = 1, pb, and its Monte Carlo error. */
  readonly sigma_pb: number;
  readonly sigma_err_pb: number;
  readonly events_generated: number;
  /** Fraction of the generated events passing the selection, everywhere in the plane. */
  readonly efficiency: number;
  /** Stored M² bins (ROOT numbering, 0 the underflow): [firstBin, firstBin + nBins). */
  readonly firstBin: number;
  readonly nBins: number;
  /** Events per cell at the scenario luminosity for σ = 1 fb, rows of (nθ + 2) cells per stored M² bin. */
  readonly sumw: Float64Array;
  readonly sumw2: Float64Array;
}

export interface TemplateSet {
  readonly scenario: string;
  readonly seed: number;
  readonly luminosity_fb: number;
  /** Hash of the Punzi-net applied, or null (selection without the network). */
  readonly punzi_net: string | null;
  readonly resolution: readonly ResolutionPoint[];
  readonly grid: MassGrid;
  readonly axes: TemplateAxes;
  readonly backgrounds: readonly BackgroundTemplate[];
  readonly signals: readonly SignalTemplate[];
  /** The photon-veto correction applied to the μμ template (photonVeto.ts), or null. */
  readonly photonVetoCorrection: PhotonVetoFactors | null;
}

/** M² bins stored on each side of a signal hypothesis (the window uses 10 on each side). */
export const SIGNAL_HALF_WIDTH_BINS = 16;

export interface TemplateProgress {
  (stage: string, done: number, total: number): void;
}

/** The Punzi-net the templates apply: the network, the SHA-256 of its file, and the file (for worker threads). */
export interface TemplateNetwork {
  readonly classifier: EventClassifier;
  readonly hash: string;
  readonly text: string;
  readonly file: string;
}

/** 1 fb for the signal normalisation, in pb. */
const SIGNAL_REFERENCE_PB = 1e-3;

export interface BuildOptions {
  /** Worker threads (1: everything on the calling thread). The result does not depend on it. */
  readonly workers: number;
  readonly network?: TemplateNetwork;
  readonly progress?: TemplateProgress;
}

/** What the templates are built from before any event is generated: the resolution curve, the grid, the plane and the tasks. */
export interface TemplateLayout {
  readonly resolution: readonly ResolutionPoint[];
  readonly grid: MassGrid;
  readonly axes: TemplateAxes;
  /** Background chunks (in background and batch order), the control-sample chunks, then one task per hypothesis. */
  readonly tasks: readonly TemplateTask[];
  /** Events the tasks generate in all. */
  readonly totalEvents: number;
}

export function templateLayout(scenario: Scenario, detector: Detector): TemplateLayout {
  const t = scenario.templates;
  const resolution = templateResolution(scenario, detector);
  const grid = massGrid(resolutionCurveFromPoints(resolution), { minMassGeV: t.minMassGeV, maxMassGeV: t.maxMassGeV, windowBins: scenario.fit.searchWindowBins });
  const thetaCMEdges = Float64Array.from({ length: t.thetaCMBins + 1 }, (_, k) => (Math.PI * k) / t.thetaCMBins);
  const backgroundNames = Object.keys(t.backgrounds);
  const correction = t.photonVetoCorrection;
  const controlEvents = correction?.controlEvents ?? 0;
  const tasks: TemplateTask[] = [
    ...backgroundNames.flatMap((process) => backgroundTasks(process, t.backgrounds[process].events)),
    ...(correction === null ? [] : sampleChunks(controlEvents).map((batches): TemplateTask => ({ kind: 'control', batches }))),
    ...Array.from(grid.massGeV, (massGeV, index): TemplateTask => ({ kind: 'signal', index, massGeV })),
  ];
  const totalEvents =
    backgroundNames.reduce((a, process) => a + t.backgrounds[process].events, 0) + controlEvents + grid.massGeV.length * t.signalEventsPerMass;
  return { resolution, grid, axes: { m2Edges: grid.m2Edges, thetaCMEdges }, tasks, totalEvents };
}

/**
 * Runs the tasks `indices` of the layout on `options.workers` threads; `done` gets each task's
 * result as it finishes (in any order), `onEvents` the events generated as they are.
 */
export async function runLayoutTasks(scenario: Scenario, detector: Detector, layout: TemplateLayout, indices: readonly number[], options: BuildOptions, done: (task: number, result: TaskResult) => void, onEvents: (events: number) => void): Promise<void> {
  const network = options.network;
  const tasks = indices.map((i) => layout.tasks[i]);
  if (options.workers <= 1) {
    tasks.forEach((task, k) => done(indices[k], runTemplateTask(scenario, detector, layout.axes, task, network?.classifier, onEvents)));
    return;
  }
  const setup = { scenario, axes: layout.axes, network: network === undefined ? null : { text: network.text, file: network.file } };
  await runTasksInWorkers(tasks, setup, options.workers, (_, n) => onEvents(n), (k, result) => done(indices[k], result));
}

export async function buildTemplates(scenario: Scenario, detector: Detector, options: BuildOptions): Promise<TemplateSet> {
  const progress = options.progress ?? (() => {});
  progress('resolution curve', 0, 1);
  const layout = templateLayout(scenario, detector);
  let eventsDone = 0;
  const results: TaskResult[] = new Array(layout.tasks.length);
  await runLayoutTasks(scenario, detector, layout, layout.tasks.map((_, i) => i), options, (i, r) => {
    results[i] = r;
  }, (n) => progress('templates', (eventsDone += n), layout.totalEvents));
  progress('templates', layout.totalEvents, layout.totalEvents);
  return assembleTemplates(scenario, layout, results, options.network?.hash ?? null);
}

/** The template set from every task's result (in task order), normalised to the scenario's luminosity. */
export function assembleTemplates(scenario: Scenario, layout: TemplateLayout, results: readonly TaskResult[], networkHash: string | null): TemplateSet {
  const t = scenario.templates;
  const L = scenario.luminosity.totalFb;
  const { resolution, grid, axes, tasks } = layout;
  const backgroundNames = Object.keys(t.backgrounds);
  const nSignalTasks = grid.massGeV.length;
  const nBackgroundTasks = tasks.length - nSignalTasks;
  const merged = (keep: (task: TemplateTask) => boolean): TaskResult => mergeChunkResults(results.filter((_, k) => k < nBackgroundTasks && keep(tasks[k])));
  const correction = t.photonVetoCorrection;
  const factors = correction === null ? null : measuredPhotonVetoFactors(correction, L, merged);
  const backgrounds = backgroundNames.map((process): BackgroundTemplate => {
    const plan = t.backgrounds[process];
    const result = merged((task) => task.kind === 'background' && task.process === process);
    const cutflow = CutFlow.fromParts(result.cutflow);
    const scale = normalisation(cutflow, result.sigmaPb, L);
    let sumw = scaled(result.sumw, scale);
    let sumw2 = scaled(result.sumw2, scale * scale);
    if (correction !== null && factors !== null && process === CORRECTED_PROCESS && result.photonVeto !== undefined) {
      const parts = { sumw: scaled(result.photonVeto.sumw, scale), sumw2: scaled(result.photonVeto.sumw2, scale * scale) };
      ({ sumw, sumw2 } = correctedPlane(sumw, sumw2, parts, factors.factors, correctedM2Bins(axes.m2Edges, correction), axes.m2Edges.length + 1));
    }
    const expected = sum(sumw);
    return {
      process,
      sigma_pb: result.sigmaPb,
      sigma_err_pb: result.sigmaErrPb,
      events_generated: plan.events,
      weighted: plan.weighted,
      efficiency: cutflow.efficiency,
      expected_events: expected,
      mc_luminosity_ratio: expected > 0 ? expected / sum(sumw2) : 0,
      cutflow: cutflow.rows(result.sigmaPb, L),
      sumw,
      sumw2,
    };
  });

  const nTheta = t.thetaCMBins + 2;
  const nM2 = grid.m2Edges.length - 1;
  const signals = Array.from(grid.massGeV, (massGeV, k): SignalTemplate => {
    const result = results[nBackgroundTasks + k];
    const cutflow = CutFlow.fromParts(result.cutflow);
    const scale = normalisation(cutflow, SIGNAL_REFERENCE_PB, L);
    const edge = grid.hypothesisEdge[k];
    // Edge j is the lower edge of ROOT bin j + 1.
    const firstBin = Math.max(0, edge + 1 - SIGNAL_HALF_WIDTH_BINS);
    const lastBin = Math.min(nM2 + 1, edge + SIGNAL_HALF_WIDTH_BINS);
    const nBins = lastBin - firstBin + 1;
    const stride = nM2 + 2;
    const sumw = new Float64Array(nBins * nTheta);
    const sumw2 = new Float64Array(nBins * nTheta);
    for (let b = 0; b < nBins; b++) {
      for (let iy = 0; iy < nTheta; iy++) {
        const cell = firstBin + b + stride * iy;
        sumw[b * nTheta + iy] = result.sumw[cell] * scale;
        sumw2[b * nTheta + iy] = result.sumw2[cell] * scale * scale;
      }
    }
    return {
      mass_GeV: massGeV,
      sigma_m2_GeV2: grid.sigmaM2[k],
      edge,
      sigma_pb: result.sigmaPb,
      sigma_err_pb: result.sigmaErrPb,
      events_generated: result.eventsGenerated,
      efficiency: cutflow.efficiency,
      firstBin,
      nBins,
      sumw,
      sumw2,
    };
  });
  return { scenario: scenario.name, seed: scenario.seed, luminosity_fb: L, punzi_net: networkHash, resolution, grid, axes, backgrounds, signals, photonVetoCorrection: factors };
}

/**
 * The correction factors from the control-sample chunks: the simulation's yields per region at
 * luminosity L, and the data's (the data-condition chunks, or the scenario's counts with √n errors).
 */
function measuredPhotonVetoFactors(correction: PhotonVetoCorrectionSettings, luminosityFb: number, merged: (keep: (task: TemplateTask) => boolean) => TaskResult): PhotonVetoFactors {
  const result = merged((task) => task.kind === 'control');
  const tally = result.photonVeto;
  if (tally === undefined) throw new RangeError('templates: a control-sample chunk without its photon-veto tally');
  const scale = normalisation(CutFlow.fromParts(result.cutflow), result.sigmaPb, luminosityFb);
  const nRegions = correction.thetaLabEdges.length - 1;
  // The tally holds the simulation's regions, then (a data detector condition) the data's and those of the events in both.
  const yields = (from: number) => ({
    events: scaled(tally.sumw.subarray(from, from + nRegions), scale),
    errors: Float64Array.from(tally.sumw2.subarray(from, from + nRegions), (w2) => Math.sqrt(w2) * scale),
  });
  if (correction.data.kind === 'counts') return photonVetoFactors(correction, yields(0), { events: correction.data.counts, errors: correction.data.counts.map(Math.sqrt) });
  const covariance = scaled(tally.sumw2.subarray(2 * nRegions, 3 * nRegions), scale * scale);
  return photonVetoFactors(correction, yields(0), yields(nRegions), covariance);
}

/** The factor from raw weights to events at luminosity L (fb⁻¹) for a sample of cross section σ (pb). */
function normalisation(cutflow: CutFlow, sigmaPb: number, luminosityFb: number): number {
  const total = cutflow.totalWeight;
  return total > 0 ? (sigmaPb * luminosityFb * 1000) / total : 0;
}

function scaled(values: Float64Array, factor: number): Float64Array {
  return Float64Array.from(values, (v) => v * factor);
}

function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
