/**
 * Cuts on the trained network's output, per mass hypothesis: the paper's fixed cut at 0.5
 * (PRL 130, 231801: "we select events with an output larger than 0.5"; feichtip/punzinet
 * `fom.fixed_cut`) and the cut that minimises the Punzi sensitivity on a grid of thresholds
 * (`fom.optimal_cut`). Both count events with hard selections: an event passes a cut t if o > t.
 */
import { punziSmin, resolvePunziOptions, type PunziOptions } from './loss.js';
import type { PunziWindows } from './windows.js';

/** Efficiency, background and sensitivity of each hypothesis at one cut per hypothesis. */
export interface CutEvaluation {
  /** ε_i = (number of signal events of i in window i with o > t_i)/N_gen,i · scaling. */
  readonly efficiency: Float64Array;
  /** B_i = Σ_{background in window i, o > t_i} w · scaling (events at the luminosity L). */
  readonly background: Float64Array;
  /** S_min(B_i)/(ε_i·L) in fb, ε = 0 replaced by `zeroEfficiency`. */
  readonly sensitivity: Float64Array;
}

/** The result of {@link optimalCut}. */
export interface OptimalCuts extends CutEvaluation {
  /** The scanned thresholds (numpy.linspace(lower, upper, steps)). */
  readonly thresholds: Float64Array;
  /** The best threshold of each hypothesis. */
  readonly cut: Float64Array;
}

export interface CutScanOptions extends PunziOptions {
  /** Number of thresholds (default 200, fom.optimal_cut `steps`). */
  readonly steps?: number;
  /** First threshold (default 0). */
  readonly lower?: number;
  /** Last threshold (default 1). */
  readonly upper?: number;
}

/** numpy.linspace(start, stop, num): start + k·(stop − start)/(num − 1), the last value set to stop exactly. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  if (!(Number.isInteger(num) && num >= 1)) throw new RangeError(`linspace: num must be a positive integer, got ${num}`);
  const out = new Float64Array(num);
  if (num === 1) {
    out[0] = start;
    return out;
  }
  const step = (stop - start) / (num - 1);
  for (let k = 0; k < num; k++) out[k] = k * step + start;
  out[num - 1] = stop;
  return out;
}

/**
 * Efficiency, background and sensitivity per hypothesis with the cut o > cut (default 0.5, the
 * paper's), as feichtip/punzinet `fom.fixed_cut`.
 */
export function sensitivityAtCut(outputs: Float64Array, weights: Float64Array, windows: PunziWindows, cut = 0.5, options: PunziOptions = {}): CutEvaluation {
  const o = resolvePunziOptions(options);
  const nHyp = windows.nGenerated.length;
  const efficiency = new Float64Array(nHyp);
  const background = new Float64Array(nHyp);
  const sensitivity = new Float64Array(nHyp);
  for (let i = 0; i < nHyp; i++) {
    let nSig = 0;
    for (let k = windows.signal.offsets[i]; k < windows.signal.offsets[i + 1]; k++) if (outputs[windows.signal.indices[k]] > cut) nSig++;
    let sumW = 0;
    for (let k = windows.background.offsets[i]; k < windows.background.offsets[i + 1]; k++) {
      const e = windows.background.indices[k];
      if (outputs[e] > cut) sumW += weights[e];
    }
    efficiency[i] = (nSig / windows.nGenerated[i]) * o.scaling;
    background[i] = sumW * o.scaling;
    sensitivity[i] = sensitivityOf(efficiency[i], background[i], o);
  }
  return { efficiency, background, sensitivity };
}

/**
 * The cut on the output that minimises each hypothesis's Punzi sensitivity, scanned over `steps`
 * thresholds from `lower` to `upper` (default 200 from 0 to 1), exactly as feichtip/punzinet
 * `fom.optimal_cut`: thresholds numpy.linspace(lower, upper, steps), hard selection o > t, ε = 0
 * replaced by 1e-6, the first threshold of smallest sensitivity (numpy.argmin). (The authors'
 * function evaluates the sensitivity at its default L = 50 fb⁻¹ whatever the target luminosity;
 * L scales all thresholds alike, so the chosen cuts do not depend on it. Here L is `luminosity`.)
 */
export function optimalCut(outputs: Float64Array, weights: Float64Array, windows: PunziWindows, options: CutScanOptions = {}): OptimalCuts {
  const o = resolvePunziOptions(options);
  const thresholds = linspace(options.lower ?? 0, options.upper ?? 1, options.steps ?? 200);
  const steps = thresholds.length;
  for (let k = 1; k < steps; k++) if (!(thresholds[k] >= thresholds[k - 1])) throw new RangeError('optimalCut: upper must not be below lower');
  const nHyp = windows.nGenerated.length;
  const cut = new Float64Array(nHyp);
  const efficiency = new Float64Array(nHyp);
  const background = new Float64Array(nHyp);
  const sensitivity = new Float64Array(nHyp);
  // histograms over "number of thresholds below o" (0 … steps): an event in bin c passes cuts 0 … c − 1
  const sigHist = new Float64Array(steps + 1);
  const bkgHist = new Float64Array(steps + 1);
  const sens = new Float64Array(steps);
  const effs = new Float64Array(steps);
  const bkgs = new Float64Array(steps);
  for (let i = 0; i < nHyp; i++) {
    sigHist.fill(0);
    bkgHist.fill(0);
    for (let k = windows.signal.offsets[i]; k < windows.signal.offsets[i + 1]; k++) sigHist[thresholdsBelow(thresholds, outputs[windows.signal.indices[k]])]++;
    for (let k = windows.background.offsets[i]; k < windows.background.offsets[i + 1]; k++) {
      const e = windows.background.indices[k];
      bkgHist[thresholdsBelow(thresholds, outputs[e])] += weights[e];
    }
    let nSig = 0;
    let sumW = 0;
    let best = Infinity;
    let bestK = 0;
    let bestEff = 0;
    let bestBkg = 0;
    // cumulative from the tightest cut down, then the first (loosest) minimum
    for (let k = steps - 1; k >= 0; k--) {
      nSig += sigHist[k + 1];
      sumW += bkgHist[k + 1];
      effs[k] = (nSig / windows.nGenerated[i]) * o.scaling;
      bkgs[k] = sumW * o.scaling;
      sens[k] = sensitivityOf(effs[k], bkgs[k], o);
    }
    for (let k = 0; k < steps; k++) {
      if (sens[k] < best) {
        best = sens[k];
        bestK = k;
        bestEff = effs[k];
        bestBkg = bkgs[k];
      }
    }
    cut[i] = thresholds[bestK];
    efficiency[i] = bestEff;
    background[i] = bestBkg;
    sensitivity[i] = best;
  }
  return { thresholds, cut, efficiency, background, sensitivity };
}

function sensitivityOf(eff: number, bkg: number, o: ReturnType<typeof resolvePunziOptions>): number {
  return punziSmin(bkg, o.a, o.b) / (eff === 0 ? o.zeroEfficiency : eff) / o.luminosity;
}

/** Number of thresholds t (sorted ascending) with t < value. */
function thresholdsBelow(t: Float64Array, value: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
