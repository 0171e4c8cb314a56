import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Axis, Hist1D, Hist2D } from '../../src/hist/index.js';

// Binning in the spirit of the paper's templates: M²recoil with variable widths, θrecoil c.m. in 5 bins.
const M2_EDGES = [-0.5, 1, 4, 9, 36, 81];
const THETA_EDGES = [0, 0.6, 1.2, 1.8, 2.4, Math.PI];

const coordinate = (edges: readonly number[]) =>
  fc.oneof(fc.double({ noNaN: true, min: edges[0] - 2, max: edges[edges.length - 1] + 2 }), fc.constantFrom(...edges, -Infinity, Infinity));
const entry = fc.tuple(coordinate(M2_EDGES), coordinate(THETA_EDGES), fc.integer({ min: -100, max: 100 }));
const fills = fc.array(entry, { maxLength: 60 });

function empty(): Hist2D {
  return new Hist2D(Axis.fromEdges(M2_EDGES, 'M2recoil [GeV^2/c^4]'), Axis.fromEdges(THETA_EDGES, 'theta_recoil_cm [rad]'));
}

function filled(entries: readonly (readonly [number, number, number])[]): Hist2D {
  const h = empty();
  for (const [x, y, w] of entries) h.fill(x, y, w);
  return h;
}

function expectSameContents(a: Hist2D | Hist1D, b: Hist2D | Hist1D): void {
  expect(Array.from(a.sumw)).toEqual(Array.from(b.sumw));
  expect(Array.from(a.sumw2)).toEqual(Array.from(b.sumw2));
  expect(a.entries).toBe(b.entries);
}

