/**
 * The Punzi-net: a small feed-forward classifier, by default 4 → 8 → 4 → 1 with tanh hidden units
 * and a sigmoid output, the network of P. Feichtinger et al., "Punzi-loss: a non-differentiable
 * metric approximation for sensitivity optimisation in the search for new particles",
 * arXiv:2110.00810, published as F. Abudinén et al., Eur. Phys. J. C 82, 121 (2022) (ref. [40] of
 * PRL 130, 231801), as built in the authors' code
 * (feichtip/punzinet `examples/punzi_training.ipynb`: Linear(4,8) → tanh → Linear(8,4) → tanh →
 * Linear(4,1) → sigmoid). It knows nothing of events: it maps rows of a feature matrix to (0, 1).
 *
 * Input standardisation, which the authors do not apply (their four features are momenta of
 * O(0.1–1) GeV/c fed in raw), is part of the network here: each feature is replaced by
 * (x − mean)/std before the first layer, with mean and std stored beside the weights.
 */
import type { RandomStream } from '../../random/stream.js';
import { createStream } from '../../random/stream.js';
import { checkLayerSizes, type Kernels, kernelsFor, parameterCount } from './kernel.js';

export { parameterCount } from './kernel.js';

/** The paper's network: 4 inputs, hidden layers of 8 and 4 tanh units, one sigmoid output. */
export const DEFAULT_LAYER_SIZES: readonly number[] = Object.freeze([4, 8, 4, 1]);

/** Per-feature standardisation x → (x − mean)/std, in the units of the features. */
export interface Standardisation {
  /** Mean of each feature. */
  readonly mean: Float64Array;
  /** Standard deviation of each feature (> 0). */
  readonly std: Float64Array;
}

/**
 * The standardisation of a training sample: the unweighted mean and population standard deviation
 * (divisor n, as scikit-learn's StandardScaler) of each column of the n×d row-major `features`.
 *
 * Unweighted, by choice: the event weights of a Punzi-net sample span orders of magnitude (MC
 * luminosity ratios per background, an overall factor on the signal) and set what the losses
 * emphasise; the standardisation only conditions the numbers that enter the first layer, row by
 * row, so it follows the rows themselves (the authors' `df[features].describe()` is unweighted too).
 * A constant feature gets std = 1 (centred, not scaled).
 */
export function standardisationOf(features: Float64Array, nFeatures: number): Standardisation {
  checkMatrix(features, nFeatures, 'features');
  const n = features.length / nFeatures;
  if (n === 0) throw new RangeError('standardisationOf: the sample has no events');
  const mean = new Float64Array(nFeatures);
  const std = new Float64Array(nFeatures);
  for (let i = 0; i < nFeatures; i++) {
    let s = 0;
    for (let k = i; k < features.length; k += nFeatures) s += features[k];
    const mu = s / n;
    let s2 = 0;
    for (let k = i; k < features.length; k += nFeatures) {
      const d = features[k] - mu;
      s2 += d * d;
    }
    const sd = Math.sqrt(s2 / n);
    mean[i] = mu;
    std[i] = sd > 0 && Number.isFinite(sd) ? sd : 1;
    if (!Number.isFinite(mu)) throw new RangeError(`standardisationOf: feature ${i} has a non-finite value`);
  }
  return { mean, std };
}

/** The identity standardisation (mean 0, std 1): the authors' raw inputs. */
export function identityStandardisation(nFeatures: number): Standardisation {
  return { mean: new Float64Array(nFeatures), std: new Float64Array(nFeatures).fill(1) };
}

/**
 * Draws initial parameters as PyTorch's `nn.init.kaiming_normal_` (defaults: fan-in mode, gain √2,
 * so weights ~ N(0, 2/nᵢₙ)) and `nn.init.normal_` for the biases (N(0, 1)), the authors'
 * `train.weights_init`. Draw order: layer by layer, the weights row-major, then the biases.
 */
export function initialiseParameters(layerSizes: readonly number[], stream: RandomStream): Float64Array {
  const p = new Float64Array(parameterCount(layerSizes));
  let k = 0;
  for (let l = 0; l + 1 < layerSizes.length; l++) {
    const nIn = layerSizes[l];
    const nOut = layerSizes[l + 1];
    const sigma = Math.sqrt(2 / nIn);
    for (let j = 0; j < nIn * nOut; j++) p[k++] = sigma * stream.normal();
    for (let j = 0; j < nOut; j++) p[k++] = stream.normal();
  }
  return p;
}

/** The random-stream purpose of the initial weights. */
export const INIT_STREAM_PURPOSE = 'punzi-net/init';

