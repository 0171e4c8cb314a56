import { ELECTRON_MASS } from '../../src/physics/constants.js';
import type { RandomStream } from '../../src/random/stream.js';
import { MAX_REJECTIONS, rejectionLimitError } from './trialLimits.js';

/**
 * Two-photon collisions e⁺e⁻ → e⁺e⁻ γγ → e⁺e⁻ ℓ⁺ℓ⁻ in the equivalent-photon approximation (EPA),
 * with the photon virtuality kept (reference physics.md §10).
 *
 * Photon spectrum (Budnev, Ginzburg, Meledin, Serbo, Phys. Rep. 15 (1975) 181; the form of
 * Frixione, Mangano, Nason, Ridolfi, Phys. Lett. B 319 (1993) 339), differential in Q² = −q²:
 *   dn = (α/π) (dx/x) (dQ²/Q²) [ (1 − x + x²/2) − (1 − x) Q²_min/Q² ],  Q²_min = m_e² x²/(1 − x),
 * which integrates over Q²_min < Q² < Q²_max to
 *   f(x) = (α/2π) [ (1 + (1 − x)²)/x · ln(Q²_max/Q²_min) + 2 m_e² x (1/Q²_max − 1/Q²_min) ].
 * σ(ee → ee ℓℓ) = ∫dx₁dx₂ f(x₁) f(x₂) σ_γγ→ℓℓ(W² = x₁x₂s).
 *
 * γγ → ℓ⁺ℓ⁻ (Breit–Wheeler), W the γγ mass, β = √(1 − 4m²/W²):
 *   σ = (4πα²/W²)[(1 + 4m²/W² − 8m⁴/W⁴) ln((1 + β)/(1 − β)) − β(1 + 4m²/W²)],
 *   dσ/dΩ = (α²β/W²)[1 + 2β²(1 − β²) sin²θ − β⁴cos⁴θ]/(1 − β²cos²θ)²,
 * θ the lepton angle to the photon axis in the γγ rest frame; the second is the spin-averaged
 * |M|² of the pair-annihilation diagrams (Peskin & Schroeder eq. 5.105, crossed) in the γγ frame.
 */

/** Breit–Wheeler σ(γγ → ℓ⁺ℓ⁻) in GeV⁻² at W² (GeV²), lepton mass `mass`; zero below threshold. */
export function breitWheelerSigma(w2: number, mass: number, alpha: number): number {
  const r = (4 * mass * mass) / w2; // 4m²/W² = 1 − β²
  if (!(r < 1)) return 0;
  const beta = Math.sqrt(1 - r);
  const logRatio = Math.log(((1 + beta) * (1 + beta)) / r); // (1 + β)/(1 − β) = (1 + β)²/(1 − β²)
  return ((4 * Math.PI * alpha * alpha) / w2) * ((1 + r - 0.5 * r * r) * logRatio - beta * (1 + r));
}

/** dσ/dcos θ(γγ → ℓ⁺ℓ⁻) in GeV⁻² (integrated over the azimuth), θ the ℓ⁻ angle to the photon axis. */
export function breitWheelerDSigmaDCos(w2: number, cos: number, mass: number, alpha: number): number {
  const r = (4 * mass * mass) / w2;
  if (!(r < 1)) return 0;
  const b2 = 1 - r;
  const c2 = cos * cos;
  const d = 1 - b2 * c2;
  return ((2 * Math.PI * alpha * alpha * Math.sqrt(b2)) / w2) * ((1 + 2 * b2 * r * (1 - c2) - b2 * b2 * c2 * c2) / (d * d));
}

/**
 * Samples cos θ of γγ → ℓ⁺ℓ⁻ at lepton velocity β (with 1 − β² = `oneMinusBeta2` given exactly):
 * proposal ∝ 1/(1 − β²c²), c = tanh(v·artanh β)/β with v uniform in (−1, 1), accepted with
 * g(c)/2, g = [1 + 2β²(1 − β²)(1 − c²) − β⁴c⁴]/(1 − β²c²) ≤ 2 (its maximum over c is
 * 2 − 2(√2 − 1)(1 − β²) for √2(1 − β²) ≤ 1, else ≤ 3/2) and g ≥ 1 (its numerator exceeds the
 * denominator by β²[2(1 − β²)(1 − c²) + c²(1 − β²c²)] ≥ 0): at least half the proposals are accepted.
 */
export function sampleBreitWheelerCos(stream: RandomStream, oneMinusBeta2: number): number {
  if (!(oneMinusBeta2 > 0 && oneMinusBeta2 < 1)) throw new RangeError(`sampleBreitWheelerCos: 1 − β² = ${oneMinusBeta2} must lie in (0, 1)`);
  const b2 = 1 - oneMinusBeta2;
  const beta = Math.sqrt(b2);
  const atanhBeta = 0.5 * Math.log(((1 + beta) * (1 + beta)) / oneMinusBeta2);
  for (let proposals = 0; ; proposals++) {
    if (proposals === MAX_REJECTIONS) throw rejectionLimitError('sampleBreitWheelerCos', `1 − β² = ${oneMinusBeta2}`);
    const c = Math.tanh((2 * stream.uniform() - 1) * atanhBeta) / beta;
    const c2 = c * c;
    const g = (1 + 2 * b2 * oneMinusBeta2 * (1 - c2) - b2 * b2 * c2 * c2) / (1 - b2 * c2);
    if (2 * stream.uniform() < g) return c;
  }
}

