import { MUON_MASS, TAU_MASS } from '../../src/physics/constants.js';

/**
 * Widths and branching fractions of the L_μ − L_τ Z′ (docs/references.md §5.1), exactly as the
 * Belle II MadGraph UFO `Lmu_minus_Ltau_UFO/decays.py` (`Decay_zp`) has them:
 *   Γ(Z′ → ℓ⁺ℓ⁻) = (g′² M/12π)(1 + 2m_ℓ²/M²)√(1 − 4m_ℓ²/M²),  ℓ = μ, τ,
 *   Γ(Z′ → ν_ℓ ν̄_ℓ) = g′² M/24π per flavour (left-handed neutrinos; ν_μ and ν_τ).
 * And the one-loop (g − 2)_μ contribution of §5.3 (DarkCast `limits/AMM.py`, Endo et al. eq. 6).
 */

/**
 * Γ(Z′ → ℓ⁺ℓ⁻) in GeV for Z′ mass `mass` (GeV/c²), lepton mass `leptonMass` (GeV/c²), coupling g′.
 *
 * @example
 * zPrimeLeptonWidth(1, MUON_MASS, 1); // 0.026505685793053763 GeV, just below M/12π = 0.0265258
 */
export function zPrimeLeptonWidth(mass: number, leptonMass: number, gPrime: number): number {
  const r = (leptonMass * leptonMass) / (mass * mass);
  if (!(4 * r < 1)) return 0;
  return ((gPrime * gPrime * mass) / (12 * Math.PI)) * (1 + 2 * r) * Math.sqrt(1 - 4 * r);
}

/** Γ(Z′ → νν̄) in GeV summed over ν_μ and ν_τ: 2 × g′² M/24π. */
export function zPrimeNeutrinoWidth(mass: number, gPrime: number): number {
  return (2 * gPrime * gPrime * mass) / (24 * Math.PI);
}

/**
 * Total width of the vanilla model (μμ + ττ + νν), GeV.
 *
 * @example
 * zPrimeTotalWidth(5, 1); // 0.3821212180978343 GeV: Γ/M = 7.6% for g′ = 1
 */
export function zPrimeTotalWidth(mass: number, gPrime: number): number {
  return zPrimeLeptonWidth(mass, MUON_MASS, gPrime) + zPrimeLeptonWidth(mass, TAU_MASS, gPrime) + zPrimeNeutrinoWidth(mass, gPrime);
}

/** B(Z′ → invisible) = Γ_νν/Γ_total of the vanilla model (independent of g′). */
export function zPrimeInvisibleBranchingFraction(mass: number): number {
  return zPrimeNeutrinoWidth(mass, 1) / zPrimeTotalWidth(mass, 1);
}

/** 20-point Gauss–Legendre nodes and weights on [−1, 1] (Abramowitz & Stegun, table 25.4). */
const GL_NODES = [
  0.0765265211334973, 0.2277858511416451, 0.3737060887154195, 0.5108670019508271, 0.636053680726515,
  0.7463319064601508, 0.8391169718222188, 0.912234428251326, 0.9639719272779138, 0.9931285991850949,
];
const GL_WEIGHTS = [
  0.1527533871307258, 0.1491729864726037, 0.1420961093183820, 0.1316886384491766, 0.1181945319615184,
  0.1019301198172404, 0.0832767415767048, 0.0626720483341091, 0.0406014298003869, 0.0176140071391521,
];

/**
 * One-loop Z′ contribution to the muon anomalous magnetic moment (DarkCast `darkcast/limits/AMM.py`, eq. (6) of Endo et al., Phys. Rev. D 86, 095029 (2012)):
 *   Δa_μ = (g′²/8π²) ∫₀¹ dz 2 m² z(1 − z)² / [(1 − z)² m² + z M²],
 * → g′²/8π² for M ≪ m_μ and g′² m_μ²/(12π² M²) for M ≫ m_μ.
 * The integrand varies on the scale z ~ m²/M² near z = 0, so z is mapped to t = ln(1 + z/z₀)
 * with z₀ = min(1, m²/M²), and t is integrated by Gauss–Legendre on 8 panels (relative error < 1e-10).
 */
export function muonAnomalousMomentShift(gPrime: number, mass: number, muonMass = MUON_MASS): number {
  const m2 = muonMass * muonMass;
  const M2 = mass * mass;
  const z0 = Math.min(1, m2 / M2);
  const tMax = Math.log(1 + 1 / z0);
  const panels = 8;
  let integral = 0;
  for (let p = 0; p < panels; p++) {
    const a = (p * tMax) / panels;
    const b = ((p + 1) * tMax) / panels;
    const half = 0.5 * (b - a);
    const mid = 0.5 * (a + b);
    for (let i = 0; i < GL_NODES.length; i++) {
      for (const sign of [-1, 1]) {
        const t = mid + sign * half * GL_NODES[i];
        const z = z0 * Math.expm1(t);
        const jacobian = z0 * Math.exp(t);
        const oneMinusZ = 1 - z;
        const f = (2 * m2 * z * oneMinusZ * oneMinusZ) / (oneMinusZ * oneMinusZ * m2 + z * M2);
        integral += GL_WEIGHTS[i] * half * f * jacobian;
      }
    }
  }
  return ((gPrime * gPrime) / (8 * Math.PI * Math.PI)) * integral;
}

/** The g′ for which the Z′ alone gives Δa_μ = `deltaA` at mass `mass` (GeV): Δa_μ ∝ g′². */
export function gPrimeForAnomalousMoment(deltaA: number, mass: number, muonMass = MUON_MASS): number {
  return Math.sqrt(deltaA / muonAnomalousMomentShift(1, mass, muonMass));
}
