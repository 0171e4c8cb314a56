import gammaFunction from '@stdlib/math-base-special-gamma';
import { CHARGED_PION_MASS } from '../../src/physics/constants.js';

/**
 * The timelike electromagnetic form factor of the charged pion, F_π(s), in the model of
 * H. Czyż, M. Gunia, J.H. Kühn, JHEP 08 (2013) 110 (arXiv:1306.1985), fitted there to BaBar's
 * e⁺e⁻ → π⁺π⁻(γ) spectrum (PRD 86, 032013 (2012), arXiv:1205.2228); it is PHOKHARA's pion form
 * factor (option FF_pion = 2, "GS new", parameters of PHOKHARA 9/10's const_and_model_paramall):
 *
 *   F_π(s) = c₀ BW₀(s)·[1 + c_ω BW_ω(s)]/(1 + c_ω) + Σ_{n ≥ 1} c_n BW_n(s),
 *
 * a tower of ρ recurrences (the dual-QCD model of C. Bruch, A. Khodjamirian, J.H. Kühn, EPJC 39
 * (2005) 41, hep-ph/0409080), each a Gounaris–Sakurai propagator (PRL 21 (1968) 244) with the
 * pion-loop function of Czyż, Grzelińska, Kühn, PRD 81, 094014 (2010), arXiv:1002.0279, eqs. (2)–(6):
 *
 *   BW_n(s) = (m² + H(0)) / (m² − s + H(s) − i√s Γ(s)),   √s Γ(s) = (s/m)(v/v_m)³ Γ,
 *   Ĥ(s) = (Γ/πm) s (v/v_m)³ ln((1 + v)/(1 − v)),   v = √(1 − 4m_π²/s), v_m = v(m²),
 *   H(s) = Ĥ(s) − Ĥ(m²) − (s − m²) Ĥ′(m²),
 *   Ĥ′(m²) = (Γ/(πm v_m²))[(3 − 2v_m² − 3r) ln((1 + v_m)/(1 − v_m)) + 2v_m(1 − r/(1 − v_m²))], r = 2m_π²/m²,
 *   H(0) = −8m_π²Γ/(πm v_m³) − Ĥ(m²) + m² Ĥ′(m²);
 *
 * the ω enters through ρ–ω mixing as a fixed-width Breit–Wigner BW_ω = m_ω²/(m_ω² − s − i m_ω Γ_ω).
 * The dual-model couplings and masses,
 *   c_n = (−1)ⁿ Γ(β − ½)/(√π (n + ½)) · sin(π(β − 1 − n))/π · Γ(n + 2 − β)/n!,
 *   m_n = m₀√(1 + 2n),  Γ_n = Γ₀ m_n/m₀,
 * hold for n ≥ 6; c₀ and the masses, widths and relative couplings of ρ(1450), ρ(1700), ρ(2150) and
 * two more states are fitted, c₁…c₅ keeping the dual model's sum (so that F_π(0) ≈ 1).
 * The tower is summed to n = 2000 (m_n ≈ 49 GeV), far beyond √s = 10.58 GeV.
 *
 * F_π here is the form factor of the dressed cross section (vacuum polarisation included) with
 * α(0): σ(e⁺e⁻ → π⁺π⁻) = (πα²/3s) β_π³ |F_π(s)|².
 */

/** The fitted parameters (PHOKHARA FF_pion = 2; Czyż, Gunia, Kühn 2013): GeV, rad. */
export const PION_FORM_FACTOR_FIT = {
  /** c₀, m₀ and Γ₀ of the ρ(770). */
  c0: 1.087633403691967,
  rhoMass: 0.7733690734480345,
  rhoWidth: 0.147053025468656,
  /** |c_ω|, φ_ω, m_ω, Γ_ω of ρ–ω mixing. */
  omegaMagnitude: 0.00186724211167299,
  omegaPhase: 0.1055961852734719,
  omegaMass: 0.78241,
  omegaWidth: 0.00833,
  /** Masses, widths, |c_n/c₁| and phases of n = 1…5. */
  masses: [1.489505729274754, 1.86961155147573, 2.12, 2.32015390423095, 2.56502665207074],
  widths: [0.4290884148991568, 0.3575024923053209, 0.3, 0.441483543030425, 0.488078421116214],
  magnitudes: [1, 0.5894475353098135, 0.04767753409025326, 0.3962340510662401, 0.4302294935131883],
  phases: [0, -2.19978305318418, -2.040841165327912, -2.94468808402772, 1.191141958695573],
  /** β of the dual-QCD couplings. */
  beta: 2.14845339006279,
} as const;

