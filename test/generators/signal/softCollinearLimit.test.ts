import { describe, expect, it } from 'vitest';
import { muonPairZPrimeMatrixElement2 } from '../../../generators/shared/muonPairZPrimeAmplitude.js';
import { ThreeBodyPhaseSpace, ThreeBodyPoint } from '../../../generators/shared/phaseSpace.js';
import { ALPHA_EM_0 } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';

/**
 * Massless limit of e+e- → μ+μ-Z′ away from the soft and collinear regions: the e+e- → qq̄g
 * formula with C_F α_s → g′²/4π (Ellis, Gaillard, Ross, Nucl. Phys. B 111, 253 (1976); the standard e+e- → 3 partons
 * result, Ellis, Stirling & Webber, QCD and Collider Physics, ch. 3):
 *   dσ/dx₁dx₂ = σ₀ (g′²/8π²)(x₁² + x₂²)/((1 − x₁)(1 − x₂)),  σ₀ = 4πα²/(3s).
 */
const rootS = 10.58;
const s = rootS * rootS;
const gPrime = 0.7;
const sigma0 = (4 * Math.PI * ALPHA_EM_0 * ALPHA_EM_0) / (3 * s);
const formula = (x1: number, x2: number) => ((sigma0 * gPrime * gPrime) / (8 * Math.PI * Math.PI)) * ((x1 * x1 + x2 * x2) / ((1 - x1) * (1 - x2)));

/** ∫ of the formula over x₁ ∈ [a1, b1], x₂ ∈ [a2, b2] inside the massless Dalitz triangle x₁ + x₂ ≥ 1 (Gauss–Legendre). */
function formulaIntegral(a1: number, b1: number, a2: number, b2: number): number {
  const nodes = [-0.9061798459386640, -0.5384693101056831, 0, 0.5384693101056831, 0.9061798459386640];
  const weights = [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891];
  const panels = 40;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    for (let i = 0; i < 5; i++) {
      const x1 = a1 + ((b1 - a1) * (p + 0.5 + 0.5 * nodes[i])) / panels;
      const lo = Math.max(a2, 1 - x1);
      if (!(b2 > lo)) continue;
      let inner = 0;
      for (let q = 0; q < panels; q++) {
        for (let j = 0; j < 5; j++) {
          const x2 = lo + ((b2 - lo) * (q + 0.5 + 0.5 * nodes[j])) / panels;
          inner += (weights[j] * (b2 - lo)) / (2 * panels) * formula(x1, x2);
        }
      }
      sum += ((weights[i] * (b1 - a1)) / (2 * panels)) * inner;
    }
  }
  return sum;
}

describe('muonPairZPrimeMatrixElement2 in the massless limit', () => {
  it('reproduces the e+e- → qq̄g radiator (x₁² + x₂²)/((1 − x₁)(1 − x₂)) bin by bin', () => {
    // m_μ → 1e-4 GeV, M_Z′ → 1e-3 GeV: mass corrections O(M²/s(1 − x)) ~ 1e-7
    const m = 1e-4;
    const M = 1e-3;
    const ps = new ThreeBodyPhaseSpace(m);
    ps.setChannelWeights(0.05, 0.05, 0.9);
    const point = new ThreeBodyPoint();
    const stream = createStream(7, 'test/signal-massless', 0);
    const edges = [0.1, 0.5, 0.9];
    const sum = new Float64Array(4);
    const sum2 = new Float64Array(4);
    const n = 300_000;
    const inv = { s, p1k: 0, p2k: 0, rp1: 0, rp2: 0 };
    for (let i = 0; i < n; i++) {
      if (!ps.sample(stream, s, M, point)) continue;
      const p = point.p;
      const x1 = (2 * p[0]) / rootS;
      const x2 = (2 * p[4]) / rootS;
      if (!(x1 < 0.9 && x2 < 0.9)) continue;
      inv.p1k = 0.5 * (point.s13 - m * m - M * M);
      inv.p2k = 0.5 * (point.s23 - m * m - M * M);
      inv.rp1 = -rootS * p[3]; // beam axis +z, r = (0, 0, 0, √s)
      inv.rp2 = -rootS * p[7];
      const w = (muonPairZPrimeMatrixElement2(inv, m, M * M, ALPHA_EM_0, gPrime) / (2 * s)) * point.weight;
      const bin = (x1 < 0.5 ? 0 : 2) + (x2 < 0.5 ? 0 : 1);
      sum[bin] += w;
      sum2[bin] += w * w;
    }
    for (let bin = 0; bin < 4; bin++) {
      const i1 = bin >> 1;
      const i2 = bin & 1;
      const expected = formulaIntegral(edges[i1], edges[i1 + 1], edges[i2], edges[i2 + 1]);
      if (expected === 0) {
        expect(sum[bin]).toBe(0); // x₁, x₂ < 0.5 lies outside the massless triangle
        continue;
      }
      const mean = sum[bin] / n;
      const error = Math.sqrt((sum2[bin] / n - mean * mean) / n);
      expect(error / expected).toBeLessThan(0.01);
      expect(Math.abs(mean - expected)).toBeLessThan(4 * error);
    }
  });
});
