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
 * The multiperipheral (two-photon) diagrams of e⁻(p1) e⁺(p2) → e⁻(p3) e⁺(p4) μ⁻(p5) μ⁺(p6) in QED
 * at tree level, all masses kept: photon q1 = p1 − p3 from the e⁻ line, q2 = p2 − p4 from the e⁺
 * line, both off shell, fused into the muon pair by t- and u-channel muon exchange
 * (Berends, Daverveldt, Kleiss, Nucl. Phys. B253 (1985) 441, the "multiperipheral" class):
 *   M = (e⁴/(q1² q2²)) J1_μ J2_ν T^{μν},  J1 = ū(p3)γ^μ u(p1),  J2 = v̄(p2)γ^ν v(p4),
 *   T^{μν} = ū(p5)[γ^μ (p̸5 − q̸1 + m)γ^ν / D1 + γ^ν (p̸5 − q̸2 + m)γ^μ / D2] v(p6),
 *   D1 = (p5 − q1)² − m² = q1² − 2p5·q1,  D2 = q2² − 2p5·q2.
 * The class is gauge invariant by itself: q1_μ T^{μν} = 0 = T^{μν} q2_ν for every index, with
 * the muons on shell and q1 + q2 = p5 + p6.
 *
 * The fast form sums the electron spins by their traces,
 *   Tr[(p̸3 + m)γ^μ(p̸1 + m)γ^μ′] = 2[P^μ P^μ′ − q^μ q^μ′ + q² g^{μμ′}],  P = p1 + p3, q = p1 − p3,
 * (the e⁺ line alike, P′ = p2 + p4, q2 = p2 − p4). As T is transverse to q1, the q q term drops and
 * P may be replaced by P̃ = P − q1 (P·n)/(q1·n) for any n: with n = p2 the large light-cone part of
 * P ≈ 2p1 ∥ q1, which cancels against T·q1 = 0 to O(|k⃗|/E) when the spectator is at tiny angle,
 * is removed analytically and the contraction keeps its precision down to Q² = Q²min. Then
 *   ¼Σ|M|² = (e⁸/(q1⁴ q2⁴)) Σ_{λ5λ6} [ |A|² + q2² B·B* + q1² C·C* + q1² q2² T:T* ],
 *   A = P̃1_μ T^{μν} P̃2_ν,  B^ν = P̃1_μ T^{μν},  C^μ = T^{μν} P̃2_ν,  T:T* = T^{μν} T*_{μν}.
 * `MultiperipheralAmplitude.helicityAmplitude` is the explicit-spinor amplitude that checks it.
 */

/** Momenta as (E, px, py, pz), GeV: p1 (e⁻ in), p2 (e⁺ in), p3 (e⁻ out), p4 (e⁺ out), p5 (μ⁻), p6 (μ⁺). */
export interface SixMomenta {
  readonly p1: Float64Array;
  readonly p2: Float64Array;
  readonly p3: Float64Array;
  readonly p4: Float64Array;
  readonly p5: Float64Array;
  readonly p6: Float64Array;
}

function dot(a: Float64Array, b: Float64Array): number {
  return a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3];
}

export class MultiperipheralAmplitude {
  private readonly u5 = [complex4(), complex4()];
  private readonly v6 = [complex4(), complex4()];
  private readonly gamma = [complex4(), complex4(), complex4(), complex4()];
  private readonly vec = complex4();
  private readonly a = complex4();
  private readonly b = complex4();
  private readonly t = complex4();
  /** γ⁰γ^μ u for the current μ⁻ spinor. */
  private readonly rows = [complex4(), complex4(), complex4(), complex4()];
  /** S1 γ^ν v6 and S2 γ^μ v6 (four spinors each) for the current μ⁺ helicity. */
  private readonly s1v = [complex4(), complex4(), complex4(), complex4()];
  private readonly s2v = [complex4(), complex4(), complex4(), complex4()];
  /** T^{μν} (upper indices) as (re, im) at [2(4μ + ν)], for the current muon helicities. */
  readonly tensor = new Float64Array(32);
  private readonly q1 = new Float64Array(4);
  private readonly q2 = new Float64Array(4);
  /** P̃1, P̃2 with lower indices. */
  private readonly pt1 = new Float64Array(4);
  private readonly pt2 = new Float64Array(4);
  private readonly bv = new Float64Array(8);
  private readonly cv = new Float64Array(8);