/** Highest recurrence of the tower. */
const TOWER_SIZE = 2001;

/**
 * The pion form factor as a function of s (GeV²): the tower's couplings and Gounaris–Sakurai
 * constants are computed once; `value(s)` sums the tower (2001 propagators).
 */
export class PionFormFactor {
  private readonly mass = new Float64Array(TOWER_SIZE);
  private readonly width = new Float64Array(TOWER_SIZE);
  private readonly couplingRe = new Float64Array(TOWER_SIZE);
  private readonly couplingIm = new Float64Array(TOWER_SIZE);
  /** Ĥ(m²), Ĥ′(m²), m² + H(0) and v_m of each state. */
  private readonly hAtMass = new Float64Array(TOWER_SIZE);
  private readonly hSlope = new Float64Array(TOWER_SIZE);
  private readonly numerator = new Float64Array(TOWER_SIZE);
  private readonly vAtMass = new Float64Array(TOWER_SIZE);
  /** Real and imaginary part of the last `value`. */
  re = 0;
  im = 0;

  constructor(private readonly pionMass = CHARGED_PION_MASS) {
    const fit = PION_FORM_FACTOR_FIT;
    const beta = fit.beta;
    // Dual-model couplings: Γ(n + 2 − β)/n! by recursion from Γ(2 − β).
    let ratio = gammaFunction(2 - beta);
    const g0 = gammaFunction(beta - 0.5);
    const dual = new Float64Array(TOWER_SIZE);
    for (let n = 0; n < TOWER_SIZE; n++) {
      if (n > 0) ratio *= (1 - beta + n) / n;
      const sign = n % 2 === 0 ? 1 : -1;
      dual[n] = (sign * g0 * Math.sin(Math.PI * (beta - 1 - n)) * ratio) / (Math.sqrt(Math.PI) * (n + 0.5) * Math.PI);
      this.mass[n] = fit.rhoMass * Math.sqrt(1 + 2 * n);
      this.width[n] = (fit.rhoWidth * this.mass[n]) / fit.rhoMass;
      this.couplingRe[n] = dual[n];
    }
    this.couplingRe[0] = fit.c0;
    // n = 1…5: the fitted states, with relative couplings w_n scaled to the dual model's sum.
    let dualSum = 0;
    let wRe = 0;
    let wIm = 0;
    for (let k = 0; k < 5; k++) {
      dualSum += dual[k + 1];
      wRe += fit.magnitudes[k] * Math.cos(fit.phases[k]);
      wIm += fit.magnitudes[k] * Math.sin(fit.phases[k]);
    }
    const w2 = wRe * wRe + wIm * wIm;
    for (let k = 0; k < 5; k++) {
      const aRe = fit.magnitudes[k] * Math.cos(fit.phases[k]);
      const aIm = fit.magnitudes[k] * Math.sin(fit.phases[k]);
      // c = a·S/W with W = wRe + i wIm.
      this.couplingRe[k + 1] = (dualSum * (aRe * wRe + aIm * wIm)) / w2;
      this.couplingIm[k + 1] = (dualSum * (aIm * wRe - aRe * wIm)) / w2;
      this.mass[k + 1] = fit.masses[k];
      this.width[k + 1] = fit.widths[k];
    }
    const m2pi = pionMass * pionMass;
    for (let n = 0; n < TOWER_SIZE; n++) {
      const m = this.mass[n];
      const gamma = this.width[n];
      const mm = m * m;
      const vm = Math.sqrt(1 - (4 * m2pi) / mm);
      const log = Math.log((1 + vm) / (1 - vm));
      const r = (2 * m2pi) / mm;
      this.vAtMass[n] = vm;
      this.hAtMass[n] = (gamma / (Math.PI * m)) * mm * log;
      this.hSlope[n] = (gamma / (Math.PI * m * vm * vm)) * ((3 - 2 * vm * vm - 3 * r) * log + 2 * vm * (1 - r / (1 - vm * vm)));
      const h0 = (-8 * m2pi * gamma) / (Math.PI * m * vm * vm * vm) - this.hAtMass[n] + mm * this.hSlope[n];
      this.numerator[n] = mm + h0;
    }
  }

