import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALPHA_EM_0, ELECTRON_MASS, MUON_MASS, TAU_MASS } from '../../../src/physics/constants.js';
import {
  deltaAlphaHadronic,
  deltaAlphaLepton,
  runningAlpha,
} from '../../../generators/shared/vacuumPolarization.js';

const SQRT_S = 10.57956; // exact √s of the SuperKEKB Y4S preset (docs/references.md §1.2)
const S = SQRT_S * SQRT_S;

describe('vacuum polarisation', () => {
  it('deltaAlphaLepton(s, m) matches the one-loop values of docs/references.md §4 at √s = 10.58 GeV', () => {
    // docs/references.md §4: e 0.014099, μ 0.005842, τ 0.001326 (rounded to 1e-6).
    expect(deltaAlphaLepton(S, ELECTRON_MASS)).toBeCloseTo(0.014099, 6);
    expect(deltaAlphaLepton(S, MUON_MASS)).toBeCloseTo(0.005842, 6);
    expect(deltaAlphaLepton(S, TAU_MASS)).toBeCloseTo(0.001326, 6);
  });

  it('deltaAlphaLepton(q², m) tends to (α/3π)(ln(|q²|/m²) − 5/3) for |q²| ≫ m², both signs of q²', () => {
    // Leading-log limit of the one-loop vacuum polarisation ((α/3π)(ln(q²/m²) − 5/3)); corrections are O(m²/q²·ln).
    for (const q2 of [1e4, -1e4]) {
      const expected = (ALPHA_EM_0 / (3 * Math.PI)) * (Math.log(Math.abs(q2) / (MUON_MASS * MUON_MASS)) - 5 / 3);
      expect(deltaAlphaLepton(q2, MUON_MASS)).toBeCloseTo(expected, 7);
    }
  });

  it('deltaAlphaLepton(q², m) tends to −(α/15π) q²/m² for |q²| ≪ m² (the Uehling term)', () => {
    for (const q2 of [1e-5, -1e-5]) {
      const expected = (-ALPHA_EM_0 / (15 * Math.PI)) * (q2 / (MUON_MASS * MUON_MASS));
      expect(deltaAlphaLepton(q2, MUON_MASS) / expected).toBeCloseTo(1, 3);
    }
  });

  it('deltaAlphaLepton(q², m) is continuous across the pair threshold q² = 4m²', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e-5, noNaN: true }), (eps) => {
        const th = 4 * MUON_MASS * MUON_MASS;
        const below = deltaAlphaLepton(th * (1 - eps), MUON_MASS);
        const above = deltaAlphaLepton(th * (1 + eps), MUON_MASS);
        // The real part has a √|q² − 4m²| cusp: the difference is O(√eps).
        expect(Math.abs(above - below)).toBeLessThan(ALPHA_EM_0 * 2 * Math.sqrt(eps));
      }),
    );
  });

  it('deltaAlphaHadronic(s) reproduces the crude running of docs/references.md §4 at 10.58 GeV', () => {
    // docs/references.md §4: Δα_had(10.58 GeV) ≈ 0.0147 from Δα_had⁽⁵⁾(M_Z²) = 0.02766.
    expect(deltaAlphaHadronic(S)).toBeCloseTo(0.0147, 3);
    expect(deltaAlphaHadronic(0)).toBe(0);
  });

  it('runningAlpha(s) gives 1/α ≈ 132.1 ± 0.3 at √s = 10.58 GeV and α(0) at q² = 0', () => {
    // docs/references.md §4: total Δα ≈ 0.0359 ⇒ 1/α(s) ≈ 132.1 (±~0.3).
    expect(1 / runningAlpha(S)).toBeGreaterThan(131.8);
    expect(1 / runningAlpha(S)).toBeLessThan(132.4);
    expect(runningAlpha(0)).toBe(ALPHA_EM_0);
  });

  it("runningAlpha(q²) grows with |q²| above the τ-pair threshold (below it the lepton thresholds give the real part dips)", () => {
    fc.assert(
      fc.property(fc.double({ min: 13, max: 1e4, noNaN: true }), fc.double({ min: 1.01, max: 10, noNaN: true }), (q2, k) => {
        expect(runningAlpha(q2 * k)).toBeGreaterThan(runningAlpha(q2));
      }),
    );
  });
});
