import { z } from 'zod';
import {
  CHARGED_PION_MASS,
  ELECTRON_MASS,
  MUON_MASS,
  NEUTRAL_PION_MASS,
  PDG,
  RHO_MASS,
  RHO_WIDTH,
  TAU_MASS,
} from '../../src/physics/constants.js';
import type { RandomStream } from '../../src/random/stream.js';
import { TabulatedDensity } from '../../src/random/tabulatedDensity.js';
import { azimuth, boostRowFromRest, isotropicDirection, type MutableAngle, type MutableDirection } from './lorentzInPlace.js';
import { MAX_REJECTIONS, rejectionLimitError } from './trialLimits.js';

/**
 * Polarised τ decays in the τ rest frame.
 *
 * Every channel is generated from its matrix element for an unpolarised τ, together with the
 * polarimeter vector h of the generated configuration: for a τ with spin vector s (rest frame),
 * dΓ(s) = dΓ(0)·(1 + h·s), |h| ≤ 1 (Jadach, Kühn, Wąs, Comput. Phys. Commun. 64 (1991) 275, the
 * TAUOLA construction). Spin correlations and polarisation act through h only: `decay()` gives a
 * τ of a given polarisation vector by orienting one unpolarised decay.
 *
 * For τ⁻ → ν_τ + X with the V−A current, |M|²(s) is |M|²(0) with the τ momentum P replaced by
 * P − M s (the (1 − γ5) projectors keep the odd part (P̸ − M s̸ γ5 → (P − M s)̸) of (P̸ + M)(1 + γ5 s̸)),
 * which gives, in the τ⁻ rest frame:
 *   τ⁻ → ℓ⁻ ν̄_ℓ ν_τ:  |M|² ∝ (P·p_ν̄ℓ)(p_ℓ·p_ντ),          h = p̂(ν̄_ℓ)   (exact, ℓ mass kept)
 *   τ⁻ → h⁻ ν_τ, hadronic current J: H = 2(J·N)J − J²N,  h = H⃗/H⁰     (N = ν_τ momentum)
 * and for τ⁺ (CP conjugate) the same with h → −h.
 *
 * Channels and the documented simplification of the fifth one:
 *   electron, muon  V−A matrix element with the charged-lepton mass kept (Michel ρ = 3/4, η = 0,
 *                   ξ = 1, ξδ = 3/4);
 *   pion            τ → πν, J = f_π p_π;
 *   rho             τ → ρν → π±π⁰ν with J = (p_π± − p_π⁰)_⊥ F(Q²), F a Breit–Wigner with the
 *                   p-wave energy-dependent width (m_ρ, Γ_ρ of PDG 2022), π⁰ → γγ;
 *   other           everything else (1 − the four above, 28.48% with PDG 2022), modelled as
 *                   τ → a₁ν, a₁ → 3π: the 3π mass from a constant-width a₁(1260) Breit–Wigner
 *                   (m = 1.230 GeV, Γ = 0.420 GeV, PDG 2022 estimates) times the τ → (spin-1)ν
 *                   factor (M² − Q²)²(M² + 2Q²) and the 3π phase space; the three pions flat in
 *                   a₁-rest-frame phase space (no ρπ substructure), π⁻π⁻π⁺ or π⁻π⁰π⁰ in the ratio
 *                   of B(τ⁻ → π⁻π⁻π⁺ν) = 8.99% to B(τ⁻ → π⁻π⁰π⁰ν) = 9.26% (PDG 2022); the
 *                   polarimeter of a spin-1 hadron, h = (M² − 2Q²)/(M² + 2Q²)·p̂_a₁. Kaons, η and
 *                   higher multiplicities are thereby replaced by pions: what matters for this
 *                   search (a muon, or a pion faking one, with missing energy) is kept.
 */

/** PDG 2022 branching fractions of the explicit channels (PDG 2022 τ listings; docs/references.md §4). */
export const PDG2022_TAU_BRANCHING = { electron: 0.1782, muon: 0.1739, pion: 0.1082, rho: 0.2549 } as const;

/** Channel indices, in the order of the cumulative branching table. */
export const TauChannel = { electron: 0, muon: 1, pion: 2, rho: 3, other: 4 } as const;
export type TauChannel = (typeof TauChannel)[keyof typeof TauChannel];
export const TAU_CHANNEL_NAMES = ['electron', 'muon', 'pion', 'rho', 'other'] as const;

