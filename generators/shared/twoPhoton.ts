import { ELECTRON_MASS } from '../../src/physics/constants.js';
import type { RandomStream } from '../../src/random/stream.js';
import { MAX_REJECTIONS, rejectionLimitError } from './trialLimits.js';

/**
 * Two-photon collisions e⁺e⁻ → e⁺e⁻ γγ → e⁺e⁻ ℓ⁺ℓ⁻ in the equivalent-photon approximation (EPA),
 * with the photon virtuality kept (Budnev et al., Phys. Rep. 15, 181 (1975); docs/references.md §9).
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

/**
 * Importance sampling of the Breit–Wheeler cos θ for selections that need leptons transverse to
 * the photon axis: a mixture of dσ/dcos θ (share 1 − d) and the uniform density on [−1, 1]
 * (share d), with the weight p_BW/p_mixture ≤ 1/(1 − d), p_BW = (dσ/dcos θ)/σ
 * (`breitWheelerDSigmaDCos`, `breitWheelerSigma`).
 */
export class BreitWheelerMixture {
  /** The weight p_BW/p_mixture of the last draw. */
  weight = 1;

  /** @param share the probability d of the uniform part, in [0, 1). */
  constructor(readonly share: number) {
    if (!(share >= 0 && share < 1)) throw new RangeError(`BreitWheelerMixture: the share ${share} of the uniform part must lie in [0, 1)`);
  }

