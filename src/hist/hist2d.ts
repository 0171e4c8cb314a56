import { Adder, fsum } from 'd3-array';
import { Axis } from './axis.js';
import { Hist1D } from './hist1d.js';
import { addContents, axisFromJSON, axisToJSON, type AxisJSON, checkFills, finiteNumberArray, HIST_JSON_VERSION, type NumericArray, objectWith, scaleContents } from './shared.js';

/** The stable JSON form of a Hist2D (keys always in this order). */
export interface Hist2DJSON {
  readonly kind: 'hist2d';
  readonly version: typeof HIST_JSON_VERSION;
  readonly xAxis: AxisJSON;
  readonly yAxis: AxisJSON;
  /** Number of fills (unweighted count), flows included. */
  readonly entries: number;
  /** Σw per cell in ROOT global-bin order: index ix + (nx + 2)·iy, x fastest, flows included. */
  readonly sumw: number[];
  /** Σw² per cell, same order. */
  readonly sumw2: number[];
}

/**
 * A 2-D histogram of weighted fills: Σw and Σw² per cell, with the underflow and overflow of both
 * axes (the (nx + 2)·(ny + 2) cells of ROOT's TH2, corners included). Cell (ix, iy) uses each
 * axis's ROOT bin numbers and is stored at ix + (nx + 2)·iy.
 */
export class Hist2D {
  readonly xAxis: Axis;
  readonly yAxis: Axis;
  /** Σw per cell, index ix + (nx + 2)·iy. */
  readonly sumw: Float64Array;
  /** Σw² per cell, same index. */
  readonly sumw2: Float64Array;
  /** Cells per row, nx + 2. */
  private readonly stride: number;
  private entryCount = 0;

  constructor(xAxis: Axis, yAxis: Axis) {
    this.xAxis = xAxis;
    this.yAxis = yAxis;
    this.stride = xAxis.nBins + 2;
    const cells = this.stride * (yAxis.nBins + 2);
    this.sumw = new Float64Array(cells);
    this.sumw2 = new Float64Array(cells);
  }

  /** A histogram of nx × ny equal bins on [xlo, xhi) × [ylo, yhi). */
  static uniform(nx: number, xlo: number, xhi: number, ny: number, ylo: number, yhi: number): Hist2D {
    return new Hist2D(Axis.uniform(nx, xlo, xhi), Axis.uniform(ny, ylo, yhi));
  }

  /** A histogram with the given (variable) bin edges on each axis. */
  static fromEdges(xEdges: ArrayLike<number>, yEdges: ArrayLike<number>): Hist2D {
    return new Hist2D(Axis.fromEdges(xEdges), Axis.fromEdges(yEdges));
  }

  /** Number of fills so far (each fill counts 1 whatever its weight), flows included. */
  get entries(): number {
    return this.entryCount;
  }

  /** Storage index of cell (ix, iy): ROOT's global bin number. */
  globalBin(ix: number, iy: number): number {
    this.xAxis.checkBin(ix);
    this.yAxis.checkBin(iy);
    return ix + this.stride * iy;
  }

  /** Adds weight w (default 1) at (x, y). NaN coordinates or a non-finite w throw. */
  fill(x: number, y: number, w = 1): void {
    const ix = this.xAxis.findBin(x);
    const iy = this.yAxis.findBin(y);
    if (ix < 0 || iy < 0) throw new RangeError('Hist2D.fill: x or y is NaN');
    if (!Number.isFinite(w)) throw new RangeError(`Hist2D.fill: weight ${w} is not allowed: must be finite`);
    const cell = ix + this.stride * iy;
    this.sumw[cell] += w;
    this.sumw2[cell] += w * w;
    this.entryCount++;
  }