export const TauBranchingSettings = z
  .strictObject({
    /** B(τ → eνν̄), PDG 2022: 17.82%. */
    electron: z.number().min(0).max(1).default(PDG2022_TAU_BRANCHING.electron),
    /** B(τ → μνν̄), PDG 2022: 17.39%. */
    muon: z.number().min(0).max(1).default(PDG2022_TAU_BRANCHING.muon),
    /** B(τ → πν), PDG 2022: 10.82%. */
    pion: z.number().min(0).max(1).default(PDG2022_TAU_BRANCHING.pion),
    /** B(τ → ρν → ππ⁰ν), PDG 2022: 25.49%. */
    rho: z.number().min(0).max(1).default(PDG2022_TAU_BRANCHING.rho),
  })
  .refine((b) => b.electron + b.muon + b.pion + b.rho <= 1 + 1e-12, {
    message: 'electron + muon + pion + rho must not exceed 1 (the remainder is the "other" channel)',
  });

export type TauBranchingSettings = z.infer<typeof TauBranchingSettings>;

/**
 * Probabilities with which the channels are drawn when they differ from the branching fractions
 * (importance sampling of the decay channels): each decay then carries the weight B/q of its
 * channel (`TauDecayProducts.weight`). Every channel needs q > 0; the five sum to one.
 */
export interface TauChannelProbabilities {
  readonly electron: number;
  readonly muon: number;
  readonly pion: number;
  readonly rho: number;
  readonly other: number;
}

/** a₁(1260) Breit–Wigner of the "other" channel (PDG 2022 estimates: 1230 ± 40 MeV, Γ 250–600 MeV). */
const A1_MASS = 1.23;
const A1_WIDTH = 0.42;
/** PDG code of the a₁(1260)⁺. */
const A1_PLUS = 20213;
/** Share of π⁻π⁻π⁺ in the 3π model: 8.99/(8.99 + 9.26) (PDG 2022 τ⁻ → π⁻π⁻π⁺ν, π⁻π⁰π⁰ν excluding K⁰). */
const THREE_PRONG_SHARE = 8.99 / (8.99 + 9.26);

const MAX_PRODUCTS = 12;

/** The products of one τ decay, τ rest frame, GeV; reused from call to call. */
export class TauDecayProducts {
  /** Number of products (entries [0, n)). */
  n = 0;
  channel: TauChannel = TauChannel.electron;
  readonly pdg = new Int32Array(MAX_PRODUCTS);
  readonly status = new Int8Array(MAX_PRODUCTS);
  /** Index of the mother among the products, or −1 for the τ itself. */
  readonly mother = new Int32Array(MAX_PRODUCTS);
  readonly E = new Float64Array(MAX_PRODUCTS);
  readonly px = new Float64Array(MAX_PRODUCTS);
  readonly py = new Float64Array(MAX_PRODUCTS);
  readonly pz = new Float64Array(MAX_PRODUCTS);
  /**
   * Branching fraction of the channel over the probability it was drawn with: 1 unless the decayer
   * draws channels from biased probabilities (`TauChannelProbabilities`).
   */
  weight = 1;
  /** Polarimeter vector (τ rest frame): dΓ ∝ 1 + h·s for spin vector s. */
  hx = 0;
  hy = 0;
  hz = 0;
}

/** Status codes (HepEVT): as `Status` in src/events. */
const FINAL = 1;
const DECAYED = 2;

export class TauDecayer {
  /** Cumulative branching fractions of electron, muon, pion, rho (other is the rest). */
  private readonly cumulative = new Float64Array(4);
  /** Cumulative probabilities the channels are drawn with: the branching fractions, or the proposal's. */
  private readonly drawCumulative: Float64Array;
  /** B/q of each channel (all 1 without a proposal). */
  private readonly channelWeights = new Float64Array(5).fill(1);
  /** Q² = m²(π±π⁰) of the ρ channel. */
  readonly rhoMass2: TabulatedDensity;
  /** Q² = m²(3π) of the "other" channel, for π⁻π⁻π⁺ and π⁻π⁰π⁰. */
  readonly a1Mass2Charged: TabulatedDensity;
  readonly a1Mass2Neutral: TabulatedDensity;
  private readonly dir: MutableDirection = { x: 0, y: 0, z: 1 };
  private readonly dir2: MutableDirection = { x: 0, y: 0, z: 1 };
  private readonly masses = new Float64Array(3);
  private readonly angle: MutableAngle = { cos: 1, sin: 0 };

