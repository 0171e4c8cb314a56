import { directionAboutAxis } from './directionAboutAxis.js';
import type { SixMomenta } from './multiperipheralAmplitude.js';

/**
 * Exact four-body kinematics of e⁻(p1) e⁺(p2) → e⁻(p3) e⁺(p4) μ⁻(p5) μ⁺(p6) in the c.m. frame
 * (e⁻ beam along +z), built from the variables that follow the two t-channel photon propagators:
 * the photon energies ωᵢ (spectator energies E − ωᵢ), their virtualities Qᵢ² = −(pᵢ − pᵢ′)² and
 * the spectators' azimuths, then the μ⁻ direction in the μ⁺μ⁻ rest frame about the photon axis.
 *
 * Phase space: d³p/(2E) = |p| dE dcos θ dφ/2 and, at fixed E′, dQ² = 2|p_beam||p′| dcos θ, so
 *   dΦ₄ = d³p3/((2π)³2E3) · d³p4/((2π)³2E4) · dΦ₂(Q → p5 p6),   Q = p1 + p2 − p3 − p4,
 *       = dω1 dQ1² dφ3 dω2 dQ2² dφ4 / (16 p_b² (2π)⁶) · β_μ/(32π²) dΩ_μ,
 * β_μ the muon velocity in the Q rest frame (PDG Review, Kinematics, eqs. 49.12 and 49.21, with the
 * recursive split of n-body phase space). The spectator angle uses
 *   Q² = Q²min + 4|p_b||p′| sin²(θ/2),  Q²min = 2m²ω²/(E E′ − m² + |p_b||p′|),
 * so that θ and Q² keep their precision down to Q²min (no 1 − cos θ formed).
 */
export class TwoPhotonKinematics implements SixMomenta {
  /** Scratch: the μ⁻ direction in the μμ rest frame. */
  private readonly direction = new Float64Array(3);
  readonly p1 = new Float64Array(4);
  readonly p2 = new Float64Array(4);
  readonly p3 = new Float64Array(4);
  readonly p4 = new Float64Array(4);
  readonly p5 = new Float64Array(4);
  readonly p6 = new Float64Array(4);
  /** The μ⁺μ⁻ system Q = p5 + p6 and its mass W (GeV). */
  readonly q = new Float64Array(4);
  w = 0;
  /** Beam momentum |p_b| in the c.m. frame, GeV. */
  beamMomentum = 0;
  /** √s of the last `setSpectators`, GeV. */
  sqrtS = 0;

  constructor(
    readonly electronMass: number,
    readonly muonMass: number,
  ) {}

  /** The range [Q²min, Q²max] of a photon of energy ω from a beam of energy E (GeV); NaN-free for ω < E − m. */
  virtualityRange(eBeam: number, omega: number, out: Float64Array): Float64Array {
    const m = this.electronMass;
    const pb = Math.sqrt((eBeam - m) * (eBeam + m));
    const e = eBeam - omega;
    const p = Math.sqrt((e - m) * (e + m));
    out[0] = (2 * m * m * omega * omega) / (eBeam * e - m * m + pb * p);
    out[1] = 2 * (eBeam * e + pb * p - m * m);
    return out;
  }

  /**
   * Sets the beams and spectators at √s for photon energies ω1, ω2 (GeV), virtualities Q1², Q2²
   * (GeV²) and spectator azimuths φ3, φ4; false if a variable is outside its range or the rest
   * has no mass above 2m_μ. Sets `q` and `w`.
   */
  setSpectators(sqrtS: number, omega1: number, omega2: number, virtuality1: number, virtuality2: number, phi3: number, phi4: number): boolean {
    const m = this.electronMass;
    const eBeam = 0.5 * sqrtS;
    const pb = Math.sqrt((eBeam - m) * (eBeam + m));
    this.sqrtS = sqrtS;
    this.beamMomentum = pb;
    const { p1, p2, p3, p4, q } = this;
    p1[0] = eBeam; p1[1] = 0; p1[2] = 0; p1[3] = pb;
    p2[0] = eBeam; p2[1] = 0; p2[2] = 0; p2[3] = -pb;
    if (!this.spectator(eBeam, pb, omega1, virtuality1, phi3, 1, p3)) return false;
    if (!this.spectator(eBeam, pb, omega2, virtuality2, phi4, -1, p4)) return false;
    for (let i = 0; i < 4; i++) q[i] = p1[i] + p2[i] - p3[i] - p4[i];
    const w2 = q[0] * q[0] - q[1] * q[1] - q[2] * q[2] - q[3] * q[3];
    const mm = this.muonMass;
    if (!(q[0] > 0 && w2 > 4 * mm * mm)) return false;
    this.w = Math.sqrt(w2);
    return true;
  }