/**
 * A multilayer perceptron with tanh hidden layers and one sigmoid output unit, on a flat
 * parameter vector (per layer: the nₒᵤₜ×nᵢₙ weights row-major, then the nₒᵤₜ biases, PyTorch's
 * `nn.Linear` order) and a per-feature input standardisation.
 *
 * @example
 * const net = PunziNetwork.initial({ seed: 7, standardisation: standardisationOf(x, 4) });
 * const out = net.predict(x, new Float64Array(x.length / 4)); // values in (0, 1)
 */
export class PunziNetwork {
  /** Units per layer, inputs first; the last is 1. */
  readonly layerSizes: readonly number[];
  /** All weights and biases, in the layout above. Training updates it in place. */
  readonly parameters: Float64Array;
  readonly standardisation: Standardisation;
  /** 1/std per feature, as the kernels multiply. @internal */
  readonly invStd: Float64Array;
  /** @internal */
  readonly kernels: Kernels;

  constructor(layerSizes: readonly number[], parameters: Float64Array, standardisation: Standardisation) {
    checkLayerSizes(layerSizes);
    const nParameters = parameterCount(layerSizes);
    if (!(parameters instanceof Float64Array) || parameters.length !== nParameters) {
      throw new RangeError(`parameters must be a Float64Array of ${nParameters} values for layers [${layerSizes.join(', ')}], got ${parameters.length}`);
    }
    const d = layerSizes[0];
    const { mean, std } = standardisation;
    if (mean.length !== d || std.length !== d) {
      throw new RangeError(`standardisation must have ${d} means and standard deviations, got ${mean.length} and ${std.length}`);
    }
    for (let i = 0; i < d; i++) {
      if (!Number.isFinite(mean[i])) throw new RangeError(`standardisation.mean[${i}] must be finite, got ${mean[i]}`);
      if (!(std[i] > 0 && Number.isFinite(std[i]))) throw new RangeError(`standardisation.std[${i}] must be positive and finite, got ${std[i]}`);
    }
    this.layerSizes = Object.freeze([...layerSizes]);
    this.parameters = parameters;
    this.standardisation = { mean: Float64Array.from(mean), std: Float64Array.from(std) };
    this.invStd = new Float64Array(d);
    for (let i = 0; i < d; i++) this.invStd[i] = 1 / std[i];
    this.kernels = kernelsFor(layerSizes);
  }

  /**
   * A network with Kaiming-normal weights and N(0, 1) biases drawn from the stream
   * (seed, {@link INIT_STREAM_PURPOSE}, streamIndex).
   */
  static initial(options: { readonly seed: number; readonly standardisation: Standardisation; readonly layerSizes?: readonly number[]; readonly streamIndex?: number }): PunziNetwork {
    const layerSizes = options.layerSizes ?? DEFAULT_LAYER_SIZES;
    checkLayerSizes(layerSizes);
    const stream = createStream(options.seed, INIT_STREAM_PURPOSE, options.streamIndex ?? 0);
    return new PunziNetwork(layerSizes, initialiseParameters(layerSizes, stream), options.standardisation);
  }

  /** Number of input features. */
  get nInputs(): number {
    return this.layerSizes[0];
  }

  /** Number of weights and biases. */
  get nParameters(): number {
    return this.parameters.length;
  }

  /**
   * Network outputs in [0, 1] of the events of the n×d row-major `features` (d = nInputs), written
   * to `out` (length ≥ n) and returned. No allocation.
   */
  predict(features: Float64Array, out: Float64Array): Float64Array {
    checkMatrix(features, this.nInputs, 'features');
    const n = features.length / this.nInputs;
    if (out.length < n) throw new RangeError(`predict: out has ${out.length} entries for ${n} events`);
    this.kernels.forward(this.parameters, this.standardisation.mean, this.invStd, features, 0, n, out);
    return out;
  }

  /** An independent copy (parameters and standardisation copied). */
  clone(): PunziNetwork {
    return new PunziNetwork(this.layerSizes, Float64Array.from(this.parameters), this.standardisation);
  }
}

/** Checks that `x` is a Float64Array holding whole rows of `nColumns`. */
export function checkMatrix(x: Float64Array, nColumns: number, name: string): void {
  if (!(x instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array (row-major, ${nColumns} columns)`);
  if (!(Number.isInteger(nColumns) && nColumns >= 1)) throw new RangeError(`${name}: the number of columns must be a positive integer, got ${nColumns}`);
  if (x.length % nColumns !== 0) throw new RangeError(`${name} has ${x.length} values, not a whole number of rows of ${nColumns}`);
}
