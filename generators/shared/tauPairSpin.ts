/**
 * Spin density matrix of e⁺e⁻ → γ* → τ⁺τ⁻ with the τ mass kept, unpolarised beams:
 *   dσ/dΩ ∝ R₀₀ + Σ C_ab s⁻_a s⁺_b,
 * s∓ the τ∓ spin vectors in their rest frames reached from the τ⁺τ⁻ frame by pure boosts, with the
 * common axes ẑ along the τ⁻, x̂ in the production plane on the side of the incoming e⁻, ŷ = ẑ × x̂:
 *   R₀₀ = 1 + c² + s²/γ²,  C_zz = 1 + c² − s²/γ²,  C_xx = (1 + 1/γ²)s²,  C_yy = −β²s²,
 *   C_xz = C_zx = 2sc/γ,   C_xy = C_yz = 0, no single-τ polarisation
 * (c = cos θ of the τ⁻ to the e⁻, s = sin θ, γ = √s′/2m_τ; Tsai, Phys. Rev. D 4 (1971) 2821).
 * Checks: Tr C = R₀₀ (the pair is a spin triplet); at threshold C = 2n̂n̂ᵀ (³S₁ along the beam n̂);
 * for β → 1, C_zz = R₀₀ (opposite helicities) and C_xx = −C_yy = s².
 */
export class TauPairSpinMatrix {
  r00 = 2;
  cxx = 0;
  cyy = 0;
  czz = 2;
  cxz = 0;

  /** Sets the coefficients for cos θ = `cos` (τ⁻ to e⁻) and γ = √s′/(2m_τ) ≥ 1. */
  set(cos: number, gamma: number): this {
    const c2 = cos * cos;
    const s2 = (1 - cos) * (1 + cos);
    const invGamma2 = 1 / (gamma * gamma);
    this.r00 = 1 + c2 + s2 * invGamma2;
    this.czz = 1 + c2 - s2 * invGamma2;
    this.cxx = (1 + invGamma2) * s2;
    this.cyy = -(1 - invGamma2) * s2;
    this.cxz = (2 * Math.sqrt(s2) * cos) / gamma;
    return this;
  }
}
