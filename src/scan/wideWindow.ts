/**
 * The search window of the wide-Z′ benchmark (PRL 130, 231801, p. 3: "We account for the nonzero
 * width in the fitting procedure by changing the shape of the signal templates to Breit-Wigner
 * distributions with the widths Γ_Z′ convolved with Gaussian resolution functions. We use only
 * one-dimensional M²recoil templates and enlarge the search windows to cover the sizable signal
 * width"; the benchmark is Γ_Z′ = 0.1 M_Z′).
 *
 * The signal template of a Z′ of pole mass M and width Γ is the mixture of the narrow templates of
 * the neighbouring hypotheses, each weighted by the Breit–Wigner probability of its mass interval
 * (the mid-points between hypotheses in M²). The narrow templates carry the full simulated
 * resolution, ISR tail included, and the efficiency at each mass, so the mixture is the Breit–Wigner
 * convolved with the detector response rather than with a Gaussian. The line shape is the signal
 * generator's (`generators/shared/breitWigner.ts`: fixed-width relativistic Breit–Wigner in M²
 * within MadGraph's `bwcutoff` window), normalised to the cross section at the pole as the
 * generator's wide sample is. Breit–Wigner probability above the highest hypothesis is dropped
 * (no template there: conservative); below the lowest it is given to the lowest.
 *
 * The window is one θ bin (the θrecoil c.m. range summed) and covers the hypothesis's M² ± n·MΓ
 * (the Breit–Wigner half-width in M² is MΓ), and never fewer bins than the narrow window.
 */
import { BreitWigner } from '../../generators/shared/breitWigner.js';
import { MUON_MASS } from '../physics/constants.js';
import type { TemplateSet } from '../runner/templates/build.js';
import type { WideZprimeSettings } from '../scenario/index.js';
import { MUMU_PROCESS, type SearchWindow } from './windows.js';

/** MadGraph's run_card `bwcutoff` default, the signal generator's default window |M − M₀| < 15Γ. */
const BREIT_WIGNER_CUTOFF = 15;
/** The generator's lowest Breit–Wigner mass and its margin below √s − 2m_μ, GeV (generators/signal.ts). */
const BREIT_WIGNER_FLOOR_GEV = 0.001;
const BREIT_WIGNER_MARGIN_GEV = 0.05;

export interface WideSearchWindow extends SearchWindow {
  /** Γ of the Z′, GeV. */
  readonly widthGeV: number;
  /** Breit–Wigner probability of each hypothesis's mass interval (sums to ≤ 1). */
  readonly hypothesisWeights: Float64Array;
  /** Breit–Wigner probability above the highest hypothesis, left without a template. */
  readonly probabilityAboveGrid: number;
}

/**
 * Breit–Wigner probability of each hypothesis's mass interval: between the mid-points (in M²) to its
 * neighbours, the lowest from the Breit–Wigner's lower end, the highest up to half a step above it.
 */
export function hypothesisWeights(massesGeV: ArrayLike<number>, lineShape: BreitWigner): { weights: Float64Array; above: number } {
  const n = massesGeV.length;
  const weights = new Float64Array(n);
  const boundary = (j: number): number => Math.sqrt(0.5 * (massesGeV[j] ** 2 + massesGeV[j + 1] ** 2));
  let lower = 0;
  for (let j = 0; j < n; j++) {
    const upper = j < n - 1 ? boundary(j) : j > 0 ? Math.sqrt(1.5 * massesGeV[j] ** 2 - 0.5 * massesGeV[j - 1] ** 2) : massesGeV[j];
    weights[j] = lineShape.cdf(upper) - lineShape.cdf(lower);
    lower = upper;
  }
  return { weights, above: 1 - lineShape.cdf(lower) };
}

/** The Breit–Wigner of the signal generator for pole mass `massGeV` and Γ = `widthRatio`·M at √s. */
export function signalLineShape(massGeV: number, widthRatio: number, sqrtSGeV: number): BreitWigner {
  return BreitWigner.withCutoff(massGeV, widthRatio * massGeV, BREIT_WIGNER_CUTOFF, BREIT_WIGNER_FLOOR_GEV, sqrtSGeV - 2 * MUON_MASS - BREIT_WIGNER_MARGIN_GEV);
}

