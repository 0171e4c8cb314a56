/**
 * The two losses of the Punzi-net and their analytic gradients: the weighted binary cross-entropy
 * of the pre-training, and the Punzi loss, the mean over mass hypotheses of Punzi's sensitivity with
 * soft (output-weighted) event counts (P. Feichtinger et al., arXiv:2110.00810, EPJC 82, 121
 * (2022); code feichtip/punzinet `src/punzinet/fom.py`: `punzi_sensitivity`, `punziloss`).
 *
 * Gradients are derived by hand: ∂loss/∂(outputs) in closed form below, then back-propagated
 * through the network by the generated kernels (`kernel.ts`).
 */
import { checkMatrix, type PunziNetwork } from './network.js';
import { checkWindows, type PunziWindows } from './windows.js';

/** Significance parameter a of the Punzi sensitivity, in Gaussian sigmas (fom.py `punzi_sensitivity` default a = 3). */
export const PUNZI_A = 3;
/** Power parameter b, in Gaussian sigmas: b = Φ⁻¹(0.90) = 1.28155 for 90% power (fom.py default). */
export const PUNZI_B = 1.28155;

/**
 * Punzi's minimum detectable signal (G. Punzi, "Sensitivity of searches for new signals and its
 * optimization", eConf C030908 (2003) MODT002, physics/0308063), the form feichtip/punzinet
 * `fom.punzi_sensitivity` evaluates:
 *
 *   S_min(B) = a²/8 + 9b²/13 + a√B + (b/2)·√(b² + 4a√B + 4B),
 *
 * the signal yield (events) that is discovered at significance a with probability (power) Φ(b),
 * for an expected background B (events). In the Gaussian approximation (solve S − a√B = b√(S + B))
 * the constant is b²/2; a²/8 + 9b²/13 is Punzi's approximation of the Poisson case.
 */
export function punziSmin(background: number, a = PUNZI_A, b = PUNZI_B): number {
  const r = Math.sqrt(background);
  return (a * a) / 8 + (9 * b * b) / 13 + a * r + (b / 2) * Math.sqrt(b * b + 4 * a * r + 4 * background);
}

/**
 * dS_min/dB = a/(2√B) + b(a + 2√B)/(2√B·√(b² + 4a√B + 4B)); +∞ at B = 0.
 */
export function punziSminDerivative(background: number, a = PUNZI_A, b = PUNZI_B): number {
  const r = Math.sqrt(background);
  const q = Math.sqrt(b * b + 4 * a * r + 4 * background);
  return a / (2 * r) + (b * (a + 2 * r)) / (2 * r * q);
}

/** Settings of the Punzi sensitivity. */
export interface PunziOptions {
  /** Significance parameter a (default 3). */
  readonly a?: number;
  /** Power parameter b (default 1.28155 = Φ⁻¹(0.90)). */
  readonly b?: number;
  /**
   * Integrated luminosity L in fb⁻¹ that turns S_min/ε into a cross section (fb). It must be the
   * luminosity to which the background weights are normalised (B = Σ w·o counts events at L).
   * Default 50 fb⁻¹, the authors' default (fom.py `punzi_sensitivity(lumi=50)`); the paper's
   * data set is 79.7 fb⁻¹.
   */
  readonly luminosity?: number;
  /** Factor on ε and B, e.g. a trigger efficiency (fom.py `scaling`, default 1; the authors' example uses 0.9). */
  readonly scaling?: number;
  /** Value replacing an efficiency that is exactly 0 (fom.py: `sig_eff[sig_eff == 0] = 1E-6`). */
  readonly zeroEfficiency?: number;
}

/** {@link PunziOptions} with every default filled in. */
export interface ResolvedPunziOptions {
  readonly a: number;
  readonly b: number;
  readonly luminosity: number;
  readonly scaling: number;
  readonly zeroEfficiency: number;
}

export function resolvePunziOptions(options: PunziOptions = {}): ResolvedPunziOptions {
  const r = {
    a: options.a ?? PUNZI_A,
    b: options.b ?? PUNZI_B,
    luminosity: options.luminosity ?? 50,
    scaling: options.scaling ?? 1,
    zeroEfficiency: options.zeroEfficiency ?? 1e-6,
  };
  for (const [key, v] of Object.entries(r)) {
    if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`Punzi option ${key} must be positive and finite, got ${v}`);
  }
  return r;
}

