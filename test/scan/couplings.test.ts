import { describe, expect, it } from 'vitest';
import { MUON_MASS, TAU_MASS } from '../../src/physics/constants.js';
import {
  chargedLeptonWidthPerCoupling2,
  couplingLimit,
  muonAnomalyBand,
  muonAnomalyPerCoupling2,
  vanillaInvisibleBranching,
} from '../../src/scan/couplings.js';

describe('L_mu - L_tau couplings', () => {
  it('Γ(Z′ → ℓℓ) is the Belle II MadGraph model’s expression g′²(8m² + 4M²)√(M⁴ − 4m²M²)/(48πM³)', () => {
    // The UFO `Lmu_minus_Ltau_UFO/decays.py` (Decay_zp), written out independently.
    for (const M of [0.25, 0.5, 1, 3.6, 5, 8.5]) {
      for (const m of [MUON_MASS, TAU_MASS]) {
        const ufo = M > 2 * m ? ((8 * m * m + 4 * M * M) * Math.sqrt(M ** 4 - 4 * m * m * M * M)) / (48 * Math.PI * M ** 3) : 0;
        expect(chargedLeptonWidthPerCoupling2(M, m)).toBeCloseTo(ufo, 14);
      }
    }
  });

  it('B(Z′ → νν̄) of the vanilla model: 1 below the dimuon threshold, 1/2 between the thresholds, → 1/3 far above', () => {
    // Closed-form limits of Γ_νν/(Γ_νν + Γ_μμ + Γ_ττ) with Γ_νν = 2·g′²M/24π and Γ_ℓℓ → g′²M/12π.
    expect(vanillaInvisibleBranching(0.2)).toBe(1);
    expect(vanillaInvisibleBranching(2)).toBeCloseTo(0.5, 2);
    expect(vanillaInvisibleBranching(1000)).toBeCloseTo(1 / 3, 5);
    // Values from the same widths tabulated by hand: 0.503 at 0.5 GeV, 0.379 at 4 GeV, 0.335 at 8 GeV.
    expect(vanillaInvisibleBranching(0.5)).toBeCloseTo(0.503, 3);
    expect(vanillaInvisibleBranching(4)).toBeCloseTo(0.379, 3);
    expect(vanillaInvisibleBranching(8)).toBeCloseTo(0.335, 3);
  });

  it('Δa_μ(g′ = 1) tends to 1/8π² for M ≪ m_μ and to m_μ²/(12π²M²) for M ≫ m_μ (Leveille 1978)', () => {
    expect(muonAnomalyPerCoupling2(1e-6) / (1 / (8 * Math.PI ** 2))).toBeCloseTo(1, 4);
    const M = 100;
    expect(muonAnomalyPerCoupling2(M) / (MUON_MASS ** 2 / (12 * Math.PI ** 2 * M * M))).toBeCloseTo(1, 3);
  });

  it('Δa_μ(g′ = 1) at intermediate masses agrees with a 200 000-point midpoint rule of the same integral', () => {
    // An independent quadrature of (1/8π²) ∫₀¹ 2m²z(1 − z)²/((1 − z)²m² + zM²) dz.
    for (const M of [0.001, 0.01, 0.1, 0.5, 1, 3, 8.5]) {
      const n = 200000;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const z = (i + 0.5) / n;
        sum += (2 * MUON_MASS ** 2 * z * (1 - z) ** 2) / ((1 - z) ** 2 * MUON_MASS ** 2 + z * M * M);
      }
      expect(muonAnomalyPerCoupling2(M) / (sum / n / (8 * Math.PI ** 2))).toBeCloseTo(1, 5);
    }
  });

  it('the (g − 2)_μ band is √((251 ∓ 2·59)·10⁻¹¹ / Δa_μ(g′ = 1)) (Muon g−2, PRL 126 (2021) 141801)', () => {
    const [low, high] = muonAnomalyBand(1);
    expect(low * low * muonAnomalyPerCoupling2(1)).toBeCloseTo(133e-11, 20);
    expect(high * high * muonAnomalyPerCoupling2(1)).toBeCloseTo(369e-11, 20);
    // Around 1 GeV the band is g′ ≈ 4–7·10⁻³ (the paper's Fig. 3 red band).
    expect(low).toBeGreaterThan(3e-3);
    expect(high).toBeLessThan(8e-3);
  });

  it('a σ limit converts to g′ as √(σ_UL/(σ(g′ = 1)·B)): σ ∝ g′²', () => {
    expect(couplingLimit(4, 1e6, 1)).toBeCloseTo(2e-3, 15);
    expect(couplingLimit(4, 1e6, 0.5)).toBeCloseTo(2e-3 * Math.SQRT2, 15);
  });
});
