import { describe, expect, it } from 'vitest';
import { TauPairSpinMatrix } from '../../../generators/shared/tauPairSpin.js';
import { TAU_MASS } from '../../../src/physics/constants.js';

/**
 * An independent computation of the τ-pair spin density matrix: numerical Dirac traces of
 * |M|² = L^μν H_μν for e⁻(p₁)e⁺(p₂) → γ* → τ⁻(k₁, s₁)τ⁺(k₂, s₂),
 *   L^μν = Tr[γ^μ p̸₁ γ^ν p̸₂]  (massless e±, spins summed),
 *   H_μν = Tr[γ_μ (k̸₂ − m)(1 + γ5 s̸₂)/2 γ_ν (k̸₁ + m)(1 + γ5 s̸₁)/2],
 * with the Dirac-representation γ matrices, γ5 = iγ⁰γ¹γ²γ³ and the spin projectors of
 * Itzykson & Zuber eqs. (2-37), (2-38) (u ū and v v̄ for physical spin s).
 */

/** Complex 4×4 matrices as Float64Array(32): (re, im) of row-major entries. */
type M4 = Float64Array;
const zero = (): M4 => new Float64Array(32);
function mul(a: M4, b: M4): M4 {
  const o = zero();
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      let re = 0, im = 0;
      for (let k = 0; k < 4; k++) {
        const ar = a[2 * (4 * i + k)], ai = a[2 * (4 * i + k) + 1], br = b[2 * (4 * k + j)], bi = b[2 * (4 * k + j) + 1];
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      o[2 * (4 * i + j)] = re;
      o[2 * (4 * i + j) + 1] = im;
    }
  }
  return o;
}
function lin(terms: [number, M4][]): M4 {
  const o = zero();
  for (const [c, m] of terms) for (let i = 0; i < 32; i++) o[i] += c * m[i];
  return o;
}
function traceRe(a: M4): number {
  return a[0] + a[10] + a[20] + a[30];
}
function fromEntries(entries: [number, number, number, number][]): M4 {
  const o = zero();
  for (const [i, j, re, im] of entries) {
    o[2 * (4 * i + j)] = re;
    o[2 * (4 * i + j) + 1] = im;
  }
  return o;
}
const identity = fromEntries([[0, 0, 1, 0], [1, 1, 1, 0], [2, 2, 1, 0], [3, 3, 1, 0]]);
// Dirac representation: γ⁰ = diag(1, 1, −1, −1), γⁱ = [[0, σⁱ], [−σⁱ, 0]].
const gamma: M4[] = [
  fromEntries([[0, 0, 1, 0], [1, 1, 1, 0], [2, 2, -1, 0], [3, 3, -1, 0]]),
  fromEntries([[0, 3, 1, 0], [1, 2, 1, 0], [2, 1, -1, 0], [3, 0, -1, 0]]),
  fromEntries([[0, 3, 0, -1], [1, 2, 0, 1], [2, 1, 0, 1], [3, 0, 0, -1]]),
  fromEntries([[0, 2, 1, 0], [1, 3, -1, 0], [2, 0, -1, 0], [3, 1, 1, 0]]),
];
const metric = [1, -1, -1, -1];
// γ5 = iγ⁰γ¹γ²γ³: multiply the product by i.
const g0123 = mul(mul(gamma[0], gamma[1]), mul(gamma[2], gamma[3]));
const gamma5 = zero();
for (let i = 0; i < 16; i++) {
  gamma5[2 * i] = -g0123[2 * i + 1];
  gamma5[2 * i + 1] = g0123[2 * i];
}
type V4 = [number, number, number, number];
const slash = (p: V4): M4 => lin([[p[0], gamma[0]], [-p[1], gamma[1]], [-p[2], gamma[2]], [-p[3], gamma[3]]]);

/** Spin four-vector of a particle of momentum k (mass m) whose rest-frame spin is the unit vector n. */
function spinVector(k: V4, m: number, n: [number, number, number]): V4 {
  const kn = k[1] * n[0] + k[2] * n[1] + k[3] * n[2];
  const f = kn / (m * (k[0] + m));
  return [kn / m, n[0] + f * k[1], n[1] + f * k[2], n[2] + f * k[3]];
}

function amplitude2(p1: V4, p2: V4, k1: V4, k2: V4, s1: V4, s2: V4, m: number): number {
  const P1 = slash(p1), P2 = slash(p2);
  const U = mul(lin([[1, slash(k1)], [m, identity]]), lin([[0.5, identity], [0.5, mul(gamma5, slash(s1))]]));
  const V = mul(lin([[1, slash(k2)], [-m, identity]]), lin([[0.5, identity], [0.5, mul(gamma5, slash(s2))]]));
  let sum = 0;
  for (let mu = 0; mu < 4; mu++) {
    for (let nu = 0; nu < 4; nu++) {
      const L = traceRe(mul(mul(gamma[mu], P1), mul(gamma[nu], P2)));
      const H = traceRe(mul(mul(gamma[mu], V), mul(gamma[nu], U))) * metric[mu] * metric[nu];
      sum += L * H;
    }
  }
  return sum;
}