/**
 * Punzi sensitivity S_min(B)/(ε·L) in fb (for L in fb⁻¹), with ε = 0 replaced by `zeroEfficiency`.
 * Smaller is better: the cross section a search would discover with 90% probability at 3σ.
 */
export function punziSensitivity(efficiency: number, background: number, options: PunziOptions = {}): number {
  const o = resolvePunziOptions(options);
  const eff = efficiency === 0 ? o.zeroEfficiency : efficiency;
  return punziSmin(background, o.a, o.b) / eff / o.luminosity;
}

/** The Punzi loss and its per-hypothesis ingredients. */
export interface PunziEvaluation {
  /** Mean over hypotheses of the sensitivity, in fb. */
  readonly loss: number;
  /** Soft signal efficiency ε_i = scaling·Σ_{signal of i in window i} o / N_gen,i (before the ε = 0 replacement). */
  readonly efficiency: Float64Array;
  /** Soft background B_i = scaling·Σ_{background in window i} o·w, in events at the luminosity L. */
  readonly background: Float64Array;
  /** Sensitivity S_min(B_i)/(ε_i·L) per hypothesis, in fb. */
  readonly sensitivity: Float64Array;
}

/**
 * The Punzi loss of given network outputs (fom.py `punziloss` + `torch.mean`):
 *
 *   ε_i = scaling·Σ_{k ∈ sig_i} o_k / N_i,  B_i = scaling·Σ_{k ∈ bkg_i} o_k·w_k,
 *   s_i = S_min(B_i)/ε_i/L,  loss = (1/H)·Σ_i s_i.
 *
 * With `gradient` (length ≥ number of events), writes ∂loss/∂o_k into it:
 *
 *   ∂loss/∂o_k = (1/H)·Σ_{i: k ∈ sig_i} (−s_i/ε_i)·scaling/N_i + (1/H)·Σ_{i: k ∈ bkg_i} S′_min(B_i)/(ε_i·L)·scaling·w_k.
 *
 * A hypothesis whose ε_i is exactly 0 uses ε_i = zeroEfficiency and contributes no ε-gradient (the
 * replaced value is a constant, as in the authors' in-place assignment). A window whose B_i is
 * exactly 0 (no background, or only zero weights) contributes no B-gradient: B_i is then constant
 * (PyTorch would propagate S′(0) = ∞ and give NaN for zero-weight events).
 *
 * The windows are not checked here (this runs every epoch); see {@link checkWindows}.
 */
export function punziLossFromOutputs(outputs: Float64Array, weights: Float64Array, windows: PunziWindows, options: PunziOptions = {}, gradient?: Float64Array): PunziEvaluation {
  const o = resolvePunziOptions(options);
  const nHyp = windows.nGenerated.length;
  const efficiency = new Float64Array(nHyp);
  const background = new Float64Array(nHyp);
  const sensitivity = new Float64Array(nHyp);
  const sigOff = windows.signal.offsets;
  const sigIdx = windows.signal.indices;
  const bkgOff = windows.background.offsets;
  const bkgIdx = windows.background.indices;
  const coefEff = new Float64Array(nHyp);
  const coefBkg = new Float64Array(nHyp);
  let total = 0;
  for (let i = 0; i < nHyp; i++) {
    let s = 0;
    for (let k = sigOff[i]; k < sigOff[i + 1]; k++) s += outputs[sigIdx[k]];
    let bsum = 0;
    for (let k = bkgOff[i]; k < bkgOff[i + 1]; k++) {
      const e = bkgIdx[k];
      bsum += outputs[e] * weights[e];
    }
    const eff = (s * o.scaling) / windows.nGenerated[i];
    const bkg = bsum * o.scaling;
    const effUsed = eff === 0 ? o.zeroEfficiency : eff;
    const sens = punziSmin(bkg, o.a, o.b) / effUsed / o.luminosity;
    efficiency[i] = eff;
    background[i] = bkg;
    sensitivity[i] = sens;
    total += sens;
    coefEff[i] = eff === 0 ? 0 : ((-sens / effUsed) * o.scaling) / windows.nGenerated[i] / nHyp;
    coefBkg[i] = bkg === 0 ? 0 : ((punziSminDerivative(bkg, o.a, o.b) / effUsed / o.luminosity) * o.scaling) / nHyp;
  }
  if (gradient !== undefined) {
    gradient.fill(0);
    for (let i = 0; i < nHyp; i++) {
      const ce = coefEff[i];
      for (let k = sigOff[i]; k < sigOff[i + 1]; k++) gradient[sigIdx[k]] += ce;
      const cb = coefBkg[i];
      for (let k = bkgOff[i]; k < bkgOff[i + 1]; k++) {
        const e = bkgIdx[k];
        gradient[e] += cb * weights[e];
      }
    }
  }
  return { loss: total / nHyp, efficiency, background, sensitivity };
}

