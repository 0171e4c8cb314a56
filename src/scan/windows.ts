/**
 * The search window of one mass hypothesis, cut from the templates (PRL 130, 231801, p. 3: "Each
 * fit is performed in search windows of 20 M²recoil bins centered around each hypothesis"), with
 * its θrecoil (c.m.) bins merged by the rule of `thetaBinning.ts`.
 *
 * Cells are flattened M²-major (cell = iM·nθ + iθ), as `windowWorkspace` expects. Yields are
 * expected events at the templates' luminosity; the signal is for σ = 1 fb. A data set is given in
 * the background templates' cells (ROOT global-bin order) and merged the same way.
 */
import type { TemplateSet } from '../runner/templates/build.js';
import { type ThetaBinningSettings, thetaGroups } from './thetaBinning.js';

/** The μμ(γ) background process, whose θ distribution sets the binning and which the photon veto affects. */
export const MUMU_PROCESS = 'mumu';

export interface SearchWindow {
  readonly hypothesis: number;
  readonly massGeV: number;
  /** Resolution σ(M²recoil) at the hypothesis, GeV²/c⁴. */
  readonly sigmaM2GeV2: number;
  /** σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′ = 1, fb. */
  readonly sigmaUnitCouplingFb: number;
  /** Signal efficiency after all cuts (the network included). */
  readonly signalEfficiency: number;
  /** The window's M²recoil bin edges, GeV²/c⁴ (windowBins + 1 values). */
  readonly m2EdgesGeV2: Float64Array;
  /** Merged θ bins: starts in the template's fine θ bins, ending with their number. */
  readonly thetaStarts: Int32Array;
  /** θ bins of the window. */
  readonly nTheta: number;
  /** Signal for σ = 1 fb per cell, and its Monte Carlo variance. */
  readonly signalPerFb: Float64Array;
  readonly signalPerFbVariance: Float64Array;
  /** Total background per cell, and its Monte Carlo variance. */
  readonly background: Float64Array;
  readonly backgroundVariance: Float64Array;
  /** The μμ(γ) part of the background per cell. */
  readonly muMu: Float64Array;
  /** Observed counts per cell, when a data set in the templates' cells was given. */
  readonly observed: Float64Array | null;
}

/** Index of the background template of `process`, or −1. */
function backgroundIndex(set: TemplateSet, process: string): number {
  return set.backgrounds.findIndex((b) => b.process === process);
}

/**
 * The window of hypothesis `k`. Its M²recoil bins are those with lower edges at e − w/2 … e + w/2 − 1
 * (e the hypothesis's edge, w the window's bins), ROOT bins e − w/2 + 1 … e + w/2.
 */
export function searchWindow(set: TemplateSet, k: number, theta: ThetaBinningSettings, data?: Float64Array): SearchWindow {
  const { grid, axes } = set;
  if (!(Number.isInteger(k) && k >= 0 && k < grid.massGeV.length)) throw new RangeError(`hypothesis ${k}: the templates have ${grid.massGeV.length} (0 to ${grid.massGeV.length - 1})`);
  const half = grid.windowBins / 2;
  const edge = grid.hypothesisEdge[k];
  const nM2 = axes.m2Edges.length - 1;
  const nFine = axes.thetaCMEdges.length - 1;
  const stride = nM2 + 2;
  const firstRootBin = edge - half + 1;
  const nM = grid.windowBins;
  // Fine θ index i (0-based, in range) is ROOT θ bin i + 1; the flows join the first and last bins.
  const fineRoot = (i: number): number[] => (i === 0 ? [0, 1] : i === nFine - 1 ? [nFine, nFine + 1] : [i + 1]);

  const mumu = backgroundIndex(set, MUMU_PROCESS);
  const muMuFine = new Float64Array(nFine);
  if (mumu >= 0) {
    const cells = set.backgrounds[mumu].sumw;
    for (let m = 0; m < nM; m++) for (let i = 0; i < nFine; i++) for (const iy of fineRoot(i)) muMuFine[i] += cells[firstRootBin + m + stride * iy];
  }
  const thetaStarts = thetaGroups(muMuFine, theta);
  const nTheta = thetaStarts.length - 1;

  const cellsOut = nM * nTheta;
  const background = new Float64Array(cellsOut);
  const backgroundVariance = new Float64Array(cellsOut);
  const muMu = new Float64Array(cellsOut);
  const signalPerFb = new Float64Array(cellsOut);
  const signalPerFbVariance = new Float64Array(cellsOut);
  const observed = data === undefined ? null : new Float64Array(cellsOut);
  const signal = set.signals[k];
  const signalRow = axes.thetaCMEdges.length + 1;
  for (let m = 0; m < nM; m++) {
    const ix = firstRootBin + m;
    const signalBin = ix - signal.firstBin;
    if (signalBin < 0 || signalBin >= signal.nBins) throw new RangeError(`hypothesis ${k}: its signal template does not cover M2recoil bin ${ix}`);
    for (let t = 0; t < nTheta; t++) {
      const cell = m * nTheta + t;
      for (let i = thetaStarts[t]; i < thetaStarts[t + 1]; i++) {
        for (const iy of fineRoot(i)) {
          const global = ix + stride * iy;
          set.backgrounds.forEach((b, p) => {
            background[cell] += b.sumw[global];
            backgroundVariance[cell] += b.sumw2[global];
            if (p === mumu) muMu[cell] += b.sumw[global];
          });
          if (observed !== null && data !== undefined) observed[cell] += data[global];
          signalPerFb[cell] += signal.sumw[signalBin * signalRow + iy];
          signalPerFbVariance[cell] += signal.sumw2[signalBin * signalRow + iy];
        }
      }
    }
  }
  return {
    hypothesis: k,
    massGeV: grid.massGeV[k],
    sigmaM2GeV2: grid.sigmaM2[k],
    sigmaUnitCouplingFb: signal.sigma_pb * 1000,
    signalEfficiency: signal.efficiency,
    m2EdgesGeV2: axes.m2Edges.slice(edge - half, edge + half + 1),
    thetaStarts,
    nTheta,
    signalPerFb,
    signalPerFbVariance,
    background,
    backgroundVariance,
    muMu,
    observed,
  };
}
