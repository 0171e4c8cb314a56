import { ALPHA_EM_0, ELECTRON_MASS, MUON_MASS, TAU_MASS } from '../../src/physics/constants.js';

/**
 * Vacuum polarisation: the running fine-structure constant α(q²) = α(0)/(1 − Δα(q²)), with
 * Δα = Δα_e + Δα_μ + Δα_τ + Δα_had (real parts). Reference: docs/references.md §4.
 *
 * Leptonic part: one loop, exact in the lepton mass. Hadronic part: an approximate
 * parametrisation (see `deltaAlphaHadronic`), good to a few 10⁻⁴ in Δα at √s ≈ 10 GeV and
 * to about 10⁻³ near 1 GeV; it leaves out the ρ, ω, φ, J/ψ and Υ resonances.
 */

/**
 * One-loop Δα of a lepton of mass `mass` (GeV) at q² = `q2` (GeV², timelike > 0, spacelike < 0):
 * Δα_ℓ = (α/3π)[−8/3 + β² + ½β(3 − β²) ln|(1 + β)/(1 − β)|], β = √(1 − 4m²/q²)
 * (one-loop QED; docs/references.md §4), continued analytically below threshold (β imaginary) and to q² < 0 (β > 1).
 * Limits: (α/3π)(ln(|q²|/m²) − 5/3) for |q²| ≫ m², −(α/15π) q²/m² for |q²| ≪ m².
 *
 * @example deltaAlphaLepton(10.57956 ** 2, ELECTRON_MASS) // ≈ 0.014099 (docs/references.md §4)
 */
export function deltaAlphaLepton(q2: number, mass: number, alpha0 = ALPHA_EM_0): number {
  if (q2 === 0) return 0;
  const r = (4 * mass * mass) / q2; // 4m²/q²
  const pref = alpha0 / (3 * Math.PI);
  if (q2 > 0 && r < 1) {
    // Above threshold: 0 < β < 1; 1 − β computed without cancellation.
    const beta = Math.sqrt(1 - r);
    const oneMinusBeta = r / (1 + beta);
    return pref * (-8 / 3 + beta * beta + 0.5 * beta * (3 - beta * beta) * Math.log((1 + beta) / oneMinusBeta));
  }
  if (q2 < 0) {
    // Spacelike: β = √(1 + 4m²/|q²|) > 1, and β − 1 without cancellation.
    const beta = Math.sqrt(1 - r);
    const betaMinusOne = -r / (beta + 1);
    return pref * (-8 / 3 + beta * beta + 0.5 * beta * (3 - beta * beta) * Math.log((beta + 1) / betaMinusOne));
  }
  // Below threshold, 0 < q² ≤ 4m²: β = ib, ln((1 + β)/(1 − β)) → −2i·atan(1/b), so the bracket is
  // −8/3 − b² + b(3 + b²) atan(1/b).
  const b = Math.sqrt(r - 1);
  if (b > 1e3) {
    // Series in 1/b² of the bracket (cancellation otherwise): −4/(5b²) + 4/(35b⁴).
    const ib2 = 1 / (b * b);
    return pref * ib2 * (-4 / 5 + (4 / 35) * ib2);
  }
  return pref * (-8 / 3 - b * b + b * (3 + b * b) * Math.atan(1 / b));
}

/** Sum of the e, μ and τ one-loop contributions to Δα at q² (GeV²). */
export function deltaAlphaLeptonic(q2: number, alpha0 = ALPHA_EM_0): number {
  return deltaAlphaLepton(q2, ELECTRON_MASS, alpha0) + deltaAlphaLepton(q2, MUON_MASS, alpha0) + deltaAlphaLepton(q2, TAU_MASS, alpha0);
}

/** Δα_had⁽⁵⁾(M_Z²) = 0.02766 (PDG, docs/references.md §4): the anchor of the hadronic running. */
export const DELTA_ALPHA_HAD_MZ = 0.02766;
/** M_Z in GeV (PDG 2022: 91.1876), the anchor scale. */
const Z_MASS = 91.1876;
/**
 * Effective α_s in the QCD factor (1 + α_s/π) of the running: 0.2 reproduces docs/references.md §4's
 * Δα_had(M_Z²) − Δα_had((10.58 GeV)²) = 0.0130.
 */
const ALPHA_S_EFFECTIVE = 0.2;
/** Open-flavour thresholds in GeV (2m_B ≈ 10.56, 2m_D ≈ 3.73) and the low-energy matching point. */
const BOTTOM_THRESHOLD = 10.56;
const CHARM_THRESHOLD = 3.73;
const LOW_MATCH = 1.0;
/** Shape constant (GeV⁻²) of the low-energy form ln(1 + C|q²|) (the form of Burkhardt et al., Z. Phys. C 43 (1989) 497). */
const LOW_SHAPE = 3.0;

