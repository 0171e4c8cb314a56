import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWindows, checkWindows, membershipFromLists, type WindowMembership } from '../../../src/selection/punziNet/index.js';

function rows(m: WindowMembership): number[][] {
  return Array.from({ length: m.offsets.length - 1 }, (_, i) => Array.from(m.indices.subarray(m.offsets[i], m.offsets[i + 1])));
}

describe('buildWindows(input)', () => {
  it('puts background in every window containing it and signal only in its own hypothesis’s window (open intervals, as prepare.set_range_index)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.double({ min: 0, max: 10, noNaN: true }), signal: fc.boolean(), hyp: fc.integer({ min: -1, max: 3 }) }), { maxLength: 60 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true })), { minLength: 4, maxLength: 4 }),
        (events, intervals) => {
          const value = Float64Array.from(events, (e) => e.value);
          const labels = Uint8Array.from(events, (e) => (e.signal ? 1 : 0));
          const hypothesis = Int32Array.from(events, (e) => e.hyp);
          const low = Float64Array.from(intervals, ([c, w]) => c - w);
          const high = Float64Array.from(intervals, ([c, w]) => c + w);
          const w = buildWindows({ value, labels, hypothesis, low, high, nGenerated: new Float64Array(4).fill(100) });
          const inside = (k: number, i: number): boolean => low[i] < value[k] && value[k] < high[i];
          for (let i = 0; i < 4; i++) {
            expect(rows(w.signal)[i]).toEqual(events.flatMap((e, k) => (e.signal && e.hyp === i && inside(k, i) ? [k] : [])));
            expect(rows(w.background)[i]).toEqual(events.flatMap((e, k) => (!e.signal && inside(k, i) ? [k] : [])));
          }
          checkWindows(w, events.length, labels);
        },
      ),
    );
  });

  it('excludes values on a window edge', () => {
    const w = buildWindows({
      value: new Float64Array([1, 2, 1.5]),
      labels: new Uint8Array([0, 0, 0]),
      hypothesis: new Int32Array([-1, -1, -1]),
      low: new Float64Array([1]),
      high: new Float64Array([2]),
      nGenerated: new Float64Array([1]),
    });
    expect(rows(w.background)).toEqual([[2]]);
  });
});

describe('checkWindows(windows, nEvents, labels)', () => {
  const ok = { signal: membershipFromLists([[0], [2]]), background: membershipFromLists([[1], [1, 3]]), nGenerated: new Float64Array([10, 10]) };
  const labels = new Uint8Array([1, 0, 1, 0]);

  it('accepts a consistent window set', () => {
    expect(() => checkWindows(ok, 4, labels)).not.toThrow();
  });

  it('names the field of each inconsistency', () => {
    expect(() => checkWindows(ok, 3, labels)).toThrow(/windows\.background: hypothesis 1 lists event 3, outside \[0, 3\)/);
    expect(() => checkWindows({ ...ok, nGenerated: new Float64Array([10, 0]) }, 4)).toThrow(/windows\.nGenerated\[1\] must be positive/);
    expect(() => checkWindows({ ...ok, signal: membershipFromLists([[1], [2]]) }, 4, labels)).toThrow(/windows\.signal: hypothesis 0 lists event 1, whose label is 0/);
    expect(() => checkWindows({ ...ok, background: { offsets: new Int32Array([0, 2, 2]), indices: new Int32Array([3, 1]) } }, 4)).toThrow(/strictly increasing/);
    expect(() => checkWindows({ ...ok, signal: membershipFromLists([[0]]) }, 4)).toThrow(/windows\.signal\.offsets must have nHypotheses \+ 1 = 3 entries/);
  });

  it('membershipFromLists sorts each row and refuses duplicates', () => {
    expect(rows(membershipFromLists([[3, 1, 2], []]))).toEqual([[1, 2, 3], []]);
    expect(() => membershipFromLists([[1, 1]])).toThrow(/listed twice/);
  });
});
