/**
 * The hot loops of the Punzi-net: forward and backward passes of a tanh/sigmoid multilayer
 * perceptron on a flat parameter vector, generated as straight-line JavaScript for one list of
 * layer sizes and compiled once.
 *
 * Parameter layout (PyTorch's `nn.Linear` state order, as in feichtip/punzinet
 * `examples/punzi_training.ipynb`): for each layer l = 0…L−1 with nᵢₙ inputs and nₒᵤₜ outputs, the
 * weights W_l as an nₒᵤₜ×nᵢₙ row-major block (W[j][i] connects input i to unit j), then the nₒᵤₜ
 * biases. Hidden layers apply tanh, the single output unit the logistic sigmoid.
 *
 * Why generated code: in the unrolled loop every parameter, every gradient accumulator and every
 * activation is a local (a register or a stack slot, no typed-array bounds checks) and tanh and exp
 * are inlined (`fastMath.ts`), so forward + backward of one event of the 4-8-4-1 network is one
 * fused pass of straight-line arithmetic: ≈ 7× the throughput of plain per-event loops with
 * Math.tanh, and ≈ 3× that of a layer-by-layer kernel over blocks of events, on the same machine
 * (bench/punziNet.bench.ts has the first comparison). The generated source contains only
 * integers, numeric literals and fixed identifiers.
 *
 * Determinism: every sum is accumulated event by event in index order, in the order of the
 * expressions below, and added to the caller's gradient once per call. The same inputs and the
 * same call boundaries give the same bits.
 *
 * @internal Not part of the public API: used by the network, the losses and the trainer.
 */
import { expMinusAbsSource, KERNEL_TABLE_NAMES, tanhSource, TWO_POW_J_32, TWO_POW_M } from './fastMath.js';

/** Largest network the generator accepts: straight-line code grows with the parameter count. */
export const MAX_PARAMETERS = 4096;

/** Checks a layer-size list: at least [nInputs, 1], positive integers, a single output unit. */
export function checkLayerSizes(layerSizes: readonly number[]): void {
  if (!Array.isArray(layerSizes) || layerSizes.length < 2) {
    throw new RangeError(`layerSizes must list at least the inputs and the output, got [${String(layerSizes)}]`);
  }
  for (const [i, n] of layerSizes.entries()) {
    if (!(Number.isInteger(n) && n >= 1 && n <= 256)) throw new RangeError(`layerSizes[${i}] must be an integer in [1, 256], got ${n}`);
  }
  const last = layerSizes[layerSizes.length - 1];
  if (last !== 1) throw new RangeError(`layerSizes must end with a single (sigmoid) output unit, got ${last}`);
  let n = 0;
  for (let l = 0; l + 1 < layerSizes.length; l++) n += layerSizes[l] * layerSizes[l + 1] + layerSizes[l + 1];
  if (n > MAX_PARAMETERS) throw new RangeError(`layerSizes [${layerSizes.join(', ')}] give ${n} parameters: at most ${MAX_PARAMETERS} are supported`);
}

/** Number of weights and biases of an MLP with these layer sizes. */
export function parameterCount(layerSizes: readonly number[]): number {
  checkLayerSizes(layerSizes);
  let n = 0;
  for (let l = 0; l + 1 < layerSizes.length; l++) n += layerSizes[l] * layerSizes[l + 1] + layerSizes[l + 1];
  return n;
}

/**
 * The compiled passes of one network shape. `mean` and `invStd` standardise the raw features
 * (x − mean)·invStd; `x` is row-major with `layerSizes[0]` columns; events are [start, end).
 */
export interface Kernels {
  readonly layerSizes: readonly number[];
  readonly nParameters: number;
  /** Doubles per event in an activation cache: every hidden activation, then σ′(z) = o(1 − o). */
  readonly cacheStride: number;
  /** out[e] = network output of event e. */
  forward(p: Float64Array, mean: Float64Array, invStd: Float64Array, x: Float64Array, start: number, end: number, out: Float64Array): void;
  /** As {@link forward}, and stores event e's hidden activations and σ′(z) at cache[(e − start)·cacheStride…]. */
  forwardCaching(p: Float64Array, mean: Float64Array, invStd: Float64Array, x: Float64Array, start: number, end: number, out: Float64Array, cache: Float64Array): void;
  /**
   * Fused forward + backward of the weighted binary cross-entropy: returns Σₑ wₑ·BCEₑ and adds
   * Σₑ invSumW·wₑ·(oₑ − yₑ)·∂zₑ/∂θ to `grad`. BCE = −[y ln o + (1 − y) ln(1 − o)], from the logit.
   */
  bce(
    p: Float64Array,
    mean: Float64Array,
    invStd: Float64Array,
    x: Float64Array,
    labels: Uint8Array,
    weights: Float64Array,
    invSumW: number,
    start: number,
    end: number,
    grad: Float64Array,
  ): number;
  /** Fused forward + backward: adds Σₑ gOut[e]·∂oₑ/∂θ to `grad` (events with gOut[e] = 0 are skipped). */
  outputGradient(p: Float64Array, mean: Float64Array, invStd: Float64Array, x: Float64Array, gOut: Float64Array, start: number, end: number, grad: Float64Array): void;
  /** As {@link outputGradient}, with the hidden activations read from a cache filled by {@link forwardCaching} over the same range. */
  outputGradientCached(
    p: Float64Array,
    mean: Float64Array,
    invStd: Float64Array,
    x: Float64Array,
    cache: Float64Array,
    gOut: Float64Array,
    start: number,
    end: number,
    grad: Float64Array,
  ): void;
}