  /**
   * @param branching the branching fractions of the explicit channels ("other" is the rest)
   * @param proposal optional probabilities to draw the channels with instead (see `TauChannelProbabilities`)
   */
  constructor(
    readonly branching: TauBranchingSettings,
    proposal?: TauChannelProbabilities,
  ) {
    let c = 0;
    const b = [branching.electron, branching.muon, branching.pion, branching.rho];
    for (let i = 0; i < 4; i++) this.cumulative[i] = c += b[i];
    if (proposal === undefined) {
      this.drawCumulative = this.cumulative;
    } else {
      const q = [proposal.electron, proposal.muon, proposal.pion, proposal.rho, proposal.other];
      const sum = q.reduce((a, x) => a + x, 0);
      if (!q.every((x) => x > 0) || !(Math.abs(sum - 1) < 1e-9)) {
        throw new RangeError(`TauDecayer: the channel probabilities must all be positive and sum to 1 (got ${q.join(', ')})`);
      }
      this.drawCumulative = new Float64Array(4);
      let d = 0;
      for (let i = 0; i < 4; i++) this.drawCumulative[i] = d += q[i];
      const all = [...b, this.otherFraction];
      for (let i = 0; i < 5; i++) this.channelWeights[i] = all[i] / q[i];
    }
    this.rhoMass2 = rhoMass2Density();
    this.a1Mass2Charged = a1Mass2Density(CHARGED_PION_MASS, CHARGED_PION_MASS, CHARGED_PION_MASS);
    this.a1Mass2Neutral = a1Mass2Density(CHARGED_PION_MASS, NEUTRAL_PION_MASS, NEUTRAL_PION_MASS);
  }

  /** Branching fraction of the "other" channel (1 − the four explicit ones). */
  get otherFraction(): number {
    return Math.max(0, 1 - this.cumulative[3]);
  }

  /** Picks a channel from the branching fractions (or from the proposal, if the decayer has one). */
  sampleChannel(stream: RandomStream): TauChannel {
    const u = stream.uniform();
    const c = this.drawCumulative;
    if (u < c[0]) return TauChannel.electron;
    if (u < c[1]) return TauChannel.muon;
    if (u < c[2]) return TauChannel.pion;
    if (u < c[3]) return TauChannel.rho;
    return TauChannel.other;
  }

  /**
   * Decays a τ of charge `charge` (−1: τ⁻, +1: τ⁺) at rest, polarised along (polX, polY, polZ)
   * (|pol| ≤ 1; zero for an unpolarised τ). Fills `out`.
   *
   * The unpolarised distribution is invariant under rotations, so dΓ ∝ dΓ₀(1 + pol·h) keeps the
   * unpolarised distribution of the decay's shape and only tilts its orientation: one unpolarised
   * decay is drawn, then rotated (minimal rotation) so that h points along a direction whose angle
   * α to pol follows (1 + |pol||h| cos α)/2 — exact, and a single decay whatever the polarisation.
   */
  decay(stream: RandomStream, charge: number, polX: number, polY: number, polZ: number, out: TauDecayProducts): TauDecayProducts {
    this.decayUnpolarised(stream, charge, out);
    const pol = Math.sqrt(polX * polX + polY * polY + polZ * polZ);
    const h = Math.sqrt(out.hx * out.hx + out.hy * out.hy + out.hz * out.hz);
    if (pol === 0 || h === 0) return out;
    // cos α from the CDF [(c + 1) + (a/2)(c² − 1)]/2 = u, a = |pol||h|: c = 2q/(1 + √(1 + 2aq)), q = 2u − 1 + a/2.
    const a = pol * h;
    const q = 2 * stream.uniform() - 1 + 0.5 * a;
    const cos = (2 * q) / (1 + Math.sqrt(1 + 2 * a * q));
    const sin = Math.sqrt(Math.max(0, (1 - cos) * (1 + cos)));
    const nx = polX / pol, ny = polY / pol, nz = polZ / pol;
    const useX = Math.abs(nz) > 0.9;
    let ux = useX ? 0 : -ny, uy = useX ? -nz : nx, uz = useX ? ny : 0; // (x̂ or ẑ) × n̂
    const un = Math.hypot(ux, uy, uz);
    ux /= un; uy /= un; uz /= un;
    const vx = ny * uz - nz * uy, vy = nz * ux - nx * uz, vz = nx * uy - ny * ux;
    const phi = azimuth(stream, this.angle);
    const cp = sin * phi.cos, sp = sin * phi.sin;
    const dx = cos * nx + cp * ux + sp * vx;
    const dy = cos * ny + cp * uy + sp * vy;
    const dz = cos * nz + cp * uz + sp * vz;
    rotateProducts(out, out.hx / h, out.hy / h, out.hz / h, dx, dy, dz);
    return out;
  }

  /**
   * Decays an unpolarised τ at rest in a channel picked from the branching fractions (or from the
   * proposal, `out.weight` then being B/q of the channel).
   */
  decayUnpolarised(stream: RandomStream, charge: number, out: TauDecayProducts): TauDecayProducts {
    const channel = this.sampleChannel(stream);
    this.decayChannel(stream, charge, channel, out);
    out.weight = this.channelWeights[channel];
    return out;
  }

