/**
 * Mass-window memberships of the Punzi loss: for every mass hypothesis i, which signal events of
 * hypothesis i and which background events fall inside its search window. They are the two sparse
 * matrices `sig_sparse` and `bkg_sparse` of feichtip/punzinet `fom.gen_sparse_matrices`, stored
 * here as compressed sparse rows (hypothesis → event indices).
 */

/** A sparse hypothesis → event membership in compressed-sparse-row form. */
export interface WindowMembership {
  /** Row starts: the events of hypothesis i are indices[offsets[i] … offsets[i + 1]); length nHypotheses + 1, offsets[0] = 0. */
  readonly offsets: Int32Array;
  /** Event indices (rows of the feature matrix), strictly increasing within each hypothesis. */
  readonly indices: Int32Array;
}

/** The windows of all mass hypotheses, as the Punzi loss and the cut scan read them. */
export interface PunziWindows {
  /** Hypothesis i → the signal events generated at hypothesis i that fall inside window i. */
  readonly signal: WindowMembership;
  /** Hypothesis i → the background events inside window i. */
  readonly background: WindowMembership;
  /** Number of generated signal events N_gen,i of each hypothesis (the efficiency denominator, > 0). */
  readonly nGenerated: Float64Array;
}

/** Number of mass hypotheses of a window set. */
export function hypothesisCount(windows: PunziWindows): number {
  return windows.nGenerated.length;
}

/** A membership from one list of event indices per hypothesis (each list is sorted; duplicates are an error). */
export function membershipFromLists(lists: readonly (readonly number[])[]): WindowMembership {
  const offsets = new Int32Array(lists.length + 1);
  let total = 0;
  for (const [i, list] of lists.entries()) {
    total += list.length;
    offsets[i + 1] = total;
  }
  const indices = new Int32Array(total);
  for (const [i, list] of lists.entries()) {
    const sorted = Int32Array.from(list).sort();
    for (let k = 1; k < sorted.length; k++) if (sorted[k] === sorted[k - 1]) throw new RangeError(`membershipFromLists: event ${sorted[k]} is listed twice for hypothesis ${i}`);
    indices.set(sorted, offsets[i]);
  }
  return { offsets, indices };
}

/** Inputs of {@link buildWindows}, one entry per event unless stated. */
export interface WindowInput {
  /** The windowed variable of each event (e.g. M²recoil in GeV²/c⁴). */
  readonly value: Float64Array;
  /** 1 for signal, 0 for background. */
  readonly labels: Uint8Array;
  /** Generated hypothesis of each signal event (0 … nHypotheses − 1), or −1 for a signal event used by no hypothesis; ignored for background. */
  readonly hypothesis: Int32Array;
  /** Lower and upper window edges per hypothesis, in the units of `value` (e.g. M²_hyp ∓ 2σ(M²)). */
  readonly low: Float64Array;
  readonly high: Float64Array;
  /** N_gen per hypothesis. */
  readonly nGenerated: Float64Array;
}

/**
 * Windows from per-event values and per-hypothesis intervals, with open intervals
 * low < value < high as feichtip/punzinet `prepare.set_range_index`. A background event enters
 * every window that contains it; a signal event only the window of its own hypothesis.
 */
