/**
 * Training of the Punzi-net, the schedule of P. Feichtinger et al., arXiv:2110.00810, EPJC 82, 121
 * (2022), as run in feichtip/punzinet `examples/punzi_training.ipynb` with `train.bce_training` and
 * `train.punzi_training`:
 *
 * 1. pre-training on the weighted binary cross-entropy, plain SGD (lr 1) on shuffled mini-batches
 *    of 4096 events, 150 epochs, the learning rate halved after 10 epochs without improvement of
 *    the epoch's mean batch loss;
 * 2. training on the Punzi loss, full batch, plain SGD (lr 0.05), 500 epochs, halved after 20.
 *
 * Deterministic: the initial weights come from the stream (seed, "punzi-net/init", 0) and the
 * order of epoch e of the pre-training from (seed, "punzi-net/bce-shuffle", e); every sum runs in a
 * fixed order. The same inputs and seed give the same parameters bit for bit.
 */
import { createStream, type RandomStream } from '../../random/stream.js';
import { hashTrainingInputs } from './file.js';
import { resolvePunziOptions, punziLossFromOutputs } from './loss.js';
import { checkMatrix, identityStandardisation, PunziNetwork, standardisationOf } from './network.js';
import { ReduceLrOnPlateau } from './plateau.js';
import { type BceSettings, type PunziTrainingSettings, resolveSettings, type TrainingSettings, type TrainingSettingsInput } from './settings.js';
import { checkWindows, type PunziWindows, type WindowMembership } from './windows.js';

/** A training sample: n events, d features. */
export interface TrainingData {
  /** n×d row-major feature matrix. */
  readonly features: Float64Array;
  /** d, the number of features (columns). */
  readonly nFeatures: number;
  /** 1 for signal, 0 for background. */
  readonly labels: Uint8Array;
  /**
   * Event weights (≥ 0): the BCE weights, and for background events the expected number of events
   * at the Punzi luminosity per simulated event (B = Σ w·o). Signal weights enter only the BCE.
   */
  readonly weights: Float64Array;
  /** Mass-window memberships of the Punzi loss. */
  readonly windows: PunziWindows;
}

export type TrainingPhase = 'bce' | 'punzi';

/** Called after every epoch: the phase, the epoch (1-based), the number of epochs of the phase, and the epoch's loss. */
export type ProgressCallback = (phase: TrainingPhase, epoch: number, total: number, loss: number) => void;

/** The loss of every epoch of one phase, and the learning rate it ran with. */
export interface PhaseHistory {
  /** BCE phase: mean of the batch losses of the epoch; Punzi phase: the loss before the epoch's step (fb). */
  readonly loss: Float64Array;
  readonly learningRate: Float64Array;
}

export interface LossHistory {
  readonly bce: PhaseHistory;
  readonly punzi: PhaseHistory;
}

export interface TrainOptions {
  /** Seed of the initial weights and of the mini-batch shuffling. */
  readonly seed: number;
  /** Settings; anything left out takes the paper's value. */
  readonly settings?: TrainingSettingsInput;
  readonly onProgress?: ProgressCallback;
  /**
   * Memory (bytes) the Punzi phase may use to keep the hidden activations of the forward pass for
   * the backward pass, instead of recomputing them (default 256 MiB: 2.5e6 events of the 4-8-4-1
   * network). Speed only: the result is the same bit for bit.
   */
  readonly activationCacheBytes?: number;
}

export interface TrainingResult {
  readonly network: PunziNetwork;
  readonly history: LossHistory;
  readonly settings: TrainingSettings;
  readonly seed: number;
  /** SHA-256 of the training inputs ({@link hashTrainingInputs}). */
  readonly trainingInputsSha256: string;
}

/** Purpose of the random stream that shuffles epoch e of the BCE pre-training (index e). */
export const SHUFFLE_STREAM_PURPOSE = 'punzi-net/bce-shuffle';
export const DEFAULT_ACTIVATION_CACHE_BYTES = 256 * 2 ** 20;

