import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expCore, fastExp, fastSigmoid, fastTanh, TWO_POW_J_32, TWO_POW_M, TWO_POW_M_OFFSET } from '../../../src/selection/punziNet/fastMath.js';

/** Distance in units in the last place between two positive doubles. */
function ulps(x: number, y: number): number {
  const b = new BigInt64Array(new Float64Array([x, y]).buffer);
  const d = b[0] - b[1];
  return Number(d < 0n ? -d : d);
}

describe('fastExp(x) (Tang, ACM TOMS 15 (1989) 144)', () => {
  it('is within 2 ulp of Math.exp over the whole finite range', () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 709.78, noNaN: true }), (x) => {
        expect(ulps(fastExp(x), Math.exp(x))).toBeLessThanOrEqual(2);
      }),
      { numRuns: 5000 },
    );
    for (let x = -40; x <= 40; x += 0.0137) expect(ulps(fastExp(x), Math.exp(x))).toBeLessThanOrEqual(2);
    // subnormal results: within 2 of the 2^−1074 spacing
    for (let x = -745; x < -708; x += 0.0731) expect(ulps(fastExp(x), Math.exp(x))).toBeLessThanOrEqual(2);
  });

  it('is exact at 0 and handles the edges: +∞ above ln(MAX_VALUE), 0 far below, NaN for NaN', () => {
    expect(fastExp(0)).toBe(1);
    expect(ulps(fastExp(709.78), Math.exp(709.78))).toBeLessThanOrEqual(2);
    expect(ulps(fastExp(709.5), Math.exp(709.5))).toBeLessThanOrEqual(2);
    expect(fastExp(709.79)).toBe(Infinity);
    expect(fastExp(Infinity)).toBe(Infinity);
    expect(fastExp(-746)).toBe(0);
    expect(fastExp(-Infinity)).toBe(0);
    expect(fastExp(Number.NaN)).toBeNaN();
    expect(fastExp(-745)).toBeGreaterThan(0); // the smallest subnormal, 4.9e-324
  });

  it('has correctly rounded 2^(j/32) entries and exact powers of two', () => {
    for (let j = 0; j < 32; j++) expect(ulps(TWO_POW_J_32[j], 2 ** (j / 32))).toBeLessThanOrEqual(1);
    expect(TWO_POW_M[TWO_POW_M_OFFSET]).toBe(1);
    expect(TWO_POW_M[TWO_POW_M_OFFSET + 1023]).toBe(2 ** 1023);
    expect(TWO_POW_M[TWO_POW_M_OFFSET - 1074]).toBe(Number.MIN_VALUE);
    expect(expCore(1)).toBeCloseTo(Math.E, 15);
  });
});

describe('fastTanh(s)', () => {
  it('is within 3e-16 of Math.tanh and saturates at exactly ±1', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (s) => {
        expect(Math.abs(fastTanh(s) - Math.tanh(s))).toBeLessThan(3e-16);
      }),
      { numRuns: 5000 },
    );
    expect(fastTanh(19.1)).toBe(1);
    expect(fastTanh(-1e300)).toBe(-1);
    expect(fastTanh(0)).toBe(0);
  });

  it('is odd up to rounding (twice the error bound) and increasing', () => {
    for (let s = 0; s < 20; s += 0.01) {
      expect(Math.abs(fastTanh(s) + fastTanh(-s))).toBeLessThan(6e-16);
      expect(fastTanh(s + 0.01)).toBeGreaterThanOrEqual(fastTanh(s));
    }
  });
});

describe('fastSigmoid(z)', () => {
  it('agrees with 1/(1 + e^(−z)) to 1e-15 relative over [−700, 700], with 1 − σ(z) = σ(−z)', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (z) => {
        const ref = 1 / (1 + Math.exp(-z));
        expect(Math.abs(fastSigmoid(z) - ref)).toBeLessThanOrEqual(1e-15 * ref);
        expect(Math.abs(fastSigmoid(z) + fastSigmoid(-z) - 1)).toBeLessThan(3e-16);
      }),
      { numRuns: 3000 },
    );
    expect(fastSigmoid(0)).toBe(0.5);
    expect(fastSigmoid(1e4)).toBe(1);
    expect(fastSigmoid(-1e4)).toBe(0);
  });
});
