/**
 * A histogram axis: explicit, strictly increasing bin edges and half-open bins [lo, hi).
 *
 * Bins are numbered as in ROOT's TAxis: 0 is the underflow (x < edges[0]), 1…nBins are the
 * regular bins, nBins + 1 is the overflow (x ≥ edges[nBins]). With this numbering the bin of x is
 * exactly d3-array's `bisectRight(edges, x)`.
 *
 * Finding a bin takes O(1) for any binning that is not extremely uneven: the range is cut into
 * equal cells no wider than the narrowest bin, each cell remembers the bin at its lower end, and a
 * short walk over the (at most a few) edges inside the cell finishes the search. Binnings whose
 * cells would hold more than a few edges use a binary search instead.
 */
export class Axis {
  /** Bin edges, strictly increasing and finite (nBins + 1 values). */
  readonly edges: Float64Array;
  /** Number of regular bins (flow bins not counted). */
  readonly nBins: number;
  /** Axis title with its unit, e.g. `M2recoil [GeV^2/c^4]`. */
  readonly label: string;
  /** Lookup cells per unit of x, or 0 when the binning is too uneven for cells (binary search). */
  private readonly cellsPerUnit: number;
  /** The bin number at the lower end of each cell (one more entry for the top). */
  private readonly cellStartBin: Int32Array;

  private constructor(edges: Float64Array, label: string) {
    this.edges = edges;
    this.nBins = edges.length - 1;
    this.label = label;
    const lookup = buildLookup(edges);
    this.cellsPerUnit = lookup.cellsPerUnit;
    this.cellStartBin = lookup.cellStartBin;
  }

  /** An axis of `nBins` equal bins from `lo` to `hi` (the edges are lo + i·(hi − lo)/nBins). */
  static uniform(nBins: number, lo: number, hi: number, label = ''): Axis {
    if (!Number.isSafeInteger(nBins) || nBins < 1) throw new RangeError(`Axis: nBins = ${nBins} is not allowed: must be an integer >= 1`);
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) {
      throw new RangeError(`Axis: range [${lo}, ${hi}] is not allowed: must be finite with hi > lo`);
    }
    const edges = new Float64Array(nBins + 1);
    const width = (hi - lo) / nBins;
    for (let i = 0; i < nBins; i++) edges[i] = lo + i * width;
    edges[nBins] = hi;
    return new Axis(edges, label);
  }

  /** An axis with the given edges (copied); they must be finite and strictly increasing. */
  static fromEdges(edges: ArrayLike<number>, label = ''): Axis {
    if (edges.length < 2) throw new RangeError(`Axis: ${edges.length} edge(s) given: need at least 2`);
    const copy = Float64Array.from(edges);
    for (let i = 0; i < copy.length; i++) {
      if (!Number.isFinite(copy[i])) throw new RangeError(`Axis: edges[${i}] = ${copy[i]} is not allowed: edges must be finite`);
      if (i > 0 && !(copy[i] > copy[i - 1])) {
        throw new RangeError(`Axis: edges[${i}] = ${copy[i]} is not allowed: edges must be strictly increasing (edges[${i - 1}] = ${copy[i - 1]})`);
      }
    }
    return new Axis(copy, label);
  }

  /** Lower edge of the range (edges[0]). */
  get min(): number {
    return this.edges[0];
  }

  /** Upper edge of the range (edges[nBins]). */
  get max(): number {
    return this.edges[this.nBins];
  }

  /** The bin that holds x: 0 (underflow), 1…nBins, or nBins + 1 (overflow); NaN gives −1. */
  findBin(x: number): number {
    const edges = this.edges;
    const n = this.nBins;
    if (x < edges[0]) return 0;
    if (x >= edges[n]) return n + 1;
    if (x !== x) return -1;
    if (this.cellsPerUnit > 0) {
      const cell = Math.min(Math.floor((x - edges[0]) * this.cellsPerUnit), this.cellStartBin.length - 2);
      // Rounding in the cell index can land one cell off: the walks below correct it exactly.
      let bin = this.cellStartBin[cell];
      while (x < edges[bin - 1]) bin--;
      while (x >= edges[bin]) bin++;
      return bin;
    }
    // bisectRight on edges[1…n−1]: the first edge greater than x.
    let lo = 1;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Lower edge of bin i (1…nBins); −∞ for the underflow. */
  binLowEdge(i: number): number {
    this.checkBin(i);
    return i === 0 ? -Infinity : this.edges[i - 1];
  }

  /** Upper edge of bin i (1…nBins); +∞ for the overflow. */
  binUpEdge(i: number): number {
    this.checkBin(i);
    return i === this.nBins + 1 ? Infinity : this.edges[i];
  }

  /** Centre of regular bin i (1…nBins). */
  binCenter(i: number): number {
    this.checkRegularBin(i);
    return 0.5 * (this.edges[i - 1] + this.edges[i]);
  }

  /** Width of regular bin i (1…nBins). */
  binWidth(i: number): number {
    this.checkRegularBin(i);
    return this.edges[i] - this.edges[i - 1];
  }

  /** True when both axes have the same edges, bit for bit (labels are not compared). */
  sameEdges(other: Axis): boolean {
    if (other.edges.length !== this.edges.length) return false;
    for (let i = 0; i < this.edges.length; i++) if (!Object.is(other.edges[i], this.edges[i])) return false;
    return true;
  }

  /** Throws unless i is a bin number, flows included (0…nBins + 1). */
  checkBin(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i > this.nBins + 1) {
      throw new RangeError(`bin ${i} does not exist: bins are 0 (underflow), 1…${this.nBins}, ${this.nBins + 1} (overflow)`);
    }
  }

  private checkRegularBin(i: number): void {
    if (!Number.isInteger(i) || i < 1 || i > this.nBins) throw new RangeError(`bin ${i} is not a regular bin: regular bins are 1…${this.nBins}`);
  }
}

/** Cells no wider than the narrowest bin, capped so that the table stays small. */
const MAX_CELLS_PER_BIN = 16;
const MAX_CELLS = 1 << 16;
/** Above this many edges in one cell the walk would be slower than a binary search. */
const MAX_EDGES_PER_CELL = 3;

function buildLookup(edges: Float64Array): { cellsPerUnit: number; cellStartBin: Int32Array } {
  const n = edges.length - 1;
  const range = edges[n] - edges[0];
  let narrowest = Infinity;
  for (let i = 0; i < n; i++) narrowest = Math.min(narrowest, edges[i + 1] - edges[i]);
  const cells = Math.min(Math.ceil(range / narrowest - 1e-9), MAX_CELLS_PER_BIN * n, MAX_CELLS);
  if (!(cells >= 1)) return { cellsPerUnit: 0, cellStartBin: new Int32Array(0) };
  const cellsPerUnit = cells / range;
  const cellStartBin = new Int32Array(cells + 1);
  let bin = 1;
  let crowded = 0;
  for (let c = 0; c <= cells; c++) {
    const lowEnd = edges[0] + c / cellsPerUnit;
    const first = bin;
    while (bin < n && edges[bin] <= lowEnd) bin++;
    cellStartBin[c] = bin;
    crowded = Math.max(crowded, bin - first);
  }
  if (crowded > MAX_EDGES_PER_CELL) return { cellsPerUnit: 0, cellStartBin: new Int32Array(0) };
  return { cellsPerUnit, cellStartBin };
}