  /** Decays an unpolarised τ at rest in the given channel (weight 1). */
  decayChannel(stream: RandomStream, charge: number, channel: TauChannel, out: TauDecayProducts): TauDecayProducts {
    out.channel = channel;
    out.weight = 1;
    // sgn = +1 for τ⁻: the τ⁻ daughters carry the PDG signs of ν_τ (+16), ℓ⁻ (+11, +13), π⁻ (−211).
    const sgn = charge < 0 ? 1 : -1;
    switch (channel) {
      case TauChannel.electron:
        this.leptonic(stream, sgn, ELECTRON_MASS, PDG.electron, out);
        break;
      case TauChannel.muon:
        this.leptonic(stream, sgn, MUON_MASS, PDG.muon, out);
        break;
      case TauChannel.pion:
        this.pion(stream, sgn, out);
        break;
      case TauChannel.rho:
        this.rho(stream, sgn, out);
        break;
      default:
        this.threePion(stream, sgn, out);
    }
    return out;
  }

  /**
   * τ⁻ → ℓ⁻ ν̄_ℓ ν_τ. |M|² ∝ (P·p_ν̄)(p_ℓ·p_ντ) = (M E_ν̄)(m_X² − m_ℓ²)/2 depends on E_ν̄ only
   * (m_X² = (p_ℓ + p_ντ)² = M² − 2M E_ν̄), so: E_ν̄ from its marginal, with the phase-space
   * factors E_ν̄ (τ → ν̄X) and (m_X² − m²)/m_X² (X → ℓν), i.e. y = 2E_ν̄/M with density
   * ∝ y²(1 − y − r)²/(1 − y), r = m_ℓ²/M², sampled from the beta(3, 2) density y²(1 − y) and
   * accepted with ((1 − y − r)/(1 − y))²; then X → ℓν_τ isotropic in the X rest frame.
   */
  private leptonic(stream: RandomStream, sgn: number, mLepton: number, pdgLepton: number, out: TauDecayProducts): void {
    const M = TAU_MASS;
    const r = (mLepton * mLepton) / (M * M);
    let y: number;
    for (let proposals = 0; ; proposals++) {
      if (proposals === MAX_REJECTIONS) throw rejectionLimitError('τ → ℓνν energy', `lepton mass ${mLepton} GeV`);
      y = beta32(stream);
      const a = (1 - y - r) / (1 - y);
      if (a > 0 && stream.uniform() < a * a) break;
    }
    const eNu = 0.5 * y * M;
    const n1 = isotropicDirection(stream, this.dir);
    const mX2 = M * M * (1 - y);
    const mX = Math.sqrt(mX2);
    const pStar = (mX2 - mLepton * mLepton) / (2 * mX);
    const n2 = isotropicDirection(stream, this.dir2);
    out.n = 3;
    setParticle(out, 0, sgn * pdgLepton, FINAL, -1, Math.sqrt(pStar * pStar + mLepton * mLepton), pStar * n2.x, pStar * n2.y, pStar * n2.z);
    setParticle(out, 1, -sgn * (pdgLepton + 1), FINAL, -1, eNu, eNu * n1.x, eNu * n1.y, eNu * n1.z);
    setParticle(out, 2, sgn * PDG.tauNeutrino, FINAL, -1, pStar, -pStar * n2.x, -pStar * n2.y, -pStar * n2.z);
    const xE = M - eNu;
    boostRowFromRest(out.E, out.px, out.py, out.pz, 0, xE, -eNu * n1.x, -eNu * n1.y, -eNu * n1.z, mX);
    boostRowFromRest(out.E, out.px, out.py, out.pz, 2, xE, -eNu * n1.x, -eNu * n1.y, -eNu * n1.z, mX);
    out.hx = sgn * n1.x;
    out.hy = sgn * n1.y;
    out.hz = sgn * n1.z;
  }

  /** τ⁻ → π⁻ν_τ: two-body, isotropic for an unpolarised τ; h = p̂_π (from H = 2(p_π·N)p_π − m_π²N). */
  private pion(stream: RandomStream, sgn: number, out: TauDecayProducts): void {
    const M = TAU_MASS;
    const m = CHARGED_PION_MASS;
    const p = (M * M - m * m) / (2 * M);
    const n = isotropicDirection(stream, this.dir);
    out.n = 2;
    setParticle(out, 0, -sgn * PDG.piPlus, FINAL, -1, (M * M + m * m) / (2 * M), p * n.x, p * n.y, p * n.z);
    setParticle(out, 1, sgn * PDG.tauNeutrino, FINAL, -1, p, -p * n.x, -p * n.y, -p * n.z);
    out.hx = sgn * n.x;
    out.hy = sgn * n.y;
    out.hz = sgn * n.z;
  }