  /** F_π(s) for s above the π⁺π⁻ threshold (GeV²); sets `re` and `im` and returns |F_π|². */
  value(s: number): number {
    const v = Math.sqrt(Math.max(0, 1 - (4 * this.pionMass * this.pionMass) / s));
    const log = Math.log((1 + v) / (1 - v));
    const v3 = v * v * v;
    let re = 0;
    let im = 0;
    for (let n = 0; n < TOWER_SIZE; n++) {
      const m = this.mass[n];
      const gamma = this.width[n];
      const vm = this.vAtMass[n];
      const ratio3 = v3 / (vm * vm * vm);
      const hHat = (gamma / (Math.PI * m)) * s * ratio3 * log;
      const h = hHat - this.hAtMass[n] - (s - m * m) * this.hSlope[n];
      // BW = N/(a − ib) = N(a + ib)/(a² + b²).
      const a = m * m - s + h;
      const b = (s / m) * ratio3 * gamma;
      const scale = this.numerator[n] / (a * a + b * b);
      let bwRe = scale * a;
      let bwIm = scale * b;
      if (n === 0) {
        // ×(1 + c_ω BW_ω)/(1 + c_ω).
        const fit = PION_FORM_FACTOR_FIT;
        const mo2 = fit.omegaMass * fit.omegaMass;
        const oa = mo2 - s;
        const ob = fit.omegaMass * fit.omegaWidth;
        const os = mo2 / (oa * oa + ob * ob);
        const cRe = fit.omegaMagnitude * Math.cos(fit.omegaPhase);
        const cIm = fit.omegaMagnitude * Math.sin(fit.omegaPhase);
        const oRe = os * oa;
        const oIm = os * ob;
        const numRe = 1 + cRe * oRe - cIm * oIm;
        const numIm = cRe * oIm + cIm * oRe;
        const dRe = 1 + cRe;
        const d2 = dRe * dRe + cIm * cIm;
        const fRe = (numRe * dRe + numIm * cIm) / d2;
        const fIm = (numIm * dRe - numRe * cIm) / d2;
        const tRe = bwRe * fRe - bwIm * fIm;
        bwIm = bwRe * fIm + bwIm * fRe;
        bwRe = tRe;
      }
      const cr = this.couplingRe[n];
      const ci = this.couplingIm[n];
      re += cr * bwRe - ci * bwIm;
      im += cr * bwIm + ci * bwRe;
    }
    this.re = re;
    this.im = im;
    return re * re + im * im;
  }
}

/**
 * |F_π|² tabulated in √s for fast look-ups: steps of 0.5 MeV from the π⁺π⁻ threshold to 2 GeV
 * (the ω, Γ = 8.3 MeV, gets 17 points per width) and of 5 MeV above, linear interpolation between
 * the points. Above the table's end |F_π|² falls as 1/s² (the asymptotic s|F_π| → const of QCD
 * counting rules), matched to the last point.
 */
export class PionFormFactorTable {
  private readonly fine: Float64Array;
  private readonly coarse: Float64Array;
  private readonly threshold: number;
  private readonly fineStep = 0.0005;
  private readonly coarseStep = 0.005;
  private readonly split = 2;
  readonly maxSqrtS: number;

  constructor(maxSqrtS: number, pionMass = CHARGED_PION_MASS) {
    const ff = new PionFormFactor(pionMass);
    this.threshold = 2 * pionMass;
    this.maxSqrtS = Math.max(maxSqrtS, this.split + this.coarseStep);
    const nFine = Math.ceil((this.split - this.threshold) / this.fineStep) + 1;
    this.fine = new Float64Array(nFine);
    // Start a hair above threshold: the value there is the limit v → 0 (zero phase space anyway).
    for (let i = 0; i < nFine; i++) this.fine[i] = ff.value(Math.max(this.threshold + i * this.fineStep, this.threshold * (1 + 1e-12)) ** 2);
    const nCoarse = Math.ceil((this.maxSqrtS - this.split) / this.coarseStep) + 1;
    this.coarse = new Float64Array(nCoarse);
    const fineEnd = this.threshold + (nFine - 1) * this.fineStep;
    for (let i = 0; i < nCoarse; i++) this.coarse[i] = ff.value((fineEnd + i * this.coarseStep) ** 2);
  }

  /** |F_π(s)|² (0 below threshold). */
  at(s: number): number {
    const e = Math.sqrt(s);
    if (!(e > this.threshold)) return 0;
    let x = (e - this.threshold) / this.fineStep;
    let table = this.fine;
    if (x >= this.fine.length - 1) {
      x = (e - (this.threshold + (this.fine.length - 1) * this.fineStep)) / this.coarseStep;
      table = this.coarse;
      if (x >= table.length - 1) {
        const last = this.threshold + (this.fine.length - 1) * this.fineStep + (table.length - 1) * this.coarseStep;
        const r = (last * last) / s;
        return table[table.length - 1] * r * r;
      }
    }
    const i = Math.floor(x);
    const t = x - i;
    return (1 - t) * table[i] + t * table[i + 1];
  }
}