type GeneratedKernels = Omit<Kernels, 'layerSizes' | 'nParameters' | 'cacheStride'>;

/** The parameter indices of one network shape. */
interface Shape {
  readonly sizes: readonly number[];
  readonly nLayers: number;
  /** weight[l][j][i]: index of W_l[j][i]. */
  readonly weight: number[][][];
  /** bias[l][j]: index of the bias of unit j of layer l. */
  readonly bias: number[][];
  readonly nParameters: number;
  /** Names of the hidden activations in cache order. */
  readonly hidden: string[];
}

function shapeOf(sizes: readonly number[]): Shape {
  const weight: number[][][] = [];
  const bias: number[][] = [];
  const hidden: string[] = [];
  let off = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l];
    const nOut = sizes[l + 1];
    weight.push(Array.from({ length: nOut }, (_, j) => Array.from({ length: nIn }, (_, i) => off + j * nIn + i)));
    off += nIn * nOut;
    bias.push(Array.from({ length: nOut }, (_, j) => off + j));
    off += nOut;
    if (l + 2 < sizes.length) for (let j = 0; j < nOut; j++) hidden.push(`a${l + 1}_${j}`);
  }
  return { sizes, nLayers: sizes.length - 1, weight, bias, nParameters: off, hidden };
}

/** `const p0 = p[0]; …` and `const m0 = mean[0], s0 = invStd[0]; …`. */
function prologue(s: Shape, withGradient: boolean): string[] {
  const lines: string[] = [];
  for (let k = 0; k < s.nParameters; k++) lines.push(`const p${k} = p[${k}];`);
  for (let i = 0; i < s.sizes[0]; i++) lines.push(`const m${i} = mean[${i}], s${i} = invStd[${i}];`);
  if (withGradient) for (let k = 0; k < s.nParameters; k++) lines.push(`let g${k} = 0;`);
  return lines;
}

function epilogue(s: Shape): string[] {
  const lines: string[] = [];
  for (let k = 0; k < s.nParameters; k++) lines.push(`grad[${k}] += g${k};`);
  return lines;
}

/** Standardised inputs a0_i of event e. */
function inputs(s: Shape): string[] {
  const d = s.sizes[0];
  const lines = [`const xo = e * ${d};`];
  for (let i = 0; i < d; i++) lines.push(`const a0_${i} = (x[xo + ${i}] - m${i}) * s${i};`);
  return lines;
}

/** Pre-activation b + Σᵢ W[j][i]·aᵢ, summed left to right. */
function preActivation(s: Shape, l: number, j: number): string {
  let expr = `p${s.bias[l][j]}`;
  for (let i = 0; i < s.sizes[l]; i++) expr += ` + p${s.weight[l][j][i]} * a${l}_${i}`;
  return expr;
}

/** Hidden activations a{l}_{j}, the logit z and ez = e^(−|z|). */
function hiddenAndLogit(s: Shape): string[] {
  const lines: string[] = [];
  const last = s.nLayers - 1;
  for (let l = 0; l < last; l++) {
    for (let j = 0; j < s.sizes[l + 1]; j++) {
      lines.push(`const u${l + 1}_${j} = ${preActivation(s, l, j)};`);
      lines.push(tanhSource(`a${l + 1}_${j}`, `u${l + 1}_${j}`, `h${l + 1}_${j}_`));
    }
  }
  lines.push(`const z = ${preActivation(s, last, 0)};`);
  lines.push(expMinusAbsSource('ez', 'z', 'q_'));
  return lines;
}

const OUTPUT = 'const o = z < 0 ? ez / (1 + ez) : 1 / (1 + ez);';
const SIGMOID_PRIME = 'ez / ((1 + ez) * (1 + ez))';