  /**
   * τ⁻ → ρ⁻ν_τ → π⁻π⁰ν_τ. Q² from its marginal (see `rhoMass2Density`); in the ππ rest frame the
   * π⁻ direction follows |M|² ∝ (M² − Q²)cos²ψ + Q², ψ the angle between the π⁻ and the ν_τ
   * there (the transverse current q_⊥ = (0, 2p⃗*) contracted with the lepton tensor); h from
   * H = 2(q_⊥·N)q_⊥ − q_⊥²N in the τ rest frame.
   */
  private rho(stream: RandomStream, sgn: number, out: TauDecayProducts): void {
    const M = TAU_MASS;
    const m1 = CHARGED_PION_MASS;
    const m2 = NEUTRAL_PION_MASS;
    const q2 = this.rhoMass2.sample(stream);
    const q = Math.sqrt(q2);
    const k = (M * M - q2) / (2 * M); // ν momentum in the τ rest frame
    const nNu = isotropicDirection(stream, this.dir);
    const pStar = twoBodyMomentum(q, m1, m2);
    const cMax = M * M;
    let nPi: MutableDirection;
    for (let proposals = 0; ; proposals++) {
      if (proposals === MAX_REJECTIONS) throw rejectionLimitError('τ → ρν pion angle', `Q² = ${q2} GeV²`);
      nPi = isotropicDirection(stream, this.dir2);
      const c = nPi.x * nNu.x + nPi.y * nNu.y + nPi.z * nNu.z;
      if (stream.uniform() * cMax < (M * M - q2) * c * c + q2) break;
    }
    const hE = M - k;
    const hX = -k * nNu.x;
    const hY = -k * nNu.y;
    const hZ = -k * nNu.z;
    out.n = 4;
    setParticle(out, 0, -sgn * PDG.rhoPlus, DECAYED, -1, hE, hX, hY, hZ);
    setParticle(out, 1, sgn * PDG.tauNeutrino, FINAL, -1, k, k * nNu.x, k * nNu.y, k * nNu.z);
    setParticle(out, 2, -sgn * PDG.piPlus, FINAL, 0, Math.sqrt(pStar * pStar + m1 * m1), pStar * nPi.x, pStar * nPi.y, pStar * nPi.z);
    setParticle(out, 3, PDG.pi0, DECAYED, 0, Math.sqrt(pStar * pStar + m2 * m2), -pStar * nPi.x, -pStar * nPi.y, -pStar * nPi.z);
    boostRowFromRest(out.E, out.px, out.py, out.pz, 2, hE, hX, hY, hZ, q);
    boostRowFromRest(out.E, out.px, out.py, out.pz, 3, hE, hX, hY, hZ, q);
    this.setHadronicPolarimeter(out, sgn, 2, 3, 1);
    this.pi0ToPhotons(stream, out, 3);
  }

  /**
   * h = sgn·H⃗/H⁰ with H = 2(q⊥·N)q⊥ − q⊥²N, q = p_a − p_b, Q = p_a + p_b,
   * q⊥ = q − Q(Q·q)/Q², N = p_ν (all in the τ rest frame).
   */
  private setHadronicPolarimeter(out: TauDecayProducts, sgn: number, a: number, b: number, nu: number): void {
    const E = out.E, px = out.px, py = out.py, pz = out.pz;
    const QE = E[a] + E[b], Qx = px[a] + px[b], Qy = py[a] + py[b], Qz = pz[a] + pz[b];
    let qE = E[a] - E[b], qx = px[a] - px[b], qy = py[a] - py[b], qz = pz[a] - pz[b];
    const f = (QE * qE - Qx * qx - Qy * qy - Qz * qz) / (QE * QE - Qx * Qx - Qy * Qy - Qz * Qz);
    qE -= f * QE;
    qx -= f * Qx;
    qy -= f * Qy;
    qz -= f * Qz;
    const qN = qE * E[nu] - qx * px[nu] - qy * py[nu] - qz * pz[nu];
    const qq = qE * qE - qx * qx - qy * qy - qz * qz;
    const H0 = 2 * qN * qE - qq * E[nu];
    const scale = sgn / H0;
    out.hx = scale * (2 * qN * qx - qq * px[nu]);
    out.hy = scale * (2 * qN * qy - qq * py[nu]);
    out.hz = scale * (2 * qN * qz - qq * pz[nu]);
  }