  /** One spectator of energy E − ω at virtuality Q² and azimuth φ, along the beam direction `sign`·ẑ. */
  private spectator(eBeam: number, pb: number, omega: number, virtuality: number, phi: number, sign: number, out: Float64Array): boolean {
    const m = this.electronMass;
    const e = eBeam - omega;
    if (!(omega > 0 && e > m)) return false;
    const p = Math.sqrt((e - m) * (e + m));
    const q2Min = (2 * m * m * omega * omega) / (eBeam * e - m * m + pb * p);
    const sinHalf2 = (virtuality - q2Min) / (4 * pb * p);
    if (!(sinHalf2 >= 0 && sinHalf2 <= 1)) return false;
    const cos = 1 - 2 * sinHalf2;
    const sin = 2 * Math.sqrt(sinHalf2 * (1 - sinHalf2));
    out[0] = e;
    out[1] = p * sin * Math.cos(phi);
    out[2] = p * sin * Math.sin(phi);
    out[3] = sign * p * cos;
    return true;
  }

  /**
   * Sets the muons: μ⁻ at polar angle θ* (cos θ* = `cos`) and azimuth φ* about the direction of
   * q1 = p1 − p3 in the Q rest frame, μ⁺ opposite, both boosted back to the c.m. frame.
   * Returns β_μ of the muons.
   */
  setMuons(cos: number, phi: number): number {
    const { p1, p3, q, p5, p6 } = this;
    const w = this.w;
    const sE = q[0], sX = q[1], sY = q[2], sZ = q[3];
    const q1E = p1[0] - p3[0], q1X = p1[1] - p3[1], q1Y = p1[2] - p3[2], q1Z = p1[3] - p3[3];
    // Boost q1 by −Q: q⃗* = q⃗ + Q⃗[(q⃗·Q⃗)/(W(E + W)) − q⁰/W].
    const c0 = (q1X * sX + q1Y * sY + q1Z * sZ) / (w * (sE + w)) - q1E / w;
    const ax = q1X + c0 * sX;
    const ay = q1Y + c0 * sY;
    const az = q1Z + c0 * sZ;
    const d = this.direction;
    directionAboutAxis(ax, ay, az, cos, phi, d);
    const dx = d[0], dy = d[1], dz = d[2];
    const mm = this.muonMass;
    const beta = Math.sqrt(Math.max(0, 1 - (4 * mm * mm) / (w * w)));
    const pStar = 0.5 * w * beta;
    setBoosted(p5, 0.5 * w, pStar * dx, pStar * dy, pStar * dz, q, w);
    setBoosted(p6, 0.5 * w, -pStar * dx, -pStar * dy, -pStar * dz, q, w);
    return beta;
  }
}

/** out = (e, x, y, z) boosted from the rest frame of P (mass m) to the frame where P has its components. */
function setBoosted(out: Float64Array, e: number, x: number, y: number, z: number, P: Float64Array, m: number): void {
  const dotP = x * P[1] + y * P[2] + z * P[3];
  const k = dotP / (m * (P[0] + m)) + e / m;
  out[0] = (e * P[0] + dotP) / m;
  out[1] = x + k * P[1];
  out[2] = y + k * P[2];
  out[3] = z + k * P[3];
}

/** dΦ₄/(dω1 dQ1² dφ3 dω2 dQ2² dφ4 dΩ_μ) in GeV⁻², at c.m. beam momentum p_b (GeV) and muon velocity β_μ (file comment). */
export function twoPhotonPhaseSpaceFactor(beamMomentum: number, beta: number): number {
  return beta / (16 * beamMomentum * beamMomentum * (2 * Math.PI) ** 6 * 32 * Math.PI * Math.PI);
}
