/**
 * Tree-level 2 → 2 cross sections of e⁺e⁻ → ℓ⁺ℓ⁻ (γ and Z exchange) and of Bhabha scattering
 * e⁺e⁻ → e⁺e⁻ (s- and t-channel γ exchange). Natural units: s in GeV², dσ in GeV⁻².
 * θ is the angle between the outgoing ℓ⁻ (e⁻) and the incoming e⁻, c = cos θ.
 */

/** Electroweak inputs of the Z-exchange terms (PDG 2022). */
export interface ElectroweakParameters {
  /** Z mass in GeV (PDG 2022: 91.1876). */
  readonly zMass: number;
  /** Z width in GeV (PDG 2022: 2.4952). */
  readonly zWidth: number;
  /** Effective weak mixing angle sin²θ_eff (PDG 2022: 0.23153). */
  readonly sin2ThetaW: number;
  /** Fermi constant in GeV⁻² (PDG 2022: 1.1663788e-5). */
  readonly fermiConstant: number;
}

export const PDG_ELECTROWEAK: ElectroweakParameters = {
  zMass: 91.1876,
  zWidth: 2.4952,
  sin2ThetaW: 0.23153,
  fermiConstant: 1.1663788e-5,
};

/**
 * Born σ(e⁺e⁻ → γ* → ℓ⁺ℓ⁻) = (4πα²/3s)·β(3 − β²)/2, β = √(1 − 4m²/s), in GeV⁻² (docs/references.md §3.3).
 * Zero below threshold.
 */
export function leptonPairBornSigma(s: number, mass: number, alpha: number): number {
  const r = (4 * mass * mass) / s;
  if (!(r < 1)) return 0;
  const beta = Math.sqrt(1 - r);
  return ((4 * Math.PI * alpha * alpha) / (3 * s)) * 0.5 * beta * (3 - beta * beta);
}

/**
 * Angular coefficients of e⁺e⁻ → ℓ⁺ℓ⁻ with γ and Z exchange, for massless couplings:
 * the helicity amplitudes are A_ij = 1 + g_i g_j χ(s) with chiral couplings g_L = T₃ − Q sin²θ_W,
 * g_R = −Q sin²θ_W (Q = −1, T₃ = −1/2) and χ(s) = √2 G_F M_Z²/(πα)·s/(s − M_Z² + i M_Z Γ_Z)
 * (from G_F/√2 = g²/(8 M_W²) and M_W = M_Z cos θ_W). With
 *   S = (|A_LL|² + |A_RR|² + |A_LR|² + |A_RL|²)/4,  F = (|A_LL|² + |A_RR|² − |A_LR|² − |A_RL|²)/4,
 * dσ/dcosθ = (πα²β/2s)·[S(2 − β² + β²c²) + 2Fβc]: the photon term with the lepton mass kept
 * (dσ/dΩ = α²β/(4s)·(1 + c² + (1 − β²)s²θ)), and A_FB = 3F/(4S) in the massless limit
 * (−0.8% at 10.58 GeV: the Z enters at the 10⁻² level only through γ–Z interference).
 */
export class LeptonPairBorn {
  private readonly gL: number;
  private readonly gR: number;
  private readonly chiNorm: number;
  private readonly m2: number;
  /** Scratch results of the last `setEnergy`. */
  private sym = 1;
  private asym = 0;
  private beta = 1;
  private prefactor = 0;

  /**
   * @param mass final-lepton mass in GeV
   * @param ew electroweak inputs, or null for photon exchange only
   */
  constructor(
    mass: number,
    private readonly ew: ElectroweakParameters | null = PDG_ELECTROWEAK,
  ) {
    this.m2 = mass * mass;
    const sw2 = ew?.sin2ThetaW ?? 0;
    this.gL = -0.5 + sw2;
    this.gR = sw2;
    this.chiNorm = ew === null ? 0 : Math.SQRT2 * ew.fermiConstant * ew.zMass * ew.zMass;
  }

