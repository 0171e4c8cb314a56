import type { FourVector } from '../../src/physics/fourVector.js';
import {
  barProduct,
  combine,
  type Complex4,
  complex4,
  gammaUpperBasis,
  minkowskiDot,
  setRealVector,
  slashApply,
  spinorU,
  spinorV,
} from './diracAlgebra.js';

/**
 * e+e- → γ* → μ-(p1) μ+(p2) Z′(k) in the L_μ − L_τ model: the Z′ couples vectorially to muons
 * with g′ and is radiated from either muon (two diagrams, with their interference); electrons do
 * not couple to it. Exact tree level, muon and Z′ masses kept.
 *
 * The fast form is the Dirac trace, derived by `muonPairZPrimeTrace.py` beside this file:
 *   Σ|M|² = (e⁴ g′²/s²) L_{μν}H^{μν},  L·H = [F0 + F11 (r·p1)² + F22 (r·p2)² + F12 (r·p1)(r·p2)]/(D1² D2²),
 * with r = p(e-) − p(e+), Di = 2 pi·k + M². The explicit-spinor amplitude below checks it.
 */

/** The invariants |M|² depends on; all in GeV². */
export interface SignalInvariants {
  /** s = (p(e-) + p(e+))², the squared mass of the hard process. */
  s: number;
  /** p1·k (μ-·Z′). */
  p1k: number;
  /** p2·k (μ+·Z′). */
  p2k: number;
  /** r·p1 with r = p(e-) − p(e+). */
  rp1: number;
  /** r·p2. */
  rp2: number;
}

/** Trace coefficients of L·H (times D1² D2²), see the file comment. */
export interface TraceCoefficients {
  F0: number;
  F11: number;
  F22: number;
  F12: number;
}

/** Fills `out` with the trace coefficients at (s, m, M², d1 = p1·k, d2 = p2·k). */
export function muonPairZPrimeTraceCoefficients(s: number, m: number, M2: number, d1: number, d2: number, out: TraceCoefficients): TraceCoefficients {
  const t0 = (d1)*(d1)*(d1);
  const t1 = (d2)*(d2)*(d2);
  const t2 = (M2)*(M2)*(M2);
  const t3 = 4*t2;
  const t4 = M2*s;
  const t5 = d1*d2;
  const t6 = (d2)*(d2);
  const t7 = 4*M2;
  const t8 = 32*d1;
  const t9 = (m)*(m)*(m)*(m);
  const t10 = M2*t9;
  const t11 = (s)*(s);
  const t12 = (d1)*(d1);
  const t13 = 6*t4;
  const t14 = 32*d2;
  const t15 = (M2)*(M2);
  const t16 = 2*d1;
  const t17 = 2*d2;
  const t18 = s*t6;
  const t19 = s*t12;
  const t20 = 2*t15;
  const t21 = 16*t9;
  const t22 = (m)*(m);
  const t23 = M2*t22;
  const t24 = 24*t23;
  const t25 = t22*t8;
  const t26 = t14*t22;
  const t27 = 4*t22;
  const t28 = M2 + t16;
  const t29 = 2*t22;
  const t30 = -M2*s + M2*t29 + t15;
  const t31 = M2 + t17;
  out.F0 = 16*s*(-(M2)*(M2)*(M2)*(M2) + 2*M2*d1*t11 + 2*M2*d2*t11 + 4*M2*t0 + 4*M2*t1 + 8*d1*d2*s*t22 + 4*d1*d2*t11 + 8*d1*t1 - 8*d1*t18 - d1*t3 - d1*t6*t7 + 8*d2*t0 - d2*t12*t7 - 8*d2*t19 - d2*t3 - d2*t8*t9 - s*t15*t16 - s*t15*t17 - t10*t14 - t10*t8 + t11*t15 - t12*t13 - t12*t20 - t12*t21 - t12*t24 - t12*t26 - t13*t6 - t15*t21 - t15*t25 - t15*t26 - 12*t15*t5 - t18*t27 - t19*t27 - 12*t2*t22 - t20*t6 - t21*t6 - 64*t23*t5 - t24*t6 - t25*t6 - 4*t4*t5);
  out.F11 = 32*t28*(-M2*t16 - d1*t27 + 2*d2*s - t30);
  out.F22 = 32*t31*(-M2*t17 + 2*d1*s - d2*t27 - t30);
  out.F12 = 64*t28*t31*(M2 + t29);
  return out;
}

const coefficients: TraceCoefficients = { F0: 0, F11: 0, F22: 0, F12: 0 };

/**
 * Spin-averaged, polarisation-summed |M|² (GeV⁻²) of e+e- → μ-μ+Z′ for muon mass `muonMass`
 * and Z′ mass squared `zPrimeMass2`, photon coupling α and Z′ coupling g′.
 * Electron mass neglected in the lepton tensor (relative effect m_e²/s ~ 1e-8).
 */
