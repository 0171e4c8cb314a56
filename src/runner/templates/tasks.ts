import type { Detector } from '../../../detector/index.js';
import { findProcess } from '../../../generators/index.js';
import type { GeneratorOptions } from '../../../generators/process.js';
import { signalProcess } from '../../../generators/signal.js';
import { ALPHA_EM_0 } from '../../physics/constants.js';
import type { Scenario } from '../../scenario/index.js';
import { type CutFlowParts, type EventClassifier, sampleSelection } from '../../selection/index.js';
import { scenarioBeamEnergySpread } from '../beamEnergySpread.js';
import { runTemplateSample, type TemplateAxes } from './sample.js';

/**
 * The units of work of the template builder: one background process, or one signal mass. A task's
 * result depends only on the scenario and the task (its streams are named after it), so tasks can
 * run in any order, on any thread, and be put together in task order with the same bytes.
 */

export type TemplateTask =
  | { readonly kind: 'background'; readonly process: string }
  | { readonly kind: 'signal'; readonly index: number; readonly massGeV: number };

/** A task's result as plain arrays (what a worker thread posts back). */
export interface TaskResult {
  readonly sigmaPb: number;
  readonly sigmaErrPb: number;
  readonly eventsGenerated: number;
  /** Selected events in the plane with their raw generator weights: Σw and Σw² per cell. */
  readonly sumw: Float64Array;
  readonly sumw2: Float64Array;
  readonly cutflow: CutFlowParts;
}

/** The generator options of a process in a scenario. */
export function scenarioGeneratorOptions(scenario: Scenario, process: string, weighted: boolean): GeneratorOptions {
  return { beams: scenario.beams, beamEnergySpread: scenarioBeamEnergySpread(scenario, process), isr: true, alphaEM: ALPHA_EM_0, weighted };
}

/** Stream name of a task's events. */
export function taskStream(task: TemplateTask): string {
  return task.kind === 'background' ? `templates/${task.process}` : `templates/signal/${task.massGeV.toFixed(6)}`;
}

/** Runs one task: its generator, the fiducial cut, the detector, the selection (with the network if given). */
export function runTemplateTask(scenario: Scenario, detector: Detector, axes: TemplateAxes, task: TemplateTask, network?: EventClassifier, onBatch?: (events: number) => void): TaskResult {
  const t = scenario.templates;
  const generatorSettings = scenario.generators as Record<string, Record<string, unknown>>;
  const selection = sampleSelection('signal', scenario.selection, network !== undefined);
  let generator;
  let events: number;
  if (task.kind === 'background') {
    const plan = t.backgrounds[task.process];
    const definition = findProcess(task.process);
    if (plan === undefined || definition === undefined) throw new RangeError(`templates: background ${task.process} is not planned or not registered`);
    generator = definition.create({ ...generatorSettings[task.process], ...plan.settings }, scenarioGeneratorOptions(scenario, task.process, plan.weighted), scenario.seed);
    events = plan.events;
  } else {
    generator = signalProcess.create({ ...generatorSettings.signal, ...t.signalSettings, massGeV: task.massGeV }, scenarioGeneratorOptions(scenario, 'signal', false), scenario.seed);
    events = t.signalEventsPerMass;
  }
  const result = runTemplateSample(generator, { stream: taskStream(task), events, seed: scenario.seed }, detector, scenario.selection, selection, t.fiducial, axes, network, onBatch);
  return { sigmaPb: result.sigmaPb, sigmaErrPb: result.sigmaErrPb, eventsGenerated: events, sumw: result.hist.sumw, sumw2: result.hist.sumw2, cutflow: result.cutflow.parts() };
}