  /**
   * Fills every (x[k], y[k]) with weight w[k] (or one weight for all). Inputs are checked first,
   * so a bad value leaves the histogram untouched.
   */
  fillN(x: NumericArray, y: NumericArray, w: NumericArray | number = 1): void {
    checkFills('Hist2D.fillN', [x, y], w);
    const xAxis = this.xAxis;
    const yAxis = this.yAxis;
    const stride = this.stride;
    const sumw = this.sumw;
    const sumw2 = this.sumw2;
    const n = x.length;
    if (typeof w === 'number') {
      const w2 = w * w;
      for (let k = 0; k < n; k++) {
        const cell = xAxis.findBin(x[k]) + stride * yAxis.findBin(y[k]);
        sumw[cell] += w;
        sumw2[cell] += w2;
      }
    } else {
      for (let k = 0; k < n; k++) {
        const cell = xAxis.findBin(x[k]) + stride * yAxis.findBin(y[k]);
        const wk = w[k];
        sumw[cell] += wk;
        sumw2[cell] += wk * wk;
      }
    }
    this.entryCount += n;
  }

  /** Σw in cell (ix, iy) (bin numbers 0…n + 1 on each axis). */
  binContent(ix: number, iy: number): number {
    return this.sumw[this.globalBin(ix, iy)];
  }

  /** Statistical error of cell (ix, iy), √Σw². */
  binError(ix: number, iy: number): number {
    return Math.sqrt(this.sumw2[this.globalBin(ix, iy)]);
  }

  /** Σw over the cells in [x1…x2] × [y1…y2] (inclusive; default the regular bins, as ROOT's Integral()). */
  integral(x1 = 1, x2 = this.xAxis.nBins, y1 = 1, y2 = this.yAxis.nBins): number {
    return this.sumOver(this.sumw, x1, x2, y1, y2);
  }

  /** Error of {@link integral} over the same cells. */
  integralError(x1 = 1, x2 = this.xAxis.nBins, y1 = 1, y2 = this.yAxis.nBins): number {
    return Math.sqrt(this.sumOver(this.sumw2, x1, x2, y1, y2));
  }

  /** Σw over all cells, flows of both axes included. */
  totalSumw(): number {
    return fsum(this.sumw);
  }

  /**
   * Projection on the x axis of the y bins first…last (default 0…ny + 1: every y bin, flows
   * included, as ROOT's ProjectionX). The result keeps the x flows; Σw² is summed as well. Its
   * entries are this histogram's entries for the full y range, else its effective entries rounded.
   */
  projectionX(first = 0, last = this.yAxis.nBins + 1): Hist1D {
    this.checkRange(this.yAxis, first, last);
    const h = new Hist1D(this.xAxis);
    for (let ix = 0; ix < this.stride; ix++) {
      const sum = new Adder();
      const sum2 = new Adder();
      for (let iy = first; iy <= last; iy++) {
        sum.add(this.sumw[ix + this.stride * iy]);
        sum2.add(this.sumw2[ix + this.stride * iy]);
      }
      h.sumw[ix] = sum.valueOf();
      h.sumw2[ix] = sum2.valueOf();
    }
    this.setProjectionEntries(h, first === 0 && last === this.yAxis.nBins + 1);
    return h;
  }

  /** Projection on the y axis of the x bins first…last (default 0…nx + 1, flows included; entries as in {@link projectionX}). */
  projectionY(first = 0, last = this.xAxis.nBins + 1): Hist1D {
    this.checkRange(this.xAxis, first, last);
    const h = new Hist1D(this.yAxis);
    for (let iy = 0; iy < this.yAxis.nBins + 2; iy++) {
      const row = this.stride * iy;
      h.sumw[iy] = fsum(this.sumw.subarray(row + first, row + last + 1));
      h.sumw2[iy] = fsum(this.sumw2.subarray(row + first, row + last + 1));
    }
    this.setProjectionEntries(h, first === 0 && last === this.xAxis.nBins + 1);
    return h;
  }

  /**
   * Adds another histogram's contents to this one (Σw, Σw², entries). Both axes must have
   * identical edges; otherwise it throws and nothing changes.
   */
  add(other: Hist2D): this {
    if (!this.xAxis.sameEdges(other.xAxis) || !this.yAxis.sameEdges(other.yAxis)) {
      throw new RangeError('Hist2D.add: the histograms have different bin edges');
    }
    addContents(this.sumw, this.sumw2, other.sumw, other.sumw2);
    this.entryCount += other.entryCount;
    return this;
  }

