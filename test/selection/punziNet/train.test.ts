import { describe, expect, it } from 'vitest';
import { createStream } from '../../../src/random/stream.js';
import { shuffle } from '../../../src/selection/punziNet/train.js';
import { checkTrainingData, membershipFromLists, resolveSettings, train, type TrainingData, type TrainingPhase } from '../../../src/selection/punziNet/index.js';
import { syntheticProblem } from './synthetic.js';

const small = syntheticProblem({ seed: 41, nHypotheses: 3, nSignalPerHypothesis: 300, nBackground: 3000 });
const quick = { bce: { epochs: 4, batchSize: 256 }, punzi: { epochs: 15 } };

function bytes(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

describe('train(data, { seed, settings })', () => {
  it('gives the same parameters bit for bit, and the same loss history, for the same inputs and seed', () => {
    const a = train(small.data, { seed: 7, settings: quick });
    const b = train(small.data, { seed: 7, settings: quick });
    expect(bytes(b.network.parameters)).toEqual(bytes(a.network.parameters));
    expect(bytes(b.history.bce.loss)).toEqual(bytes(a.history.bce.loss));
    expect(bytes(b.history.punzi.loss)).toEqual(bytes(a.history.punzi.loss));
    expect(b.trainingInputsSha256).toBe(a.trainingInputsSha256);
  });

  it('gives different weights for another seed', () => {
    const a = train(small.data, { seed: 7, settings: quick });
    const c = train(small.data, { seed: 8, settings: quick });
    expect(bytes(c.network.parameters)).not.toEqual(bytes(a.network.parameters));
  });

  it('gives the same bits whether the Punzi phase caches activations or recomputes them', () => {
    const cached = train(small.data, { seed: 7, settings: quick });
    const recomputed = train(small.data, { seed: 7, settings: quick, activationCacheBytes: 0 });
    expect(bytes(recomputed.network.parameters)).toEqual(bytes(cached.network.parameters));
  });

  it('reports every epoch of both phases to the progress callback, with the recorded losses', () => {
    const calls: [TrainingPhase, number, number, number][] = [];
    const r = train(small.data, { seed: 7, settings: quick, onProgress: (phase, epoch, total, loss) => calls.push([phase, epoch, total, loss]) });
    expect(calls.map((c) => `${c[0]}:${c[1]}/${c[2]}`)).toEqual([...[1, 2, 3, 4].map((e) => `bce:${e}/4`), ...Array.from({ length: 15 }, (_, e) => `punzi:${e + 1}/15`)]);
    expect(calls.slice(0, 4).map((c) => c[3])).toEqual(Array.from(r.history.bce.loss));
    expect(calls.slice(4).map((c) => c[3])).toEqual(Array.from(r.history.punzi.loss));
    // the Punzi loss decreases under full-batch gradient descent from its first epoch
    expect(r.history.punzi.loss[14]).toBeLessThan(r.history.punzi.loss[0]);
  });

  it('runs the BCE phase independently of the Punzi settings', () => {
    const a = train(small.data, { seed: 7, settings: { ...quick, punzi: { epochs: 0 } } });
    const b = train(small.data, { seed: 7, settings: { ...quick, punzi: { epochs: 3, learningRate: 0.01 } } });
    expect(bytes(b.history.bce.loss)).toEqual(bytes(a.history.bce.loss));
    expect(a.history.punzi.loss.length).toBe(0);
  });

  it('refuses a seed that is not a safe integer and features that do not match the layer sizes', () => {
    expect(() => train(small.data, { seed: 0.5, settings: quick })).toThrow(/seed must be a safe integer/);
    expect(() => train(small.data, { seed: 1, settings: { layerSizes: [3, 4, 1] } })).toThrow(/layerSizes\[0\] = 3 must equal the number of features, 4/);
  });
});

describe('resolveSettings(input)', () => {
  it('defaults to the paper’s schedule: BCE SGD lr 1, batches 4096, 150 epochs, patience 10; Punzi full batch lr 0.05, 500 epochs, patience 20; a = 3, b = 1.28155', () => {
    const s = resolveSettings();
    expect(s.layerSizes).toEqual([4, 8, 4, 1]);
    expect(s.standardise).toBe(true);
    expect(s.bce).toEqual({ epochs: 150, batchSize: 4096, learningRate: 1, plateau: { factor: 0.5, patience: 10, threshold: 1e-4, thresholdMode: 'rel', cooldown: 0, minLearningRate: 0, eps: 1e-8 } });
    expect(s.punzi).toEqual({
      epochs: 500,
      learningRate: 0.05,
      plateau: { factor: 0.5, patience: 20, threshold: 1e-4, thresholdMode: 'rel', cooldown: 0, minLearningRate: 0, eps: 1e-8 },
      a: 3,
      b: 1.28155,
      luminosity: 50,
      scaling: 1,
      zeroEfficiency: 1e-6,
    });
  });

  it('names the bad field', () => {
    expect(() => resolveSettings({ bce: { batchSize: 0 } })).toThrow(/^Punzi-net settings: bce\.batchSize: /);
    expect(() => resolveSettings({ punzi: { plateau: { factor: 2 } } })).toThrow(/^Punzi-net settings: punzi\.plateau\.factor: /);
    expect(() => resolveSettings({ layerSizes: [4, 8, 2] })).toThrow(/layerSizes: layerSizes must end with a single \(sigmoid\) output unit/);
    expect(() => resolveSettings({ bce: { epoch: 3 } } as never)).toThrow(/bce/);
  });
});

describe('checkTrainingData(data)', () => {
  const base: TrainingData = {
    features: new Float64Array([0, 1, 2, 3]),
    nFeatures: 1,
    labels: new Uint8Array([1, 0, 1, 0]),
    weights: new Float64Array([1, 1, 1, 1]),
    windows: { signal: membershipFromLists([[0, 2]]), background: membershipFromLists([[1, 3]]), nGenerated: new Float64Array([2]) },
  };
  it('accepts a consistent sample and names the field of an inconsistent one', () => {
    expect(checkTrainingData(base)).toBe(4);
    expect(() => checkTrainingData({ ...base, labels: new Uint8Array([1, 0, 2, 0]) })).toThrow(/labels\[2\] = 2 must be 0 or 1/);
    expect(() => checkTrainingData({ ...base, weights: new Float64Array([1, -1, 1, 1]) })).toThrow(/weights\[1\] = -1 must be finite and ≥ 0/);
    expect(() => checkTrainingData({ ...base, features: new Float64Array([0, Number.NaN, 2, 3]) })).toThrow(/features\[1\]\[0\] is not finite/);
    expect(() => checkTrainingData({ ...base, weights: new Float64Array(3) })).toThrow(/weights must be a Float64Array of 4 entries/);
    expect(() => checkTrainingData({ ...base, windows: { ...base.windows, signal: membershipFromLists([[0, 1]]) } })).toThrow(/windows\.signal: hypothesis 0 lists event 1, whose label is 0/);
  });
});

describe('shuffle(order, stream)', () => {
  it('gives each of the 24 permutations of 4 events with frequency 1/24 (χ² over 24 000 seeded streams)', () => {
    const counts = new Map<string, number>();
    const order = new Int32Array(4);
    for (let s = 0; s < 24_000; s++) {
      shuffle(order, createStream(s, 'punzi-net-test/shuffle', 0));
      const key = order.join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - 1000) ** 2 / 1000;
    // 23 degrees of freedom: P(χ² > 49.7) = 0.001
    expect(chi2).toBeLessThan(49.7);
  });

  it('is a permutation, fixed by the stream', () => {
    const a = new Int32Array(1000);
    const b = new Int32Array(1000);
    shuffle(a, createStream(3, 'x', 1));
    shuffle(b, createStream(3, 'x', 1));
    expect(a).toEqual(b);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