  constructor(
    readonly electronMass: number,
    readonly muonMass: number,
  ) {
    for (let mu = 0; mu < 4; mu++) gammaUpperBasis(mu, this.gamma[mu]);
  }

  /**
   * Fills `tensor` with T^{μν} for muon helicities λ5, λ6 (±1); q1, q2 are the photon momenta
   * (q1 + q2 = p5 + p6) and D1, D2 the muon propagator denominators (GeV²).
   */
  muonTensor(p5: Float64Array, p6: Float64Array, q1: Float64Array, q2: Float64Array, lambda5: number, lambda6: number): Float64Array {
    const m = this.muonMass;
    const u5 = this.u5[0];
    const v6 = this.v6[0];
    spinorU(p5[0], p5[1], p5[2], p5[3], m, lambda5, u5);
    spinorV(p6[0], p6[1], p6[2], p6[3], m, lambda6, v6);
    this.fillPropagated(p5, q1, q2, v6);
    this.contract(u5);
    return this.tensor;
  }

  /** s1v[ν] = S1 γ^ν v, s2v[μ] = S2 γ^μ v with Si = (p̸5 − q̸i + m)/Di. */
  private fillPropagated(p5: Float64Array, q1: Float64Array, q2: Float64Array, v: Complex4): void {
    const m = this.muonMass;
    const d1 = dot(q1, q1) - 2 * dot(p5, q1);
    const d2 = dot(q2, q2) - 2 * dot(p5, q2);
    for (let nu = 0; nu < 4; nu++) {
      slashApply(this.gamma[nu], v, this.a);
      setRealVector(this.vec, p5[0] - q1[0], p5[1] - q1[1], p5[2] - q1[2], p5[3] - q1[3]);
      slashApply(this.vec, this.a, this.b);
      combine(1 / d1, 0, this.b, m / d1, 0, this.a, this.s1v[nu]);
      setRealVector(this.vec, p5[0] - q2[0], p5[1] - q2[1], p5[2] - q2[2], p5[3] - q2[3]);
      slashApply(this.vec, this.a, this.b);
      combine(1 / d2, 0, this.b, m / d2, 0, this.a, this.s2v[nu]);
    }
  }

  /**
   * tensor^{μν} = ū γ^μ s1v[ν] + ū γ^ν s2v[μ], with ū γ^μ X = (γ⁰γ^μ u)† X (as γ^μ† = γ⁰γ^μγ⁰):
   * the four rows γ⁰γ^μ u are made once, then each entry is a plain conjugated product.
   */
  private contract(u: Complex4): void {
    const rows = this.rows;
    for (let mu = 0; mu < 4; mu++) slashApply(this.gamma[0], slashApply(this.gamma[mu], u, this.t), rows[mu]);
    const T = this.tensor;
    for (let mu = 0; mu < 4; mu++) {
      const rm = rows[mu];
      const s2 = this.s2v[mu];
      for (let nu = 0; nu < 4; nu++) {
        const s1 = this.s1v[nu];
        const rn = rows[nu];
        let re = 0;
        let im = 0;
        for (let j = 0; j < 8; j += 2) {
          // conj(r)·x for both diagrams
          re += rm[j] * s1[j] + rm[j + 1] * s1[j + 1] + rn[j] * s2[j] + rn[j + 1] * s2[j + 1];
          im += rm[j] * s1[j + 1] - rm[j + 1] * s1[j] + rn[j] * s2[j + 1] - rn[j + 1] * s2[j];
        }
        T[2 * (4 * mu + nu)] = re;
        T[2 * (4 * mu + nu) + 1] = im;
      }
    }
  }