/** Backward pass of one event from `dz` = ∂loss/∂z, into the g{k} accumulators. */
function backward(s: Shape): string[] {
  const lines: string[] = [];
  const last = s.nLayers - 1;
  lines.push(`g${s.bias[last][0]} += dz;`);
  for (let i = 0; i < s.sizes[last]; i++) {
    lines.push(`g${s.weight[last][0][i]} += dz * a${last}_${i};`);
    if (last > 0) lines.push(`const d${last}_${i} = dz * p${s.weight[last][0][i]} * (1 - a${last}_${i} * a${last}_${i});`);
  }
  for (let l = last - 1; l >= 0; l--) {
    const nIn = s.sizes[l];
    const nOut = s.sizes[l + 1];
    for (let j = 0; j < nOut; j++) {
      lines.push(`g${s.bias[l][j]} += d${l + 1}_${j};`);
      for (let i = 0; i < nIn; i++) lines.push(`g${s.weight[l][j][i]} += d${l + 1}_${j} * a${l}_${i};`);
    }
    if (l > 0) {
      for (let i = 0; i < nIn; i++) {
        const terms = Array.from({ length: nOut }, (_, j) => `p${s.weight[l][j][i]} * d${l + 1}_${j}`).join(' + ');
        lines.push(`const d${l}_${i} = (${terms}) * (1 - a${l}_${i} * a${l}_${i});`);
      }
    }
  }
  return lines;
}

function source(s: Shape): string {
  const stride = s.hidden.length + 1;
  const fwd = [...inputs(s), ...hiddenAndLogit(s)];
  const cacheStores = [...s.hidden.map((name, k) => `cache[c + ${k}] = ${name};`), `cache[c + ${s.hidden.length}] = ${SIGMOID_PRIME};`];
  const cacheLoads = s.hidden.map((name, k) => `const ${name} = cache[c + ${k}];`);
  const fn = (signature: string, body: string[]): string => `function ${signature} {\n${body.join('\n')}\n}`;
  return [
    `'use strict';`,
    fn('forward(p, mean, invStd, x, start, end, out)', [...prologue(s, false), 'for (let e = start; e < end; e++) {', ...fwd, OUTPUT, 'out[e] = o;', '}']),
    fn('forwardCaching(p, mean, invStd, x, start, end, out, cache)', [
      ...prologue(s, false),
      `for (let e = start, c = 0; e < end; e++, c += ${stride}) {`,
      ...fwd,
      OUTPUT,
      'out[e] = o;',
      ...cacheStores,
      '}',
    ]),
    fn('bce(p, mean, invStd, x, labels, weights, invSumW, start, end, grad)', [
      ...prologue(s, true),
      'let loss = 0;',
      'for (let e = start; e < end; e++) {',
      ...fwd,
      OUTPUT,
      'const w = weights[e];',
      'const y = labels[e];',
      // −ln o = ln(1 + e^(−z)) and −ln(1 − o) = ln(1 + e^z), each as max(·, 0) + ln(1 + e^(−|z|))
      'const lp = Math.log1p(ez);',
      'loss += w * (y === 1 ? (z < 0 ? lp - z : lp) : (z > 0 ? lp + z : lp));',
      'const dz = w * invSumW * (o - y);',
      ...backward(s),
      '}',
      ...epilogue(s),
      'return loss;',
    ]),
    fn('outputGradient(p, mean, invStd, x, gOut, start, end, grad)', [
      ...prologue(s, true),
      'for (let e = start; e < end; e++) {',
      'const ge = gOut[e];',
      'if (ge === 0) continue;',
      ...fwd,
      `const dz = ge * (${SIGMOID_PRIME});`,
      ...backward(s),
      '}',
      ...epilogue(s),
    ]),
    fn('outputGradientCached(p, mean, invStd, x, cache, gOut, start, end, grad)', [
      ...prologue(s, true),
      `for (let e = start, c = 0; e < end; e++, c += ${stride}) {`,
      'const ge = gOut[e];',
      'if (ge === 0) continue;',
      ...inputs(s),
      ...cacheLoads,
      `const dz = ge * cache[c + ${s.hidden.length}];`,
      ...backward(s),
      '}',
      ...epilogue(s),
    ]),
    'return { forward, forwardCaching, bce, outputGradient, outputGradientCached };',
  ].join('\n');
}

const compiled = new Map<string, Kernels>();

/** The generated source of the kernels of one shape (for inspection and tests). */
export function kernelSource(layerSizes: readonly number[]): string {
  checkLayerSizes(layerSizes);
  return source(shapeOf(layerSizes));
}

/** The compiled kernels of one network shape (compiled on first use, then shared). */
export function kernelsFor(layerSizes: readonly number[]): Kernels {
  checkLayerSizes(layerSizes);
  const key = layerSizes.join(',');
  const hit = compiled.get(key);
  if (hit !== undefined) return hit;
  const shape = shapeOf(layerSizes);
  const factory = new Function(...KERNEL_TABLE_NAMES, source(shape)) as unknown as (t1: Float64Array, t2: Float64Array) => GeneratedKernels;
  const generated = factory(TWO_POW_J_32, TWO_POW_M);
  const kernels: Kernels = {
    layerSizes: Object.freeze([...layerSizes]),
    nParameters: shape.nParameters,
    cacheStride: shape.hidden.length + 1,
    forward: generated.forward,
    forwardCaching: generated.forwardCaching,
    bce: generated.bce,
    outputGradient: generated.outputGradient,
    outputGradientCached: generated.outputGradientCached,
  };
  compiled.set(key, kernels);
  return kernels;
}
