/**
 * The cut flow of a selection over one sample: the weighted number of events after each step,
 * accumulated batch by batch. Weights are the generator's (1 for unweighted events); a step's
 * efficiency is Σw(passing it and every earlier step) / Σw(all generated events), and its yield at a
 * luminosity L is σ·L times that efficiency.
 */

/** One line of a cut-flow table (what `simulate --json` prints under `cutflow`). */
export interface CutFlowRow {
  readonly cut: string;
  readonly description: string;
  /** Generated events passing this step and every earlier one (unweighted count). */
  readonly events: number;
  /** Weighted fraction of the generated events passing this step and every earlier one. */
  readonly efficiency: number;
  /** Expected events at the luminosity: σ·L·efficiency. */
  readonly yield: number;
  /** Monte Carlo error of the yield, σ·L·√Σw²/Σw(all). */
  readonly yield_err: number;
}

/** The sums of a cut flow as plain arrays (to pass between threads or store). */
export interface CutFlowParts {
  readonly steps: readonly { readonly name: string; readonly description: string }[];
  readonly sumW: Float64Array;
  readonly sumW2: Float64Array;
  readonly counts: Float64Array;
}

export class CutFlow {
  readonly steps: readonly { readonly name: string; readonly description: string }[];
  /** Σw, Σw² and counts of events passing at least k steps, k = 0 … steps (k = 0: all events). */
  private readonly sumW: Float64Array;
  private readonly sumW2: Float64Array;
  private readonly counts: Float64Array;

  constructor(selection: { readonly steps: readonly { readonly name: string; readonly description: string }[] }) {
    this.steps = selection.steps.map((s) => ({ name: s.name, description: s.description }));
    const n = this.steps.length + 1;
    this.sumW = new Float64Array(n);
    this.sumW2 = new Float64Array(n);
    this.counts = new Float64Array(n);
  }

  /** A cut flow from its parts (see `parts`). */
  static fromParts(parts: CutFlowParts): CutFlow {
    const flow = new CutFlow(parts);
    if (parts.sumW.length !== flow.sumW.length || parts.sumW2.length !== flow.sumW.length || parts.counts.length !== flow.sumW.length) {
      throw new RangeError(`CutFlow.fromParts: ${parts.steps.length} steps need ${flow.sumW.length} sums`);
    }
    flow.sumW.set(parts.sumW);
    flow.sumW2.set(parts.sumW2);
    flow.counts.set(parts.counts);
    return flow;
  }

  /** Copies of the sums. */
  parts(): CutFlowParts {
    return { steps: this.steps, sumW: this.sumW.slice(), sumW2: this.sumW2.slice(), counts: this.counts.slice() };
  }

  /** Adds one batch: `passed[i]` steps passed by event i (from `stepsPassed`), `weight[i]` its weight. */
  add(passed: Uint8Array, weight: Float64Array): void {
    if (passed.length !== weight.length) throw new RangeError(`CutFlow.add: ${passed.length} events but ${weight.length} weights`);
    // Histogram of the number of steps passed, then a cumulative sum from the top.
    const n = this.steps.length;
    const w = new Float64Array(n + 1);
    const w2 = new Float64Array(n + 1);
    const c = new Float64Array(n + 1);
    for (let i = 0; i < passed.length; i++) {
      const k = passed[i];
      w[k] += weight[i];
      w2[k] += weight[i] * weight[i];
      c[k]++;
    }
    let sw = 0;
    let sw2 = 0;
    let sc = 0;
    for (let k = n; k >= 0; k--) {
      sw += w[k];
      sw2 += w2[k];
      sc += c[k];
      this.sumW[k] += sw;
      this.sumW2[k] += sw2;
      this.counts[k] += sc;
    }
  }

  /** Adds the counts of another cut flow of the same selection. */
  merge(other: CutFlow): void {
    if (other.steps.length !== this.steps.length || other.steps.some((s, k) => s.name !== this.steps[k].name)) {
      throw new RangeError('CutFlow.merge: the cut flows have different steps');
    }
    for (let k = 0; k < this.sumW.length; k++) {
      this.sumW[k] += other.sumW[k];
      this.sumW2[k] += other.sumW2[k];
      this.counts[k] += other.counts[k];
    }
  }

  /** Weighted fraction of all events passing every step. */
  get efficiency(): number {
    return this.sumW[0] > 0 ? this.sumW[this.steps.length] / this.sumW[0] : Number.NaN;
  }

  /** Σw of all events added (the denominator of every efficiency). */
  get totalWeight(): number {
    return this.sumW[0];
  }

  /** Unweighted number of events added. */
  get events(): number {
    return this.counts[0];
  }

  /** The table at cross section σ (pb) and luminosity L (fb⁻¹). */
  rows(sigmaPb: number, luminosityFb: number): CutFlowRow[] {
    const total = this.sumW[0];
    const scale = total > 0 ? (sigmaPb * luminosityFb * PB_PER_FB) / total : Number.NaN;
    return this.steps.map((s, k) => ({
      cut: s.name,
      description: s.description,
      events: this.counts[k + 1],
      efficiency: total > 0 ? this.sumW[k + 1] / total : Number.NaN,
      yield: this.sumW[k + 1] * scale,
      yield_err: Math.sqrt(this.sumW2[k + 1]) * scale,
    }));
  }
}

/** 1 fb⁻¹ = 1000 pb⁻¹. */
export const PB_PER_FB = 1000;