/** Checks a training sample; returns its number of events. Throws a RangeError naming the field. */
export function checkTrainingData(data: TrainingData): number {
  checkMatrix(data.features, data.nFeatures, 'features');
  const n = data.features.length / data.nFeatures;
  if (n === 0) throw new RangeError('training data: there are no events');
  if (!(data.labels instanceof Uint8Array) || data.labels.length !== n) throw new RangeError(`training data: labels must be a Uint8Array of ${n} entries`);
  if (!(data.weights instanceof Float64Array) || data.weights.length !== n) throw new RangeError(`training data: weights must be a Float64Array of ${n} entries`);
  for (let k = 0; k < n; k++) {
    if (data.labels[k] > 1) throw new RangeError(`training data: labels[${k}] = ${data.labels[k]} must be 0 or 1`);
    const w = data.weights[k];
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`training data: weights[${k}] = ${w} must be finite and ≥ 0`);
  }
  for (let k = 0; k < data.features.length; k++) {
    if (!Number.isFinite(data.features[k])) throw new RangeError(`training data: features[${Math.floor(k / data.nFeatures)}][${k % data.nFeatures}] is not finite`);
  }
  checkWindows(data.windows, n, data.labels);
  return n;
}

/**
 * Trains a Punzi-net from scratch: initial weights from the seed, input standardisation from the
 * sample (if `settings.standardise`), BCE pre-training, then Punzi-loss training.
 */
export function train(data: TrainingData, options: TrainOptions): TrainingResult {
  const settings = resolveSettings(options.settings ?? {});
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`train: seed must be a safe integer, got ${options.seed}`);
  checkTrainingData(data);
  if (settings.layerSizes[0] !== data.nFeatures) {
    throw new RangeError(`settings.layerSizes[0] = ${settings.layerSizes[0]} must equal the number of features, ${data.nFeatures}`);
  }
  const trainingInputsSha256 = hashTrainingInputs(data);
  const standardisation = settings.standardise ? standardisationOf(data.features, data.nFeatures) : identityStandardisation(data.nFeatures);
  const network = PunziNetwork.initial({ seed: options.seed, standardisation, layerSizes: settings.layerSizes });
  const bce = trainBce(network, data, settings.bce, options.seed, options.onProgress);
  const punzi = trainPunzi(network, data, settings.punzi, { onProgress: options.onProgress, activationCacheBytes: options.activationCacheBytes });
  return { network, history: { bce, punzi }, settings, seed: options.seed, trainingInputsSha256 };
}

/**
 * BCE pre-training of `network` in place: each epoch shuffles the events with the stream
 * (seed, {@link SHUFFLE_STREAM_PURPOSE}, epoch) ({@link shuffle}, as `np.random.shuffle`), splits them
 * into consecutive batches (the last one shorter, as `np.split`), and per batch takes one SGD step
 * θ ← θ − lr·∇θ[Σ w·BCE / Σ w]. A batch whose weights sum to 0 is skipped. The scheduler sees the
 * mean of the epoch's batch losses.
 */