  /** The "other" channel: τ⁻ → a₁⁻ν_τ, a₁⁻ → 3π flat in phase space (see the file comment). */
  private threePion(stream: RandomStream, sgn: number, out: TauDecayProducts): void {
    const M = TAU_MASS;
    const charged = stream.uniform() < THREE_PRONG_SHARE;
    const masses = this.masses;
    masses[0] = CHARGED_PION_MASS;
    masses[1] = charged ? CHARGED_PION_MASS : NEUTRAL_PION_MASS;
    masses[2] = charged ? CHARGED_PION_MASS : NEUTRAL_PION_MASS;
    const q2 = (charged ? this.a1Mass2Charged : this.a1Mass2Neutral).sample(stream);
    const q = Math.sqrt(q2);
    const k = (M * M - q2) / (2 * M);
    const nNu = isotropicDirection(stream, this.dir);
    const hE = M - k;
    const hX = -k * nNu.x;
    const hY = -k * nNu.y;
    const hZ = -k * nNu.z;
    out.n = 5;
    setParticle(out, 0, -sgn * A1_PLUS, DECAYED, -1, hE, hX, hY, hZ);
    setParticle(out, 1, sgn * PDG.tauNeutrino, FINAL, -1, k, k * nNu.x, k * nNu.y, k * nNu.z);
    threeBodyFlat(stream, q, masses, out, 2, this.dir2);
    out.pdg[2] = -sgn * PDG.piPlus;
    out.pdg[3] = charged ? -sgn * PDG.piPlus : PDG.pi0;
    out.pdg[4] = charged ? sgn * PDG.piPlus : PDG.pi0;
    for (let i = 2; i < 5; i++) {
      out.status[i] = out.pdg[i] === PDG.pi0 ? DECAYED : FINAL;
      out.mother[i] = 0;
      boostRowFromRest(out.E, out.px, out.py, out.pz, i, hE, hX, hY, hZ, q);
    }
    // Spin-1 hadron of mass² Q²: dΓ ∝ 1 + a·s·p̂_h, a = (M² − 2Q²)/(M² + 2Q²), p̂_h = −n̂_ν.
    const a = (sgn * (M * M - 2 * q2)) / (M * M + 2 * q2);
    out.hx = -a * nNu.x;
    out.hy = -a * nNu.y;
    out.hz = -a * nNu.z;
    if (!charged) {
      this.pi0ToPhotons(stream, out, 3);
      this.pi0ToPhotons(stream, out, 4);
    }
  }

  /** Appends the two photons of π⁰ (row `i`) → γγ, isotropic in the π⁰ rest frame. */
  private pi0ToPhotons(stream: RandomStream, out: TauDecayProducts, i: number): void {
    const half = 0.5 * NEUTRAL_PION_MASS;
    const n = isotropicDirection(stream, this.dir2);
    const j = out.n;
    out.n += 2;
    setParticle(out, j, PDG.photon, FINAL, i, half, half * n.x, half * n.y, half * n.z);
    setParticle(out, j + 1, PDG.photon, FINAL, i, half, -half * n.x, -half * n.y, -half * n.z);
    const E = out.E[i], x = out.px[i], y = out.py[i], z = out.pz[i];
    boostRowFromRest(out.E, out.px, out.py, out.pz, j, E, x, y, z, NEUTRAL_PION_MASS);
    boostRowFromRest(out.E, out.px, out.py, out.pz, j + 1, E, x, y, z, NEUTRAL_PION_MASS);
  }
}

/**
 * Rotates the momenta of all products and h by the minimal rotation taking the unit vector a onto
 * the unit vector b: v′ = (a·b)v + w × v + w(w·v)/(1 + a·b), w = a × b (Rodrigues' formula with
 * (1 − cos θ)/sin²θ = 1/(1 + cos θ)); a half turn about an axis ⊥ a when b ≈ −a.
 */
function rotateProducts(out: TauDecayProducts, ax: number, ay: number, az: number, bx: number, by: number, bz: number): void {
  const c = ax * bx + ay * by + az * bz;
  let wx = ay * bz - az * by, wy = az * bx - ax * bz, wz = ax * by - ay * bx;
  let k: number;
  let cosine = c;
  if (c > -1 + 1e-9) {
    k = 1 / (1 + c);
  } else {
    // Half turn about a unit axis w ⊥ a: v′ = 2w(w·v) − v.
    const useX = Math.abs(az) > 0.9;
    wx = useX ? 0 : -ay;
    wy = useX ? -az : ax;
    wz = useX ? ay : 0;
    const n = Math.hypot(wx, wy, wz);
    wx /= n; wy /= n; wz /= n;
    k = 2;
    cosine = -1;
  }
  const half = cosine === -1;
  for (let i = -1; i < out.n; i++) {
    const x = i < 0 ? out.hx : out.px[i];
    const y = i < 0 ? out.hy : out.py[i];
    const z = i < 0 ? out.hz : out.pz[i];
    const wv = k * (wx * x + wy * y + wz * z);
    const rx = cosine * x + (half ? 0 : wy * z - wz * y) + wx * wv;
    const ry = cosine * y + (half ? 0 : wz * x - wx * z) + wy * wv;
    const rz = cosine * z + (half ? 0 : wx * y - wy * x) + wz * wv;
    if (i < 0) {
      out.hx = rx; out.hy = ry; out.hz = rz;
    } else {
      out.px[i] = rx; out.py[i] = ry; out.pz[i] = rz;
    }
  }
}

function setParticle(out: TauDecayProducts, i: number, pdg: number, status: number, mother: number, E: number, px: number, py: number, pz: number): void {
  out.pdg[i] = pdg;
  out.status[i] = status;
  out.mother[i] = mother;
  out.E[i] = E;
  out.px[i] = px;
  out.py[i] = py;
  out.pz[i] = pz;
}

