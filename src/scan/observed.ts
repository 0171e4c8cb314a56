/**
 * Observed limits and local significances of the scan on one data set: by default a
 * background-only pseudo-data set, Poisson counts of the templates' total background in every
 * (M²recoil, θrecoil c.m.) cell at the scenario's luminosity. Each window gets the asymptotic CLs
 * limit (observed and expected) and the discovery test q₀ (Cowan, Cranmer, Gross, Vitells, EPJC 71
 * (2011) 1554, Eqs. (12), (52)–(53)): the local significance Z = √q₀, zero where the fitted σ is
 * negative.
 */
import normal from '@stdlib/stats-base-dists-normal';
import { type Band, q0, upperLimit, windowModel } from '../fit/index.js';
import { createStream } from '../random/index.js';
import type { TemplateSet } from '../runner/templates/build.js';
import type { FitSettings } from '../scenario/index.js';
import { couplingLimitsOfModels, type InvisibleModel } from './couplings.js';
import { LIMIT_SEARCH_CEILING_IN_SCALES, signalScaleFb, windowInput } from './systematics.js';
import { overHypotheses, type ScanPoints } from './overHypotheses.js';
import { type SearchWindow, searchWindow } from './windows.js';

/** Poisson counts of the total background in every template cell, from stream (seed, purpose, index). */
export function backgroundPseudoData(set: TemplateSet, seed: number, index = 0, purpose = 'scan/pseudo-data'): Float64Array {
  const n = set.backgrounds[0]?.sumw.length ?? 0;
  const stream = createStream(seed, purpose, index);
  const counts = new Float64Array(n);
  for (let cell = 0; cell < n; cell++) {
    let expected = 0;
    for (const b of set.backgrounds) expected += b.sumw[cell];
    counts[cell] = expected > 0 ? stream.poisson(expected) : 0;
  }
  return counts;
}

export interface ObservedPoint {
  readonly massGeV: number;
  readonly sigmaLimitFb: { readonly obs: number; readonly exp: Band };
  readonly couplingLimit: Readonly<Record<InvisibleModel, { readonly obs: number; readonly exp: Band }>>;
  /** Best-fit σ·B, fb (≥ 0: σ is bounded below by 0, as the POI of the limits). */
  readonly sigmaHatFb: number;
  readonly localSignificance: number;
  readonly localP0: number;
}

/** The σ·B limits (fb), the best-fit σ·B and the local significance of one window with observed counts. */
export interface WindowObservation {
  readonly sigmaLimitFb: { readonly obs: number; readonly exp: Band };
  readonly sigmaHatFb: number;
  readonly localSignificance: number;
  readonly localP0: number;
}

/** The asymptotic limits and the discovery test of a window that holds observed counts. */
export function observeWindow(window: SearchWindow, fit: FitSettings): WindowObservation {
  if (window.observed === null) throw new RangeError(`hypothesis ${window.hypothesis}: the window has no observed counts`);
  const scale = signalScaleFb(window);
  const { model, data: observed } = windowModel(windowInput(window, fit.systematics, scale, [0, 100], window.observed));
  const limit = upperLimit(model, observed, { cl: fit.confidenceLevel, testStat: fit.testStatistic === 'qtilde' ? 'qtilde' : 'q', calculator: 'asymptotic', rtol: 1e-4, maxPoi: LIMIT_SEARCH_CEILING_IN_SCALES });
  const test = q0(model, observed);
  const z = Math.sqrt(Math.max(0, test.value));
  return {
    sigmaLimitFb: { obs: limit.obs * scale, exp: limit.exp.map((mu) => mu * scale) as Band },
    sigmaHatFb: test.free.pars[model.poiIndex] * scale,
    localSignificance: z,
    localP0: normal.cdf(-z, 0, 1),
  };
}

/** Observed and expected limits and the local significance of hypothesis `k` on `data` (template cells). */
export function observedPoint(set: TemplateSet, k: number, fit: FitSettings, data: Float64Array): ObservedPoint {
  const window = searchWindow(set, k, fit.thetaBinning, data);
  const observation = observeWindow(window, fit);
  const sigma = observation.sigmaLimitFb;
  const obs = couplingLimitsOfModels([sigma.obs] as const, window.sigmaUnitCouplingFb, window.massGeV);
  const exp = couplingLimitsOfModels(sigma.exp, window.sigmaUnitCouplingFb, window.massGeV);
  return {
    massGeV: window.massGeV,
    ...observation,
    couplingLimit: {
      fully_invisible: { obs: obs.fully_invisible[0], exp: exp.fully_invisible },
      vanilla: { obs: obs.vanilla[0], exp: exp.vanilla },
    },
  };
}

/** Every hypothesis on one data set, in mass order; windows whose fit fails in `failed`. */
export function observedLimits(set: TemplateSet, fit: FitSettings, data: Float64Array, onProgress?: (done: number, total: number) => void): ScanPoints<ObservedPoint> {
  return overHypotheses(set, (k) => observedPoint(set, k, fit, data), onProgress);
}