export function trainBce(network: PunziNetwork, data: TrainingData, settings: BceSettings, seed: number, onProgress?: ProgressCallback): PhaseHistory {
  const n = checkTrainingData(data);
  const d = network.nInputs;
  if (d !== data.nFeatures) throw new RangeError(`the network has ${d} inputs, the data ${data.nFeatures} features`);
  const { features, labels, weights } = data;
  const k = network.kernels;
  const p = network.parameters;
  const mean = network.standardisation.mean;
  const invStd = network.invStd;
  const grad = new Float64Array(p.length);
  const batch = Math.min(settings.batchSize, n);
  const xb = new Float64Array(batch * d);
  const yb = new Uint8Array(batch);
  const wb = new Float64Array(batch);
  const order = new Int32Array(n);
  // one row per event holding its features, weight and label: a shuffled batch then gathers one
  // memory line per event instead of three (the gather waits on memory, not on arithmetic)
  const stride = d + 2;
  const packed = new Float64Array(settings.epochs > 0 ? n * stride : 0);
  for (let e = 0; e < packed.length / stride; e++) {
    for (let i = 0; i < d; i++) packed[e * stride + i] = features[e * d + i];
    packed[e * stride + d] = weights[e];
    packed[e * stride + d + 1] = labels[e];
  }
  const history = { loss: new Float64Array(settings.epochs), learningRate: new Float64Array(settings.epochs) };
  const scheduler = new ReduceLrOnPlateau(settings.learningRate, settings.plateau);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, createStream(seed, SHUFFLE_STREAM_PURPOSE, epoch));
    const lr = scheduler.learningRate;
    let running = 0;
    let batches = 0;
    for (let start = 0; start < n; start += batch) {
      const m = Math.min(batch, n - start);
      let sumW = 0;
      for (let e = 0; e < m; e++) {
        const src = order[start + e] * stride;
        for (let i = 0, dst = e * d; i < d; i++) xb[dst + i] = packed[src + i];
        const w = packed[src + d];
        wb[e] = w;
        yb[e] = packed[src + d + 1];
        sumW += w;
      }
      if (!(sumW > 0)) continue;
      grad.fill(0);
      const loss = k.bce(p, mean, invStd, xb, yb, wb, 1 / sumW, 0, m, grad) / sumW;
      for (let i = 0; i < p.length; i++) p[i] -= lr * grad[i];
      running += loss;
      batches++;
    }
    const average = running / batches;
    if (!Number.isFinite(average)) throw new RangeError(`BCE pre-training: the loss of epoch ${epoch + 1} is ${average} (no batch with positive weight, or diverged)`);
    history.loss[epoch] = average;
    history.learningRate[epoch] = lr;
    scheduler.step(average);
    onProgress?.('bce', epoch + 1, settings.epochs, average);
  }
  return history;
}

/**
 * Fills `order` with a uniformly random permutation of 0…n−1: Fisher–Yates from the end, each j
 * uniform in [0, i] by masked rejection on 32-bit draws (numpy's legacy `random_interval`, which
 * `np.random.shuffle` uses): exact, and integer-only (no floating-point modulo).
 */
export function shuffle(order: Int32Array, stream: RandomStream): void {
  const n = order.length;
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    let mask = i;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let j = (stream.nextUint32() & mask) >>> 0;
    while (j > i) j = (stream.nextUint32() & mask) >>> 0;
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/**
 * Punzi-loss training of `network` in place: per epoch, the outputs of all events in some window,
 * the loss and its output gradient ({@link punziLossFromOutputs}), back-propagation, one SGD step
 * θ ← θ − lr·∇θ loss. Events in no window do not enter the Punzi loss and are left out; the
 * others are processed ordered by their first window (see `punziWorkingSet`), which fixes the order
 * of the sums.
 *
 * The network left in place is the one of the lowest loss seen (the parameters before the step of
 * the history's `minEpoch`), as Keras' `EarlyStopping(restore_best_weights=True)`: full-batch SGD at a
 * fixed rate can step out of a minimum, and the plateau schedule then shrinks the rate where the
 * loss is higher (the authors' notebook keeps the last epoch's network).
 */
export function trainPunzi(
  network: PunziNetwork,
  data: TrainingData,
  settings: PunziTrainingSettings,
  options: { readonly onProgress?: ProgressCallback; readonly activationCacheBytes?: number } = {},
): PhaseHistory {
  checkTrainingData(data);
  const d = network.nInputs;
  if (d !== data.nFeatures) throw new RangeError(`the network has ${d} inputs, the data ${data.nFeatures} features`);
  const punziOptions = resolvePunziOptions(settings);
  const active = punziWorkingSet(data);
  const na = active.weights.length;
  const k = network.kernels;
  const p = network.parameters;
  const mean = network.standardisation.mean;
  const invStd = network.invStd;
  const outputs = new Float64Array(na);
  const gOut = new Float64Array(na);
  const grad = new Float64Array(p.length);
  const cacheBytes = options.activationCacheBytes ?? DEFAULT_ACTIVATION_CACHE_BYTES;
  const cache = na * k.cacheStride * 8 <= cacheBytes ? new Float64Array(na * k.cacheStride) : null;
  const history = { loss: new Float64Array(settings.epochs), learningRate: new Float64Array(settings.epochs) };
  const scheduler = new ReduceLrOnPlateau(settings.learningRate, settings.plateau);
  const bestParameters = Float64Array.from(p);
  let bestLoss = Infinity;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const lr = scheduler.learningRate;
    if (cache !== null) k.forwardCaching(p, mean, invStd, active.features, 0, na, outputs, cache);
    else k.forward(p, mean, invStd, active.features, 0, na, outputs);
    const { loss } = punziLossFromOutputs(outputs, active.weights, active.windows, punziOptions, gOut);
    if (!Number.isFinite(loss)) throw new RangeError(`Punzi-loss training: the loss of epoch ${epoch + 1} is ${loss} (diverged)`);
    if (loss < bestLoss) {
      bestLoss = loss;
      bestParameters.set(p);
    }
    grad.fill(0);
    if (cache !== null) k.outputGradientCached(p, mean, invStd, active.features, cache, gOut, 0, na, grad);
    else k.outputGradient(p, mean, invStd, active.features, gOut, 0, na, grad);
    for (let i = 0; i < p.length; i++) p[i] -= lr * grad[i];
    history.loss[epoch] = loss;
    history.learningRate[epoch] = lr;
    scheduler.step(loss);
    options.onProgress?.('punzi', epoch + 1, settings.epochs, loss);
  }
  if (settings.epochs > 0) p.set(bestParameters);
  return history;
}