  /** Draws cos θ at W² (GeV²) for the lepton mass `mass`; sets `weight` and returns cos θ. */
  sample(stream: RandomStream, w2: number, mass: number, alpha: number): number {
    const r = (4 * mass * mass) / w2;
    const cos = stream.uniform() < this.share ? 2 * stream.uniform() - 1 : sampleBreitWheelerCos(stream, r);
    const p = breitWheelerDSigmaDCos(w2, cos, mass, alpha) / breitWheelerSigma(w2, mass, alpha);
    this.weight = p / ((1 - this.share) * p + 0.5 * this.share);
    return cos;
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

/**
 * The Budnev density of Q² at fixed x, normalised on [Q²min, q2Max] (GeV⁻²; 0 outside):
 * p(Q²) = [(1 − x + x²/2) − (1 − x)Q²min/Q²] / (Q² N), N = (1 − x + x²/2)L − (1 − x)(1 − Q²min/Q²max),
 * L = ln(Q²max/Q²min); N = πx f(x)/α with f the flux of `photonFlux`.
 */
export function virtualityDensity(q2: number, x: number, q2Max: number): number {
  const q2Min = minimumVirtuality(x);
  if (!(x > 0 && x < 1 && q2 >= q2Min && q2 <= q2Max && q2Max > q2Min)) return 0;
  const a = 1 - x + 0.5 * x * x;
  const b = 1 - x;
  const norm = a * Math.log(q2Max / q2Min) - b * (1 - q2Min / q2Max);
  return (a - (b * q2Min) / q2) / (q2 * norm);
}

/**
 * Importance sampling of the two photons' Q² for selections that need one spectator with a large
 * transverse momentum: a mixture of three densities of (Q₁², Q₂²),
 *   (1 − c)·p₁p₂ + (c/2)·h₁p₂ + (c/2)·p₁h₂,
 * pᵢ the Budnev density of photon i (`virtualityDensity`), hᵢ log-uniform on [Q²lo, Q²max],
 * Q²lo = max(q₀², Q²min(xᵢ)) (hᵢ = pᵢ where Q²max ≤ Q²lo, so that the part is defined everywhere):
 * one photon at a time is pushed to large Q², as the selection needs (the other one keeps its
 * Budnev density). The weight p₁p₂/p_mixture = 1/((1 − c) + (c/2)(ρ₁ + ρ₂)), ρᵢ = hᵢ/pᵢ, is at
 * most 1/(1 − c), and every (Q₁², Q₂²) keeps at least (1 − c) times its Budnev probability
 * density, so weighted events follow the Budnev density exactly. In the log-uniform range
 * ρ = N/(L_LU[a − bQ²min/Q²]), L_LU = ln(Q²max/Q²lo), with a, b, N of `virtualityDensity`.
 */
export class VirtualityMixture {
  /** The last draw of photon 1 and photon 2, GeV². */
  q1 = 0;
  q2 = 0;
  /** Its weight p₁p₂/p_mixture. */
  weight = 1;

  /**
   * @param q0Squared lower end q₀² of the log-uniform parts, GeV².
   * @param share the probability c that one of the two photons is drawn log-uniformly, in [0, 1).
   */
  constructor(
    readonly q0Squared: number,
    readonly share: number,
  ) {
    if (!(q0Squared > 0 && Number.isFinite(q0Squared))) throw new RangeError(`VirtualityMixture: q₀² = ${q0Squared} GeV² must be positive and finite`);
    if (!(share >= 0 && share < 1)) throw new RangeError(`VirtualityMixture: the share ${share} of the log-uniform parts must lie in [0, 1)`);
  }

  /**
   * Draws Q₁², Q₂² of photons with energy fractions x₁, x₂ below q2Max (> both Q²min); sets `q1`,
   * `q2` and `weight`.
   */
  sample(stream: RandomStream, x1: number, x2: number, q2Max: number): void {
    const u = stream.uniform();
    const half = 0.5 * this.share;
    this.q1 = u < half ? this.sampleHigh(stream, x1, q2Max) : sampleVirtuality(stream, x1, q2Max);
    this.q2 = u >= half && u < this.share ? this.sampleHigh(stream, x2, q2Max) : sampleVirtuality(stream, x2, q2Max);
    this.weight = this.weightAt(this.q1, x1, this.q2, x2, q2Max);
  }

  /** p₁p₂/p_mixture at (Q₁², Q₂²) (the weight `sample` gives). */
  weightAt(q1: number, x1: number, q2: number, x2: number, q2Max: number): number {
    return 1 / (1 - this.share + 0.5 * this.share * (this.ratio(q1, x1, q2Max) + this.ratio(q2, x2, q2Max)));
  }

  /** A draw of the log-uniform part hᵢ (the Budnev density where its range is empty). */
  private sampleHigh(stream: RandomStream, x: number, q2Max: number): number {
    const lo = Math.max(this.q0Squared, minimumVirtuality(x));
    if (!(q2Max > lo)) return sampleVirtuality(stream, x, q2Max);
    return lo * Math.exp(Math.log(q2Max / lo) * stream.uniform());
  }

  /** ρ = h/p at Q² (1 where the log-uniform range is empty, 0 outside it). */
  private ratio(q2: number, x: number, q2Max: number): number {
    const q2Min = minimumVirtuality(x);
    const lo = Math.max(this.q0Squared, q2Min);
    if (!(q2Max > lo)) return 1;
    if (q2 < lo || q2 > q2Max) return 0;
    const a = 1 - x + 0.5 * x * x;
    const b = 1 - x;
    const norm = a * Math.log(q2Max / q2Min) - b * (1 - q2Min / q2Max);
    return norm / (Math.log(q2Max / lo) * (a - (b * q2Min) / q2));
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

/** Newton steps from μ = 0 before the grid search takes over (it converges in 2–6 for nearly all points). */
const NEWTON_STEPS = 40;
/** Points of the grid search of g(μ) up to the edge of its domain. */
const SCAN_POINTS = 64;
/** Bisection and golden-section steps: enough to reach adjacent doubles from a grid interval. */
const REFINE_STEPS = 100;

/**
 * The two spectator e± of a two-photon event with exact kinematics, in the c.m. frame with the e⁻
 * beam along +z, in light-cone components p^± = E ± p_z (beam: p⁺ = E + p, p⁻ = m_e²/p⁺, and
 * √s = p⁺ + p⁻). Each spectator keeps its transverse momentum k⃗ᵢ (tᵢ = kᵢ² + m_e²) and the fraction
 * aᵢ = 1 − yᵢ of its beam's large component, yᵢ = xᵢ·exp(μ(1 − xᵢ)) (a fraction near 1 cannot
 * grow, the other one does), with μ the root of
 *   g(μ) = P⁺P⁻ − |k⃗₁ + k⃗₂|² − W²,  P⁺ = √s − a₁p⁺ − t₂/(a₂p⁺),  P⁻ = √s − t₁/(a₁p⁺) − a₂p⁺,
 * so that the rest, P_initial − p′₁ − p′₂, has the sampled mass W exactly (the EPA fractions x are
 * themselves defined to O(Q²/W²) only). At μ = 0 the virtualities take mass from the pair: g(0) < 0.
 * Newton's method from μ = 0 finds the root in 2–6 steps; where it leaves the domain (aᵢ > 0,
 * P^± > 0) or does not converge (1.8 × 10⁻⁵ of the points at √s = 10.58 GeV, Q²_max = W²/4, mostly
 * an x near 1 with a large Q²), g is searched on a grid up to the domain's edge and around its
 * largest value, and a sign change is bisected. No sign change: no final state exists at this
 * (x₁, x₂, Q₁², Q₂², φ₁, φ₂).
 */
export class TwoPhotonSpectators {
  /** Energy and p_z of the e⁻ spectator (GeV, c.m. frame) after a successful `solve`. */
  e1 = 0;
  pz1 = 0;
  /** Energy and p_z of the e⁺ spectator. */
  e2 = 0;
  pz2 = 0;
  /** The root μ of the last successful `solve`. */
  mu = 0;
  // The point being solved.
  private sqrtS = 0;
  private pPlus = 0;
  private x1 = 0;
  private x2 = 0;
  private t1 = 0;
  private t2 = 0;
  private kSum2 = 0;
  private w2 = 0;

  /**
   * Solves for μ at √s (GeV), photon fractions x₁ (from the e⁻) and x₂, tᵢ = kᵢ² + m_e² (GeV²),
   * |k⃗₁ + k⃗₂|² (GeV²) and the pair's mass² W² (GeV²); true and the spectators' (E, p_z) set if a
   * final state exists.
   */
  solve(sqrtS: number, x1: number, x2: number, t1: number, t2: number, kSum2: number, w2: number): boolean {
    const eBeam = 0.5 * sqrtS;
    this.sqrtS = sqrtS;
    this.pPlus = eBeam + Math.sqrt(eBeam * eBeam - ELECTRON_MASS * ELECTRON_MASS);
    this.x1 = x1;
    this.x2 = x2;
    this.t1 = t1;
    this.t2 = t2;
    this.kSum2 = kSum2;
    this.w2 = w2;
    const tolerance = 1e-14 * sqrtS * sqrtS;
    const pPlus = this.pPlus;
    let mu = 0;
    for (let step = 0; step < NEWTON_STEPS; step++) {
      const y1 = step === 0 ? x1 : x1 * Math.exp(mu * (1 - x1));
      const y2 = step === 0 ? x2 : x2 * Math.exp(mu * (1 - x2));
      const a1 = 1 - y1;
      const a2 = 1 - y2;
      if (!(a1 > 0 && a2 > 0)) break;
      const m1 = t1 / (a1 * pPlus); // p′₁⁻
      const m2 = t2 / (a2 * pPlus); // p′₂⁺
      const sysPlus = sqrtS - a1 * pPlus - m2;
      const sysMinus = sqrtS - m1 - a2 * pPlus;
      if (!(sysPlus > 0 && sysMinus > 0)) break;
      const g = sysPlus * sysMinus - kSum2 - w2;
      if (Math.abs(g) < tolerance) return this.set(mu, a1, a2, m1, m2);
      const d1 = (1 - x1) * y1; // dy₁/dμ
      const d2 = (1 - x2) * y2;
      const dPlus = d1 * pPlus - (m2 * d2) / a2;
      const dMinus = d2 * pPlus - (m1 * d1) / a1;
      mu -= g / (dPlus * sysMinus + sysPlus * dMinus);
    }
    return this.searchAndBisect(tolerance);
  }

  /** g(μ) in GeV² (NaN outside the domain aᵢ > 0, P^± > 0) at the point of the last `solve`. */
  residual(mu: number): number {
    const a1 = 1 - this.x1 * Math.exp(mu * (1 - this.x1));
    const a2 = 1 - this.x2 * Math.exp(mu * (1 - this.x2));
    if (!(a1 > 0 && a2 > 0)) return Number.NaN;
    const sysPlus = this.sqrtS - a1 * this.pPlus - this.t2 / (a2 * this.pPlus);
    const sysMinus = this.sqrtS - this.t1 / (a1 * this.pPlus) - a2 * this.pPlus;
    if (!(sysPlus > 0 && sysMinus > 0)) return Number.NaN;
    return sysPlus * sysMinus - this.kSum2 - this.w2;
  }

  /** The edge of the domain in μ: where the first yᵢ reaches 1. */
  domainEdge(): number {
    return Math.min(-Math.log(this.x1) / (1 - this.x1), -Math.log(this.x2) / (1 - this.x2));
  }

  /**
   * The grid search of the fallback: μⱼ = edge·(1 − (1 − j/N)²), denser towards the edge where g
   * falls steeply; the first point with g ≥ 0 closes a bracket, else the largest g of the grid is
   * refined by golden-section search between its neighbours.
   */
  private searchAndBisect(tolerance: number): boolean {
    const edge = this.domainEdge();
    const grid = (j: number) => edge * (1 - (1 - j / SCAN_POINTS) ** 2);
    let previous = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    let bestIndex = 0;
    for (let j = 1; j < SCAN_POINTS; j++) {
      const mu = grid(j);
      const g = this.residual(mu);
      if (g >= 0) return this.bisect(previous, mu, tolerance);
      if (g > bestValue) {
        bestValue = g;
        bestIndex = j;
      }
      previous = mu;
    }
    if (bestIndex === 0) return false;
    // Golden-section search for the largest g between the best point's neighbours; a NaN (outside
    // the domain, which lies beyond the larger μ) counts as −∞.
    const lo = grid(bestIndex - 1);
    const r = 0.5 * (Math.sqrt(5) - 1);
    let a = lo;
    let b = grid(bestIndex + 1);
    let c = b - r * (b - a);
    let d = a + r * (b - a);
    let gc = this.residual(c);
    let gd = this.residual(d);
    for (let step = 0; step < REFINE_STEPS && b - a > 1e-15 * b; step++) {
      if (gc >= 0) return this.bisect(lo, c, tolerance);
      if (gd >= 0) return this.bisect(lo, d, tolerance);
      if (Number.isNaN(gd) || gc >= gd) {
        b = d;
        d = c;
        gd = gc;
        c = b - r * (b - a);
        gc = this.residual(c);
      } else {
        a = c;
        c = d;
        gc = gd;
        d = a + r * (b - a);
        gd = this.residual(d);
      }
    }
    if (gc >= 0) return this.bisect(lo, c, tolerance);
    if (gd >= 0) return this.bisect(lo, d, tolerance);
    return false;
  }

  /** Bisection of g on [lo, hi] with g(lo) < 0 ≤ g(hi); sets the spectators at the root. */
  private bisect(lo: number, hi: number, tolerance: number): boolean {
    for (let step = 0; step < REFINE_STEPS; step++) {
      const mid = 0.5 * (lo + hi);
      if (mid === lo || mid === hi) break;
      const g = this.residual(mid);
      if (Math.abs(g) < tolerance) return this.finish(mid);
      if (g > 0) hi = mid;
      else lo = mid;
    }
    return this.finish(hi);
  }

  /** Sets the spectators' (E, p_z) at μ; returns true. */
  private finish(mu: number): boolean {
    const a1 = 1 - this.x1 * Math.exp(mu * (1 - this.x1));
    const a2 = 1 - this.x2 * Math.exp(mu * (1 - this.x2));
    return this.set(mu, a1, a2, this.t1 / (a1 * this.pPlus), this.t2 / (a2 * this.pPlus));
  }

  /** Sets the spectators from their large light-cone fractions aᵢ and small components mᵢ (p′₁⁻, p′₂⁺); returns true. */
  private set(mu: number, a1: number, a2: number, m1: number, m2: number): boolean {
    const pPlus = this.pPlus;
    this.e1 = 0.5 * (a1 * pPlus + m1);
    this.pz1 = 0.5 * (a1 * pPlus - m1);
    this.e2 = 0.5 * (m2 + a2 * pPlus);
    this.pz2 = 0.5 * (m2 - a2 * pPlus);
    this.mu = mu;
    return true;
  }
}
