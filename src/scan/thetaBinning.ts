/**
 * The θrecoil (c.m.) bins of a search window. The paper (PRL 130, 231801, p. 3): "The binning in
 * θ_recoil^c.m. is determined by the distribution of μ⁺μ⁻(γ) events and depends on M²recoil. The
 * number of bins varies from one (for high M²recoil) to five (for low M²recoil)."
 *
 * Our rule, applied per window to the template's fine θ bins summed over the window's M²recoil bins:
 * - the number of bins is ⌊N_μμ / n_min⌋ clamped to [1, maxBins], with N_μμ the expected μμ(γ)
 *   events in the window: each bin then holds at least n_min of them on average, enough for the
 *   background shape to be known;
 * - the edges split the μμ(γ) events into equal parts (quantiles on the fine edges), so the bins are
 *   narrow where the gap bands concentrate the μμ(γ) background and wide where the signal sits alone.
 * Where two quantiles fall on the same fine edge the bins merge, so fewer may result.
 */

export interface ThetaBinningSettings {
  /** Most θ bins of a window (the paper: 5). */
  readonly maxBins: number;
  /** Expected μμ(γ) events per θ bin at least, on average over the window. */
  readonly minMuMuEventsPerBin: number;
}

/**
 * Groups of fine bins: `starts[j]` is the first fine bin of merged bin j, and `starts` ends with the
 * number of fine bins. `muMuPerFineBin` holds the expected μμ(γ) events of each fine θ bin.
 */
export function thetaGroups(muMuPerFineBin: ArrayLike<number>, settings: ThetaBinningSettings): Int32Array {
  const nFine = muMuPerFineBin.length;
  if (nFine === 0) throw new RangeError('theta binning: no fine bins');
  let total = 0;
  for (let i = 0; i < nFine; i++) total += Math.max(0, muMuPerFineBin[i]);
  const wanted = Math.max(1, Math.min(settings.maxBins, Math.floor(total / settings.minMuMuEventsPerBin)));
  const starts = [0];
  if (wanted > 1) {
    let cumulative = 0;
    let next = 1;
    for (let i = 0; i < nFine - 1 && next < wanted; i++) {
      cumulative += Math.max(0, muMuPerFineBin[i]);
      // Close a bin at the first fine edge where the cumulative share reaches j / wanted.
      if (cumulative >= (next * total) / wanted) {
        starts.push(i + 1);
        while (next < wanted && cumulative >= (next * total) / wanted) next++;
      }
    }
  }
  starts.push(nFine);
  return Int32Array.from(starts);
}
