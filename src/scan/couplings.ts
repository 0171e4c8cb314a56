/**
 * From a cross-section limit to the L_μ − L_τ coupling g′, and the g′ that explains (g − 2)_μ.
 *
 * The Z′ couples to μ, τ, ν_μ and ν_τ with strength g′: L ⊃ g′ Z′_α (μ̄γ^αμ − τ̄γ^ατ +
 * ν̄_μγ^αP_Lν_μ − ν̄_τγ^αP_Lν_τ) (Altmannshofer, Gori, Pospelov, Yavin, Phys. Rev. D 89 (2014)
 * 095033). Partial widths (the Belle II MadGraph model of the paper's signal):
 *   Γ(Z′ → ℓ⁺ℓ⁻) = (g′² M / 12π)(1 + 2m_ℓ²/M²)√(1 − 4m_ℓ²/M²),   Γ(Z′ → ν_ℓν̄_ℓ) = g′² M / 24π.
 * σ(e⁺e⁻ → μ⁺μ⁻Z′) scales as g′² for a narrow Z′, so a limit σ_UL on σ·B(Z′ → invisible) gives
 * g′_UL = √(σ_UL / (σ(M; g′ = 1)·B)), with B = 1 ("fully invisible": Z′ → χχ̄ dominates) or the
 * vanilla model's B = Γ_νν / Γ_total.
 */
import { MUON_MASS, TAU_MASS } from '../physics/constants.js';

/** The two interpretations of the paper (Figs. 3 and 4). */
export type InvisibleModel = 'fully_invisible' | 'vanilla';

/** Γ(Z′ → ℓ⁺ℓ⁻)/g′² in GeV, for a Z′ of mass `massGeV` and a lepton of mass `leptonMassGeV`. */
export function chargedLeptonWidthPerCoupling2(massGeV: number, leptonMassGeV: number): number {
  const r = (leptonMassGeV * leptonMassGeV) / (massGeV * massGeV);
  if (r >= 0.25) return 0;
  return (massGeV / (12 * Math.PI)) * (1 + 2 * r) * Math.sqrt(1 - 4 * r);
}

/** Γ(Z′ → ν_μν̄_μ) + Γ(Z′ → ν_τν̄_τ), over g′², GeV: left-handed neutrinos only, g′²M/24π each. */
export function neutrinoWidthPerCoupling2(massGeV: number): number {
  return (2 * massGeV) / (24 * Math.PI);
}

/**
 * B(Z′ → νν̄) of the vanilla L_μ − L_τ model at a Z′ mass in GeV/c²: independent of g′.
 *
 * @example
 * vanillaInvisibleBranching(1); // 0.5001898687754839: Γ_νν ≈ Γ_μμ well above 2m_μ
 * vanillaInvisibleBranching(5); // 0.347086508054858, with Z′ → τ⁺τ⁻ open (docs/references.md §5.1: 0.347)
 */
export function vanillaInvisibleBranching(massGeV: number): number {
  const nu = neutrinoWidthPerCoupling2(massGeV);
  return nu / (nu + chargedLeptonWidthPerCoupling2(massGeV, MUON_MASS) + chargedLeptonWidthPerCoupling2(massGeV, TAU_MASS));
}

/** B(Z′ → invisible) of a model. */
export function invisibleBranching(model: InvisibleModel, massGeV: number): number {
  return model === 'fully_invisible' ? 1 : vanillaInvisibleBranching(massGeV);
}

/** σ·B limits (fb) at mass M as g′ limits of each model, from σ(M; g′ = 1) in fb. */
export function couplingLimitsOfModels<T extends readonly number[]>(sigmaLimitsFb: T, sigmaAtUnitCouplingFb: number, massGeV: number): Record<InvisibleModel, { -readonly [K in keyof T]: number }> {
  const of = (model: InvisibleModel) => sigmaLimitsFb.map((s) => couplingLimit(s, sigmaAtUnitCouplingFb, invisibleBranching(model, massGeV))) as { -readonly [K in keyof T]: number };
  return { fully_invisible: of('fully_invisible'), vanilla: of('vanilla') };
}