/** A beta(3, 2) deviate, density 12y²(1 − y): the second largest of four uniforms. */
function beta32(stream: RandomStream): number {
  const u1 = stream.uniform(), u2 = stream.uniform(), u3 = stream.uniform(), u4 = stream.uniform();
  const lo1 = Math.min(u1, u2), hi1 = Math.max(u1, u2), lo2 = Math.min(u3, u4), hi2 = Math.max(u3, u4);
  return Math.max(Math.min(hi1, hi2), lo1, lo2);
}

/** Momentum of either daughter of a two-body decay M → m1 m2 in the rest frame of M (Källén function). */
export function twoBodyMomentum(M: number, m1: number, m2: number): number {
  const sum = m1 + m2;
  const diff = m1 - m2;
  const l = (M * M - sum * sum) * (M * M - diff * diff);
  return l > 0 ? Math.sqrt(l) / (2 * M) : 0;
}

/**
 * |F(Q²)|² of the ρ: relativistic Breit–Wigner with the p-wave width
 * Γ(Q²) = Γ_ρ (m_ρ/√Q²)(p*(Q²)/p*(m_ρ²))³, normalised to F(0) = 1.
 */
export function rhoFormFactor2(q2: number): number {
  const mr2 = RHO_MASS * RHO_MASS;
  const q = Math.sqrt(q2);
  const p = twoBodyMomentum(q, CHARGED_PION_MASS, NEUTRAL_PION_MASS);
  const p0 = twoBodyMomentum(RHO_MASS, CHARGED_PION_MASS, NEUTRAL_PION_MASS);
  const width = (RHO_WIDTH * (RHO_MASS / q) * (p / p0) ** 3);
  const d = mr2 - q2;
  return (mr2 * mr2) / (d * d + mr2 * width * width);
}

/**
 * dΓ(τ → ππ⁰ν)/dQ² ∝ |F(Q²)|² p*³/Q³ · (M² − Q²)²(M² + 2Q²): the vector spectral function
 * v(Q²) ∝ β_π³|F|² times the τ → (spin 1)ν factor (Tsai, Phys. Rev. D 4 (1971) 2821).
 */
export function rhoMass2Spectrum(q2: number): number {
  const M2 = TAU_MASS * TAU_MASS;
  const p = twoBodyMomentum(Math.sqrt(q2), CHARGED_PION_MASS, NEUTRAL_PION_MASS);
  return (rhoFormFactor2(q2) * p * p * p * (M2 - q2) * (M2 - q2) * (M2 + 2 * q2)) / (q2 * Math.sqrt(q2));
}

const MASS_GRID_POINTS = 600;

function rhoMass2Density(): TabulatedDensity {
  const lo = (CHARGED_PION_MASS + NEUTRAL_PION_MASS) ** 2;
  const hi = TAU_MASS * TAU_MASS;
  const x = new Float64Array(MASS_GRID_POINTS);
  const d = new Float64Array(MASS_GRID_POINTS);
  for (let i = 0; i < MASS_GRID_POINTS; i++) {
    x[i] = lo + ((hi - lo) * i) / (MASS_GRID_POINTS - 1);
    d[i] = i === 0 || i === MASS_GRID_POINTS - 1 ? 0 : rhoMass2Spectrum(x[i]);
  }
  return new TabulatedDensity(x, d);
}

/**
 * Three-body phase-space volume R₃(Q) ∝ ∫ dm12² p*(m12)/m12 · p(Q → m12 m3)/Q (PDG Kinematics
 * review, eq. 49.22 integrated over angles), by the midpoint rule.
 */
function threeBodyVolume(Q: number, m1: number, m2: number, m3: number): number {
  const lo = (m1 + m2) ** 2;
  const hi = (Q - m3) ** 2;
  if (!(hi > lo)) return 0;
  const n = 64;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const s12 = lo + ((hi - lo) * (i + 0.5)) / n;
    const m12 = Math.sqrt(s12);
    sum += (twoBodyMomentum(m12, m1, m2) / m12) * (twoBodyMomentum(Q, m12, m3) / Q);
  }
  return (sum * (hi - lo)) / n;
}

function a1Mass2Density(m1: number, m2: number, m3: number): TabulatedDensity {
  const lo = (m1 + m2 + m3) ** 2;
  const hi = TAU_MASS * TAU_MASS;
  const M2 = hi;
  const ma2 = A1_MASS * A1_MASS;
  const x = new Float64Array(MASS_GRID_POINTS);
  const d = new Float64Array(MASS_GRID_POINTS);
  for (let i = 0; i < MASS_GRID_POINTS; i++) {
    const q2 = lo + ((hi - lo) * i) / (MASS_GRID_POINTS - 1);
    x[i] = q2;
    const bw = 1 / ((q2 - ma2) ** 2 + ma2 * A1_WIDTH * A1_WIDTH);
    d[i] = bw * (M2 - q2) ** 2 * (M2 + 2 * q2) * threeBodyVolume(Math.sqrt(q2), m1, m2, m3) / M2;
  }
  return new TabulatedDensity(x, d);
}

