/**
 * The paper's systematic uncertainties on one search window (PRL 130, 231801, p. 4), as the inputs
 * of `windowWorkspace`:
 * - signal efficiency (2.7 / 6.5 / 8.3% in M²recoil [−0.5, 9], [9, 36], [36, 81] GeV²/c⁴): one
 *   normsys on the signal, from the range that holds the hypothesis;
 * - signal shape (10%) and background shape (3.2 / 8.6 / 25% by range): per-bin Gaussian nuisances;
 * - photon-veto shape (34% below 1 GeV²/c⁴, 5% above) on the μμ(γ) part of the background, in the
 *   same per-bin nuisance;
 * - luminosity (1%).
 * The templates' own Monte Carlo variance (Σw²) joins each per-bin nuisance in quadrature, as
 * HistFactory's staterror does (Barlow–Beeston "lite").
 *
 * A cell with signal but no simulated background would let the fit treat it as background-free,
 * which a finite Monte Carlo sample cannot show. Such a cell gets the background of one average
 * simulated event of the window (Σw²/Σw over its cells) with a 100% uncertainty: zero selected
 * events of weight w are compatible with about w expected.
 */
import type { FitSettings } from '../scenario/index.js';
import type { WindowInput } from '../fit/index.js';
import type { SearchWindow } from './windows.js';

type Systematics = FitSettings['systematics'];

/** The value of the range holding `m2`; below the first range the first, above the last the last. */
export function valueInRange(ranges: Systematics['m2RecoilRangesGeV2'], values: readonly number[], m2: number): number {
  for (let r = 0; r < ranges.length; r++) if (m2 < ranges[r][1]) return values[r];
  return values[ranges.length - 1];
}

/**
 * The largest μ = σ/`signalScaleFb` a window's limit search evaluates (`maxPoi`). The scale is the
 * sensitivity without systematics; where the background-shape uncertainties dominate (10⁶
 * background events at 50 ab⁻¹ with 34% per bin) the limit lies a few hundred scales up, so the
 * ceiling leaves two decades above that. Beyond it a window has no limit worth the name, and its fits
 * stop converging.
 */
export const LIMIT_SEARCH_CEILING_IN_SCALES = 1e4;

/**
 * Window inputs with the signal scaled to `signalScaleFb` fb at μ = 1 (so that μ·scale is σ in fb),
 * μ bounded to `poiBounds`.
 */
export function windowInput(window: SearchWindow, systematics: Systematics, signalScaleFb: number, poiBounds: readonly [number, number] = [0, 100], observed?: ArrayLike<number>): WindowInput {
  const n = window.background.length;
  const nTheta = window.nTheta;
  const background = Float64Array.from(window.background);
  const floor = emptyCellBackground(window);
  const signal = new Float64Array(n);
  const signalRel = new Float64Array(n);
  const backgroundRel = new Float64Array(n);
  for (let cell = 0; cell < n; cell++) {
    const m = Math.floor(cell / nTheta);
    const m2 = 0.5 * (window.m2EdgesGeV2[m] + window.m2EdgesGeV2[m + 1]);
    const s = window.signalPerFb[cell];
    signal[cell] = s * signalScaleFb;
    signalRel[cell] = s > 0 ? Math.hypot(systematics.signalShape, Math.sqrt(window.signalPerFbVariance[cell]) / s) : 0;
    if (!(background[cell] > 0) && s > 0) {
      background[cell] = floor;
      backgroundRel[cell] = 1;
      continue;
    }
    const b = background[cell];
    if (b > 0) {
      const shape = valueInRange(systematics.m2RecoilRangesGeV2, systematics.backgroundShape, m2) * b;
      const veto = (m2 < systematics.photonVeto.m2RecoilBoundaryGeV2 ? systematics.photonVeto.below : systematics.photonVeto.above) * window.muMu[cell];
      backgroundRel[cell] = Math.sqrt(shape * shape + veto * veto + window.backgroundVariance[cell]) / b;
    }
  }
  return {
    signal,
    background,
    observed,
    nTheta,
    signalShapeUncertainty: signalRel,
    backgroundShapeUncertainty: backgroundRel,
    signalEfficiencyUncertainty: valueInRange(systematics.m2RecoilRangesGeV2, systematics.signalEfficiency, window.massGeV ** 2),
    lumiUncertainty: systematics.luminosity,
    poiBounds,
  };
}

/**
 * A signal scale that puts the limit near μ = 1: the σ (fb) whose signal is 2(1 + √B) events over
 * the window's background B, about the 90% CL sensitivity without systematics.
 */
export function signalScaleFb(window: SearchWindow): number {
  let s = 0;
  let b = 0;
  for (let cell = 0; cell < window.background.length; cell++) {
    s += window.signalPerFb[cell];
    b += window.background[cell];
  }
  if (!(s > 0)) throw new RangeError(`hypothesis ${window.hypothesis} (M = ${window.massGeV} GeV): no selected signal in its window`);
  return (2 * (1 + Math.sqrt(b))) / s;
}

/** The background of one average simulated event of the window, Σw²/Σw over its cells (see the file comment). */
export function emptyCellBackground(window: SearchWindow): number {
  let sumw = 0;
  let sumw2 = 0;
  for (let cell = 0; cell < window.background.length; cell++) {
    sumw += window.background[cell];
    sumw2 += window.backgroundVariance[cell];
  }
  return sumw > 0 ? sumw2 / sumw : 1;
}

/** Cells of the window with signal and no simulated background (those that get `emptyCellBackground`). */
export function emptyBackgroundCells(window: SearchWindow): number {
  let count = 0;
  for (let cell = 0; cell < window.background.length; cell++) if (!(window.background[cell] > 0) && window.signalPerFb[cell] > 0) count++;
  return count;
}
