/**
 * Expected 90% CL upper limits of the mass scan: for every hypothesis, the asymptotic CLs limit on
 * σ(e⁺e⁻ → μ⁺μ⁻Z′, Z′ → invisible) of its search window with the ±1σ, ±2σ band (the paper's
 * q̃μ, Cowan, Cranmer, Gross, Vitells, Eur. Phys. J. C 71 (2011) 1554), on the Asimov background-only
 * data set, and the same band on g′ for the two invisible models.
 */
import { type Band, upperLimit, windowModel, windowWorkspace, type Workspace } from '../fit/index.js';
import type { TemplateSet } from '../runner/templates/build.js';
import type { FitSettings } from '../scenario/index.js';
import { couplingLimitsOfModels, type InvisibleModel, muonAnomalyBand } from './couplings.js';
import { emptyBackgroundCells, LIMIT_SEARCH_CEILING_IN_SCALES, signalScaleFb, windowInput } from './systematics.js';
import { overHypotheses, type ScanPoints } from './overHypotheses.js';
import { type SearchWindow, searchWindow } from './windows.js';

export interface ExpectedPoint {
  readonly massGeV: number;
  /** θ bins of the window. */
  readonly thetaBins: number;
  /** Window cells with signal and no simulated background, given one average event's background. */
  readonly emptyBackgroundCells: number;
  readonly signalEfficiency: number;
  /** σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′ = 1, fb. */
  readonly sigmaUnitCouplingFb: number;
  /** Expected limits on σ·B(Z′ → invisible), fb: −2σ, −1σ, median, +1σ, +2σ. */
  readonly sigmaLimitFb: Band;
  readonly couplingLimit: Readonly<Record<InvisibleModel, Band>>;
  /** The g′ that explains (g − 2)_μ within ±2σ. */
  readonly muonAnomalyBand: readonly [number, number];
}

/** The asymptotic expected band on σ·B (fb) of one window, on its Asimov background-only data. */
export function expectedWindowLimit(window: SearchWindow, fit: FitSettings): Band {
  const scale = signalScaleFb(window);
  const { model, data } = windowModel(windowInput(window, fit.systematics, scale));
  const limit = upperLimit(model, data, { cl: fit.confidenceLevel, testStat: fit.testStatistic === 'qtilde' ? 'qtilde' : 'q', calculator: 'asymptotic', rtol: 1e-4, maxPoi: LIMIT_SEARCH_CEILING_IN_SCALES });
  return limit.exp.map((mu) => mu * scale) as Band;
}

/** The expected limits of hypothesis `k`. */
export function expectedPoint(set: TemplateSet, k: number, fit: FitSettings): ExpectedPoint {
  const window = searchWindow(set, k, fit.thetaBinning);
  const sigmaLimitFb = expectedWindowLimit(window, fit);
  return {
    massGeV: window.massGeV,
    thetaBins: window.nTheta,
    emptyBackgroundCells: emptyBackgroundCells(window),
    signalEfficiency: window.signalEfficiency,
    sigmaUnitCouplingFb: window.sigmaUnitCouplingFb,
    sigmaLimitFb,
    couplingLimit: couplingLimitsOfModels(sigmaLimitFb, window.sigmaUnitCouplingFb, window.massGeV),
    muonAnomalyBand: muonAnomalyBand(window.massGeV),
  };
}

/** The hypothesis of the templates nearest to `massGeV` (in M²). */
export function nearestHypothesis(set: TemplateSet, massGeV: number): number {
  let best = 0;
  set.grid.massGeV.forEach((m, k) => {
    if (Math.abs(m * m - massGeV * massGeV) < Math.abs(set.grid.massGeV[best] ** 2 - massGeV * massGeV)) best = k;
  });
  return best;
}

/**
 * The pyhf workspace of hypothesis `k`'s window, the one the scan fits, with the signal for
 * σ = 1 fb: its parameter of interest `mu` is σ·B(Z′ → invisible) in fb. The data are the Asimov
 * background-only set.
 */
export function scanWorkspace(set: TemplateSet, k: number, fit: FitSettings): Workspace {
  const window = searchWindow(set, k, fit.thetaBinning);
  return windowWorkspace({ ...windowInput(window, fit.systematics, 1, [0, 100 * signalScaleFb(window)]), channel: `window_M${window.massGeV.toFixed(4)}GeV_${fit.searchWindowBins}x${window.nTheta}` });
}

/** Every hypothesis of the templates, in mass order; windows whose fit fails in `failed`. */
export function expectedLimits(set: TemplateSet, fit: FitSettings, onProgress?: (done: number, total: number) => void): ScanPoints<ExpectedPoint> {
  return overHypotheses(set, (k) => expectedPoint(set, k, fit), onProgress);
}

/**
 * The mass intervals (GeV/c²) where the median expected g′ limit lies below the whole (g − 2)_μ
 * band, i.e. where the scan would exclude every g′ that explains the anomaly: joined runs of
 * neighbouring hypotheses, from the first to the last excluding mass.
 */
export function excludedMuonAnomalyRanges(points: readonly ExpectedPoint[], model: InvisibleModel): [number, number][] {
  const ranges: [number, number][] = [];
  let open: [number, number] | null = null;
  for (const p of points) {
    if (p.couplingLimit[model][2] < p.muonAnomalyBand[0]) {
      if (open === null) open = [p.massGeV, p.massGeV];
      else open[1] = p.massGeV;
    } else if (open !== null) {
      ranges.push(open);
      open = null;
    }
  }
  if (open !== null) ranges.push(open);
  return ranges;
}
