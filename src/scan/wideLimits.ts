/**
 * The wide-Z′ benchmark of the scan (PRL 130, 231801, p. 3 and Fig. 3: Γ_Z′ = 0.1 M_Z′, the fully
 * invisible model with α_D = 2.9): for every hypothesis, the asymptotic expected 90% CL band on
 * σ·B(Z′ → invisible) of its one-dimensional wide window (wideWindow.ts), and on g′ with B = 1;
 * on a data set, the observed limits and the local significance too.
 */
import type { Band } from '../fit/index.js';
import type { TemplateSet } from '../runner/templates/build.js';
import { CollisionFrame } from '../physics/beams.js';
import type { FitSettings, Scenario, WideZprimeSettings } from '../scenario/index.js';
import { couplingLimit } from './couplings.js';
import { expectedWindowLimit } from './expected.js';
import { observeWindow, type WindowObservation } from './observed.js';
import { overHypotheses, type ScanPoints } from './overHypotheses.js';
import { type WideSearchWindow, wideSearchWindow } from './wideWindow.js';

export interface WideExpectedPoint {
  readonly massGeV: number;
  readonly widthGeV: number;
  /** M²recoil bins of the window (one θ bin). */
  readonly windowBins: number;
  /** Selected fraction of the Breit–Wigner sample, the line shape's part above the grid counted as lost. */
  readonly signalEfficiency: number;
  /** σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′ = 1 at the pole mass, fb (the normalisation of the wide sample). */
  readonly sigmaUnitCouplingFb: number;
  /** Expected limits on σ·B(Z′ → invisible), fb: −2σ, −1σ, median, +1σ, +2σ. */
  readonly sigmaLimitFb: Band;
  /** Expected limits on g′ of the fully invisible model (B = 1). */
  readonly couplingLimit: Band;
}

/** A wide-Z′ hypothesis on a data set: its window, the observation, and g′ (B = 1) observed. */
export interface WideObservedPoint extends Omit<WideExpectedPoint, 'sigmaLimitFb'>, WindowObservation {
  readonly couplingLimitObserved: number;
}

type WideFit = FitSettings & { readonly wideZprime: WideZprimeSettings };

function gPrime(sigmaFb: number, sigmaUnitCouplingFb: number): number {
  return couplingLimit(sigmaFb, sigmaUnitCouplingFb, 1);
}

/** The wide-Z′ expected limits of every hypothesis, in mass order; windows whose fit fails in `failed`. */
export function wideExpectedLimits(set: TemplateSet, fit: WideFit, sqrtSGeV: number, onProgress?: (done: number, total: number) => void): ScanPoints<WideExpectedPoint> {
  return overHypotheses(
    set,
    (k) => {
      const window = wideSearchWindow(set, k, fit.wideZprime, sqrtSGeV);
      const sigmaLimitFb = expectedWindowLimit(window, fit);
      return { ...describeWindow(window), sigmaLimitFb, couplingLimit: sigmaLimitFb.map((s) => gPrime(s, window.sigmaUnitCouplingFb)) as Band };
    },
    onProgress,
  );
}

/** The wide-Z′ observed and expected limits and local significances on `data` (template cells). */
export function wideObservedLimits(set: TemplateSet, fit: WideFit, sqrtSGeV: number, data: Float64Array, onProgress?: (done: number, total: number) => void): ScanPoints<WideObservedPoint> {
  return overHypotheses(
    set,
    (k) => {
      const window = wideSearchWindow(set, k, fit.wideZprime, sqrtSGeV, data);
      const observation = observeWindow(window, fit);
      return {
        ...describeWindow(window),
        ...observation,
        couplingLimit: observation.sigmaLimitFb.exp.map((s) => gPrime(s, window.sigmaUnitCouplingFb)) as Band,
        couplingLimitObserved: gPrime(observation.sigmaLimitFb.obs, window.sigmaUnitCouplingFb),
      };
    },
    onProgress,
  );
}

function describeWindow(window: WideSearchWindow) {
  return {
    massGeV: window.massGeV,
    widthGeV: window.widthGeV,
    windowBins: window.background.length,
    signalEfficiency: window.signalEfficiency,
    sigmaUnitCouplingFb: window.sigmaUnitCouplingFb,
  };
}

/** A wide-Z′ scan with the settings it was computed with. */
export interface WideResults<P> extends ScanPoints<P> {
  readonly settings: WideZprimeSettings;
}

type ScenarioParts = Pick<Scenario, 'fit' | 'beams'>;

/** The wide-Z′ expected limits of a scenario, or null when its `fit.wideZprime.widthRatio` is 0. */
export function scenarioWideExpected(set: TemplateSet, scenario: ScenarioParts, onProgress?: (done: number, total: number) => void): WideResults<WideExpectedPoint> | null {
  const settings = scenario.fit.wideZprime;
  if (settings === null) return null;
  return { settings, ...wideExpectedLimits(set, { ...scenario.fit, wideZprime: settings }, new CollisionFrame(scenario.beams).sqrtS, onProgress) };
}

/** The wide-Z′ observed limits of a scenario on `data`, or null when its `fit.wideZprime.widthRatio` is 0. */
export function scenarioWideObserved(set: TemplateSet, scenario: ScenarioParts, data: Float64Array, onProgress?: (done: number, total: number) => void): WideResults<WideObservedPoint> | null {
  const settings = scenario.fit.wideZprime;
  if (settings === null) return null;
  return { settings, ...wideObservedLimits(set, { ...scenario.fit, wideZprime: settings }, new CollisionFrame(scenario.beams).sqrtS, data, onProgress) };
}
