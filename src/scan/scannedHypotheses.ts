/**
 * The hypotheses the scan fits: those whose search window holds enough signal Monte Carlo to set a
 * limit. With n effective events ((Σw)²/Σw²) in a window, the per-bin signal-shape nuisances, whose
 * Monte Carlo part is 1/√nᵢ per bin, can remove any signal for Δ(−2 ln L) ≈ n; the +2σ expected
 * limit needs √q̃μ = Φ⁻¹(1 − 0.1·Φ(2)) + 2 = 3.29 at 90% CL (arXiv:1007.1727, Eq. (65)), so below
 * n ≈ 11 no limit exists at all and just above it the limit measures the sample size, not the data.
 * Where the trigger or the selection leaves no signal (the 2018 two-track trigger above
 * M ≈ 8.2 GeV/c²), there is nothing to fit. Those hypotheses are listed, not fitted.
 */
import type { TemplateSet } from '../runner/templates/build.js';
import type { FitSettings } from '../scenario/index.js';
import { searchWindow } from './windows.js';

export interface UnscannedHypothesis {
  readonly massGeV: number;
  /** (Σw)²/Σw² of the window's selected signal; 0 without selected signal. */
  readonly signalMonteCarloEvents: number;
}

export interface ScannedTemplates {
  /** The templates with only the scanned hypotheses (backgrounds untouched). */
  readonly set: TemplateSet;
  readonly unscanned: readonly UnscannedHypothesis[];
}

/** Effective number of signal Monte Carlo events in hypothesis `k`'s search window. */
export function windowSignalMonteCarloEvents(set: TemplateSet, k: number, fit: Pick<FitSettings, 'thetaBinning'>): number {
  const window = searchWindow(set, k, fit.thetaBinning);
  let sum = 0;
  let sumSquares = 0;
  for (let cell = 0; cell < window.signalPerFb.length; cell++) {
    sum += window.signalPerFb[cell];
    sumSquares += window.signalPerFbVariance[cell];
  }
  if (!(sum > 0)) return 0;
  return sumSquares > 0 ? (sum * sum) / sumSquares : Number.POSITIVE_INFINITY;
}

/** The templates restricted to the hypotheses with at least `fit.minSignalMonteCarloEvents` (and some signal). */
export function scannedHypotheses(set: TemplateSet, fit: Pick<FitSettings, 'thetaBinning' | 'minSignalMonteCarloEvents'>): ScannedTemplates {
  const kept: number[] = [];
  const unscanned: UnscannedHypothesis[] = [];
  for (let k = 0; k < set.grid.massGeV.length; k++) {
    const events = windowSignalMonteCarloEvents(set, k, fit);
    if (events > 0 && events >= fit.minSignalMonteCarloEvents) kept.push(k);
    else unscanned.push({ massGeV: set.grid.massGeV[k], signalMonteCarloEvents: events });
  }
  if (unscanned.length === 0) return { set, unscanned };
  const { grid } = set;
  return {
    set: {
      ...set,
      grid: {
        ...grid,
        hypothesisEdge: Int32Array.from(kept, (k) => grid.hypothesisEdge[k]),
        massGeV: Float64Array.from(kept, (k) => grid.massGeV[k]),
        sigmaM2: Float64Array.from(kept, (k) => grid.sigmaM2[k]),
      },
      signals: kept.map((k) => set.signals[k]),
    },
    unscanned,
  };
}
