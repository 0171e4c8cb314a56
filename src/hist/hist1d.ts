import { fsum } from 'd3-array';
import { Axis } from './axis.js';
import { addContents, axisFromJSON, axisToJSON, type AxisJSON, checkFills, finiteNumberArray, HIST_JSON_VERSION, type NumericArray, objectWith, scaleContents } from './shared.js';

/** The stable JSON form of a Hist1D (keys always in this order). */
export interface Hist1DJSON {
  readonly kind: 'hist1d';
  readonly version: typeof HIST_JSON_VERSION;
  readonly axis: AxisJSON;
  /** Number of fills (unweighted count), flows included. */
  readonly entries: number;
  /** Σw per bin, ROOT bin order: [underflow, 1…nBins, overflow]. */
  readonly sumw: number[];
  /** Σw² per bin, same order. */
  readonly sumw2: number[];
}

/**
 * A 1-D histogram of weighted fills: Σw and Σw² per bin, underflow and overflow kept.
 * Bin numbers follow ROOT (0 underflow, 1…nBins, nBins + 1 overflow; see {@link Axis}).
 *
 * @example
 * const h = new Hist1D(Axis.uniform(4, 0, 2)); // bins [0, 0.5), [0.5, 1), [1, 1.5), [1.5, 2)
 * h.fill(0.7, 2);
 * h.fill(0.7, 1);
 * h.fill(5);          // overflow, bin 5
 * h.binContent(2);    // 3
 * h.binError(2);      // 2.23606797749979 = √(2² + 1²)
 * h.integral();       // 3 (regular bins only)
 */
export class Hist1D {
  readonly axis: Axis;
  /** Σw per bin, indexed by bin number (length nBins + 2). */
  readonly sumw: Float64Array;
  /** Σw² per bin, indexed by bin number (length nBins + 2). */
  readonly sumw2: Float64Array;
  private entryCount = 0;

  constructor(axis: Axis) {
    this.axis = axis;
    this.sumw = new Float64Array(axis.nBins + 2);
    this.sumw2 = new Float64Array(axis.nBins + 2);
  }

  /** A histogram of `nBins` equal bins on [lo, hi). */
  static uniform(nBins: number, lo: number, hi: number, label = ''): Hist1D {
    return new Hist1D(Axis.uniform(nBins, lo, hi, label));
  }

  /** A histogram with the given (variable) bin edges. */
  static fromEdges(edges: ArrayLike<number>, label = ''): Hist1D {
    return new Hist1D(Axis.fromEdges(edges, label));
  }

  /** Number of fills so far (each fill counts 1 whatever its weight), flows included. */
  get entries(): number {
    return this.entryCount;
  }

