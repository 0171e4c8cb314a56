import gammaln from '@stdlib/math-base-special-gammaln';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedSequenceState, streamEntropy } from '../../src/random/seedSequence.js';
import { createStream, logFactorial, type RandomStream } from '../../src/random/stream.js';
import seedSequenceFixture from './fixtures/seedSequence.json' with { type: 'json' };

/** Sample mean and variance of `n` draws. */
function moments(n: number, draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sum2 += x * x;
  }
  const mean = sum / n;
  return { mean, variance: (sum2 - n * mean * mean) / (n - 1) };
}

function correlation(a: RandomStream, b: RandomStream, n: number): number {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let i = 0; i < n; i++) {
    const x = a.uniform();
    const y = b.uniform();
    sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
  }
  const cov = sab / n - (sa / n) * (sb / n);
  return cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}

describe('seedSequenceState(entropy, 4)', () => {
  it('equals numpy.random.SeedSequence(entropy).generate_state(4) (fixtures from numpy 1.24.2)', () => {
    for (const c of seedSequenceFixture.cases) {
      expect(Array.from(seedSequenceState(c.entropy, 4))).toEqual(c.state);
    }
  });
});

describe('createStream(seed, purpose, index)', () => {
  it('produces the xoshiro128** reference sequence for its derived state', () => {
    // Outputs of Blackman & Vigna's reference C code (test/random/fixtures/xoshiro128starstar.c) started from
    // the state numpy's SeedSequence derives for the entropy of (5, "xxx", 0).
    expect(streamEntropy(5, 'xxx', 0)).toEqual([5, 0, 0, 0, 3, 0x787878]);
    const s = createStream(5, 'xxx', 0);
    const words = Array.from({ length: 8 }, () => s.nextUint32());
    expect(words).toEqual([2297404448, 901406463, 768952072, 1490644762, 2594083709, 1928319641, 509920002, 1006725593]);
  });

  it('the same name always gives the same numbers', () => {
    fc.assert(
      fc.property(fc.nat(), fc.string({ maxLength: 20 }), fc.nat({ max: 1e6 }), (seed, purpose, index) => {
        const a = createStream(seed, purpose, index);
        const b = createStream(seed, purpose, index);
        for (let i = 0; i < 16; i++) expect(a.uniform()).toBe(b.uniform());
      }),
      { numRuns: 100 },
    );
  });

  it('different names give uncorrelated numbers (|r| < 5/√N)', () => {
    const n = 4096;
    fc.assert(
      fc.property(
        fc.tuple(fc.nat({ max: 1000 }), fc.constantFrom('mumu', 'tautau', 'signal', 'toy'), fc.nat({ max: 100 })),
        fc.tuple(fc.nat({ max: 1000 }), fc.constantFrom('mumu', 'tautau', 'signal', 'toy'), fc.nat({ max: 100 })),
        ([s1, p1, i1], [s2, p2, i2]) => {
          fc.pre(s1 !== s2 || p1 !== p2 || i1 !== i2);
          expect(Math.abs(correlation(createStream(s1, p1, i1), createStream(s2, p2, i2), n))).toBeLessThan(5 / Math.sqrt(n));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('neighbouring batch indices and seeds are uncorrelated, also with lag', () => {
    const n = 200_000;
    expect(Math.abs(correlation(createStream(7, 'tautau', 17), createStream(7, 'tautau', 18), n))).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(correlation(createStream(1, 'mumu', 0), createStream(2, 'mumu', 0), n))).toBeLessThan(5 / Math.sqrt(n));
    const lagged = createStream(2, 'mumu', 0);
    lagged.uniform();
    expect(Math.abs(correlation(createStream(1, 'mumu', 0), lagged, n))).toBeLessThan(5 / Math.sqrt(n));
  });

  it('rejects negative or fractional seeds and indices', () => {
    expect(() => createStream(-1, 'x', 0)).toThrow(/seed must be a non-negative integer/);
    expect(() => createStream(1.5, 'x', 0)).toThrow(/seed/);
    expect(() => createStream(1, 'x', -2)).toThrow(/index must be a non-negative integer/);
  });
});

describe('uniform()', () => {
  it('lies in the open interval (0, 1), with mean 1/2 and variance 1/12', () => {
    const s = createStream(11, 'uniform', 0);
    const n = 1_000_000;
    let min = 1;
    let max = 0;
    const { mean, variance } = moments(n, () => {
      const u = s.uniform();
      if (u < min) min = u;
      if (u > max) max = u;
      return u;
    });
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    // σ(mean) = √(1/12/n); σ(variance) = √((1/80 − 1/144)/n)
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
  });

  it('fills 100 equal bins uniformly (χ² with 99 degrees of freedom below its 99.99% quantile, 148.2)', () => {
    const s = createStream(12, 'uniform', 0);
    const counts = new Float64Array(100);
    const n = 1_000_000;
    for (let i = 0; i < n; i++) counts[Math.floor(s.uniform() * 100)]++;
    const expected = n / 100;
    const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(148.2);
  });

  it('integer(n) has no modulo bias (n = 3·2³⁰)', () => {
    const s = createStream(13, 'integer', 0);
    const n = 3 * 2 ** 30;
    const draws = 300_000;
    let below = 0;
    for (let i = 0; i < draws; i++) if (s.integer(n) < 2 ** 31) below++;
    // Without rejection, values below 2³¹ would come with probability 1/2 + … ; exact answer 2/3.
    expect(Math.abs(below / draws - 2 / 3)).toBeLessThan(5 * Math.sqrt((2 / 9) / draws));
  });
});

describe('normal()', () => {
  it('has mean 0, variance 1 and the Gaussian tail fractions', () => {
    const s = createStream(21, 'normal', 0);
    const n = 1_000_000;
    let beyond2 = 0;
    let fourth = 0;
    const { mean, variance } = moments(n, () => {
      const z = s.normal();
      if (Math.abs(z) > 2) beyond2++;
      fourth += z ** 4;
      return z;
    });
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    // ⟨z⁴⟩ = 3 with variance 96/n; P(|z| > 2) = 0.0455003 (2Φ(−2))
    expect(Math.abs(fourth / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    const p2 = 0.04550026389635842;
    expect(Math.abs(beyond2 / n - p2)).toBeLessThan(5 * Math.sqrt((p2 * (1 - p2)) / n));
  });

  it('gaussian(m, σ) scales and shifts', () => {
    const s = createStream(22, 'normal', 0);
    const n = 200_000;
    const { mean, variance } = moments(n, () => s.gaussian(3, 0.5));
    expect(Math.abs(mean - 3)).toBeLessThan(5 * 0.5 / Math.sqrt(n));
    expect(Math.abs(variance - 0.25)).toBeLessThan(5 * 0.25 * Math.sqrt(2 / n));
  });
});

describe('poisson(mean)', () => {
  const means = [0.01, 0.5, 1, 5, 9.99, 10, 20.5, 100, 1e4, 1e6, 1e9];
  for (const lambda of means) {
    it(`has mean and variance λ = ${lambda}`, () => {
      const s = createStream(31, 'poisson', Math.round(lambda * 100));
      const n = 200_000;
      const { mean, variance } = moments(n, () => s.poisson(lambda));
      // σ(mean) = √(λ/n); σ(s²) = √((μ₄ − σ⁴)/n) with μ₄ = λ(1 + 3λ) for the Poisson distribution.
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
      expect(Math.abs(variance - lambda)).toBeLessThan(5 * Math.sqrt((lambda + 2 * lambda * lambda) / n));
    });
  }

  for (const lambda of [3, 15]) {
    it(`follows the exact probabilities e^−λ λ^k/k! (λ = ${lambda}, χ² test)`, () => {
      const s = createStream(32, 'poisson', lambda);
      const n = 500_000;
      const kMax = Math.ceil(lambda + 6 * Math.sqrt(lambda));
      const counts = new Float64Array(kMax + 2);
      for (let i = 0; i < n; i++) counts[Math.min(s.poisson(lambda), kMax + 1)]++;
      let chi2 = 0;
      let tail = 1;
      let dof = -1;
      for (let k = 0; k <= kMax; k++) {
        const p = Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
        tail -= p;
        if (n * p < 5) continue;
        chi2 += (counts[k] - n * p) ** 2 / (n * p);
        dof++;
      }
      expect(tail).toBeGreaterThan(0);
      // 99.99% quantile of χ² is below dof + 6√(2 dof) for these dof (≈ 10–30)
      expect(chi2).toBeLessThan(dof + 6 * Math.sqrt(2 * dof));
    });
  }

  it('returns 0 for mean 0 and rejects negative, NaN or huge means', () => {
    const s = createStream(33, 'poisson', 0);
    expect(s.poisson(0)).toBe(0);
    expect(() => s.poisson(-1)).toThrow(/mean must be in/);
    expect(() => s.poisson(Number.NaN)).toThrow(/mean must be in/);
    expect(() => s.poisson(1e13)).toThrow(/mean must be in/);
  });
});

describe('exponential(rate) and gamma(shape, scale)', () => {
  it('exponential has mean and standard deviation 1/rate', () => {
    const s = createStream(41, 'exp', 0);
    const n = 200_000;
    const { mean, variance } = moments(n, () => s.exponential(2));
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * 0.5 / Math.sqrt(n));
    // μ₄ − σ⁴ = (9 − 1)/rate⁴ for the exponential distribution
    expect(Math.abs(variance - 0.25)).toBeLessThan(5 * Math.sqrt((9 / 16 - 1 / 16) / n));
  });

  for (const shape of [0.3, 1, 2.5, 50]) {
    it(`gamma(${shape}, 1.5) has mean kθ and variance kθ²`, () => {
      const s = createStream(42, 'gamma', Math.round(shape * 10));
      const n = 200_000;
      const theta = 1.5;
      const { mean, variance } = moments(n, () => s.gamma(shape, theta));
      // Gamma distribution: μ₄ = 3k(k + 2)θ⁴, so μ₄ − σ⁴ = (2k² + 6k)θ⁴.
      expect(Math.abs(mean - shape * theta)).toBeLessThan(5 * Math.sqrt((shape * theta * theta) / n));
      expect(Math.abs(variance - shape * theta * theta)).toBeLessThan(5 * Math.sqrt(((2 * shape * shape + 6 * shape) * theta ** 4) / n));
    });
  }
});

describe('logFactorial(k)', () => {
  it('equals ln Γ(k + 1) from @stdlib to 1e-14 relative, on both sides of the table', () => {
    for (const k of [0, 1, 2, 10, 255, 256, 257, 1000, 12345, 1e6, 1e9, 1e12]) {
      const expected = gammaln(k + 1);
      expect(Math.abs(logFactorial(k) - expected)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(expected)));
    }
  });
});