/** ROOT M²recoil bins [first, last] of the wide window of hypothesis `k`. */
function windowBins(set: TemplateSet, k: number, halfWidthM2: number): [number, number] {
  const { grid, axes } = set;
  const edges = axes.m2Edges;
  const nM2 = edges.length - 1;
  const edge = grid.hypothesisEdge[k];
  const m2 = edges[edge];
  const half = grid.windowBins / 2;
  let first = edge - half + 1;
  let last = edge + half;
  // ROOT bin ix spans edges[ix − 1] … edges[ix].
  while (first > 1 && edges[first - 1] > m2 - halfWidthM2) first--;
  while (last < nM2 && edges[last] < m2 + halfWidthM2) last++;
  return [Math.max(1, first), Math.min(nM2, last)];
}

/** The wide-Z′ window of hypothesis `k` (pole mass M_k, Γ = widthRatio·M_k), 1-D in M²recoil. */
export function wideSearchWindow(set: TemplateSet, k: number, settings: WideZprimeSettings, sqrtSGeV: number, data?: Float64Array): WideSearchWindow {
  const { grid, axes } = set;
  if (!(Number.isInteger(k) && k >= 0 && k < grid.massGeV.length)) throw new RangeError(`hypothesis ${k}: the templates have ${grid.massGeV.length} (0 to ${grid.massGeV.length - 1})`);
  if (!(settings.widthRatio > 0)) throw new RangeError(`wide Z': widthRatio must be > 0, got ${settings.widthRatio}`);
  const massGeV = grid.massGeV[k];
  const widthGeV = settings.widthRatio * massGeV;
  const lineShape = signalLineShape(massGeV, settings.widthRatio, sqrtSGeV);
  const { weights, above } = hypothesisWeights(grid.massGeV, lineShape);
  const [first, last] = windowBins(set, k, settings.windowHalfWidths * massGeV * widthGeV);
  const nM = last - first + 1;
  const nM2 = axes.m2Edges.length - 1;
  const stride = nM2 + 2;
  const rows = axes.thetaCMEdges.length + 1;

  const background = new Float64Array(nM);
  const backgroundVariance = new Float64Array(nM);
  const muMu = new Float64Array(nM);
  const observed = data === undefined ? null : new Float64Array(nM);
  const mumu = set.backgrounds.findIndex((b) => b.process === MUMU_PROCESS);
  for (let m = 0; m < nM; m++) {
    for (let iy = 0; iy < rows; iy++) {
      const global = first + m + stride * iy;
      set.backgrounds.forEach((b, p) => {
        background[m] += b.sumw[global];
        backgroundVariance[m] += b.sumw2[global];
        if (p === mumu) muMu[m] += b.sumw[global];
      });
      if (observed !== null && data !== undefined) observed[m] += data[global];
    }
  }

  const signalPerFb = new Float64Array(nM);
  const signalPerFbVariance = new Float64Array(nM);
  let signalEfficiency = 0;
  set.signals.forEach((signal, j) => {
    const w = weights[j];
    if (!(w > 0)) return;
    signalEfficiency += w * signal.efficiency;
    const lo = Math.max(first, signal.firstBin);
    const hi = Math.min(last, signal.firstBin + signal.nBins - 1);
    for (let ix = lo; ix <= hi; ix++) {
      const row = (ix - signal.firstBin) * rows;
      for (let iy = 0; iy < rows; iy++) {
        signalPerFb[ix - first] += w * signal.sumw[row + iy];
        signalPerFbVariance[ix - first] += w * w * signal.sumw2[row + iy];
      }
    }
  });

  const signal = set.signals[k];
  return {
    hypothesis: k,
    massGeV,
    sigmaM2GeV2: grid.sigmaM2[k],
    sigmaUnitCouplingFb: signal.sigma_pb * 1000,
    signalEfficiency,
    m2EdgesGeV2: axes.m2Edges.slice(first - 1, last + 1),
    thetaStarts: Int32Array.of(0, axes.thetaCMEdges.length - 1),
    nTheta: 1,
    signalPerFb,
    signalPerFbVariance,
    background,
    backgroundVariance,
    muMu,
    observed,
    widthGeV,
    hypothesisWeights: weights,
    probabilityAboveGrid: above,
  };
}