export function buildWindows(input: WindowInput): PunziWindows {
  const { value, labels, hypothesis, low, high, nGenerated } = input;
  const n = value.length;
  const nHyp = nGenerated.length;
  if (labels.length !== n || hypothesis.length !== n) throw new RangeError(`buildWindows: value, labels and hypothesis must have one entry per event (${n}, ${labels.length}, ${hypothesis.length})`);
  if (low.length !== nHyp || high.length !== nHyp) throw new RangeError(`buildWindows: low and high must have one entry per hypothesis (${nHyp}), got ${low.length} and ${high.length}`);
  const sigCount = new Int32Array(nHyp + 1);
  const bkgCount = new Int32Array(nHyp + 1);
  for (let k = 0; k < n; k++) {
    const v = value[k];
    if (labels[k] === 1) {
      const h = hypothesis[k];
      if (h < -1 || h >= nHyp) throw new RangeError(`buildWindows: hypothesis[${k}] = ${h} is outside [-1, ${nHyp - 1}]`);
      if (h >= 0 && low[h] < v && v < high[h]) sigCount[h + 1]++;
    } else if (labels[k] === 0) {
      for (let i = 0; i < nHyp; i++) if (low[i] < v && v < high[i]) bkgCount[i + 1]++;
    } else {
      throw new RangeError(`buildWindows: labels[${k}] = ${labels[k]} must be 0 or 1`);
    }
  }
  for (let i = 0; i < nHyp; i++) {
    sigCount[i + 1] += sigCount[i];
    bkgCount[i + 1] += bkgCount[i];
  }
  const sig = { offsets: Int32Array.from(sigCount), indices: new Int32Array(sigCount[nHyp]) };
  const bkg = { offsets: Int32Array.from(bkgCount), indices: new Int32Array(bkgCount[nHyp]) };
  const sigFill = sigCount.subarray(0, nHyp);
  const bkgFill = bkgCount.subarray(0, nHyp);
  for (let k = 0; k < n; k++) {
    const v = value[k];
    if (labels[k] === 1) {
      const h = hypothesis[k];
      if (h >= 0 && low[h] < v && v < high[h]) sig.indices[sigFill[h]++] = k;
    } else {
      for (let i = 0; i < nHyp; i++) if (low[i] < v && v < high[i]) bkg.indices[bkgFill[i]++] = k;
    }
  }
  return { signal: sig, background: bkg, nGenerated: Float64Array.from(nGenerated) };
}

/**
 * Checks a window set against a sample of `nEvents` events: shapes, index ranges, increasing
 * indices, N_gen > 0, and (with `labels`) that signal rows hold signal and background rows
 * background. Throws a RangeError naming the field.
 */
export function checkWindows(windows: PunziWindows, nEvents: number, labels?: Uint8Array): void {
  const nHyp = windows.nGenerated.length;
  if (nHyp === 0) throw new RangeError('windows.nGenerated: there must be at least one mass hypothesis');
  for (let i = 0; i < nHyp; i++) {
    const g = windows.nGenerated[i];
    if (!(g > 0 && Number.isFinite(g))) throw new RangeError(`windows.nGenerated[${i}] must be positive and finite, got ${g}`);
  }
  for (const [name, m, want] of [
    ['signal', windows.signal, 1],
    ['background', windows.background, 0],
  ] as const) {
    const { offsets, indices } = m;
    if (!(offsets instanceof Int32Array) || !(indices instanceof Int32Array)) throw new TypeError(`windows.${name}: offsets and indices must be Int32Arrays`);
    if (offsets.length !== nHyp + 1) throw new RangeError(`windows.${name}.offsets must have nHypotheses + 1 = ${nHyp + 1} entries, got ${offsets.length}`);
    if (offsets[0] !== 0 || offsets[nHyp] !== indices.length) throw new RangeError(`windows.${name}.offsets must start at 0 and end at indices.length = ${indices.length}`);
    for (let i = 0; i < nHyp; i++) {
      const a = offsets[i];
      const b = offsets[i + 1];
      if (b < a) throw new RangeError(`windows.${name}.offsets must not decrease (hypothesis ${i})`);
      for (let k = a; k < b; k++) {
        const e = indices[k];
        if (e < 0 || e >= nEvents) throw new RangeError(`windows.${name}: hypothesis ${i} lists event ${e}, outside [0, ${nEvents})`);
        if (k > a && e <= indices[k - 1]) throw new RangeError(`windows.${name}: the events of hypothesis ${i} must be strictly increasing (event ${e})`);
        if (labels !== undefined && labels[e] !== want) throw new RangeError(`windows.${name}: hypothesis ${i} lists event ${e}, whose label is ${labels[e]}`);
      }
    }
  }
}