  /**
   * Spin-averaged ¼Σ|M|² (GeV⁻⁴) by the trace form of the file comment; the photon virtualities
   * Q1² = −q1², Q2² = −q2² (GeV²) are given exactly by the construction of the kinematics, as the
   * components lose them to rounding at tiny angles.
   */
  matrixElement2(k: SixMomenta, virtuality1: number, virtuality2: number, alpha: number): number {
    const { p1, p2, p3, p4, p5, p6 } = k;
    const q1 = this.q1;
    const q2 = this.q2;
    for (let i = 0; i < 4; i++) {
      q1[i] = p1[i] - p3[i];
      q2[i] = p2[i] - p4[i];
    }
    // P̃1 = P1 − q1 (P1·p2)/(q1·p2), P̃2 = P2 − q2 (P2·p1)/(q2·p1), stored with lower indices.
    const pt1 = this.pt1;
    const pt2 = this.pt2;
    const r1 = (dot(p1, p2) + dot(p3, p2)) / dot(q1, p2);
    const r2 = (dot(p2, p1) + dot(p4, p1)) / dot(q2, p1);
    for (let i = 0; i < 4; i++) {
      const sign = i === 0 ? 1 : -1;
      pt1[i] = sign * (p1[i] + p3[i] - r1 * q1[i]);
      pt2[i] = sign * (p2[i] + p4[i] - r2 * q2[i]);
    }
    const q1s = -virtuality1;
    const q2s = -virtuality2;
    const m = this.muonMass;
    const T = this.tensor;
    const bv = this.bv;
    const cv = this.cv;
    let sum = 0;
    for (let h6 = 0; h6 < 2; h6++) {
      const v6 = this.v6[h6];
      spinorV(p6[0], p6[1], p6[2], p6[3], m, h6 === 0 ? 1 : -1, v6);
      this.fillPropagated(p5, q1, q2, v6);
      for (let h5 = 0; h5 < 2; h5++) {
        const u5 = this.u5[h5];
        spinorU(p5[0], p5[1], p5[2], p5[3], m, h5 === 0 ? 1 : -1, u5);
        this.contract(u5);
        bv.fill(0);
        cv.fill(0);
        let tt = 0;
        for (let mu = 0; mu < 4; mu++) {
          for (let nu = 0; nu < 4; nu++) {
            const j = 2 * (4 * mu + nu);
            const re = T[j];
            const im = T[j + 1];
            bv[2 * nu] += pt1[mu] * re;
            bv[2 * nu + 1] += pt1[mu] * im;
            cv[2 * mu] += re * pt2[nu];
            cv[2 * mu + 1] += im * pt2[nu];
            tt += (mu === 0) === (nu === 0) ? re * re + im * im : -(re * re + im * im);
          }
        }
        let aRe = 0;
        let aIm = 0;
        let bb = 0;
        let cc = 0;
        for (let i = 0; i < 4; i++) {
          aRe += bv[2 * i] * pt2[i];
          aIm += bv[2 * i + 1] * pt2[i];
          const sign = i === 0 ? 1 : -1;
          bb += sign * (bv[2 * i] * bv[2 * i] + bv[2 * i + 1] * bv[2 * i + 1]);
          cc += sign * (cv[2 * i] * cv[2 * i] + cv[2 * i + 1] * cv[2 * i + 1]);
        }
        sum += aRe * aRe + aIm * aIm + q2s * bb + q1s * cc + q1s * q2s * tt;
      }
    }
    const e2 = 4 * Math.PI * alpha;
    const e4 = e2 * e2;
    return (e4 * e4 * sum) / (q1s * q1s * q2s * q2s);
  }

