import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atan2 } from '../../detector/angles.js';

/** Spacing of doubles at v (the smallest subnormal at 0). */
function ulp(v: number): number {
  const a = Math.abs(v);
  return a < 2 ** -1021 ? Number.MIN_VALUE : 2 ** (Math.floor(Math.log2(a)) - 52);
}

describe('atan2', () => {
  it('atan2(y, x) agrees with Math.atan2 to 4 ulp in every quadrant (property)', () => {
    // Reference: Math.atan2 (fdlibm e_atan2.c, < 1 ulp). Our error budget: the ratio and the
    // half-angle step round three times (≈ 1.5 ulp of atan r), fdlibm's polynomial < 1 ulp, the octant
    // map one more rounding: ≤ 3 ulp, plus Math.atan2's own ulp.
    const coordinate = fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e-6, max: 1e-6, noNaN: true }));
    fc.assert(
      fc.property(coordinate, coordinate, (y, x) => {
        const expected = Math.atan2(y === 0 ? 0 : y, x); // documented: y = −0 is taken as +0
        return Math.abs(atan2(y, x) - expected) <= 4 * ulp(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it('atan2 gives the exact angles of the axes and diagonals', () => {
    expect([atan2(0, 1), atan2(1, 0), atan2(0, -1), atan2(-1, 0)]).toEqual([0, Math.PI / 2, Math.PI, -Math.PI / 2]);
    expect(atan2(1, 1)).toBeCloseTo(Math.PI / 4, 15);
    expect(atan2(-2, -2)).toBeCloseTo((-3 * Math.PI) / 4, 15);
  });

  it('atan2 returns Math.atan2 for zero or infinite coordinates and NaN', () => {
    for (const [y, x] of [
      [0, 0],
      [0, -0],
      [-0, -0],
      [Infinity, Infinity],
      [-Infinity, 1],
      [1, -Infinity],
      [Number.NaN, 1],
      [1, Number.NaN],
    ]) {
      expect(atan2(y, x)).toBe(Math.atan2(y, x));
    }
  });
});
