import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/random/stream.js';
import { TabulatedDensity } from '../../src/random/tabulatedDensity.js';

describe('TabulatedDensity(x, density)', () => {
  it('samples the piecewise-linear density exactly: a triangle on [0, 2] peaked at 1 has mean 1 and variance 1/6', () => {
    const d = new TabulatedDensity([0, 1, 2], [0, 1, 0]);
    const s = createStream(51, 'tabulated', 0);
    const n = 400_000;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < n; i++) {
      const x = d.sample(s);
      sum += x;
      sum2 += x * x;
    }
    const mean = sum / n;
    const variance = sum2 / n - mean * mean;
    // Symmetric triangular distribution on [a, b]: variance (b − a)²/24 = 1/6; μ₄ = (b−a)⁴/240·… → σ(s²) ≈ √((μ₄ − σ⁴)/n)
    expect(Math.abs(mean - 1)).toBeLessThan(5 * Math.sqrt(1 / 6 / n));
    const mu4 = 1 / 15; // ∫(x−1)⁴ f = 2∫₀¹ t⁴(1 − t) dt = 2(1/5 − 1/6)
    expect(Math.abs(variance - 1 / 6)).toBeLessThan(5 * Math.sqrt((mu4 - 1 / 36) / n));
  });

  it('follows the cumulative distribution of a rising ramp f(x) ∝ x on [0, 1] (Kolmogorov–Smirnov)', () => {
    const d = new TabulatedDensity([0, 0.25, 0.5, 1], [0, 0.25, 0.5, 1]);
    const s = createStream(52, 'tabulated', 0);
    const n = 20_000;
    const xs = Float64Array.from({ length: n }, () => d.sample(s)).sort();
    let dMax = 0;
    for (let i = 0; i < n; i++) {
      const F = xs[i] * xs[i]; // CDF of f(x) = 2x
      dMax = Math.max(dMax, Math.abs(F - i / n), Math.abs(F - (i + 1) / n));
    }
    // KS critical value at the 0.1% level: 1.95/√n
    expect(dMax).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it('pdf(x) is normalised and zero outside the table', () => {
    const d = new TabulatedDensity([1, 2, 4], [2, 2, 0]);
    expect(d.pdf(0.5)).toBe(0);
    expect(d.pdf(1.5)).toBeCloseTo(2 / 4, 15);
    expect(d.pdf(3)).toBeCloseTo(1 / 4, 15);
  });

  it('rejects unsorted x, negative densities and a zero integral', () => {
    expect(() => new TabulatedDensity([0, 0], [1, 1])).toThrow(/x must increase strictly/);
    expect(() => new TabulatedDensity([0, 1], [1, -1])).toThrow(/densities must be finite and ≥ 0/);
    expect(() => new TabulatedDensity([0, 1], [0, 0])).toThrow(/positive, finite integral/);
    expect(() => new TabulatedDensity([0], [1])).toThrow(/at least two points/);
  });
});