export function muonPairZPrimeMatrixElement2(inv: SignalInvariants, muonMass: number, zPrimeMass2: number, alpha: number, gPrime: number): number {
  const { s, p1k, p2k, rp1, rp2 } = inv;
  const c = muonPairZPrimeTraceCoefficients(s, muonMass, zPrimeMass2, p1k, p2k, coefficients);
  const D1 = 2 * p1k + zPrimeMass2;
  const D2 = 2 * p2k + zPrimeMass2;
  const lh = (c.F0 + c.F11 * rp1 * rp1 + c.F22 * rp2 * rp2 + c.F12 * rp1 * rp2) / (D1 * D1 * D2 * D2);
  const e2 = 4 * Math.PI * alpha;
  // ¼ for the average over the e+ and e- spins.
  return (0.25 * e2 * e2 * gPrime * gPrime * lh) / (s * s);
}

/**
 * The helicity amplitude of e+e- → μ-μ+Z′ with explicit spinors and a given Z′ polarisation
 * vector: M = (e² g′/s) J_e·X, J_e^μ = v̄(pb) γ^μ u(pa),
 * X^ν = ū(p1) [ε̸* (p̸1 + k̸ + m) γ^ν / D1 + γ^ν (−p̸2 − k̸ + m) ε̸* / D2] v(p2).
 * Slow (for tests and cross-checks); allocation happens once per instance.
 */
export class MuonPairZPrimeAmplitude {
  private readonly ua = complex4();
  private readonly vb = complex4();
  private readonly u1 = complex4();
  private readonly v2 = complex4();
  private readonly vec = complex4();
  private readonly gamma = complex4();
  private readonly t1 = complex4();
  private readonly t2 = complex4();
  private readonly t3 = complex4();
  private readonly t4 = complex4();
  private readonly jE = complex4();
  private readonly x = complex4();
  private readonly c = new Float64Array(2);

  constructor(
    readonly electronMass: number,
    readonly muonMass: number,
  ) {}

  /**
   * Amplitude (re, im) for helicities [λ(e-), λ(e+), λ(μ-), λ(μ+)] (each ±1) and the vector
   * `epsConj` that is slashed at the Z′ vertex (ε* for a physical polarisation; k for the Ward identity).
   * With `diagram` 1 or 2 only that diagram is kept.
   */
  amplitude(
    pa: FourVector, pb: FourVector, p1: FourVector, p2: FourVector, k: FourVector,
    epsConj: Complex4, helicities: readonly number[], alpha: number, gPrime: number,
    out: Float64Array, diagram: 0 | 1 | 2 = 0,
  ): Float64Array {
    const m = this.muonMass;
    spinorU(pa.E, pa.px, pa.py, pa.pz, this.electronMass, helicities[0], this.ua);
    spinorV(pb.E, pb.px, pb.py, pb.pz, this.electronMass, helicities[1], this.vb);
    spinorU(p1.E, p1.px, p1.py, p1.pz, m, helicities[2], this.u1);
    spinorV(p2.E, p2.px, p2.py, p2.pz, m, helicities[3], this.v2);
    const d1 = 2 * (p1.E * k.E - p1.px * k.px - p1.py * k.py - p1.pz * k.pz) + massSquared(k);
    const d2 = 2 * (p2.E * k.E - p2.px * k.px - p2.py * k.py - p2.pz * k.pz) + massSquared(k);
    // Both diagrams as ū(p1) (column): diagram 1 ū ε̸* S1 γ^ν v, diagram 2 ū γ^ν S2 ε̸* v, Si = (±p̸ + m)/Di.
    const col2 = this.t3; // S2 ε̸* v(p2)
    slashApply(epsConj, this.v2, this.t1);
    setRealVector(this.vec, -(p2.E + k.E), -(p2.px + k.px), -(p2.py + k.py), -(p2.pz + k.pz));
    slashApply(this.vec, this.t1, this.t2);
    combine(1 / d2, 0, this.t2, m / d2, 0, this.t1, col2);
    const x = this.x;
    for (let nu = 0; nu < 4; nu++) {
      gammaUpperBasis(nu, this.gamma);
      let re = 0;
      let im = 0;
      if (diagram !== 2) {
        // ε̸* S1 γ^ν v(p2)
        slashApply(this.gamma, this.v2, this.t1);
        setRealVector(this.vec, p1.E + k.E, p1.px + k.px, p1.py + k.py, p1.pz + k.pz);
        slashApply(this.vec, this.t1, this.t2);
        combine(1 / d1, 0, this.t2, m / d1, 0, this.t1, this.t4);
        slashApply(epsConj, this.t4, this.t2);
        barProduct(this.u1, this.t2, this.c);
        re += this.c[0];
        im += this.c[1];
      }
      if (diagram !== 1) {
        slashApply(this.gamma, col2, this.t2);
        barProduct(this.u1, this.t2, this.c);
        re += this.c[0];
        im += this.c[1];
      }
      x[2 * nu] = re;
      x[2 * nu + 1] = im;
      // electron current J^ν = v̄(pb) γ^ν u(pa)
      slashApply(this.gamma, this.ua, this.t2);
      barProduct(this.vb, this.t2, this.c);
      this.jE[2 * nu] = this.c[0];
      this.jE[2 * nu + 1] = this.c[1];
    }
    minkowskiDot(this.jE, x, out);
    const s = massSquared({ E: pa.E + pb.E, px: pa.px + pb.px, py: pa.py + pb.py, pz: pa.pz + pb.pz });
    const scale = (4 * Math.PI * alpha * gPrime) / s;
    out[0] *= scale;
    out[1] *= scale;
    return out;
  }