/**
 * Flat three-body phase space of a system of mass `M` at rest into masses[0..2], written to rows
 * first, first + 1, first + 2 of `out`: (m12², m23²) uniform in the Dalitz plot (rejection from
 * its bounding rectangle), then a random orientation.
 */
function threeBodyFlat(stream: RandomStream, M: number, masses: Float64Array, out: TauDecayProducts, first: number, axis: MutableDirection): void {
  const m1 = masses[0], m2 = masses[1], m3 = masses[2];
  const s12Lo = (m1 + m2) ** 2, s12Hi = (M - m3) ** 2;
  const s23Lo = (m2 + m3) ** 2, s23Hi = (M - m1) ** 2;
  let s12: number;
  let s23: number;
  for (let proposals = 0; ; proposals++) {
    if (proposals === MAX_REJECTIONS) throw rejectionLimitError('three-body phase space', `M = ${M} GeV, masses ${m1}, ${m2}, ${m3} GeV`);
    s12 = s12Lo + (s12Hi - s12Lo) * stream.uniform();
    s23 = s23Lo + (s23Hi - s23Lo) * stream.uniform();
    // Dalitz boundary: at fixed m12, m23² lies between (E2* + E3*)² − (p2* ± p3*)² (12 rest frame).
    const m12 = Math.sqrt(s12);
    const e2 = (s12 - m1 * m1 + m2 * m2) / (2 * m12);
    const e3 = (M * M - s12 - m3 * m3) / (2 * m12);
    const p2 = Math.sqrt(Math.max(0, e2 * e2 - m2 * m2));
    const p3 = Math.sqrt(Math.max(0, e3 * e3 - m3 * m3));
    const e23 = (e2 + e3) * (e2 + e3);
    if (s23 >= e23 - (p2 + p3) ** 2 && s23 <= e23 - (p2 - p3) ** 2) break;
  }
  const E1 = (M * M + m1 * m1 - s23) / (2 * M);
  const E3 = (M * M + m3 * m3 - s12) / (2 * M);
  const p1 = Math.sqrt(Math.max(0, E1 * E1 - m1 * m1));
  const p3 = Math.sqrt(Math.max(0, E3 * E3 - m3 * m3));
  const E2 = M - E1 - E3;
  const p2sq = Math.max(0, E2 * E2 - m2 * m2);
  const cos13 = p1 > 0 && p3 > 0 ? Math.max(-1, Math.min(1, (p2sq - p1 * p1 - p3 * p3) / (2 * p1 * p3))) : 1;
  const sin13 = Math.sqrt((1 - cos13) * (1 + cos13));
  const n = isotropicDirection(stream, axis);
  // Orthonormal (e1, e2) perpendicular to n.
  const ax = Math.abs(n.z) < 0.9 ? 0 : 1;
  const az = 1 - ax;
  let e1x = -az * n.y, e1y = az * n.x - ax * n.z, e1z = ax * n.y; // (ax, 0, az) × n
  const norm = Math.hypot(e1x, e1y, e1z);
  e1x /= norm;
  e1y /= norm;
  e1z /= norm;
  const e2x = n.y * e1z - n.z * e1y, e2y = n.z * e1x - n.x * e1z, e2z = n.x * e1y - n.y * e1x;
  const psi = 2 * Math.PI * stream.uniform();
  const cp = Math.cos(psi) * sin13, sp = Math.sin(psi) * sin13;
  const d1x = cos13 * n.x + cp * e1x + sp * e2x;
  const d1y = cos13 * n.y + cp * e1y + sp * e2y;
  const d1z = cos13 * n.z + cp * e1z + sp * e2z;
  const i1 = first, i2 = first + 1, i3 = first + 2;
  out.px[i1] = p1 * d1x; out.py[i1] = p1 * d1y; out.pz[i1] = p1 * d1z;
  out.px[i3] = p3 * n.x; out.py[i3] = p3 * n.y; out.pz[i3] = p3 * n.z;
  out.px[i2] = -out.px[i1] - out.px[i3];
  out.py[i2] = -out.py[i1] - out.py[i3];
  out.pz[i2] = -out.pz[i1] - out.pz[i3];
  out.E[i1] = Math.sqrt(m1 * m1 + p1 * p1);
  out.E[i3] = Math.sqrt(m3 * m3 + p3 * p3);
  out.E[i2] = Math.sqrt(m2 * m2 + out.px[i2] ** 2 + out.py[i2] ** 2 + out.pz[i2] ** 2);
}