/**
 * Approximate hadronic Δα at q² (GeV²), a function of |q²| only.
 *
 * Above 1 GeV: Δα_had⁽⁵⁾(M_Z²) = 0.02766 run down with the perturbative quark-loop slope
 * d Δα/d ln|q²| = (α/3π) N_c ΣQ_q² (1 + α_s/π), with N_c ΣQ_q² = 11/3 (u, d, s, c, b) above
 * 2m_B, 10/3 between 2m_D and 2m_B and 2 below 2m_D (docs/references.md §4 for the first step).
 * Below 1 GeV: Δα_had(1 GeV²)·ln(1 + C|q²|)/ln(1 + C), which vanishes at q² = 0.
 * Crude (documented as such in docs/references.md §4): resonances are averaged over.
 */
export function deltaAlphaHadronic(q2: number, alpha0 = ALPHA_EM_0): number {
  const aq2 = Math.abs(q2);
  const slope = (alpha0 / (3 * Math.PI)) * (1 + ALPHA_S_EFFECTIVE / Math.PI);
  const runDown = (fromGeV: number, toGeV2: number, charge2: number): number => charge2 * slope * Math.log((fromGeV * fromGeV) / toGeV2);
  const atBottom = DELTA_ALPHA_HAD_MZ - runDown(Z_MASS, BOTTOM_THRESHOLD * BOTTOM_THRESHOLD, 11 / 3);
  if (aq2 >= BOTTOM_THRESHOLD * BOTTOM_THRESHOLD) return DELTA_ALPHA_HAD_MZ - runDown(Z_MASS, aq2, 11 / 3);
  const atCharm = atBottom - runDown(BOTTOM_THRESHOLD, CHARM_THRESHOLD * CHARM_THRESHOLD, 10 / 3);
  if (aq2 >= CHARM_THRESHOLD * CHARM_THRESHOLD) return atBottom - runDown(BOTTOM_THRESHOLD, aq2, 10 / 3);
  const atLow = atCharm - runDown(CHARM_THRESHOLD, LOW_MATCH * LOW_MATCH, 2);
  if (aq2 >= LOW_MATCH * LOW_MATCH) return atCharm - runDown(CHARM_THRESHOLD, aq2, 2);
  return (atLow * Math.log1p(LOW_SHAPE * aq2)) / Math.log1p(LOW_SHAPE * LOW_MATCH * LOW_MATCH);
}

/** Total Δα(q²) = leptonic (exact one loop) + hadronic (approximate). */
export function deltaAlpha(q2: number, alpha0 = ALPHA_EM_0): number {
  return deltaAlphaLeptonic(q2, alpha0) + deltaAlphaHadronic(q2, alpha0);
}

/**
 * The running fine-structure constant α(q²) = α(0)/(1 − Δα(q²)) at q² = `sGeV2` in GeV²
 * (timelike s > 0, or spacelike t < 0). 1/α ≈ 132.1 at √s = 10.58 GeV (docs/references.md §4).
 * `alpha0` replaces α(0), e.g. to follow a `--alpha-em` choice.
 */
export function runningAlpha(sGeV2: number, alpha0 = ALPHA_EM_0): number {
  return alpha0 / (1 - deltaAlpha(sGeV2, alpha0));
}

/**
 * α(q²) tabulated on a grid uniform in ln|q²| over [sMin, sMax] (GeV², > 0) and interpolated
 * linearly in ln|q²|: one logarithm per call instead of the nine of `runningAlpha`, for hot loops.
 * `spacelike` tabulates α(−|q²|) (t-channel photons). With 4096 points over four decades the
 * interpolation error is below 1e-7 relative away from the lepton thresholds (Δα has a cusp at
 * q² = 4m²).
 */
export class RunningAlphaTable {
  private readonly values: Float64Array;
  private readonly logMin: number;
  private readonly step: number;

  constructor(
    readonly sMin: number,
    readonly sMax: number,
    readonly alpha0 = ALPHA_EM_0,
    readonly spacelike = false,
    points = 4096,
  ) {
    if (!(sMin > 0 && sMax > sMin)) throw new RangeError(`RunningAlphaTable: need 0 < sMin < sMax, got ${sMin}, ${sMax}`);
    this.logMin = Math.log(sMin);
    this.step = (Math.log(sMax) - this.logMin) / (points - 1);
    this.values = new Float64Array(points);
    const sign = spacelike ? -1 : 1;
    for (let i = 0; i < points; i++) this.values[i] = runningAlpha(sign * Math.exp(this.logMin + i * this.step), alpha0);
  }

  /** α at |q²| = s for sMin ≤ s ≤ sMax (clamped to the grid outside). */
  at(s: number): number {
    const x = (Math.log(s) - this.logMin) / this.step;
    const last = this.values.length - 1;
    if (!(x > 0)) return this.values[0];
    if (x >= last) return this.values[last];
    const i = Math.floor(x);
    const f = x - i;
    return this.values[i] + f * (this.values[i + 1] - this.values[i]);
  }
}
