import { bin as d3bin, bisectRight } from 'd3-array';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Axis } from '../../src/hist/index.js';

const sortedEdges = fc
  .uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: 2, maxLength: 40, comparator: 'SameValueZero' })
  .map((values) => Float64Array.from(values).sort());

describe('Axis', () => {
  it('Axis.findBin(x) equals d3-array bisectRight(edges, x) (ROOT numbering) for any edges and x', () => {
    // The independent reference is d3-array's bisectRight: for half-open bins [lo, hi) the first
    // edge greater than x is the ROOT bin number (0 underflow, n + 1 overflow).
    fc.assert(
      fc.property(sortedEdges, fc.array(fc.double({ noNaN: true, min: -2e6, max: 2e6 }), { maxLength: 50 }), (edges, xs) => {
        const axis = Axis.fromEdges(edges);
        for (const x of [...xs, ...edges]) expect(axis.findBin(x)).toBe(bisectRight(edges, x));
      }),
    );
  });

  it('Axis.uniform(n, lo, hi).findBin(x) equals bisectRight on its edges, at and next to every edge', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ noNaN: true, min: -100, max: 100 }), fc.double({ noNaN: true, min: 1e-3, max: 1e3 }), (n, lo, width) => {
        const axis = Axis.uniform(n, lo, lo + width);
        for (const edge of axis.edges) {
          for (const x of [edge, edge - Number.EPSILON * Math.abs(edge) * 2, edge + Number.EPSILON * Math.abs(edge) * 2, edge + (0.5 * width) / n]) {
            expect(axis.findBin(x)).toBe(bisectRight(axis.edges, x));
          }
        }
      }),
    );
  });

  it('Axis.findBin(x) equals bisectRight for uneven binnings that use the lookup cells (widths within ×5)', () => {
    const unevenEdges = fc
      .tuple(fc.double({ noNaN: true, min: -50, max: 50 }), fc.array(fc.double({ noNaN: true, min: 0.2, max: 1 }), { minLength: 1, maxLength: 80 }))
      .map(([start, widths]) => {
        const edges = [start];
        for (const w of widths) edges.push(edges[edges.length - 1] + w);
        return Float64Array.from(edges);
      });
    fc.assert(
      fc.property(unevenEdges, fc.array(fc.double({ noNaN: true, min: -200, max: 200 }), { maxLength: 30 }), (edges, xs) => {
        const axis = Axis.fromEdges(edges);
        for (const edge of edges) {
          for (const x of [edge, edge - 1e-9, edge + 1e-9, ...xs]) expect(axis.findBin(x)).toBe(bisectRight(edges, x));
        }
      }),
    );
  });

  it('bins are half-open [lo, hi): an edge belongs to the bin above it, the last edge to the overflow', () => {
    const axis = Axis.fromEdges([0, 1, 3, 7]);
    expect([axis.findBin(-1e-300), axis.findBin(0), axis.findBin(1), axis.findBin(2.999), axis.findBin(3), axis.findBin(7), axis.findBin(Infinity)]).toEqual([0, 1, 2, 2, 3, 4, 4]);
    expect(axis.findBin(-Infinity)).toBe(0);
    expect(axis.findBin(Number.NaN)).toBe(-1);
  });

  it('regular-bin counts agree with d3.bin given the same explicit thresholds (values inside the range)', () => {
    // d3.bin closes its last bin and drops out-of-range values (STYLE.md §11), so compare inside
    // [min, max) only: there both must give the same counts.
    const edges = [0, 0.5, 1.25, 2, 4, 4.5];
    const axis = Axis.fromEdges(edges);
    const values = Array.from({ length: 997 }, (_, k) => (k * 4.5) / 997);
    const reference = d3bin().domain([0, 4.5]).thresholds(edges.slice(1, -1))(values).map((b) => b.length);
    const counts = new Array<number>(axis.nBins).fill(0);
    for (const v of values) counts[axis.findBin(v) - 1]++;
    expect(counts).toEqual(reference);
  });

  it('binLowEdge/binUpEdge/binCenter/binWidth describe each bin', () => {
    const axis = Axis.fromEdges([-1, 0, 2]);
    expect([axis.binLowEdge(2), axis.binUpEdge(2), axis.binCenter(2), axis.binWidth(2)]).toEqual([0, 2, 1, 2]);
    expect(axis.binLowEdge(0)).toBe(-Infinity);
    expect(axis.binUpEdge(3)).toBe(Infinity);
    expect(() => axis.binCenter(0)).toThrow('bin 0 is not a regular bin: regular bins are 1…2');
    expect(() => axis.binLowEdge(4)).toThrow('bin 4 does not exist: bins are 0 (underflow), 1…2, 3 (overflow)');
  });

  it('rejects edges that are too few, not finite or not strictly increasing, naming the edge', () => {
    expect(() => Axis.fromEdges([1])).toThrow('Axis: 1 edge(s) given: need at least 2');
    expect(() => Axis.fromEdges([0, 1, 1])).toThrow('Axis: edges[2] = 1 is not allowed: edges must be strictly increasing (edges[1] = 1)');
    expect(() => Axis.fromEdges([0, Number.NaN])).toThrow('Axis: edges[1] = NaN is not allowed: edges must be finite');
    expect(() => Axis.uniform(0, 0, 1)).toThrow('Axis: nBins = 0 is not allowed: must be an integer >= 1');
    expect(() => Axis.uniform(3, 1, 1)).toThrow('Axis: range [1, 1] is not allowed: must be finite with hi > lo');
  });

  it('Axis.uniform(n, lo, hi) ends exactly at hi', () => {
    const axis = Axis.uniform(3, 0, 0.3);
    expect(axis.max).toBe(0.3);
    expect(axis.findBin(0.3)).toBe(4);
  });
});