describe('TauPairSpinMatrix', () => {
  it('equals the spin correlations from numerical Dirac traces of e+e- → γ* → τ+τ- (all nine C_ab, no single polarisation)', () => {
    const m = TAU_MASS;
    for (const sqrtS of [10.57956, 4.0, 3.6]) {
      for (const theta of [0.3, 1.1, 2.0, 2.9]) {
        const E = sqrtS / 2;
        const k = Math.sqrt(E * E - m * m);
        const c = Math.cos(theta), s = Math.sin(theta);
        const p1: V4 = [E, 0, 0, E];
        const p2: V4 = [E, 0, 0, -E];
        const k1: V4 = [E, k * s, 0, k * c];
        const k2: V4 = [E, -k * s, 0, -k * c];
        // ẑ′ = τ⁻ direction, x̂′ towards the e⁻ in the production plane, ŷ′ = ẑ′ × x̂′.
        const axes: [number, number, number][] = [[-c, 0, s], [0, -1, 0], [s, 0, c]];
        const r = (a: number, sa: number, b: number, sb: number) => {
          const n1 = axes[a].map((x) => sa * x) as [number, number, number];
          const n2 = axes[b].map((x) => sb * x) as [number, number, number];
          return amplitude2(p1, p2, k1, k2, spinVector(k1, m, n1), spinVector(k2, m, n2), m);
        };
        const expected = new TauPairSpinMatrix().set(c, sqrtS / (2 * m));
        const C = [
          [expected.cxx, 0, expected.cxz],
          [0, expected.cyy, 0],
          [expected.cxz, 0, expected.czz],
        ];
        const r00 = r(2, 1, 2, 1) + r(2, 1, 2, -1) + r(2, -1, 2, 1) + r(2, -1, 2, -1);
        for (let a = 0; a < 3; a++) {
          for (let b = 0; b < 3; b++) {
            const cab = r(a, 1, b, 1) - r(a, 1, b, -1) - r(a, -1, b, 1) + r(a, -1, b, -1);
            expect(cab / r00).toBeCloseTo(C[a][b] / expected.r00, 10);
          }
          // Single polarisations vanish: |M|²(s₁ = ±n̂_a) summed over the τ⁺ spin.
          expect((r(a, 1, 2, 1) + r(a, 1, 2, -1) - r(a, -1, 2, 1) - r(a, -1, 2, -1)) / r00).toBeCloseTo(0, 10);
          expect((r(2, 1, a, 1) + r(2, -1, a, 1) - r(2, 1, a, -1) - r(2, -1, a, -1)) / r00).toBeCloseTo(0, 10);
        }
        // The angular distribution: R₀₀ ∝ 1 + c² + s²/γ².
        const base = amplitude2(p1, p2, [E, 0, 0, k], [E, 0, 0, -k], spinVector([E, 0, 0, k], m, [1, 0, 0]), spinVector([E, 0, 0, -k], m, [1, 0, 0]), m) +
          amplitude2(p1, p2, [E, 0, 0, k], [E, 0, 0, -k], spinVector([E, 0, 0, k], m, [-1, 0, 0]), spinVector([E, 0, 0, -k], m, [1, 0, 0]), m) +
          amplitude2(p1, p2, [E, 0, 0, k], [E, 0, 0, -k], spinVector([E, 0, 0, k], m, [1, 0, 0]), spinVector([E, 0, 0, -k], m, [-1, 0, 0]), m) +
          amplitude2(p1, p2, [E, 0, 0, k], [E, 0, 0, -k], spinVector([E, 0, 0, k], m, [-1, 0, 0]), spinVector([E, 0, 0, -k], m, [-1, 0, 0]), m);
        expect(r00 / base).toBeCloseTo(expected.r00 / new TauPairSpinMatrix().set(1, sqrtS / (2 * m)).r00, 10);
      }
    }
  });

  it('has Tr C = R₀₀ (spin triplet), C = 2n̂n̂ᵀ at threshold and C_zz = R₀₀, C_xx = −C_yy = sin²θ for γ → ∞', () => {
    const t = new TauPairSpinMatrix();
    for (const c of [-0.9, -0.2, 0.5, 0.99]) {
      for (const g of [1, 1.5, 3, 1e6]) {
        t.set(c, g);
        expect(t.cxx + t.cyy + t.czz).toBeCloseTo(t.r00, 12);
      }
      const s = Math.sqrt(1 - c * c);
      t.set(c, 1);
      expect([t.cxx, t.cyy, t.czz, t.cxz]).toEqual([2 * s * s, 0, 2 * c * c, 2 * s * c].map((x) => expect.closeTo(x, 12)));
      t.set(c, 1e8);
      expect([t.cxx, t.cyy, t.czz - t.r00]).toEqual([s * s, -s * s, 0].map((x) => expect.closeTo(x, 12)));
    }
  });
});
