/**
 * The mass hypotheses and the M²recoil binning of the scan, both derived from the signal
 * M²recoil resolution curve (PRL 130, 231801, p. 2–3: "582 Z′ samples … from 0.01 to 8.5 GeV/c²
 * in steps of 3 to 202 MeV/c², following the resolution"; "the M²recoil bin widths … are set to
 * the signal M²recoil resolution"; "a squared-mass scan in steps corresponding to one unit of
 * signal M²recoil resolution"; "search windows of 20 M²recoil bins centered around each
 * hypothesis").
 *
 * One sequence serves both: bin edges e_k with e_{k+1} = e_k + σ(e_k), anchored at the lowest
 * hypothesis M² = (0.01 GeV)². The hypotheses are the edges from the lowest to the highest mass,
 * so every hypothesis has exactly ten bins on each side: its window of 20 bins is centred on it.
 */

/** σ(M²recoil) as a function of M²recoil: points of the resolution curve, interpolated linearly in M². */
export interface ResolutionCurve {
  /** M² of the points, GeV²/c⁴, increasing. */
  readonly m2: Float64Array;
  /** Core width σ(M²) at each point, GeV²/c⁴. */
  readonly sigmaM2: Float64Array;
}

/** A curve from (M, σ(M²)) points (what the `resolution` command writes), sorted by mass. */
export function resolutionCurveFromPoints(points: readonly { readonly m2_GeV2: number; readonly sigma_m2_GeV2: number }[]): ResolutionCurve {
  const sorted = [...points].sort((a, b) => a.m2_GeV2 - b.m2_GeV2);
  if (sorted.length === 0) throw new RangeError('resolution curve: no points');
  sorted.forEach((p, k) => {
    if (!(Number.isFinite(p.sigma_m2_GeV2) && p.sigma_m2_GeV2 > 0)) throw new RangeError(`resolution curve: point ${k} (M2 = ${p.m2_GeV2} GeV2) has sigma ${p.sigma_m2_GeV2}: must be > 0`);
    if (k > 0 && !(p.m2_GeV2 > sorted[k - 1].m2_GeV2)) throw new RangeError(`resolution curve: two points at M2 = ${p.m2_GeV2} GeV2`);
  });
  return { m2: Float64Array.from(sorted, (p) => p.m2_GeV2), sigmaM2: Float64Array.from(sorted, (p) => p.sigma_m2_GeV2) };
}

/** σ(M²) at `m2`: linear between the points, the end values beyond them. */
export function resolutionAt(curve: ResolutionCurve, m2: number): number {
  const { m2: x, sigmaM2: y } = curve;
  const n = x.length;
  if (m2 <= x[0]) return y[0];
  if (m2 >= x[n - 1]) return y[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= m2) lo = mid;
    else hi = mid;
  }
  return y[lo] + ((m2 - x[lo]) * (y[hi] - y[lo])) / (x[hi] - x[lo]);
}

export interface MassGridSettings {
  /** Lowest and highest Z′ mass, GeV/c² (the paper: 0.01 and 8.5). */
  readonly minMassGeV: number;
  readonly maxMassGeV: number;
  /** M²recoil bins of a search window (the paper: 20), half on each side of the hypothesis. */
  readonly windowBins: number;
}

export interface MassGrid {
  /** M²recoil bin edges, GeV²/c⁴, increasing; widths σ(M²) of their lower edge. */
  readonly m2Edges: Float64Array;
  /** The hypotheses: index of each hypothesis's edge in `m2Edges`. */
  readonly hypothesisEdge: Int32Array;
  /** Z′ mass of each hypothesis, GeV/c². */
  readonly massGeV: Float64Array;
  /** Resolution σ(M²) at each hypothesis, GeV²/c⁴. */
  readonly sigmaM2: Float64Array;
  /** Bins of a search window (half below, half above the hypothesis). */
  readonly windowBins: number;
}

/** The paper's grid: 0.01 to 8.5 GeV/c², windows of 20 bins. */
export const PAPER_MASS_GRID: MassGridSettings = { minMassGeV: 0.01, maxMassGeV: 8.5, windowBins: 20 };

/** Builds the edges and hypotheses from a resolution curve (see the file comment). */
export function massGrid(curve: ResolutionCurve, settings: MassGridSettings = PAPER_MASS_GRID): MassGrid {
  const { minMassGeV, maxMassGeV, windowBins } = settings;
  if (!(minMassGeV > 0 && maxMassGeV > minMassGeV)) throw new RangeError(`mass grid: masses ${minMassGeV} to ${maxMassGeV} GeV: need 0 < min < max`);
  if (!(Number.isInteger(windowBins) && windowBins >= 2 && windowBins % 2 === 0)) throw new RangeError(`mass grid: windowBins ${windowBins} must be an even integer >= 2`);
  const half = windowBins / 2;
  const anchor = minMassGeV * minMassGeV;
  const top = maxMassGeV * maxMassGeV;
  const below: number[] = [];
  let e = anchor;
  for (let k = 0; k < half; k++) {
    e -= resolutionAt(curve, e);
    below.push(e);
  }
  const above: number[] = [anchor];
  for (e = anchor; ; ) {
    const next = e + resolutionAt(curve, e);
    if (next > top * (1 + 1e-12)) break;
    above.push(next);
    e = next;
  }
  const hypotheses = above.length;
  for (let k = 0; k < half; k++) {
    e += resolutionAt(curve, e);
    above.push(e);
  }
  const m2Edges = Float64Array.from([...below.reverse(), ...above]);
  const hypothesisEdge = Int32Array.from({ length: hypotheses }, (_, k) => half + k);
  return {
    m2Edges,
    hypothesisEdge,
    massGeV: Float64Array.from(hypothesisEdge, (j) => Math.sqrt(m2Edges[j])),
    sigmaM2: Float64Array.from(hypothesisEdge, (j) => resolutionAt(curve, m2Edges[j])),
    windowBins,
  };
}
