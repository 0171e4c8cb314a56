import normal from '@stdlib/stats-base-dists-normal';
import type { BackgroundTemplate, SignalTemplate, TemplateSet } from '../../src/runner/templates/build.js';
import { massGrid, resolutionCurveFromPoints } from '../../src/scan/massGrid.js';
import type { SearchWindow } from '../../src/scan/windows.js';
import type { FitSettings } from '../../src/scenario/index.js';

export const N_THETA = 36;
export const SIGMA_M2 = 0.25;

/**
 * Synthetic templates: a flat μμ(γ) background of `b` events per (M², θ) cell and, per hypothesis,
 * a signal Gaussian in M² (width one bin) and flat in θ with `s` events in total for σ = 1 fb.
 */
export function syntheticTemplates(b: number, s: number, massRangeGeV: readonly [number, number] = [2, 2.2]): TemplateSet {
  const grid = massGrid(resolutionCurveFromPoints([{ m2_GeV2: 4, sigma_m2_GeV2: SIGMA_M2 }]), { minMassGeV: massRangeGeV[0], maxMassGeV: massRangeGeV[1], windowBins: 20 });
  const thetaCMEdges = Float64Array.from({ length: N_THETA + 1 }, (_, k) => (Math.PI * k) / N_THETA);
  const nM2 = grid.m2Edges.length - 1;
  const stride = nM2 + 2;
  const cells = new Float64Array(stride * (N_THETA + 2));
  for (let ix = 1; ix <= nM2; ix++) for (let iy = 1; iy <= N_THETA; iy++) cells[ix + stride * iy] = b;
  const background: BackgroundTemplate = {
    process: 'mumu', sigma_pb: 1, sigma_err_pb: 0, events_generated: 1, weighted: false, efficiency: 1, expected_events: 0, mc_luminosity_ratio: 0, cutflow: [],
    sumw: cells, sumw2: new Float64Array(cells.length),
  };
  const signals = Array.from(grid.massGeV, (massGeV, k): SignalTemplate => {
    const edge = grid.hypothesisEdge[k];
    // As the template builder: ROOT bins edge − 15 … edge + 16, clipped to the axis with its flows.
    const firstBin = Math.max(0, edge + 1 - 16);
    const nBins = Math.min(nM2 + 1, edge + 16) - firstBin + 1;
    const row = N_THETA + 2;
    const sumw = new Float64Array(nBins * row);
    const centre = massGeV ** 2;
    for (let j = 0; j < nBins; j++) {
      const ix = firstBin + j;
      const lo = ix === 0 ? Number.NEGATIVE_INFINITY : grid.m2Edges[ix - 1];
      const hi = ix === nM2 + 1 ? Number.POSITIVE_INFINITY : grid.m2Edges[ix];
      const inBin = normal.cdf(hi, centre, SIGMA_M2) - normal.cdf(lo, centre, SIGMA_M2);
      for (let iy = 1; iy <= N_THETA; iy++) sumw[j * row + iy] = (s * inBin) / N_THETA;
    }
    return { mass_GeV: massGeV, sigma_m2_GeV2: SIGMA_M2, edge, sigma_pb: 1, sigma_err_pb: 0, events_generated: 1, efficiency: 0.05, firstBin, nBins, sumw, sumw2: new Float64Array(sumw.length) };
  });
  return { scenario: 'synthetic', seed: 1, luminosity_fb: 1, punzi_net: null, resolution: [], grid, axes: { m2Edges: grid.m2Edges, thetaCMEdges }, backgrounds: [background], signals, photonVetoCorrection: null };
}

/** The paper's fit settings with every systematic uncertainty set to zero. */
export const NO_SYSTEMATICS: FitSettings = {
  confidenceLevel: 0.9,
  testStatistic: 'qtilde',
  searchWindowBins: 20,
  thetaBinning: { maxBins: 5, minMuMuEventsPerBin: 20 },
  minSignalMonteCarloEvents: 20,
  wideZprime: null,
  systematics: {
    m2RecoilRangesGeV2: [[-0.5, 9], [9, 36], [36, 81]],
    signalEfficiency: [0, 0, 0],
    backgroundShape: [0, 0, 0],
    signalShape: 0,
    luminosity: 0,
    photonVeto: { m2RecoilBoundaryGeV2: 1, below: 0, above: 0 },
  },
};

/**
 * The Asimov σ of μ (fb) in a window without systematics, λ_i = μ s_i + k b_i at (0, 1) with a free
 * background normalisation k: I = [[Σs²/b, Σs], [Σs, Σb]], σ² = (I⁻¹)_μμ (Cowan, Cranmer, Gross,
 * Vitells, EPJC 71 (2011) 1554, Sec. 3.2).
 */
export function fisherSigmaFb(window: SearchWindow): number {
  let sb = 0;
  let s = 0;
  let b = 0;
  window.signalPerFb.forEach((si, i) => {
    sb += (si * si) / window.background[i];
    s += si;
    b += window.background[i];
  });
  return Math.sqrt(b / (sb * b - s * s));
}