/**
 * The coupling whose σ·B equals `sigmaLimitFb`, from σ(M; g′ = 1) in fb: √(σ_UL/(σ₁·B)).
 *
 * @example
 * couplingLimit(1, 100, 0.5); // 0.1414213562373095: σ·B ∝ g′², so g′ = √(1 fb / (100 fb · 0.5))
 */
export function couplingLimit(sigmaLimitFb: number, sigmaAtUnitCouplingFb: number, branching: number): number {
  return Math.sqrt(sigmaLimitFb / (sigmaAtUnitCouplingFb * branching));
}

/**
 * The one-loop Z′ contribution to a_μ for g′ = 1 (Leveille, Nucl. Phys. B 137 (1978) 285; as written
 * in Endo, Hamaguchi, Mishima, Phys. Rev. D 86 (2012) 095029, Eq. (6)):
 *   Δa_μ = (g′²/8π²) ∫₀¹ dz 2m_μ² z(1 − z)² / ((1 − z)² m_μ² + z M²),
 * which tends to g′²/8π² for M ≪ m_μ and to g′² m_μ²/(12π² M²) for M ≫ m_μ. Gauss–Legendre on a
 * grid dense near z = 0, where the integrand peaks for M ≫ m_μ. The mass is in GeV/c².
 *
 * @example
 * muonAnomalyPerCoupling2(1); // 8.600279406104882e-5 (docs/references.md §5.3: 8.60e-5 at 1 GeV)
 */
export function muonAnomalyPerCoupling2(massGeV: number): number {
  const m2 = MUON_MASS * MUON_MASS;
  const M2 = massGeV * massGeV;
  const integrand = (z: number): number => (2 * m2 * z * (1 - z) ** 2) / ((1 - z) ** 2 * m2 + z * M2);
  // Substitution z = u² spreads the peak at z ~ m²/M² over u ~ m/M.
  let total = 0;
  const pieces = 64;
  for (let p = 0; p < pieces; p++) {
    const a = p / pieces;
    const b = (p + 1) / pieces;
    const mid = 0.5 * (a + b);
    const half = 0.5 * (b - a);
    for (let k = 0; k < GAUSS_NODES.length; k++) {
      const u = mid + half * GAUSS_NODES[k];
      total += half * GAUSS_WEIGHTS[k] * 2 * u * integrand(u * u);
    }
  }
  return total / (8 * Math.PI * Math.PI);
}

// Eight-point Gauss–Legendre nodes and weights (Abramowitz & Stegun, Table 25.4).
const GAUSS_NODES = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];
const GAUSS_WEIGHTS = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

/**
 * Δa_μ = a_μ(exp) − a_μ(SM) = (251 ± 59)·10⁻¹¹: the Fermilab and Brookhaven average against the
 * 2020 Muon g−2 Theory Initiative value (B. Abi et al., Phys. Rev. Lett. 126 (2021) 141801; the
 * paper's ref. [2]).
 */
export const MUON_ANOMALY_DISCREPANCY = { central: 251e-11, sigma: 59e-11 } as const;

/**
 * The g′ band that explains Δa_μ within ±nσ at mass M (GeV/c²): [g′ at Δa − nσ, g′ at Δa + nσ].
 *
 * @example
 * muonAnomalyBand(2); // [0.007637405638258343, 0.012721350545984425]: the paper's red band at 2 GeV/c²
 */
export function muonAnomalyBand(massGeV: number, nSigma = 2): readonly [number, number] {
  const perCoupling2 = muonAnomalyPerCoupling2(massGeV);
  const { central, sigma } = MUON_ANOMALY_DISCREPANCY;
  const low = Math.max(0, central - nSigma * sigma);
  return [Math.sqrt(low / perCoupling2), Math.sqrt((central + nSigma * sigma) / perCoupling2)];
}