  /**
   * The explicit-spinor amplitude (re, im) for helicities [λ1, λ2, λ3, λ4, λ5, λ6] (±1) of
   * e⁻(p1) e⁺(p2) e⁻(p3) e⁺(p4) μ⁻(p5) μ⁺(p6); with `current1` given, it replaces J1 (the Ward
   * identity check sets it to q1). The propagators 1/qᵢ² take −`virtuality1`, −`virtuality2` when
   * given, else the components' q². With `subtractGauge` the currents become
   * J1 − q1 (J1·p2)/(q1·p2) and J2 − q2 (J2·p1)/(q2·p1), which leaves M unchanged (T is transverse)
   * but removes the cancellation of J1 ≈ (2E/ω) q1 against T at tiny angles. Slow: for tests.
   */
  helicityAmplitude(
    k: SixMomenta, helicities: readonly number[], alpha: number, out: Float64Array,
    current1?: Complex4, virtuality1?: number, virtuality2?: number, subtractGauge = false,
  ): Float64Array {
    const { p1, p2, p3, p4, p5, p6 } = k;
    const me = this.electronMass;
    const q1 = new Float64Array(4);
    const q2 = new Float64Array(4);
    for (let i = 0; i < 4; i++) {
      q1[i] = p1[i] - p3[i];
      q2[i] = p2[i] - p4[i];
    }
    const j1 = complex4();
    const j2 = complex4();
    const ui = complex4();
    const uo = complex4();
    const t = complex4();
    const c = new Float64Array(2);
    spinorU(p1[0], p1[1], p1[2], p1[3], me, helicities[0], ui);
    spinorU(p3[0], p3[1], p3[2], p3[3], me, helicities[2], uo);
    for (let mu = 0; mu < 4; mu++) {
      barProduct(uo, slashApply(this.gamma[mu], ui, t), c);
      j1[2 * mu] = c[0];
      j1[2 * mu + 1] = c[1];
    }
    spinorV(p2[0], p2[1], p2[2], p2[3], me, helicities[1], ui);
    spinorV(p4[0], p4[1], p4[2], p4[3], me, helicities[3], uo);
    for (let nu = 0; nu < 4; nu++) {
      barProduct(ui, slashApply(this.gamma[nu], uo, t), c);
      j2[2 * nu] = c[0];
      j2[2 * nu + 1] = c[1];
    }
    if (subtractGauge) {
      subtractAlong(j1, q1, p2);
      subtractAlong(j2, q2, p1);
    }
    const jj = current1 ?? j1;
    this.muonTensor(p5, p6, q1, q2, helicities[4], helicities[5]);
    // J1_μ T^{μν} J2_ν with the metric on both indices: contract T with J2 into a vector X^μ, then J1·X.
    const x = complex4();
    const T = this.tensor;
    for (let mu = 0; mu < 4; mu++) {
      let re = 0;
      let im = 0;
      for (let nu = 0; nu < 4; nu++) {
        const sign = nu === 0 ? 1 : -1;
        const tr = T[2 * (4 * mu + nu)], ti = T[2 * (4 * mu + nu) + 1];
        const jr = j2[2 * nu], ji = j2[2 * nu + 1];
        re += sign * (tr * jr - ti * ji);
        im += sign * (tr * ji + ti * jr);
      }
      x[2 * mu] = re;
      x[2 * mu + 1] = im;
    }
    minkowskiDot(jj, x, out);
    const e2 = 4 * Math.PI * alpha;
    const scale = (e2 * e2) / ((virtuality1 === undefined ? dot(q1, q1) : -virtuality1) * (virtuality2 === undefined ? dot(q2, q2) : -virtuality2));
    out[0] *= scale;
    out[1] *= scale;
    return out;
  }

  /** ¼Σ|M|² from the 64 explicit-spinor helicity amplitudes (propagators and currents as in `helicityAmplitude`). Slow: for tests. */
  spinSummed(k: SixMomenta, alpha: number, virtuality1?: number, virtuality2?: number, subtractGauge = false): number {
    const amp = new Float64Array(2);
    const hel = [1, 1, 1, 1, 1, 1];
    let sum = 0;
    for (let h = 0; h < 64; h++) {
      for (let i = 0; i < 6; i++) hel[i] = h & (1 << i) ? 1 : -1;
      this.helicityAmplitude(k, hel, alpha, amp, undefined, virtuality1, virtuality2, subtractGauge);
      sum += amp[0] * amp[0] + amp[1] * amp[1];
    }
    return 0.25 * sum;
  }
}

/** j ← j − q (j·n)/(q·n) for a complex current j and real four-vectors q, n (contravariant). */
function subtractAlong(j: Complex4, q: Float64Array, n: Float64Array): void {
  let re = 0;
  let im = 0;
  for (let mu = 0; mu < 4; mu++) {
    const sign = mu === 0 ? 1 : -1;
    re += sign * j[2 * mu] * n[mu];
    im += sign * j[2 * mu + 1] * n[mu];
  }
  const qn = dot(q, n);
  for (let mu = 0; mu < 4; mu++) {
    j[2 * mu] -= (q[mu] * re) / qn;
    j[2 * mu + 1] -= (q[mu] * im) / qn;
  }
}
