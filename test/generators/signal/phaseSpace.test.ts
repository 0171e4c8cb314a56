import { describe, expect, it } from 'vitest';
import { ThreeBodyPhaseSpace, ThreeBodyPoint } from '../../../generators/shared/phaseSpace.js';
import { createStream } from '../../../src/random/stream.js';

/** λ(a, b, c) = a² + b² + c² − 2ab − 2ac − 2bc (Källén function). */
const kallen = (a: number, b: number, c: number) => a * a + b * b + c * c - 2 * (a * b + a * c + b * c);

/**
 * Three-body phase-space volume by the recursion Φ₃(s) = ∫ ds13/(2π) Φ₂(s; s13, m²) Φ₂(s13; m², M²),
 * Φ₂(s; a, b) = λ^½(s, a, b)/(8πs) (PDG Review, Kinematics: the recursive form of n-body phase space), integrated by Gauss–Legendre
 * on 400 panels after s13 = sMin + (sMax − sMin) sin²(πu/2), which removes the square-root endpoints.
 */
function phaseSpaceVolume(s: number, m: number, M: number): number {
  const sMin = (m + M) ** 2;
  const sMax = (Math.sqrt(s) - m) ** 2;
  const nodes = [-0.7745966692414834, 0, 0.7745966692414834];
  const weights = [5 / 9, 8 / 9, 5 / 9];
  const panels = 400;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    for (let i = 0; i < 3; i++) {
      const u = (p + 0.5 + 0.5 * nodes[i]) / panels;
      const sn = Math.sin(0.5 * Math.PI * u);
      const s13 = sMin + (sMax - sMin) * sn * sn;
      const jac = (sMax - sMin) * Math.PI * sn * Math.cos(0.5 * Math.PI * u);
      const phi2a = Math.sqrt(Math.max(0, kallen(s, s13, m * m))) / (8 * Math.PI * s);
      const phi2b = Math.sqrt(Math.max(0, kallen(s13, m * m, M * M))) / (8 * Math.PI * s13);
      sum += (weights[i] / (2 * panels)) * jac * (phi2a * phi2b) / (2 * Math.PI);
    }
  }
  return sum;
}

/** Monte Carlo Φ₃ = ⟨weight⟩ with its standard error. */
function monteCarloVolume(s: number, m: number, M: number, n: number, seed: number, alphas?: readonly [number, number, number], axis?: { x: number; y: number; z: number }) {
  const ps = new ThreeBodyPhaseSpace(m);
  if (alphas) ps.setChannelWeights(...alphas);
  if (axis) ps.setPolarAxis(axis);
  const point = new ThreeBodyPoint();
  const stream = createStream(seed, 'test/phase-space', 0);
  let sum = 0;
  let sum2 = 0;
  let maxMomentumError = 0;
  let maxMassError = 0;
  for (let i = 0; i < n; i++) {
    ps.sample(stream, s, M, point);
    const w = point.weight;
    sum += w;
    sum2 += w * w;
    if (w > 0) {
      const p = point.p;
      const total = [p[0] + p[4] + p[8] - Math.sqrt(s), p[1] + p[5] + p[9], p[2] + p[6] + p[10], p[3] + p[7] + p[11]];
      maxMomentumError = Math.max(maxMomentumError, ...total.map(Math.abs));
      for (const [j, mass] of [[0, m], [4, m], [8, M]] as const) {
        const m2 = p[j] ** 2 - p[j + 1] ** 2 - p[j + 2] ** 2 - p[j + 3] ** 2;
        maxMassError = Math.max(maxMassError, Math.abs(m2 - mass * mass));
      }
    }
  }
  const mean = sum / n;
  return { mean, error: Math.sqrt(Math.max(0, sum2 / n - mean * mean) / n), maxMomentumError, maxMassError };
}

describe('ThreeBodyPhaseSpace', () => {
  it('a constant |M|² integrates to the massless volume s/(256π³) (docs/references.md §6)', () => {
    const s = 10.57956 ** 2;
    // masses of 1e-4 GeV change the volume by O(m/√s) ~ 1e-5 relative, below the MC error
    const mc = monteCarloVolume(s, 1e-4, 1e-4, 200_000, 1, [0.3, 0.3, 0.4]);
    const exact = s / (256 * Math.PI ** 3);
    expect(Math.abs(mc.mean - exact)).toBeLessThan(4 * mc.error);
    expect(mc.error / exact).toBeLessThan(0.01);
  });

  it('the (1 + cos²θ) orientation channel about any axis keeps the volume (mixed with isotropy) and draws cosθ from (3/8)(1 + cos²θ)', () => {
    const s = 10.57956 ** 2;
    const norm = Math.hypot(0.3, -0.2, 0.9);
    const axis = { x: 0.3 / norm, y: -0.2 / norm, z: 0.9 / norm };
    const mc = monteCarloVolume(s, 0.1056583755, 0.3, 100_000, 3, undefined, axis);
    const exact = phaseSpaceVolume(s, 0.1056583755, 0.3);
    expect(Math.abs(mc.mean - exact)).toBeLessThan(4 * mc.error);
    expect(mc.maxMomentumError).toBeLessThan(1e-12);
    // unweighted by the orientation weight, cosθ of particle 1 about the axis has ⟨c²⟩ = 2/5 for (3/8)(1 + c²)
    const ps = new ThreeBodyPhaseSpace(0.1056583755);
    ps.setPolarAxis(axis);
    ps.polarFraction = 1;
    const point = new ThreeBodyPoint();
    const stream = createStream(4, 'test/phase-space', 0);
    let sumC2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      while (!ps.sample(stream, s, 0.3, point));
      const p = point.p;
      const c = (p[1] * axis.x + p[2] * axis.y + p[3] * axis.z) / Math.hypot(p[1], p[2], p[3]);
      sumC2 += c * c;
    }
    // Var(c²) = ⟨c⁴⟩ − ⟨c²⟩² = 9/35 − 4/25 for this density
    expect(Math.abs(sumC2 / n - 0.4)).toBeLessThan(4 * Math.sqrt((9 / 35 - 0.16) / n));
  });

  it('the recursion integral reproduces s/(256π³) in the massless limit (check of the reference)', () => {
    const s = 100;
    expect(phaseSpaceVolume(s, 1e-7, 1e-7) / (s / (256 * Math.PI ** 3))).toBeCloseTo(1, 5);
  });

  for (const [M, rootS] of [[0.01, 10.58], [1, 10.58], [5, 10.58], [9, 10.58], [0.5, 1.2]] as const) {
    it(`a constant |M|² integrates to the recursive two-body volume for m_μ and M_Z′ = ${M} GeV at √s = ${rootS} GeV`, () => {
      const m = 0.1056583755;
      const s = rootS * rootS;
      const mc = monteCarloVolume(s, m, M, 100_000, 2);
      const exact = phaseSpaceVolume(s, m, M);
      expect(Math.abs(mc.mean - exact)).toBeLessThan(4 * mc.error);
      expect(mc.error / exact).toBeLessThan(0.02);
      // every point conserves four-momentum and is on its mass shell
      expect(mc.maxMomentumError).toBeLessThan(1e-12);
      expect(mc.maxMassError).toBeLessThan(1e-10);
    });
  }
});