  /** Fixes s (GeV²) and α for the following `dSigmaDCos` calls; returns false below threshold. */
  setEnergy(s: number, alpha: number): boolean {
    const r = (4 * this.m2) / s;
    if (!(r < 1)) return false;
    this.beta = Math.sqrt(1 - r);
    this.prefactor = (Math.PI * alpha * alpha * this.beta) / (2 * s);
    if (this.ew === null) {
      this.sym = 1;
      this.asym = 0;
      return true;
    }
    // χ(s) = (√2 G_F M_Z²/(πα))·s/(s − M_Z² + i M_Z Γ_Z)
    const mz2 = this.ew.zMass * this.ew.zMass;
    const re = s - mz2;
    const im = this.ew.zMass * this.ew.zWidth;
    const den = re * re + im * im;
    const k = (this.chiNorm / (Math.PI * alpha)) * s;
    const chiRe = (k * re) / den;
    const chiIm = (-k * im) / den;
    const amp2 = (g: number): number => (1 + g * chiRe) ** 2 + (g * chiIm) ** 2;
    const ll = amp2(this.gL * this.gL);
    const rr = amp2(this.gR * this.gR);
    const lr = amp2(this.gL * this.gR);
    this.sym = (ll + rr + 2 * lr) / 4;
    this.asym = (ll + rr - 2 * lr) / 4;
    return true;
  }

  /** dσ/dcosθ in GeV⁻² at the energy of the last `setEnergy`. */
  dSigmaDCos(c: number): number {
    const b = this.beta;
    return this.prefactor * (this.sym * (2 - b * b + b * b * c * c) + 2 * this.asym * b * c);
  }

  /** σ in GeV⁻² at the energy of the last `setEnergy`: (4πα²/3s)·S·β(3 − β²)/2. */
  sigma(): number {
    const b = this.beta;
    return this.prefactor * this.sym * (4 - (4 / 3) * b * b);
  }

  /** Upper bound of dσ/dcosθ over c ∈ [−1, 1] at the current energy. */
  maxDSigmaDCos(): number {
    const b = this.beta;
    return this.prefactor * (this.sym * 2 + 2 * Math.abs(this.asym) * b);
  }

  /** Forward–backward asymmetry at the current energy (massless-lepton formula 3F/4S). */
  forwardBackwardAsymmetry(): number {
    return (3 * this.asym) / (4 * this.sym);
  }
}

/**
 * Bhabha scattering e⁺e⁻ → e⁺e⁻, massless, s- and t-channel photon exchange with interference:
 * dσ/dΩ = (1/2s)[α(t)²(s² + u²)/t² + 2α(s)α(t)u²/(st) + α(s)²(t² + u²)/s²],
 * t = −s(1 − c)/2, u = −s(1 + c)/2. With one α this is the textbook
 * (α²/2s)[(1 + cos⁴(θ/2))/sin⁴(θ/2) − 2cos⁴(θ/2)/sin²(θ/2) + (1 + cos²θ)/2]
 * (Peskin & Schroeder problem 5.2; Berends et al., Nucl. Phys. B 68 (1974) 541). Its s-channel
 * term alone is α²(1 + c²)/(4s), the e⁺e⁻ → μ⁺μ⁻ result, which fixes the 1/(2s) normalisation.
 * Running couplings α(s) and α(t) (vacuum polarisation of each photon) are passed in.
 *
 * @returns dσ/dΩ in GeV⁻²/sr
 */
export function bhabhaDSigmaDOmega(s: number, c: number, alphaS: number, alphaT: number): number {
  const oneMinus = 1 - c;
  const onePlus = 1 + c;
  // In units of s: t/s = −(1 − c)/2, u/s = −(1 + c)/2.
  const tOverS = -0.5 * oneMinus;
  const uOverS = -0.5 * onePlus;
  const tChannel = (1 + uOverS * uOverS) / (tOverS * tOverS);
  const interference = (2 * uOverS * uOverS) / tOverS;
  const sChannel = tOverS * tOverS + uOverS * uOverS;
  return (alphaT * alphaT * tChannel + alphaS * alphaT * interference + alphaS * alphaS * sChannel) / (2 * s);
}
