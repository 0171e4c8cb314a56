import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUNZI_A, PUNZI_B, punziSensitivity, punziSmin, punziSminDerivative } from '../../../src/selection/punziNet/index.js';

const a = PUNZI_A;
const b = PUNZI_B;

describe('punziSmin(B) (Punzi, physics/0308063; feichtip/punzinet fom.punzi_sensitivity)', () => {
  it('uses a = 3 and b = 1.28155 = Φ⁻¹(0.90), the authors’ defaults', () => {
    expect(PUNZI_A).toBe(3);
    expect(PUNZI_B).toBe(1.28155);
  });

  it('equals hand-computed values (40-digit decimal arithmetic) at B = 0, 4, 100, 1e6', () => {
    // S(0) = a²/8 + 9b²/13 + b²/2 = 1.125 + 1.137025663… + 0.82118520125
    expect(punziSmin(0)).toBeCloseTo(3.0832108645192308, 14);
    expect(punziSmin(0)).toBeCloseTo((a * a) / 8 + (9 * b * b) / 13 + (b * b) / 2, 14);
    // S(4) = 1.125 + 1.137025663… + 6 + 0.640775·√41.6423704025
    expect(punziSmin(4)).toBeCloseTo(12.39700440079038, 13);
    expect(punziSmin(100)).toBeCloseTo(46.897000807072926, 12);
    expect(punziSmin(1e6)).toBeCloseTo(4285.733173781775, 10);
  });

  it('approaches (a + b)√B + a²/8 + 9b²/13 + ab/2 at large B, with the remainder b(b² − a²)/(8√B)', () => {
    // √(4B + 4a√B + b²) = 2√B + a + (b² − a²)/(4√B) + O(B^(−1)), so
    // S_min − (a + b)√B − (a²/8 + 9b²/13 + ab/2) = b(b² − a²)/(8√B) + O(B^(−1)).
    const constant = (a * a) / 8 + (9 * b * b) / 13 + (a * b) / 2;
    const coefficient = (b * (b * b - a * a)) / 8; // −1.1786…
    let previous = Infinity;
    for (const B of [1e2, 1e4, 1e6, 1e8]) {
      const remainder = punziSmin(B) - (a + b) * Math.sqrt(B) - constant;
      const scaled = remainder * Math.sqrt(B);
      expect(Math.abs(scaled - coefficient)).toBeLessThan(previous);
      previous = Math.abs(scaled - coefficient);
    }
    expect(previous / Math.abs(coefficient)).toBeLessThan(1e-3);
    // hence S_min/((a + b)√B) → 1, as 1 + constant/((a + b)√B): the sensitivity ranks selections as ε/√B at large B
    for (const B of [1e8, 1e12]) {
      const ratio = punziSmin(B) / ((a + b) * Math.sqrt(B));
      expect(Math.abs(ratio - 1 - constant / ((a + b) * Math.sqrt(B)))).toBeLessThan(2 / B);
    }
  });

  it('with b = a is 2a(a/2 + √B) plus the constant a²(1/8 + 9/13 − 1/2): Punzi’s simple figure of merit ε/(a/2 + √B) is S_min/ε up to a factor and an O(1/√B) term', () => {
    // b² + 4a√B + 4B = (a + 2√B)² when b = a, so (b/2)√(…) = a²/2 + a√B exactly.
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e8, noNaN: true }), fc.double({ min: 0.5, max: 5, noNaN: true }), (B, s) => {
        const exact = 2 * s * (s / 2 + Math.sqrt(B)) + s * s * (1 / 8 + 9 / 13 - 1 / 2);
        expect(punziSmin(B, s, s)).toBeCloseTo(exact, Math.max(2, 12 - Math.round(Math.log10(1 + exact))));
      }),
    );
    // the ratio of (S_min/ε) to the inverse simple FoM (a/2 + √B)/ε tends to 2a
    expect(punziSmin(1e10, a, a) / (a / 2 + 1e5)).toBeCloseTo(2 * a, 4);
  });

  it('punziSminDerivative(B) equals central finite differences of punziSmin', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e7, noNaN: true }), (B) => {
        const h = 1e-4 * B;
        const numeric = (punziSmin(B + h) - punziSmin(B - h)) / (2 * h);
        expect(Math.abs(numeric / punziSminDerivative(B) - 1)).toBeLessThan(1e-6);
      }),
    );
    expect(punziSminDerivative(0)).toBe(Infinity);
  });
});

describe('punziSensitivity(ε, B, options)', () => {
  it('is S_min/(ε·L) in fb, with L = 50 fb⁻¹ by default and ε = 0 replaced by 1e-6', () => {
    expect(punziSensitivity(0.1, 4)).toBeCloseTo(12.39700440079038 / 0.1 / 50, 12);
    expect(punziSensitivity(0.1, 4, { luminosity: 79.7 })).toBeCloseTo(12.39700440079038 / 0.1 / 79.7, 12);
    expect(punziSensitivity(0, 4)).toBeCloseTo(12.39700440079038 / 1e-6 / 50, 6);
  });
});