describe('Hist2D', () => {
  it('fill(x, y, w) conserves Σw (integer weights: exactly), flows of both axes and corners included', () => {
    fc.assert(
      fc.property(fills, (entries) => {
        const h = filled(entries);
        expect(h.totalSumw()).toBe(entries.reduce((s, [, , w]) => s + w, 0));
        expect(h.entries).toBe(entries.length);
      }),
    );
  });

  it('fillN(x, y, w) gives exactly the same cells as fill in a loop', () => {
    fc.assert(
      fc.property(fills, (entries) => {
        const h = empty();
        h.fillN(
          Float64Array.from(entries, ([x]) => x),
          Float64Array.from(entries, ([, y]) => y),
          Float64Array.from(entries, ([, , w]) => w),
        );
        expectSameContents(h, filled(entries));
      }),
    );
  });

  it('merging is associative and equals one big run (integer weights: bit for bit)', () => {
    fc.assert(
      fc.property(fills, fills, fills, (a, b, c) => {
        const left = Hist2D.merge(Hist2D.merge(filled(a), filled(b)), filled(c));
        const right = Hist2D.merge(filled(a), Hist2D.merge(filled(b), filled(c)));
        expectSameContents(left, right);
        expectSameContents(left, filled([...a, ...b, ...c]));
      }),
    );
  });

  it('projectionX() equals a 1-D histogram of x alone, and projectionY() one of y alone', () => {
    // The independent computation: filling the 1-D histogram directly with the same entries.
    fc.assert(
      fc.property(fills, (entries) => {
        const h = filled(entries);
        const hx = Hist1D.fromEdges(M2_EDGES);
        const hy = Hist1D.fromEdges(THETA_EDGES);
        for (const [x, y, w] of entries) {
          hx.fill(x, w);
          hy.fill(y, w);
        }
        expectSameContents(h.projectionX(), hx);
        expectSameContents(h.projectionY(), hy);
      }),
    );
  });

  it('projectionX(first, last) keeps only the y bins first…last', () => {
    const h = empty();
    h.fill(0, 0.3, 2); // x bin 1 ([-0.5, 1)), y bin 1
    h.fill(0, 2.0, 3); // y bin 4
    h.fill(50, -1, 5); // y underflow
    const p = h.projectionX(1, 5);
    expect(p.binContent(1)).toBe(5);
    expect(p.binError(1)).toBe(Math.sqrt(13));
    expect(p.binContent(6)).toBe(0);
    expect(p.totalSumw()).toBe(5);
    expect(h.projectionX().binContent(5)).toBe(5);
    expect(h.projectionX().entries).toBe(3);
    // effective entries (Σw)²/Σw² = 25/13 ≈ 1.92 → 2 (ROOT's GetEffectiveEntries)
    expect(p.entries).toBe(2);
  });

  it('binContent/binError/integral address cells by the two ROOT bin numbers', () => {
    const h = empty();
    h.fill(2, 0.7, 3); // x bin 2 ([1, 4)), y bin 2 ([0.6, 1.2))
    h.fill(2, 0.7, 4);
    h.fill(100, 10, 1); // overflow corner
    expect(h.binContent(2, 2)).toBe(7);
    expect(h.binError(2, 2)).toBe(5);
    expect(h.binContent(6, 6)).toBe(1);
    expect(h.globalBin(6, 6)).toBe(6 + 7 * 6);
    expect(h.integral()).toBe(7);
    expect(h.integral(0, 6, 0, 6)).toBe(8);
    expect(h.integralError(2, 2, 2, 2)).toBe(5);
    expect(() => h.binContent(7, 0)).toThrow('bin 7 does not exist: bins are 0 (underflow), 1…5, 6 (overflow)');
  });

  it('scale(c) commutes with projection: project(scale(h)) = scale(project(h))', () => {
    fc.assert(
      fc.property(fills, fc.double({ noNaN: true, min: -1e3, max: 1e3 }), (entries, c) => {
        const scaledFirst = filled(entries).scale(c).projectionX();
        const projectedFirst = filled(entries).projectionX().scale(c);
        for (let i = 0; i < scaledFirst.sumw.length; i++) {
          // each side is exact up to one rounding per multiplication and the (exact) fsum
          expect(Math.abs(scaledFirst.sumw[i] - projectedFirst.sumw[i])).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(c) * entries.reduce((s, [, , w]) => s + Math.abs(w), 0));
        }
      }),
    );
  });

  it('fillN checks everything before writing and add() refuses different edges', () => {
    const h = empty();
    const before = JSON.stringify(h);
    expect(() => h.fillN(Float64Array.of(1, 2), Float64Array.of(1, Number.NaN))).toThrow('Hist2D.fillN: coordinate 1 of entry 1 is NaN');
    expect(() => h.fillN(Float64Array.of(1, 2), Float64Array.of(1))).toThrow('Hist2D.fillN: coordinate arrays have different lengths (2 and 1)');
    expect(() => h.fill(1, 1, Infinity)).toThrow('Hist2D.fill: weight Infinity is not allowed: must be finite');
    expect(JSON.stringify(h)).toBe(before);
    const other = Hist2D.fromEdges(M2_EDGES, Array.from(Axis.uniform(5, 0, Math.PI).edges));
    expect(() => h.add(other)).toThrow('Hist2D.add: the histograms have different bin edges');
    expect(() => h.add(Hist2D.uniform(5, -0.5, 81, 5, 0, Math.PI))).toThrow('Hist2D.add: the histograms have different bin edges');
    expect(() => h.add(other)).toThrow('Hist2D.add: the histograms have different bin edges');
  });

  it('toJSON/fromJSON round-trips exactly with stable bytes', () => {
    fc.assert(
      fc.property(fills, (entries) => {
        const h = filled(entries);
        const text = JSON.stringify(h);
        const back = Hist2D.fromJSON(JSON.parse(text));
        expectSameContents(back, h);
        expect(JSON.stringify(back)).toBe(text);
      }),
    );
    const small = new Hist2D(Axis.uniform(1, 0, 1), Axis.fromEdges([0, 2], 'y'));
    small.fill(0.5, 1);
    expect(JSON.stringify(small)).toBe(
      '{"kind":"hist2d","version":1,"xAxis":{"label":"","edges":[0,1]},"yAxis":{"label":"y","edges":[0,2]},"entries":1,' +
        '"sumw":[0,0,0,0,1,0,0,0,0],"sumw2":[0,0,0,0,1,0,0,0,0]}',
    );
    expect(() => Hist2D.fromJSON({ ...JSON.parse(JSON.stringify(small)), sumw: [1] })).toThrow('Hist2D.fromJSON: sumw is not allowed: must be an array of 9 numbers');
  });
});