  /** Spin-averaged |M|² summed over the three physical Z′ polarisations (real linear basis). */
  spinSummed(pa: FourVector, pb: FourVector, p1: FourVector, p2: FourVector, k: FourVector, alpha: number, gPrime: number): number {
    const eps = complex4();
    const amp = new Float64Array(2);
    const hel = [1, 1, 1, 1];
    let sum = 0;
    for (let pol = 0; pol < 3; pol++) {
      polarisationVector(k, pol, eps);
      for (let h = 0; h < 16; h++) {
        hel[0] = h & 1 ? 1 : -1;
        hel[1] = h & 2 ? 1 : -1;
        hel[2] = h & 4 ? 1 : -1;
        hel[3] = h & 8 ? 1 : -1;
        this.amplitude(pa, pb, p1, p2, k, eps, hel, alpha, gPrime, amp);
        sum += amp[0] * amp[0] + amp[1] * amp[1];
      }
    }
    return 0.25 * sum;
  }
}

function massSquared(p: FourVector): number {
  return p.E * p.E - p.px * p.px - p.py * p.py - p.pz * p.pz;
}

/**
 * Real polarisation vectors of a massive vector boson with momentum k: two transverse unit vectors
 * (pol 0, 1) and the longitudinal one (|k|/M, E k̂/M) (pol 2); each satisfies ε·k = 0, ε² = −1.
 */
export function polarisationVector(k: FourVector, pol: number, out: Complex4): Complex4 {
  const p = Math.hypot(k.px, k.py, k.pz);
  const nx = k.px / p, ny = k.py / p, nz = k.pz / p;
  // e1 ⟂ n in the plane of n and z (or x if n ∥ z), e2 = n × e1.
  let ax = 0, ay = 0, az = 1;
  if (Math.abs(nz) > 0.9) { ax = 1; az = 0; }
  const dotAn = ax * nx + ay * ny + az * nz;
  let e1x = ax - dotAn * nx, e1y = ay - dotAn * ny, e1z = az - dotAn * nz;
  const n1 = Math.hypot(e1x, e1y, e1z);
  e1x /= n1; e1y /= n1; e1z /= n1;
  if (pol === 0) return setRealVector(out, 0, e1x, e1y, e1z);
  if (pol === 1) return setRealVector(out, 0, ny * e1z - nz * e1y, nz * e1x - nx * e1z, nx * e1y - ny * e1x);
  const M = Math.sqrt(massSquared(k));
  return setRealVector(out, p / M, (k.E / M) * nx, (k.E / M) * ny, (k.E / M) * nz);
}

/**
 * Spin-averaged |M|² of e+e- → γ* → μ-(p1) μ+(p2) from the same spinors:
 * M = (e²/s) [v̄(pb) γ^μ u(pa)] [ū(p1) γ_μ v(p2)].
 */
export function muonPairBornNumeric(pa: FourVector, pb: FourVector, p1: FourVector, p2: FourVector, electronMass: number, muonMass: number, alpha: number): number {
  const ua = complex4(), vb = complex4(), u1 = complex4(), v2 = complex4();
  const gamma = complex4(), t = complex4(), jE = complex4(), jMu = complex4();
  const c = new Float64Array(2);
  const s = massSquared({ E: pa.E + pb.E, px: pa.px + pb.px, py: pa.py + pb.py, pz: pa.pz + pb.pz });
  const e2 = 4 * Math.PI * alpha;
  let sum = 0;
  for (let h = 0; h < 16; h++) {
    spinorU(pa.E, pa.px, pa.py, pa.pz, electronMass, h & 1 ? 1 : -1, ua);
    spinorV(pb.E, pb.px, pb.py, pb.pz, electronMass, h & 2 ? 1 : -1, vb);
    spinorU(p1.E, p1.px, p1.py, p1.pz, muonMass, h & 4 ? 1 : -1, u1);
    spinorV(p2.E, p2.px, p2.py, p2.pz, muonMass, h & 8 ? 1 : -1, v2);
    for (let mu = 0; mu < 4; mu++) {
      gammaUpperBasis(mu, gamma);
      barProduct(vb, slashApply(gamma, ua, t), c);
      jE[2 * mu] = c[0];
      jE[2 * mu + 1] = c[1];
      barProduct(u1, slashApply(gamma, v2, t), c);
      jMu[2 * mu] = c[0];
      jMu[2 * mu + 1] = c[1];
    }
    minkowskiDot(jE, jMu, c);
    sum += (c[0] * c[0] + c[1] * c[1]) * (e2 / s) * (e2 / s);
  }
  return 0.25 * sum;
}
