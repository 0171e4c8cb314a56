import type { RandomStream } from '../../src/random/stream.js';

/**
 * Three-body phase space a + b → 1 2 3 with m1 = m2 = m (the fermion pair) and mass M for particle 3
 * (the boson radiated from 1 or 2), in the rest frame of the pair's parent (mass² s), by
 * multi-channel importance sampling of the Dalitz variables s13 = (p1 + p3)², s23 = (p2 + p3)²:
 *
 *   channel 0: D13 = s13 − m² log-uniform, then D23 log-uniform within its range at that s13
 *              (density ∝ 1/(D13 D23): radiation collinear to particle 1 and soft radiation);
 *   channel 1: the same with 1 ↔ 2;
 *   channel 2: s13 uniform, then s23 uniform within its range (hard, well-separated configurations).
 *
 * D13 = 2 p1·p3 + M² and D23 are the propagator denominators of the radiation off 1 and 2, so the
 * weight stays bounded from M = 10 MeV (log range ~ 11 in D) to M close to √s − 2m.
 * The orientation of the event is isotropic, or (with `setPolarAxis`) drawn from a two-channel
 * mixture: isotropic, or particle 1 following (3/8)(1 + cos²θ) about the axis, the angular
 * distribution of γ* → f f̄ about the beam that soft and collinear radiation inherits, with
 * probability `polarFraction`; the weight carries the ratio of isotropy to the mixture. The weight
 * of a point is dΦ₃/g with
 *   dΦ₃ = ds13 ds23/(128 π³ s) · dΩ₁/(4π) · dχ/(2π)      (PDG Review, Kinematics: three-body decays, Dalitz plot)
 * and g = Σ_c α_c g_c(s13, s23) (Kleiss & Pittau, Comput. Phys. Commun. 83 (1994) 141).
 */

/** One sampled point: momenta in the parent's rest frame (GeV) and invariants; reused between calls. */
export class ThreeBodyPoint {
  /** (E, px, py, pz) of particles 1, 2, 3 at [0..3], [4..7], [8..11]. */
  readonly p = new Float64Array(12);
  /** (p1 + p3)², GeV². */
  s13 = 0;
  /** (p2 + p3)², GeV². */
  s23 = 0;
  /** Phase-space weight dΦ₃/g (dimensionless; dΦ₃ = ∏ d³p/((2π)³2E) (2π)⁴δ⁴); 0 if outside. */
  weight = 0;
  /** Densities in cosθ of the isotropic and the (1 + cos²θ) orientation channels at this point. */
  readonly orientationDensity = new Float64Array(2);
  /** The channel the point was drawn from (0, 1, 2). */
  channel = 0;
  /** g_c(s13, s23) of each channel at this point (for channel-weight optimisation). */
  readonly channelDensity = new Float64Array(3);
}

const INV_128_PI3 = 1 / (128 * Math.PI ** 3);

export class ThreeBodyPhaseSpace {
  /** Channel weights α_c (sum 1). */
  readonly alpha = new Float64Array([0.4, 0.4, 0.2]);
  /** Axis of the (1 + cos²θ) orientation proposal (unit vector), or null for isotropy. */
  private polar: Float64Array | null = null;
  /** Probability of the (1 + cos²θ) orientation channel when an axis is set. */
  polarFraction = 0.5;

  constructor(
    /** Mass of particles 1 and 2 (GeV). */
    readonly m: number,
  ) {}

  /** Sets the channel weights α (normalised here). */
  setChannelWeights(a0: number, a1: number, a2: number): void {
    const sum = a0 + a1 + a2;
    this.alpha[0] = a0 / sum;
    this.alpha[1] = a1 / sum;
    this.alpha[2] = a2 / sum;
  }

  /**
   * Draws particle 1 with density (3/8)(1 + cos²θ) about the unit vector (x, y, z) from now on;
   * `null` restores isotropy. The axis may change from one point to the next.
   */
  setPolarAxis(axis: { x: number; y: number; z: number } | null): void {
    if (axis === null) {
      this.polar = null;
      return;
    }
    this.polar ??= new Float64Array(3);
    this.polar[0] = axis.x;
    this.polar[1] = axis.y;
    this.polar[2] = axis.z;
  }

  /** Sets the polar axis without allocating (see `setPolarAxis`). */
  setPolarAxisComponents(x: number, y: number, z: number): void {
    this.polar ??= new Float64Array(3);
    this.polar[0] = x;
    this.polar[1] = y;
    this.polar[2] = z;
  }