/**
 * The working set of the Punzi phase: the events that are in at least one window, ordered by the
 * first window they belong to (stable, so ties keep the sample's order), with the windows
 * renumbered. Ordered so, the events of each window (nearby masses) are contiguous in memory; in the
 * sample's order they are spread over all of it and the soft counts, a few memberships per event,
 * wait on memory (≈ 100 ns per membership on 1e6 events here, slower than the network itself).
 * A fixed function of the inputs: the result stays deterministic.
 */
function punziWorkingSet(data: TrainingData): { features: Float64Array; weights: Float64Array; windows: PunziWindows } {
  const n = data.weights.length;
  const d = data.nFeatures;
  const nHyp = data.windows.nGenerated.length;
  const firstWindow = new Int32Array(n).fill(nHyp);
  for (const m of [data.windows.signal, data.windows.background]) {
    for (let i = 0; i < nHyp; i++) {
      for (let k = m.offsets[i]; k < m.offsets[i + 1]; k++) {
        const e = m.indices[k];
        if (i < firstWindow[e]) firstWindow[e] = i;
      }
    }
  }
  // counting sort by first window; events in no window (bucket nHyp) are left out
  const start = new Int32Array(nHyp + 2);
  for (let e = 0; e < n; e++) start[firstWindow[e] + 1]++;
  for (let i = 0; i <= nHyp; i++) start[i + 1] += start[i];
  const na = start[nHyp];
  const newIndex = new Int32Array(n);
  for (let e = 0; e < n; e++) newIndex[e] = start[firstWindow[e]]++;
  const features = new Float64Array(na * d);
  const weights = new Float64Array(na);
  for (let e = 0; e < n; e++) {
    if (firstWindow[e] === nHyp) continue;
    const j = newIndex[e];
    for (let i = 0; i < d; i++) features[j * d + i] = data.features[e * d + i];
    weights[j] = data.weights[e];
  }
  const remap = (m: WindowMembership): WindowMembership => {
    const indices = m.indices.map((e) => newIndex[e]);
    for (let i = 0; i < nHyp; i++) indices.subarray(m.offsets[i], m.offsets[i + 1]).sort();
    return { offsets: m.offsets, indices };
  };
  return { features, weights, windows: { signal: remap(data.windows.signal), background: remap(data.windows.background), nGenerated: data.windows.nGenerated } };
}
