import type { Detector } from '../../detector/index.js';
import type { Scenario } from '../scenario/index.js';
import { type AnalysisVariables, PUNZI_FEATURE_COUNT, sampleSelection } from '../selection/index.js';
import { runTemplateSample, type TemplateAxes } from './templates/sample.js';
import { backgroundGenerator, signalGenerator } from './templates/tasks.js';

/**
 * The training sample of the Punzi-net (Feichtinger et al., EPJC 82, 121 (2022); the paper's ref.
 * [40]): signal events at the training masses and background events, each after the paper's
 * selection up to the network, with the four network inputs, M²recoil and a weight. Signal events
 * weigh 1/N_generated of their mass (the network's signal efficiency is the weighted sum of its
 * outputs); background events weigh the events they stand for at the scenario's luminosity.
 * Streams are named `training/<process>` and `training/signal/<mass>`, apart from the templates'.
 */

export interface PunziTrainingData {
  readonly nEvents: number;
  /** The four inputs per event, row-major (src/selection/variables.ts `punziFeatures` order). */
  readonly features: Float64Array;
  readonly m2Recoil: Float64Array;
  readonly isSignal: Uint8Array;
  readonly weight: Float64Array;
  /** Training-mass index of a signal event, −1 for background. */
  readonly hypothesis: Int32Array;
  /** The training masses, GeV/c², and the events generated at each. */
  readonly massesGeV: readonly number[];
  readonly signalGenerated: readonly number[];
  readonly luminosityFb: number;
}

export interface PunziTrainingRequest {
  readonly massesGeV: readonly number[];
  readonly signalEventsPerMass: number;
  /** Generated events per background process (with the templates' generator settings). */
  readonly backgroundEvents: Readonly<Record<string, number>>;
}

/** Growable columns of the selected events. */
class Columns {
  n = 0;
  features = new Float64Array(4096 * PUNZI_FEATURE_COUNT);
  m2 = new Float64Array(4096);
  weight = new Float64Array(4096);
  signal = new Uint8Array(4096);
  hypothesis = new Int32Array(4096);

  push(v: AnalysisVariables, row: number, weight: number, hypothesis: number): void {
    if (this.n === this.m2.length) this.grow();
    const o = this.n * PUNZI_FEATURE_COUNT;
    this.features[o] = v.muonPtThrustCM[row];
    this.features[o + 1] = v.highMuonPtWrtLowCM[row];
    this.features[o + 2] = v.highMuonPlWrtLowCM[row];
    this.features[o + 3] = v.dimuonPtCM[row];
    this.m2[this.n] = v.m2Recoil[row];
    this.weight[this.n] = weight;
    this.signal[this.n] = hypothesis >= 0 ? 1 : 0;
    this.hypothesis[this.n] = hypothesis;
    this.n++;
  }

  /** Multiplies the weights of rows [from, n) by `factor`. */
  scale(from: number, factor: number): void {
    for (let i = from; i < this.n; i++) this.weight[i] *= factor;
  }

  private grow(): void {
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    const size = 2 * this.m2.length;
    this.features = grow(this.features, size * PUNZI_FEATURE_COUNT);
    this.m2 = grow(this.m2, size);
    this.weight = grow(this.weight, size);
    this.signal = grow(this.signal, size);
    this.hypothesis = grow(this.hypothesis, size);
  }
}

export function punziTrainingData(scenario: Scenario, detector: Detector, request: PunziTrainingRequest, progress: (stage: string, done: number, total: number) => void = () => {}): PunziTrainingData {
  const t = scenario.templates;
  const L = scenario.luminosity.totalFb;
  const selection = sampleSelection('signal', scenario.selection, false);
  // The network only needs the selected events, not the plane: one bin is enough.
  const axes: TemplateAxes = { m2Edges: Float64Array.of(-1e3, 1e3), thetaCMEdges: Float64Array.of(0, Math.PI) };
  const columns = new Columns();

  const processes = Object.keys(request.backgroundEvents);
  processes.forEach((process, p) => {
    progress(`background ${process}`, p, processes.length);
    const generator = backgroundGenerator(scenario, process);
    const first = columns.n;
    const result = runTemplateSample(generator, { stream: `training/${process}`, events: request.backgroundEvents[process], seed: scenario.seed }, detector, scenario.selection, selection, t.fiducial, axes, undefined, undefined, (v, row) =>
      columns.push(v, row, v.weight[row], -1),
    );
    // Raw weights → events at the scenario's luminosity.
    const total = result.cutflow.totalWeight;
    columns.scale(first, total > 0 ? (result.sigmaPb * L * 1000) / total : 0);
  });

  request.massesGeV.forEach((massGeV, m) => {
    progress('signal', m, request.massesGeV.length);
    const generator = signalGenerator(scenario, massGeV);
    const first = columns.n;
    const result = runTemplateSample(generator, { stream: `training/signal/${massGeV.toFixed(6)}`, events: request.signalEventsPerMass, seed: scenario.seed }, detector, scenario.selection, selection, t.fiducial, axes, undefined, undefined, (v, row) =>
      columns.push(v, row, v.weight[row], m),
    );
    columns.scale(first, 1 / result.cutflow.totalWeight);
  });
  progress('signal', request.massesGeV.length, request.massesGeV.length);
  const n = columns.n;
  return {
    nEvents: n,
    features: columns.features.slice(0, n * PUNZI_FEATURE_COUNT),
    m2Recoil: columns.m2.slice(0, n),
    isSignal: columns.signal.slice(0, n),
    weight: columns.weight.slice(0, n),
    hypothesis: columns.hypothesis.slice(0, n),
    massesGeV: request.massesGeV,
    signalGenerated: request.massesGeV.map(() => request.signalEventsPerMass),
    luminosityFb: L,
  };
}
