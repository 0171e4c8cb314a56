import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complex4, setRealVector } from '../../../generators/shared/diracAlgebra.js';
import {
  MuonPairZPrimeAmplitude,
  muonPairBornNumeric,
  muonPairZPrimeMatrixElement2,
} from '../../../generators/shared/muonPairZPrimeAmplitude.js';
import { ThreeBodyPhaseSpace, ThreeBodyPoint } from '../../../generators/shared/phaseSpace.js';
import type { FourVector } from '../../../src/physics/fourVector.js';
import { ALPHA_EM_0, ELECTRON_MASS, MUON_MASS } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';

const sqrtS = 10.57956;

/** Head-on beams of c.m. energy √s along ±z. */
function beams(rootS: number): { pa: FourVector; pb: FourVector } {
  const e = 0.5 * rootS;
  const p = Math.sqrt(e * e - ELECTRON_MASS * ELECTRON_MASS);
  return { pa: { E: e, px: 0, py: 0, pz: p }, pb: { E: e, px: 0, py: 0, pz: -p } };
}

/** A μ⁻μ⁺Z′ phase-space point (c.m. frame) drawn by the generator's phase space. */
function phaseSpacePoint(seed: number, zMass: number): { p1: FourVector; p2: FourVector; k: FourVector } {
  const ps = new ThreeBodyPhaseSpace(MUON_MASS);
  const point = new ThreeBodyPoint();
  const stream = createStream(seed, 'test/signal-point', 0);
  while (!ps.sample(stream, sqrtS * sqrtS, zMass, point));
  const p = point.p;
  return {
    p1: { E: p[0], px: p[1], py: p[2], pz: p[3] },
    p2: { E: p[4], px: p[5], py: p[6], pz: p[7] },
    k: { E: p[8], px: p[9], py: p[10], pz: p[11] },
  };
}

const dot = (a: FourVector, b: FourVector) => a.E * b.E - a.px * b.px - a.py * b.py - a.pz * b.pz;

describe('MuonPairZPrimeAmplitude (explicit spinors)', () => {
  it('amplitude(ε → k) vanishes: current conservation at the Z′ vertex (Ward identity)', () => {
    const amp = new MuonPairZPrimeAmplitude(ELECTRON_MASS, MUON_MASS);
    const kVec = complex4();
    const total = new Float64Array(2);
    const one = new Float64Array(2);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: Math.log(0.01), max: Math.log(9), noNaN: true }),
        fc.tuple(...[0, 1, 2, 3].map(() => fc.constantFrom(-1, 1))),
        (seed, logMass, helicities) => {
          // Arrange
          const { pa, pb } = beams(sqrtS);
          const { p1, p2, k } = phaseSpacePoint(seed, Math.exp(logMass));
          setRealVector(kVec, k.E, k.px, k.py, k.pz);
          // Act
          amp.amplitude(pa, pb, p1, p2, k, kVec, helicities, ALPHA_EM_0, 1, total);
          amp.amplitude(pa, pb, p1, p2, k, kVec, helicities, ALPHA_EM_0, 1, one, 1);
          // Assert: each diagram alone is ū γ v (not small); their sum cancels to rounding.
          const scale = Math.hypot(one[0], one[1]);
          if (scale === 0) return; // helicity configuration forbidden for this current
          expect(Math.hypot(total[0], total[1])).toBeLessThan(1e-9 * scale);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the spin sum over three physical Z′ polarisations equals the Dirac trace used by the generator', () => {
    const amp = new MuonPairZPrimeAmplitude(ELECTRON_MASS, MUON_MASS);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: Math.log(0.01), max: Math.log(9), noNaN: true }), (seed, logMass) => {
        const M = Math.exp(logMass);
        const { pa, pb } = beams(sqrtS);
        const { p1, p2, k } = phaseSpacePoint(seed, M);
        const r: FourVector = { E: pa.E - pb.E, px: 0, py: 0, pz: pa.pz - pb.pz };
        const numeric = amp.spinSummed(pa, pb, p1, p2, k, ALPHA_EM_0, 1);
        const trace = muonPairZPrimeMatrixElement2(
          { s: sqrtS * sqrtS, p1k: dot(p1, k), p2k: dot(p2, k), rp1: dot(r, p1), rp2: dot(r, p2) },
          MUON_MASS,
          M * M,
          ALPHA_EM_0,
          1,
        );
        // the trace drops m_e²/s ≈ 2e-9 terms; the rest is rounding of cancelling terms
        expect(Math.abs(trace / numeric - 1)).toBeLessThan(1e-6);
      }),
      { numRuns: 100 },
    );
  });
});

describe('muonPairBornNumeric (the same spinors for e+e- → μ+μ-)', () => {
  it('integrates to the Born σ = 4πα²/(3s)·β(3 − β²)/2 (docs/references.md §3.3)', () => {
    // σ = (1/2s) ∫|M|² dΦ₂, dΦ₂ = β/(32π²) dΩ; |M|² is a quadratic in cosθ, so 3-point Gauss–Legendre is exact.
    for (const rootS of [sqrtS, 0.3, 2 * MUON_MASS + 0.01]) {
      const s = rootS * rootS;
      const { pa, pb } = beams(rootS);
      const e = 0.5 * rootS;
      const q = Math.sqrt(e * e - MUON_MASS * MUON_MASS);
      const beta = q / e;
      const nodes = [-Math.sqrt(0.6), 0, Math.sqrt(0.6)];
      const weights = [5 / 9, 8 / 9, 5 / 9];
      let integral = 0;
      for (let i = 0; i < 3; i++) {
        const c = nodes[i];
        const sn = Math.sqrt(1 - c * c);
        const p1 = { E: e, px: q * sn * Math.cos(0.7), py: q * sn * Math.sin(0.7), pz: q * c };
        const p2 = { E: e, px: -p1.px, py: -p1.py, pz: -p1.pz };
        integral += weights[i] * muonPairBornNumeric(pa, pb, p1, p2, ELECTRON_MASS, MUON_MASS, ALPHA_EM_0);
      }
      const sigma = (1 / (2 * s)) * (beta / (32 * Math.PI * Math.PI)) * 2 * Math.PI * integral;
      const born = ((4 * Math.PI * ALPHA_EM_0 * ALPHA_EM_0) / (3 * s)) * 0.5 * beta * (3 - beta * beta);
      // the closed form neglects m_e: relative corrections of order m_e²/s (< 1e-5 at √s = 0.22 GeV)
      expect(sigma / born - 1).toBeLessThan(2e-5);
      expect(sigma / born - 1).toBeGreaterThan(-2e-5);
    }
  });
});