  /**
   * Multiplies every bin by c (e.g. σ·L/N to normalise a sample to a luminosity): Σw → c·Σw and
   * Σw² → c²·Σw², so errors scale by |c| (ROOT's TH1::Scale). Entries are unchanged.
   */
  scale(c: number): this {
    scaleContents(this.sumw, this.sumw2, c, 'Hist2D');
    return this;
  }

  /** A new histogram holding the sum of the given ones (same edges; the first one's labels). */
  static merge(first: Hist2D, ...rest: Hist2D[]): Hist2D {
    const sum = first.clone();
    for (const h of rest) sum.add(h);
    return sum;
  }

  /** An independent copy. */
  clone(): Hist2D {
    const copy = new Hist2D(this.xAxis, this.yAxis);
    copy.sumw.set(this.sumw);
    copy.sumw2.set(this.sumw2);
    copy.entryCount = this.entryCount;
    return copy;
  }

  /** The stable JSON form: `JSON.stringify(h)` gives the same bytes for the same histogram. */
  toJSON(): Hist2DJSON {
    return {
      kind: 'hist2d',
      version: HIST_JSON_VERSION,
      xAxis: axisToJSON(this.xAxis),
      yAxis: axisToJSON(this.yAxis),
      entries: this.entryCount,
      sumw: Array.from(this.sumw),
      sumw2: Array.from(this.sumw2),
    };
  }

  /** Rebuilds a histogram from its JSON form (parsed), checking every field. */
  static fromJSON(json: unknown): Hist2D {
    const o = objectWith(json, 'Hist2D.fromJSON', ['kind', 'version', 'xAxis', 'yAxis', 'entries', 'sumw', 'sumw2']);
    if (o.kind !== 'hist2d') throw new RangeError(`Hist2D.fromJSON: kind = ${JSON.stringify(o.kind)} is not allowed: must be "hist2d"`);
    if (o.version !== HIST_JSON_VERSION) throw new RangeError(`Hist2D.fromJSON: version = ${JSON.stringify(o.version)} is not allowed: must be ${HIST_JSON_VERSION}`);
    const h = new Hist2D(axisFromJSON(o.xAxis, 'Hist2D.fromJSON: xAxis'), axisFromJSON(o.yAxis, 'Hist2D.fromJSON: yAxis'));
    h.sumw.set(finiteNumberArray(o.sumw, h.sumw.length, 'Hist2D.fromJSON: sumw'));
    h.sumw2.set(finiteNumberArray(o.sumw2, h.sumw2.length, 'Hist2D.fromJSON: sumw2'));
    if (!Number.isSafeInteger(o.entries) || (o.entries as number) < 0) {
      throw new RangeError(`Hist2D.fromJSON: entries = ${JSON.stringify(o.entries)} is not allowed: must be a non-negative integer`);
    }
    h.entryCount = o.entries as number;
    return h;
  }

  private setProjectionEntries(h: Hist1D, wholeRange: boolean): void {
    h.setEntries(wholeRange ? this.entryCount : Math.round(h.effectiveEntries()));
  }

  private sumOver(values: Float64Array, x1: number, x2: number, y1: number, y2: number): number {
    this.checkRange(this.xAxis, x1, x2);
    this.checkRange(this.yAxis, y1, y2);
    const sum = new Adder();
    for (let iy = y1; iy <= y2; iy++) for (let ix = x1; ix <= x2; ix++) sum.add(values[ix + this.stride * iy]);
    return sum.valueOf();
  }

  private checkRange(axis: Axis, first: number, last: number): void {
    axis.checkBin(first);
    axis.checkBin(last);
    if (last < first) throw new RangeError(`bin range ${first}…${last} is empty: need first <= last`);
  }
}