  /**
   * Draws one point at parent mass² `s` with particle-3 mass `M3`; returns false (weight 0) if the
   * three particles do not fit (√s ≤ 2m + M).
   */
  sample(stream: RandomStream, s: number, M3: number, out: ThreeBodyPoint): boolean {
    const m = this.m;
    const m2 = m * m;
    const sqrtS = Math.sqrt(s);
    out.weight = 0;
    if (!(sqrtS > 2 * m + M3)) return false;
    const sMin = (m + M3) * (m + M3);
    const sMax = (sqrtS - m) * (sqrtS - m);
    const dMin = sMin - m2;
    const dMax = sMax - m2;
    const logRange = Math.log(dMax / dMin);
    // channel choice
    const u = stream.uniform();
    const channel = u < this.alpha[0] ? 0 : u < this.alpha[0] + this.alpha[1] ? 1 : 2;
    let sA: number; // s13 (channel 0, 2) or s23 (channel 1)
    if (channel === 2) sA = sMin + (sMax - sMin) * stream.uniform();
    else sA = m2 + dMin * Math.exp(logRange * stream.uniform());
    const lo = dalitzLow(s, m, M3, sA);
    const hi = dalitzHigh(s, m, M3, sA);
    if (!(hi > lo)) return false;
    let sB: number;
    if (channel === 2) sB = lo + (hi - lo) * stream.uniform();
    else sB = m2 + (lo - m2) * Math.exp(Math.log((hi - m2) / (lo - m2)) * stream.uniform());
    const s13 = channel === 1 ? sB : sA;
    const s23 = channel === 1 ? sA : sB;
    // total density g = Σ α_c g_c
    const d13 = s13 - m2;
    const d23 = s23 - m2;
    // [lo, hi] of s23 at this s13, and of s13 at this s23 (the same function, as m1 = m2)
    const loAt13 = channel === 1 ? dalitzLow(s, m, M3, s13) : lo;
    const hiAt13 = channel === 1 ? dalitzHigh(s, m, M3, s13) : hi;
    const loAt23 = channel === 1 ? lo : dalitzLow(s, m, M3, s23);
    const hiAt23 = channel === 1 ? hi : dalitzHigh(s, m, M3, s23);
    const g0 = 1 / (d13 * logRange * d23 * Math.log((hiAt13 - m2) / (loAt13 - m2)));
    const g1 = 1 / (d23 * logRange * d13 * Math.log((hiAt23 - m2) / (loAt23 - m2)));
    const g2 = 1 / ((sMax - sMin) * (hiAt13 - loAt13));
    out.channelDensity[0] = g0;
    out.channelDensity[1] = g1;
    out.channelDensity[2] = g2;
    const g = this.alpha[0] * g0 + this.alpha[1] * g1 + this.alpha[2] * g2;
    if (!(g > 0) || !Number.isFinite(g)) return false;
    out.channel = channel;
    out.s13 = s13;
    out.s23 = s23;
    const orientationWeight = buildMomenta(stream, s, m, M3, s13, s23, this.polar, this.polarFraction, out);
    if (!(orientationWeight > 0)) return false;
    out.weight = ((INV_128_PI3 / s) / g) * orientationWeight;
    return true;
  }
}

/**
 * Dalitz limits of s23 at given s13 (PDG Review, Kinematics: three-body decays), particles (1, 3) then 2:
 * E3* = (s13 − m² + M²)/(2√s13), E2* = (s − s13 − m²)/(2√s13) in the (13) rest frame.
 */
export function dalitzLow(s: number, m: number, M3: number, s13: number): number {
  const r = Math.sqrt(s13);
  const e3 = (s13 - m * m + M3 * M3) / (2 * r);
  const e2 = (s - s13 - m * m) / (2 * r);
  const q3 = Math.sqrt(Math.max(0, e3 * e3 - M3 * M3));
  const q2 = Math.sqrt(Math.max(0, e2 * e2 - m * m));
  // (e2 + e3)² − (q2 + q3)² = M² + m² + 2(e2 e3 − q2 q3), the bracket written without cancellation
  const eq = (e2 * e2 * M3 * M3 + e3 * e3 * m * m - M3 * M3 * m * m) / (e2 * e3 + q2 * q3);
  return M3 * M3 + m * m + 2 * eq;
}

export function dalitzHigh(s: number, m: number, M3: number, s13: number): number {
  const r = Math.sqrt(s13);
  const e3 = (s13 - m * m + M3 * M3) / (2 * r);
  const e2 = (s - s13 - m * m) / (2 * r);
  const q3 = Math.sqrt(Math.max(0, e3 * e3 - M3 * M3));
  const q2 = Math.sqrt(Math.max(0, e2 * e2 - m * m));
  return M3 * M3 + m * m + 2 * (e2 * e3 + q2 * q3);
}

/**
 * Momenta in the parent rest frame from (s13, s23), with an isotropic orientation or, with
 * probability `polarFraction`, particle 1 drawn from (3/8)(1 + cos²θ) about `polar`; particle 3 takes −(p1 + p2) and the remaining energy,
 * so four-momentum is conserved exactly. Returns the orientation weight (isotropic density over
 * the proposal's), or 0 if the point is degenerate.
 */