  /** Sets the number of entries (as ROOT's SetEntries), e.g. after filling the arrays directly. */
  setEntries(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Hist1D.setEntries: ${n} is not allowed: must be a non-negative integer`);
    this.entryCount = n;
  }

  /** Effective number of entries, (Σw)²/Σw² over all bins (ROOT's GetEffectiveEntries); 0 when empty. */
  effectiveEntries(): number {
    const sumw2 = fsum(this.sumw2);
    return sumw2 > 0 ? this.totalSumw() ** 2 / sumw2 : 0;
  }

  /** Adds weight w (default 1) at x. x = ±∞ goes to the flow bins; NaN x or a non-finite w throw. */
  fill(x: number, w = 1): void {
    const bin = this.axis.findBin(x);
    if (bin < 0) throw new RangeError('Hist1D.fill: x is NaN');
    if (!Number.isFinite(w)) throw new RangeError(`Hist1D.fill: weight ${w} is not allowed: must be finite`);
    this.sumw[bin] += w;
    this.sumw2[bin] += w * w;
    this.entryCount++;
  }

  /**
   * Fills every x[k] with weight w[k] (or one weight for all). Inputs are checked first, so a bad
   * value leaves the histogram untouched.
   */
  fillN(x: NumericArray, w: NumericArray | number = 1): void {
    checkFills('Hist1D.fillN', [x], w);
    const axis = this.axis;
    const sumw = this.sumw;
    const sumw2 = this.sumw2;
    const n = x.length;
    if (typeof w === 'number') {
      const w2 = w * w;
      for (let k = 0; k < n; k++) {
        const bin = axis.findBin(x[k]);
        sumw[bin] += w;
        sumw2[bin] += w2;
      }
    } else {
      for (let k = 0; k < n; k++) {
        const bin = axis.findBin(x[k]);
        const wk = w[k];
        sumw[bin] += wk;
        sumw2[bin] += wk * wk;
      }
    }
    this.entryCount += n;
  }

  /** Σw in bin i (0 underflow … nBins + 1 overflow). */
  binContent(i: number): number {
    this.axis.checkBin(i);
    return this.sumw[i];
  }

  /** Statistical error of bin i, √Σw². */
  binError(i: number): number {
    this.axis.checkBin(i);
    return Math.sqrt(this.sumw2[i]);
  }

  /** Σw over bins first…last (inclusive; default the regular bins 1…nBins, as ROOT's Integral()). */
  integral(first = 1, last = this.axis.nBins): number {
    this.checkRange(first, last);
    return fsum(this.sumw.subarray(first, last + 1));
  }

  /** Error of {@link integral} over the same bins, √(Σ Σw²). */
  integralError(first = 1, last = this.axis.nBins): number {
    this.checkRange(first, last);
    return Math.sqrt(fsum(this.sumw2.subarray(first, last + 1)));
  }

  /** Σw over all bins, underflow and overflow included. */
  totalSumw(): number {
    return fsum(this.sumw);
  }

  /**
   * Adds another histogram's contents to this one (Σw, Σw², entries). The edges must be identical;
   * otherwise it throws and nothing changes.
   */
  add(other: Hist1D): this {
    if (!this.axis.sameEdges(other.axis)) throw new RangeError('Hist1D.add: the histograms have different bin edges');
    addContents(this.sumw, this.sumw2, other.sumw, other.sumw2);
    this.entryCount += other.entryCount;
    return this;
  }

  /**
   * Multiplies every bin by c (e.g. σ·L/N to normalise a sample to a luminosity): Σw → c·Σw and
   * Σw² → c²·Σw², so errors scale by |c| (ROOT's TH1::Scale). Entries are unchanged.
   */
  scale(c: number): this {
    scaleContents(this.sumw, this.sumw2, c, 'Hist1D');
    return this;
  }

  /** A new histogram holding the sum of the given ones (same edges; the first one's labels). */
  static merge(first: Hist1D, ...rest: Hist1D[]): Hist1D {
    const sum = first.clone();
    for (const h of rest) sum.add(h);
    return sum;
  }

  /** An independent copy. */
  clone(): Hist1D {
    const copy = new Hist1D(this.axis);
    copy.sumw.set(this.sumw);
    copy.sumw2.set(this.sumw2);
    copy.entryCount = this.entryCount;
    return copy;
  }

  /** The stable JSON form: `JSON.stringify(h)` gives the same bytes for the same histogram. */
  toJSON(): Hist1DJSON {
    return {
      kind: 'hist1d',
      version: HIST_JSON_VERSION,
      axis: axisToJSON(this.axis),
      entries: this.entryCount,
      sumw: Array.from(this.sumw),
      sumw2: Array.from(this.sumw2),
    };
  }

  /** Rebuilds a histogram from its JSON form (parsed), checking every field. */
  static fromJSON(json: unknown): Hist1D {
    const o = objectWith(json, 'Hist1D.fromJSON', ['kind', 'version', 'axis', 'entries', 'sumw', 'sumw2']);
    if (o.kind !== 'hist1d') throw new RangeError(`Hist1D.fromJSON: kind = ${JSON.stringify(o.kind)} is not allowed: must be "hist1d"`);
    if (o.version !== HIST_JSON_VERSION) throw new RangeError(`Hist1D.fromJSON: version = ${JSON.stringify(o.version)} is not allowed: must be ${HIST_JSON_VERSION}`);
    const axis = axisFromJSON(o.axis, 'Hist1D.fromJSON: axis');
    const h = new Hist1D(axis);
    h.sumw.set(finiteNumberArray(o.sumw, h.sumw.length, 'Hist1D.fromJSON: sumw'));
    h.sumw2.set(finiteNumberArray(o.sumw2, h.sumw2.length, 'Hist1D.fromJSON: sumw2'));
    if (!Number.isSafeInteger(o.entries) || (o.entries as number) < 0) {
      throw new RangeError(`Hist1D.fromJSON: entries = ${JSON.stringify(o.entries)} is not allowed: must be a non-negative integer`);
    }
    h.entryCount = o.entries as number;
    return h;
  }

  private checkRange(first: number, last: number): void {
    this.axis.checkBin(first);
    this.axis.checkBin(last);
    if (last < first) throw new RangeError(`bin range ${first}…${last} is empty: need first <= last`);
  }
}