/** Q²_min = m_e² x²/(1 − x) of a photon carrying the energy fraction x (GeV²). */
export function minimumVirtuality(x: number): number {
  return (ELECTRON_MASS * ELECTRON_MASS * x * x) / (1 - x);
}

/** The equivalent-photon density f(x) per unit x for virtualities up to `q2Max` (GeV²); 0 if q2Max ≤ Q²_min. */
export function photonFlux(x: number, q2Max: number, alpha: number): number {
  if (!(x > 0 && x < 1)) return 0;
  const q2Min = minimumVirtuality(x);
  if (!(q2Max > q2Min)) return 0;
  const me2 = ELECTRON_MASS * ELECTRON_MASS;
  const omx = 1 - x;
  return (alpha / (2 * Math.PI)) * (((1 + omx * omx) / x) * Math.log(q2Max / q2Min) + 2 * me2 * x * (1 / q2Max - 1 / q2Min));
}

/**
 * Samples Q² of a photon of energy fraction x from the Budnev density
 * ∝ (1/Q²)[(1 − x + x²/2) − (1 − x)Q²_min/Q²] on [Q²_min, q2Max]: ln Q² uniform, accepted with
 * the bracket over its maximum (1 − x + x²/2). Requires q2Max > Q²_min.
 */
export function sampleVirtuality(stream: RandomStream, x: number, q2Max: number): number {
  const q2Min = minimumVirtuality(x);
  if (!(x > 0 && x < 1 && q2Max > q2Min)) throw new RangeError(`sampleVirtuality: x = ${x} must lie in (0, 1) and Q²max = ${q2Max} GeV² exceed Q²min = ${q2Min} GeV²`);
  const logRange = Math.log(q2Max / q2Min);
  const a = 1 - x + 0.5 * x * x;
  const b = 1 - x;
  for (let proposals = 0; ; proposals++) {
    if (proposals === MAX_REJECTIONS) throw rejectionLimitError('sampleVirtuality', `x = ${x}, Q²max = ${q2Max} GeV²`);
    const ratio = Math.exp(-logRange * stream.uniform()); // Q²_min/Q², Q² log-uniform
    if (stream.uniform() * a < a - b * ratio) return q2Min / ratio;
  }
}

/** What fixes the largest virtuality of each photon. */
export type VirtualityLimit = (w2: number) => number;

/**
 * The EPA integrand in logarithmic variables: dσ/(d ln τ d ln x₁) = x₁f(x₁) · x₂f(x₂) · σ_γγ(τs),
 * τ = x₁x₂ = W²/s, in GeV⁻².
 */
export function twoPhotonIntegrand(lnTau: number, lnX1: number, s: number, leptonMass: number, q2Max: VirtualityLimit, alpha: number): number {
  const x1 = Math.exp(lnX1);
  const x2 = Math.exp(lnTau - lnX1);
  const w2 = Math.exp(lnTau) * s;
  const qMax = q2Max(w2);
  return x1 * photonFlux(x1, qMax, alpha) * x2 * photonFlux(x2, qMax, alpha) * breitWheelerSigma(w2, leptonMass, alpha);
}

/**
 * dσ/d ln τ = ∫ d ln x₁ (integrand) over ln τ < ln x₁ < 0, in GeV⁻². The flux has a logarithmic
 * endpoint singularity (ln(Q²max/Q²min) ~ ln(1 − x) as x → 1), so the integral is taken in t with
 * ln x₁ = ln τ·(1 − g(t)), g = 3t² − 2t³ (dg = 6t(1 − t)dt vanishes at both ends), by Simpson's
 * rule with `n` (even) intervals.
 */
export function twoPhotonDSigmaDLnTau(lnTau: number, s: number, leptonMass: number, q2Max: VirtualityLimit, alpha: number, n = 256): number {
  const h = 1 / n;
  let sum = 0;
  for (let i = 1; i < n; i++) {
    const t = i * h;
    const g = t * t * (3 - 2 * t);
    const jacobian = 6 * t * (1 - t) * -lnTau;
    sum += (i % 2 === 1 ? 4 : 2) * jacobian * twoPhotonIntegrand(lnTau, lnTau * (1 - g), s, leptonMass, q2Max, alpha);
  }
  return (sum * h) / 3;
}

/**
 * σ(e⁺e⁻ → e⁺e⁻ℓ⁺ℓ⁻) in the EPA for W > `minMass`, in GeV⁻²: Simpson's rule in ln τ over
 * [ln(minMass²/s), 0] of `twoPhotonDSigmaDLnTau`.
 */
export function twoPhotonCrossSection(s: number, leptonMass: number, minMass: number, q2Max: VirtualityLimit, alpha: number, n = 256): number {
  const lo = Math.log((minMass * minMass) / s);
  const h = -lo / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const weight = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * twoPhotonDSigmaDLnTau(lo + i * h, s, leptonMass, q2Max, alpha, n);
  }
  return (sum * h) / 3;
}