/**
 * The Punzi loss of a network on a sample (n×d row-major `features`, per-event `weights`), and with
 * `gradient` (length nParameters) ∂loss/∂θ written into it: the output gradient of
 * {@link punziLossFromOutputs} back-propagated through the network.
 */
export function punziLoss(
  network: PunziNetwork,
  features: Float64Array,
  weights: Float64Array,
  windows: PunziWindows,
  options: PunziOptions = {},
  gradient?: Float64Array,
): PunziEvaluation {
  const n = sampleSize(network, features, weights);
  checkWindows(windows, n);
  const outputs = network.predict(features, new Float64Array(n));
  if (gradient === undefined) return punziLossFromOutputs(outputs, weights, windows, options);
  checkGradient(network, gradient);
  const gOut = new Float64Array(n);
  const evaluation = punziLossFromOutputs(outputs, weights, windows, options, gOut);
  gradient.fill(0);
  network.kernels.outputGradient(network.parameters, network.standardisation.mean, network.invStd, features, gOut, 0, n, gradient);
  return evaluation;
}

/**
 * Weighted binary cross-entropy of given outputs, Σ_k w_k·BCE_k / Σ_k w_k with
 * BCE = −[y ln o + (1 − y) ln(1 − o)] (PyTorch `BCELoss(reduction='none')` weighted and normalised
 * as feichtip/punzinet `train.bce_training`). With `gradient`, writes
 * ∂loss/∂o_k = w_k·(o_k − y_k)/(o_k(1 − o_k))/Σw into it. Outputs must lie in (0, 1) (PyTorch clamps
 * the logarithms at −100 instead; the network-level {@link weightedBce} works from the logit and
 * needs no clamp).
 */
export function weightedBceFromOutputs(outputs: Float64Array, labels: Uint8Array, weights: Float64Array, gradient?: Float64Array): number {
  const n = labels.length;
  let sumW = 0;
  for (let k = 0; k < n; k++) sumW += weights[k];
  let loss = 0;
  for (let k = 0; k < n; k++) {
    const o = outputs[k];
    loss += weights[k] * (labels[k] === 1 ? -Math.log(o) : -Math.log1p(-o));
  }
  if (gradient !== undefined) {
    for (let k = 0; k < n; k++) {
      const o = outputs[k];
      gradient[k] = (weights[k] * (o - labels[k])) / (o * (1 - o)) / sumW;
    }
  }
  return loss / sumW;
}

/**
 * Weighted binary cross-entropy of a network on a sample, Σ w·BCE / Σ w, computed from the output
 * logit z (−ln o = ln(1 + e^(−z)), −ln(1 − o) = ln(1 + e^z), exact for any z), and with `gradient`
 * ∂loss/∂θ written into it, from ∂loss/∂z_k = w_k·(o_k − y_k)/Σw.
 */
export function weightedBce(network: PunziNetwork, features: Float64Array, labels: Uint8Array, weights: Float64Array, gradient?: Float64Array): number {
  const n = sampleSize(network, features, weights);
  if (labels.length !== n) throw new RangeError(`weightedBce: ${labels.length} labels for ${n} events`);
  let sumW = 0;
  for (let k = 0; k < n; k++) sumW += weights[k];
  if (!(sumW > 0)) throw new RangeError(`weightedBce: the weights sum to ${sumW}; the loss is normalised by Σw`);
  const grad = gradient ?? new Float64Array(network.nParameters);
  checkGradient(network, grad);
  grad.fill(0);
  const sum = network.kernels.bce(network.parameters, network.standardisation.mean, network.invStd, features, labels, weights, 1 / sumW, 0, n, grad);
  return sum / sumW;
}

function sampleSize(network: PunziNetwork, features: Float64Array, weights: Float64Array): number {
  checkMatrix(features, network.nInputs, 'features');
  const n = features.length / network.nInputs;
  if (weights.length !== n) throw new RangeError(`${weights.length} weights for ${n} events`);
  return n;
}

function checkGradient(network: PunziNetwork, gradient: Float64Array): void {
  if (gradient.length !== network.nParameters) throw new RangeError(`gradient must have ${network.nParameters} entries, got ${gradient.length}`);
}