function buildMomenta(
  stream: RandomStream, s: number, m: number, M3: number, s13: number, s23: number,
  polar: Float64Array | null, polarFraction: number, out: ThreeBodyPoint,
): number {
  const p = out.p;
  const sqrtS = Math.sqrt(s);
  const m2 = m * m;
  const e1 = (s + m2 - s23) / (2 * sqrtS);
  const e2 = (s + m2 - s13) / (2 * sqrtS);
  const q1 = Math.sqrt(Math.max(0, e1 * e1 - m2));
  const q2 = Math.sqrt(Math.max(0, e2 * e2 - m2));
  if (!(q1 > 0 && q2 > 0)) return 0;
  const s12 = s + 2 * m2 + M3 * M3 - s13 - s23;
  const p1p2 = 0.5 * (s12 - 2 * m2);
  const cos12 = Math.max(-1, Math.min(1, (e1 * e2 - p1p2) / (q1 * q2)));
  const sin12 = Math.sqrt((1 - cos12) * (1 + cos12));
  // direction of particle 1: cosθ and φ about the polar axis (z if isotropic)
  let c: number;
  let weight = 1;
  if (polar !== null && stream.uniform() < polarFraction) {
    // (3/8)(1 + c²) by inverting its CDF, the cubic c³ + 3c + 4 − 8u = 0 (one real root, Cardano)
    const halfQ = 2 - 4 * stream.uniform();
    const root = Math.sqrt(halfQ * halfQ + 1);
    c = Math.cbrt(root - halfQ) - Math.cbrt(root + halfQ);
  } else {
    c = 2 * stream.uniform() - 1;
  }
  out.orientationDensity[0] = 0.5;
  out.orientationDensity[1] = 0.375 * (1 + c * c);
  if (polar !== null) weight = 0.5 / ((1 - polarFraction) * 0.5 + polarFraction * out.orientationDensity[1]);
  const sn = Math.sqrt(Math.max(0, (1 - c) * (1 + c)));
  const phi = 2 * Math.PI * stream.uniform();
  const cp = Math.cos(phi);
  const sp = Math.sin(phi);
  let nx = sn * cp, ny = sn * sp, nz = c;
  // orthonormal pair perpendicular to n: (∂n/∂θ, ∂n/∂φ/sinθ)
  let ax = c * cp, ay = c * sp, az = -sn;
  let bx = -sp, by = cp, bz = 0;
  if (polar !== null) {
    // rotate the frame whose z is the polar axis into place: columns (u, v, w = axis)
    const wx = polar[0], wy = polar[1], wz = polar[2];
    // u ⟂ w from the coordinate axis least aligned with w, v = w × u
    let ux: number, uy: number, uz: number;
    if (Math.abs(wx) < 0.9) {
      const k = 1 / Math.sqrt(1 - wx * wx);
      ux = (1 - wx * wx) * k; uy = -wx * wy * k; uz = -wx * wz * k;
    } else {
      const k = 1 / Math.sqrt(1 - wy * wy);
      ux = -wy * wx * k; uy = (1 - wy * wy) * k; uz = -wy * wz * k;
    }
    const vx = wy * uz - wz * uy, vy = wz * ux - wx * uz, vz = wx * uy - wy * ux;
    // (x, y, z) ↦ x u + y v + z w
    const n0 = nx, n1 = ny, n2 = nz;
    nx = ux * n0 + vx * n1 + wx * n2; ny = uy * n0 + vy * n1 + wy * n2; nz = uz * n0 + vz * n1 + wz * n2;
    const a0 = ax, a1 = ay, a2 = az;
    ax = ux * a0 + vx * a1 + wx * a2; ay = uy * a0 + vy * a1 + wy * a2; az = uz * a0 + vz * a1 + wz * a2;
    const b0 = bx, b1 = by, b2 = bz;
    bx = ux * b0 + vx * b1 + wx * b2; by = uy * b0 + vy * b1 + wy * b2; bz = uz * b0 + vz * b1 + wz * b2;
  }
  const chi = 2 * Math.PI * stream.uniform();
  const cc = Math.cos(chi) * sin12;
  const sc = Math.sin(chi) * sin12;
  const dx = cos12 * nx + cc * ax + sc * bx;
  const dy = cos12 * ny + cc * ay + sc * by;
  const dz = cos12 * nz + cc * az + sc * bz;
  p[0] = e1; p[1] = q1 * nx; p[2] = q1 * ny; p[3] = q1 * nz;
  p[4] = e2; p[5] = q2 * dx; p[6] = q2 * dy; p[7] = q2 * dz;
  p[8] = sqrtS - e1 - e2; p[9] = -p[1] - p[5]; p[10] = -p[2] - p[6]; p[11] = -p[3] - p[7];
  return weight;
}
