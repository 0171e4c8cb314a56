import type { Detector } from '../../detector/index.js';
import { resolutionAt, resolutionCurveFromPoints } from '../scan/massGrid.js';
import type { Scenario } from '../scenario/index.js';
import { buildWindows, type PunziWindows, sensitivityAtCut, train, type TrainingPhase, type TrainingResult } from '../selection/punziNet/index.js';
import { PUNZI_FEATURE_COUNT } from '../selection/index.js';
import { punziTrainingData } from './punziTraining.js';
import { templateResolution } from './templates/tasks.js';

/**
 * Trains the Punzi-net of a scenario (the paper's ref. [40]): the training sample of
 * src/runner/punziTraining.ts, the mass windows M²_i ± k·σ(M²_i) from the scenario's resolution
 * curve, the paper's two-phase schedule, and the Punzi sensitivity of every training mass with and
 * without the network (cut at 0.5, the paper's), evaluated on the training sample.
 *
 * BCE weights: background events weigh the events they stand for at the scenario's luminosity,
 * signal events share the same total weight equally, so that the pre-training sees balanced
 * classes; the Punzi loss counts signal by N_generated per mass (the authors' fom.py).
 */

export interface MassSensitivity {
  readonly mass_GeV: number;
  /** Signal efficiency and background in the window (events at the luminosity), without and with the network. */
  readonly efficiency_before: number;
  readonly background_before: number;
  readonly efficiency_after: number;
  readonly background_after: number;
  /** Punzi sensitivity S_min/(ε L) in fb, without and with the network, and their ratio (the gain). */
  readonly sensitivity_before_fb: number;
  readonly sensitivity_after_fb: number;
  readonly gain: number;
}

export interface TrainReport {
  readonly result: TrainingResult;
  readonly events: { readonly signal: number; readonly background: number };
  readonly masses: readonly MassSensitivity[];
}

export type TrainProgress = (stage: string, done: number, total: number) => void;

export function trainScenarioNetwork(scenario: Scenario, detector: Detector, progress: TrainProgress = () => {}): TrainReport {
  const settings = scenario.punziNet;
  const L = scenario.luminosity.totalFb;
  progress('resolution curve', 0, 1);
  const curve = resolutionCurveFromPoints(templateResolution(scenario, detector));
  const data = punziTrainingData(scenario, detector, { massesGeV: settings.trainingMassesGeV, signalEventsPerMass: settings.signalEventsPerMass, backgroundEvents: settings.backgroundEvents }, progress);
  const masses = settings.trainingMassesGeV;
  const k = settings.windowHalfWidthSigma;
  const windows: PunziWindows = buildWindows({
    value: data.m2Recoil,
    labels: data.isSignal,
    hypothesis: data.hypothesis,
    low: Float64Array.from(masses, (m) => m * m - k * resolutionAt(curve, m * m)),
    high: Float64Array.from(masses, (m) => m * m + k * resolutionAt(curve, m * m)),
    nGenerated: Float64Array.from(data.signalGenerated),
  });
  let backgroundWeight = 0;
  let nSignal = 0;
  for (let i = 0; i < data.nEvents; i++) {
    if (data.isSignal[i] === 1) nSignal++;
    else backgroundWeight += data.weight[i];
  }
  const weights = Float64Array.from(data.weight, (w, i) => (data.isSignal[i] === 1 ? backgroundWeight / nSignal : w));
  const phases: Record<TrainingPhase, string> = { bce: 'BCE pre-training', punzi: 'Punzi-loss training' };
  const result = train(
    { features: data.features, nFeatures: PUNZI_FEATURE_COUNT, labels: data.isSignal, weights, windows },
    {
      seed: scenario.seed,
      settings: { ...settings.training, punzi: { ...settings.training.punzi, luminosity: L } },
      onProgress: (phase, epoch, total) => progress(phases[phase], epoch, total),
    },
  );

  const outputs = new Float64Array(data.nEvents);
  result.network.predict(data.features, outputs);
  const everything = new Float64Array(data.nEvents).fill(1);
  const options = { luminosity: L };
  const before = sensitivityAtCut(everything, weights, windows, 0.5, options);
  const after = sensitivityAtCut(outputs, weights, windows, scenario.selection.punziNetOutputMin, options);
  return {
    result,
    events: { signal: nSignal, background: data.nEvents - nSignal },
    masses: masses.map((mass, i) => ({
      mass_GeV: mass,
      efficiency_before: before.efficiency[i],
      background_before: before.background[i],
      efficiency_after: after.efficiency[i],
      background_after: after.background[i],
      sensitivity_before_fb: before.sensitivity[i],
      sensitivity_after_fb: after.sensitivity[i],
      gain: before.sensitivity[i] / after.sensitivity[i],
    })),
  };
}
