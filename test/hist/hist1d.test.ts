import { fsum } from 'd3-array';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hist1D } from '../../src/hist/index.js';

const EDGES = [-1, 0, 0.5, 2, 10];

/** Coordinates that hit every bin, the flows and the edges themselves. */
const coordinate = fc.oneof(fc.double({ noNaN: true, min: -3, max: 12 }), fc.constantFrom(...EDGES, -Infinity, Infinity));
const weight = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 });
const fills = fc.array(fc.tuple(coordinate, weight), { maxLength: 60 });

function filled(entries: readonly (readonly [number, number])[]): Hist1D {
  const h = Hist1D.fromEdges(EDGES);
  for (const [x, w] of entries) h.fill(x, w);
  return h;
}

/** Bit-for-bit comparison of two histograms' contents. */
function expectSameContents(a: Hist1D, b: Hist1D): void {
  expect(Array.from(a.sumw)).toEqual(Array.from(b.sumw));
  expect(Array.from(a.sumw2)).toEqual(Array.from(b.sumw2));
  expect(a.entries).toBe(b.entries);
}

describe('Hist1D', () => {
  it('fill(x, w) conserves Σw and Σw², flows included, and counts every fill as an entry', () => {
    fc.assert(
      fc.property(fills, (entries) => {
        // Arrange
        const h = Hist1D.fromEdges(EDGES);
        // Act
        for (const [x, w] of entries) h.fill(x, w);
        // Assert: each bin is a recursive sum of its weights, so the total differs from the exact
        // Σw by at most n·ε·Σ|w| (Higham, Accuracy and Stability of Numerical Algorithms, eq. 4.4).
        const exact = fsum(entries, ([, w]) => w);
        const bound = entries.length * Number.EPSILON * fsum(entries, ([, w]) => Math.abs(w));
        expect(Math.abs(h.totalSumw() - exact)).toBeLessThanOrEqual(bound);
        const exact2 = fsum(entries, ([, w]) => w * w);
        expect(Math.abs(fsum(h.sumw2) - exact2)).toBeLessThanOrEqual(2 * entries.length * Number.EPSILON * exact2);
        expect(h.entries).toBe(entries.length);
      }),
    );
  });

  it('fill(x, w) with integer weights conserves Σw exactly, flows included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(coordinate, fc.integer({ min: -1e6, max: 1e6 }))), (entries) => {
        const h = filled(entries);
        expect(h.totalSumw()).toBe(entries.reduce((s, [, w]) => s + w, 0));
        expect(h.entries).toBe(entries.length);
      }),
    );
  });

  it('fillN(x, w) gives exactly the same contents as fill(x[k], w[k]) in a loop', () => {
    fc.assert(
      fc.property(fills, (entries) => {
        const h = Hist1D.fromEdges(EDGES);
        h.fillN(Float64Array.from(entries, ([x]) => x), Float64Array.from(entries, ([, w]) => w));
        expectSameContents(h, filled(entries));
      }),
    );
  });

  it('merging is associative: (a + b) + c equals a + (b + c), exactly for integer weights', () => {
    const integerFills = fc.array(fc.tuple(coordinate, fc.integer({ min: -1000, max: 1000 })), { maxLength: 40 });
    fc.assert(
      fc.property(integerFills, integerFills, integerFills, (a, b, c) => {
        const left = Hist1D.merge(Hist1D.merge(filled(a), filled(b)), filled(c));
        const right = Hist1D.merge(filled(a), Hist1D.merge(filled(b), filled(c)));
        expectSameContents(left, right);
        // and merging shards equals one big run
        expectSameContents(left, filled([...a, ...b, ...c]));
      }),
    );
  });

  it('merging is associative for real weights to within one rounding per addition', () => {
    fc.assert(
      fc.property(fills, fills, fills, (a, b, c) => {
        const [ha, hb, hc] = [filled(a), filled(b), filled(c)];
        const left = Hist1D.merge(Hist1D.merge(ha, hb), hc);
        const right = Hist1D.merge(ha, Hist1D.merge(hb, hc));
        for (let i = 0; i < left.sumw.length; i++) {
          // |(a+b)+c − (a+(b+c))| ≤ 2ε(|a| + |b| + |c|) (two roundings, Higham, Accuracy and Stability, §4.2)
          const scale = Math.abs(ha.sumw[i]) + Math.abs(hb.sumw[i]) + Math.abs(hc.sumw[i]);
          expect(Math.abs(left.sumw[i] - right.sumw[i])).toBeLessThanOrEqual(2 * Number.EPSILON * scale);
          const scale2 = ha.sumw2[i] + hb.sumw2[i] + hc.sumw2[i];
          expect(Math.abs(left.sumw2[i] - right.sumw2[i])).toBeLessThanOrEqual(2 * Number.EPSILON * scale2);
        }
        expect(left.entries).toBe(right.entries);
      }),
    );
  });

  it('binContent and binError follow ROOT with Sumw2: Σw and √Σw²; unit weights give √N', () => {
    // ROOT TH1::GetBinError: sqrt(fSumw2[bin]) once Sumw2() is on; for unit weights the Poisson √N.
    const h = Hist1D.uniform(4, 0, 4, 'x [cm]');
    h.fill(1.5, 2);
    h.fill(1.2, 2);
    h.fill(1.9, 2);
    for (let k = 0; k < 9; k++) h.fill(3.5);
    expect(h.binContent(2)).toBe(6);
    expect(h.binError(2)).toBe(Math.sqrt(12));
    expect(h.binContent(4)).toBe(9);
    expect(h.binError(4)).toBe(3);
    expect(h.integral()).toBe(15);
    expect(h.integralError()).toBe(Math.sqrt(21));
    expect(h.entries).toBe(12);
    expect(h.effectiveEntries()).toBeCloseTo(225 / 21, 12);
  });

  it('scale(c) multiplies contents by c and errors by |c|, as ROOT TH1::Scale with Sumw2', () => {
    // A sample of N unit-weight events normalised to σ·L: each event weighs σL/N, the bin error is
    // √n · σL/N (Poisson error of the raw count, scaled).
    const h = Hist1D.uniform(2, 0, 2);
    h.fillN(Float64Array.of(0.5, 0.5, 0.5, 0.5, 1.5));
    const sigmaLOverN = (1.148e3 * 79.7) / 5; // pb × pb⁻¹ / N, the numbers only set a scale
    h.scale(sigmaLOverN);
    expect(h.binContent(1)).toBeCloseTo(4 * sigmaLOverN, 9);
    expect(h.binError(1)).toBeCloseTo(2 * sigmaLOverN, 9);
    h.scale(-1);
    expect(h.binError(1)).toBeCloseTo(2 * sigmaLOverN, 9);
    expect(h.entries).toBe(5);
    expect(() => h.scale(Number.NaN)).toThrow('Hist1D.scale: factor NaN is not allowed: must be finite');
  });

  it('integral() counts the regular bins only; integral(0, n + 1) and totalSumw() add the flows', () => {
    const h = Hist1D.fromEdges([0, 1, 2]);
    h.fillN(Float64Array.of(-5, 0.5, 1.5, 1.5, 2, 99));
    expect(h.integral()).toBe(3);
    expect(h.integral(0, 3)).toBe(6);
    expect(h.totalSumw()).toBe(6);
    expect([h.binContent(0), h.binContent(3)]).toEqual([1, 2]);
    expect(h.integral(2, 2)).toBe(2);
    expect(() => h.integral(2, 1)).toThrow('bin range 2…1 is empty: need first <= last');
  });

  it('fillN with one weight for all entries equals fill with that weight', () => {
    const x = Float64Array.of(-0.5, 0, 0.25, 3, 11, 10);
    const a = Hist1D.fromEdges(EDGES);
    a.fillN(x, 0.25);
    const b = Hist1D.fromEdges(EDGES);
    for (const v of x) b.fill(v, 0.25);
    expectSameContents(a, b);
    const c = Hist1D.fromEdges(EDGES);
    c.fillN(Float32Array.from(x));
    expect(c.totalSumw()).toBe(6);
  });

  it('fillN checks everything before writing: a NaN, a non-finite weight or a length mismatch leave it untouched', () => {
    const h = Hist1D.fromEdges(EDGES);
    h.fill(0.1);
    const before = JSON.stringify(h);
    expect(() => h.fillN(Float64Array.of(1, 2, Number.NaN))).toThrow('Hist1D.fillN: coordinate 0 of entry 2 is NaN');
    expect(() => h.fillN(Float64Array.of(1, 2), Float64Array.of(1, Infinity))).toThrow('Hist1D.fillN: weight Infinity of entry 1 is not allowed: must be finite');
    expect(() => h.fillN(Float64Array.of(1, 2), Float64Array.of(1))).toThrow('Hist1D.fillN: 1 weights for 2 entries');
    expect(() => h.fill(Number.NaN)).toThrow('Hist1D.fill: x is NaN');
    expect(() => h.fill(1, Number.NaN)).toThrow('Hist1D.fill: weight NaN is not allowed: must be finite');
    expect(JSON.stringify(h)).toBe(before);
  });

  it('add() refuses histograms with different edges and leaves the target unchanged', () => {
    const a = Hist1D.uniform(4, 0, 1);
    a.fill(0.3);
    const b = Hist1D.uniform(4, 0, 1.0000001);
    b.fill(0.3);
    expect(() => a.add(b)).toThrow('Hist1D.add: the histograms have different bin edges');
    expect(a.totalSumw()).toBe(1);
  });

  it('toJSON/fromJSON round-trips exactly, and the same histogram gives the same bytes', () => {
    fc.assert(
      fc.property(fills, (entries) => {
        const h = filled(entries);
        const text = JSON.stringify(h);
        const back = Hist1D.fromJSON(JSON.parse(text));
        expectSameContents(back, h);
        expect(back.axis.sameEdges(h.axis)).toBe(true);
        expect(JSON.stringify(back)).toBe(text);
        expect(JSON.stringify(filled(entries))).toBe(text);
      }),
    );
  });

  it('the JSON form has its keys in a fixed order', () => {
    const h = Hist1D.fromEdges([0, 1], 'p [GeV/c]');
    h.fill(0.5, 2);
    expect(JSON.stringify(h)).toBe('{"kind":"hist1d","version":1,"axis":{"label":"p [GeV/c]","edges":[0,1]},"entries":1,"sumw":[0,2,0],"sumw2":[0,4,0]}');
  });

  it('fromJSON names what is wrong', () => {
    const good = JSON.parse(JSON.stringify(Hist1D.fromEdges([0, 1, 2]))) as Record<string, unknown>;
    expect(() => Hist1D.fromJSON({ ...good, kind: 'hist2d' })).toThrow('Hist1D.fromJSON: kind = "hist2d" is not allowed: must be "hist1d"');
    expect(() => Hist1D.fromJSON({ ...good, sumw: [0, 0] })).toThrow('Hist1D.fromJSON: sumw is not allowed: must be an array of 4 numbers');
    expect(() => Hist1D.fromJSON({ ...good, sumw2: [0, 0, 'a', 0] })).toThrow('Hist1D.fromJSON: sumw2[2] = "a" is not allowed: must be a finite number');
    expect(() => Hist1D.fromJSON({ ...good, extra: 1 })).toThrow('Hist1D.fromJSON: unknown key "extra"');
    expect(() => Hist1D.fromJSON({ ...good, entries: -1 })).toThrow('Hist1D.fromJSON: entries = -1 is not allowed: must be a non-negative integer');
    expect(() => Hist1D.fromJSON({ ...good, axis: { label: '', edges: [1, 0] } })).toThrow('edges must be strictly increasing');
    expect(() => Hist1D.fromJSON(null)).toThrow('Hist1D.fromJSON: expected an object');
  });
});
