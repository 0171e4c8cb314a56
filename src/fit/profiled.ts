/**
 * −ln L with the per-bin nuisance parameters profiled out exactly, for models where they enter
 * linearly: the paper's windows (a Gaussian `staterror` γ per bin and sample) and Barlow–Beeston
 * `shapesys` (a Poisson-constrained γ per bin).
 *
 * Structure used. Every cell (bin b, sample s) has rate u_c·γ_c with γ_c its local factor (1 if none)
 * and u_c = nom_c·P_k(θ), where P_k is the product of the cell's global factors. Cells with the same
 * global factors (e.g. every signal cell: μ·κ_eff(α)·lumi) share one *class* k, so P_k and its
 * derivatives are computed once per evaluation, not once per bin. Per bin
 *
 *     ν = Σ_k W_k P_k,  W_k = Σ_{c∈k} nom_c γ_c,   C_l = ∂ν/∂γ_l = Σ_k E_lk P_k,  E_lk = Σ_{c∈k, γ_c=γ_l} nom_c.
 *
 * Profiling. For fixed globals θ the bin's −ln L in its locals is convex (ν is linear in γ, the Poisson
 * term is convex in ν, the constraints are convex), so the profiled γ̂ is unique. Stationarity gives
 * each γ_l as a function of r = 1 − n/ν alone: γ_l = a_l − σ_l² C_l r (Gaussian), γ_l = a_l/(τ_l + C_l r)
 * (Poisson), clipped to its bounds; ν then solves ν = C₀ + Σ_l C_l γ_l(r(ν)), monotone in ν. With only
 * Gaussian locals inside their bounds this is the quadratic ν² − (K − V)ν − Vn = 0, K = C₀ + Σ C_l a_l,
 * V = Σ σ_l² C_l² (for one nuisance per bin, the quadratic of J. Conway, arXiv:1103.0354, used for
 * "Barlow–Beeston lite"); otherwise a safeguarded Newton iteration on ν.
 *
 * Outer problem. The profiled f(θ) has gradient ∂f/∂θ = ∂(−ln L)/∂θ at γ̂ (envelope theorem) and Hessian
 * the Schur complement H_θθ − H_θγ H_γγ⁻¹ H_γθ over the locals inside their bounds. Per bin
 * H_γγ = diag(h) + w·C·Cᵀ (h: constraint curvature, w = n/ν²) is inverted by Sherman–Morrison, and every
 * θ-vector of the bin is a combination of the class gradients ∇P_k, so each bin adds O(K²) numbers to
 * K×K sums that are mapped onto the G×G Hessian once per evaluation.
 *
 * Histosys. A cell's nominal may carry additive shifts, u_c = (nom_c + Σ_h Δ_ch(α_h))·P_k(θ), with each α_h
 * a global (it shifts several bins). Then W_k and E_lk depend on α, and the θ-vectors of a bin are
 * combinations of the class gradients ∇P_k and of the unit vectors e_h of the bin's histosys
 * parameters: ∇ν = Σ_k W_k ∇P_k + Σ_h S_h e_h with S_h = Σ_c γ_c P_k ∂Δ_ch, and ∇²ν gains the cross terms
 * X_kh(∇P_k e_hᵀ + e_h ∇P_kᵀ), X_kh = Σ_{c∈k} γ_c ∂Δ_ch, and Y_h e_h e_hᵀ, Y_h = Σ_c γ_c P_k ∂²Δ_ch. The sums of
 * the class space run over this extended basis of K + H vectors, H the number of histosys globals.
 */
import type { Interp3 } from './interpolation.js';
import type { ArrowLayout } from './likelihood.js';
import type { Model } from './model.js';
import { bd0 } from './saturated.js';
import { FactorKind } from './modifiers/index.js';

/** Above this many distinct global-factor products, the per-class sums stop paying off. */
const MAX_CLASSES = 16;

/** Where a local sits relative to its bounds after profiling. */
const enum LocalState {
  Interior = 0,
  Fixed = 1,
  AtBound = 2,
}

/**
 * The class structure of a model, or null when its per-bin parameters do not enter linearly with a
 * constraint (a histosys parameter that shifts one bin only, several local factors in one cell,
 * unconstrained locals, negative nominal rates); such models are fitted jointly by the block-arrow
 * Newton method.
 */
export class ProfiledLayout {
  readonly nClasses: number;
  /** Factor terms of class k: classFacTerm[classFacStart[k] … classFacStart[k+1]) (model.fac* indices). */
  readonly classFacStart: Int32Array;
  readonly classFacTerm: Int32Array;
  /** Global index of each class factor's parameter. */
  readonly classFacGlobal: Int32Array;
  /** Σ nom over the cells of bin b and class k without a local factor: [b·K + k]. */
  readonly freeNominal: Float64Array;
  /** E_lk: Σ nom over the cells of class k multiplied by local slot j (a `layout.blockPars` position): [j·K + k]. */
  readonly localNominal: Float64Array;
  /** Auxiliary-data index of each parameter's constraint, or −1. */
  readonly auxOf: Int32Array;
  readonly maxClassFactors: number;
  /** Per local slot (a `layout.blockPars` position): 1 for a Gaussian constraint, 0 for a Poisson one. */
  readonly slotGaussian: Uint8Array;
  /** Per local slot: σ² (Gaussian), τ (Poisson), bounds. */
  readonly slotSigma2: Float64Array;
  readonly slotTau: Float64Array;
  readonly slotLo: Float64Array;
  readonly slotHi: Float64Array;
  /** Per bin: 1 if all its locals are Gaussian-constrained (the closed form applies). */
  readonly binGaussian: Uint8Array;
  /** Class and local slot (or −1) of each cell (model cell order). */
  readonly cellClass: Int32Array;
  readonly cellLocalSlot: Int32Array;
  /** Number of histosys globals H, and the global index of each. */
  readonly nHisto: number;
  readonly histoGlobal: Int32Array;
  /** Histosys index (0 … H−1) of each shift term of the model. */
  readonly shiftHisto: Int32Array;
  /** Histosys of bin b, ascending: binHisto[binHistoStart[b] … binHistoStart[b+1]). */
  readonly binHistoStart: Int32Array;
  readonly binHisto: Int32Array;
  /** Position of each shift term's histosys in its bin's list (K + i). */
  readonly shiftPos: Int32Array;
  /** Longest per-bin vector of the extended basis: K + the most histosys in one bin. */
  readonly maxBinBasis: number;
  /** Most local slots in one bin. */
  readonly maxBinSlots: number;

  private constructor(model: Model, layout: ArrowLayout, classes: number[][], cellClass: Int32Array, cellLocalSlot: Int32Array, auxOf: Int32Array) {
    const K = classes.length;
    this.nClasses = K;
    this.auxOf = auxOf;
    this.classFacStart = new Int32Array(K + 1);
    for (let k = 0; k < K; k++) this.classFacStart[k + 1] = this.classFacStart[k] + classes[k].length;
    this.classFacTerm = Int32Array.from(classes.flat());
    this.classFacGlobal = this.classFacTerm.map((f) => layout.slotOf[model.facPar[f]]);
    this.maxClassFactors = Math.max(1, ...classes.map((c) => c.length));
    const nSlots = layout.blockPars.length;
    this.slotGaussian = new Uint8Array(nSlots);
    this.slotSigma2 = new Float64Array(nSlots);
    this.slotTau = new Float64Array(nSlots);
    this.slotLo = new Float64Array(nSlots);
    this.slotHi = new Float64Array(nSlots);
    for (let j = 0; j < nSlots; j++) {
      const p = layout.blockPars[j];
      const a = auxOf[p];
      this.slotLo[j] = model.lowerBounds[p];
      this.slotHi[j] = model.upperBounds[p];
      if (a < 0) continue;
      this.slotGaussian[j] = model.conKind[a] === 0 ? 1 : 0;
      this.slotSigma2[j] = model.conSigma[a] * model.conSigma[a];
      this.slotTau[j] = model.conFactor[a];
    }
    this.binGaussian = new Uint8Array(model.nMain);
    for (let b = 0; b < model.nMain; b++) {
      let all = 1;
      for (let j = layout.blockStart[b]; j < layout.blockStart[b + 1]; j++) all &= this.slotGaussian[j];
      this.binGaussian[b] = all;
    }
    this.cellClass = cellClass;
    this.cellLocalSlot = cellLocalSlot;
    const histoOfGlobal = new Int32Array(layout.nGlobal).fill(-1);
    const histo: number[] = [];
    for (const p of model.shiftPar) {
      const g = layout.slotOf[p];
      if (histoOfGlobal[g] < 0) {
        histoOfGlobal[g] = histo.length;
        histo.push(g);
      }
    }
    this.nHisto = histo.length;
    this.histoGlobal = Int32Array.from(histo);
    this.shiftHisto = model.shiftPar.map((p) => histoOfGlobal[layout.slotOf[p]]);
    this.binHistoStart = new Int32Array(model.nMain + 1);
    this.shiftPos = new Int32Array(model.shiftPar.length);
    const binHisto: number[] = [];
    let maxBasis = K;
    let maxSlots = 1;
    for (let b = 0; b < model.nMain; b++) {
      const c0 = model.binCellStart[b];
      const c1 = model.binCellStart[b + 1];
      const hs = [...new Set(Array.from(this.shiftHisto.subarray(model.shiftStart[c0], model.shiftStart[c1])))].sort((x, y) => x - y);
      for (let s = model.shiftStart[c0]; s < model.shiftStart[c1]; s++) this.shiftPos[s] = K + hs.indexOf(this.shiftHisto[s]);
      binHisto.push(...hs);
      this.binHistoStart[b + 1] = binHisto.length;
      maxBasis = Math.max(maxBasis, K + hs.length);
      maxSlots = Math.max(maxSlots, layout.blockStart[b + 1] - layout.blockStart[b]);
    }
    this.binHisto = Int32Array.from(binHisto);
    this.maxBinBasis = maxBasis;
    this.maxBinSlots = maxSlots;
    this.freeNominal = new Float64Array(model.nMain * K);
    this.localNominal = new Float64Array(layout.blockPars.length * K);
    for (let b = 0; b < model.nMain; b++) {
      for (let c = model.binCellStart[b]; c < model.binCellStart[b + 1]; c++) {
        const j = cellLocalSlot[c];
        if (j < 0) this.freeNominal[b * K + cellClass[c]] += model.cellNominal[c];
        else this.localNominal[j * K + cellClass[c]] += model.cellNominal[c];
      }
    }
  }

  /** The class structure of `model`, or null if its locals cannot be profiled in closed form. */
  static of(model: Model, layout: ArrowLayout): ProfiledLayout | null {
    for (const p of model.shiftPar) if (layout.blockOf[p] >= 0) return null;
    const auxOf = new Int32Array(model.nPars).fill(-1);
    for (let i = 0; i < model.nAux; i++) auxOf[model.conPar[i]] = i;
    for (let b = 0; b < model.nMain; b++) {
      for (let s = layout.blockStart[b]; s < layout.blockStart[b + 1]; s++) if (auxOf[layout.blockPars[s]] < 0) return null;
    }
    const nCells = model.cellNominal.length;
    const cellClass = new Int32Array(nCells);
    const cellLocalSlot = new Int32Array(nCells).fill(-1);
    const classKeys = new Map<string, number>();
    const classes: number[][] = [];
    const slotIndex = (p: number): number => layout.blockStart[layout.blockOf[p]] + layout.slotOf[p];
    for (let c = 0; c < nCells; c++) {
      if (!(model.cellNominal[c] >= 0)) return null;
      const globals: number[] = [];
      for (let f = model.facStart[c]; f < model.facStart[c + 1]; f++) {
        const p = model.facPar[f];
        if (layout.blockOf[p] >= 0) {
          if (cellLocalSlot[c] >= 0 || model.facKind[f] !== FactorKind.Linear) return null;
          cellLocalSlot[c] = slotIndex(p);
        } else globals.push(f);
      }
      globals.sort((x, y) => model.facPar[x] - model.facPar[y] || model.facKind[x] - model.facKind[y] || model.facHi[x] - model.facHi[y] || model.facLo[x] - model.facLo[y]);
      const key = globals.map((f) => `${model.facPar[f]}:${model.facKind[f]}:${model.facHi[f]}:${model.facLo[f]}`).join('|');
      let k = classKeys.get(key);
      if (k === undefined) {
        k = classes.length;
        if (k === MAX_CLASSES) return null;
        classKeys.set(key, k);
        classes.push(globals);
      }
      cellClass[c] = k;
    }
    return new ProfiledLayout(model, layout, classes, cellClass, cellLocalSlot, auxOf);
  }
}

/** Outer gradient and Hessian over the globals (reused between evaluations). */
export class ProfiledState {
  value = Number.POSITIVE_INFINITY;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  constructor(nGlobal: number) {
    this.grad = new Float64Array(nGlobal);
    this.hess = new Float64Array(nGlobal * nGlobal);
  }
}

/** Evaluates the profiled −ln L (without the data constant), its gradient and Hessian over the globals. */
export class ProfiledEvaluator {
  /** Set when a class product turned negative: the closed forms assume non-negative rates. */
  unsupported = false;
  // per class
  private readonly P: Float64Array;
  private readonly dP: Float64Array;
  private readonly d2P: Float64Array;
  private readonly M: Float64Array;
  private readonly R: Float64Array;
  private readonly W: Float64Array;
  /** Per histosys: Σ_b r_b S_bh, its gradient. */
  private readonly RH: Float64Array;
  /** Nominals of the current bin with their shifts: C₀'s class sums, and E_lk per local slot. */
  private readonly binFree: Float64Array;
  private readonly localA: Float64Array;
  // per bin, in the extended basis [classes…, the bin's histosys…]
  private readonly gv: Float64Array;
  private readonly ev: Float64Array;
  private readonly sumA: Float64Array;
  private readonly basisIndex: Int32Array;
  // per local slot
  private readonly coefC: Float64Array;
  private readonly invH: Float64Array;
  private readonly localState: Uint8Array;
  /** The data of the current fit: counts per bin, auxiliary measurement and fixed flag per slot. */
  private readonly counts: Float64Array;
  private readonly slotAux: Float64Array;
  private readonly slotFixed: Uint8Array;
  // class products
  private readonly fv: Float64Array;
  private readonly fd1: Float64Array;
  private readonly fd2: Float64Array;
  private readonly prefix: Float64Array;
  private readonly suffix: Float64Array;
  private readonly t: Interp3 = { f: 0, d1: 0, d2: 0 };
  /** ν of each bin at the last evaluation: the start of the next iterative inner solve. */
  private readonly nuLast: Float64Array;

  constructor(
    readonly model: Model,
    readonly layout: ArrowLayout,
    readonly profile: ProfiledLayout,
  ) {
    const K = profile.nClasses;
    const G = layout.nGlobal;
    const nSlots = layout.blockPars.length;
    this.P = new Float64Array(K);
    this.dP = new Float64Array(K * G);
    this.d2P = new Float64Array(K * G * G);
    const D = K + profile.nHisto;
    const B = profile.maxBinBasis;
    this.M = new Float64Array(D * D);
    this.R = new Float64Array(K);
    this.W = new Float64Array(K);
    this.RH = new Float64Array(profile.nHisto);
    this.binFree = new Float64Array(K);
    this.localA = new Float64Array(nSlots * K);
    this.gv = new Float64Array(B);
    this.ev = new Float64Array(profile.maxBinSlots * B);
    this.sumA = new Float64Array(B);
    this.basisIndex = new Int32Array(B);
    this.coefC = new Float64Array(nSlots);
    this.invH = new Float64Array(nSlots);
    this.localState = new Uint8Array(nSlots);
    this.counts = new Float64Array(model.nMain);
    this.slotAux = new Float64Array(nSlots);
    this.slotFixed = new Uint8Array(nSlots);
    const m = profile.maxClassFactors;
    this.fv = new Float64Array(m);
    this.fd1 = new Float64Array(m);
    this.fd2 = new Float64Array(m);
    this.prefix = new Float64Array(m + 1);
    this.suffix = new Float64Array(m + 1);
    this.nuLast = new Float64Array(model.nMain);
  }

  /**
   * Takes the data and fixed mask of a new fit, and forgets the rates of the last evaluation so that
   * a fit does not depend on the fits before it.
   */
  prepare(data: Float64Array, fixed: Uint8Array): void {
    const { blockPars } = this.layout;
    const { auxOf } = this.profile;
    const nMain = this.model.nMain;
    for (let b = 0; b < nMain; b++) this.counts[b] = data[b];
    for (let j = 0; j < blockPars.length; j++) {
      const p = blockPars[j];
      this.slotAux[j] = auxOf[p] >= 0 ? data[nMain + auxOf[p]] : 0;
      this.slotFixed[j] = fixed[p];
    }
    this.unsupported = false;
    this.nuLast.fill(0);
  }

  /**
   * Profiles the locals of `x` in place for the globals of `x`, and fills `state`, for the data and
   * fixed mask given to {@link prepare}. Returns the value; +∞ where a bin with events can have no
   * positive rate; NaN (and sets `unsupported`) where a class product is negative.
   */
  evaluate(x: Float64Array, data: Float64Array, state: ProfiledState): number {
    const L = this.layout;
    const K = this.profile.nClasses;
    const { P, M, R, W, sumA, coefC, invH, localState, counts, slotAux, slotFixed, nuLast } = this;
    const { freeNominal, localNominal, binGaussian, slotSigma2, slotLo, slotHi, auxOf } = this.profile;
    const model = this.model;
    const blockStart = L.blockStart;
    const blockPars = L.blockPars;
    if (!this.classProducts(x)) {
      this.unsupported = true;
      state.value = Number.NaN;
      return Number.NaN;
    }
    M.fill(0);
    R.fill(0);
    this.RH.fill(0);
    const { binFree, localA, gv, ev, basisIndex, RH } = this;
    const { cellClass, cellLocalSlot, shiftPos, shiftHisto, binHistoStart, binHisto, maxBinBasis } = this.profile;
    const D = K + this.profile.nHisto;
    const t = this.t;
    const nMain = this.model.nMain;
    let total = 0;
    for (let b = 0; b < nMain; b++) {
      const s0 = blockStart[b];
      const s1 = blockStart[b + 1];
      const n = counts[b];
      const cell0 = model.binCellStart[b];
      const cell1 = model.binCellStart[b + 1];
      const shifted = model.shiftStart[cell1] > model.shiftStart[cell0];
      // the bin's nominal class sums, with the histosys shifts at the current α
      for (let k = 0; k < K; k++) binFree[k] = freeNominal[b * K + k];
      for (let j = s0; j < s1; j++) for (let k = 0; k < K; k++) localA[j * K + k] = localNominal[j * K + k];
      if (shifted) {
        for (let c = cell0; c < cell1; c++) {
          const sh0 = model.shiftStart[c];
          const sh1 = model.shiftStart[c + 1];
          if (sh1 === sh0) continue;
          let delta = 0;
          for (let sh = sh0; sh < sh1; sh++) {
            model.shiftAt(sh, x[model.shiftPar[sh]], t);
            delta += t.f;
          }
          if (!(model.cellNominal[c] + delta >= 0)) {
            this.unsupported = true;
            state.value = Number.NaN;
            return Number.NaN;
          }
          const j = cellLocalSlot[c];
          if (j < 0) binFree[cellClass[c]] += delta;
          else localA[j * K + cellClass[c]] += delta;
        }
      }
      // C₀ (cells without a free local) and C_l; the sums of the closed form
      let c0 = 0;
      for (let k = 0; k < K; k++) c0 += binFree[k] * P[k];
      let free = 0;
      let kSum = 0;
      let vSum = 0;
      for (let j = s0; j < s1; j++) {
        let cj = 0;
        for (let k = 0; k < K; k++) cj += localA[j * K + k] * P[k];
        coefC[j] = cj;
        if (slotFixed[j] === 1) {
          localState[j] = LocalState.Fixed;
          c0 += cj * x[blockPars[j]];
        } else {
          localState[j] = LocalState.Interior;
          free++;
          kSum += cj * slotAux[j];
          vSum += slotSigma2[j] * cj * cj;
        }
      }
      let nu = c0;
      if (free > 0) {
        let solved = false;
        if (n > 0 && binGaussian[b] === 1) {
          // ν² − (K − V)ν − V·n = 0 with K = C₀ + Σ C_l a_l, V = Σ σ_l² C_l² (Conway, arXiv:1103.0354)
          const bq = c0 + kSum - vSum;
          const root = Math.sqrt(bq * bq + 4 * vSum * n);
          const nuQ = bq >= 0 ? 0.5 * (bq + root) : (2 * vSum * n) / (root - bq);
          if (nuQ > 0) {
            const r = 1 - n / nuQ;
            solved = true;
            for (let j = s0; j < s1; j++) {
              if (localState[j] === LocalState.Fixed) continue;
              const gamma = slotAux[j] - slotSigma2[j] * coefC[j] * r;
              if (!(gamma > slotLo[j] && gamma < slotHi[j])) {
                solved = false;
                break;
              }
              x[blockPars[j]] = gamma;
              invH[j] = slotSigma2[j];
              nu += coefC[j] * gamma;
            }
          }
        }
        if (!solved) nu = this.solveBin(b, s0, s1, n, c0, x);
      }
      if (!(nu > 0) && (n > 0 || !(nu === 0))) {
        state.value = Number.POSITIVE_INFINITY;
        return state.value;
      }
      total += bd0(n, nu);
      nuLast[b] = nu;
      // the locals' constraints, and W_k = Σ_{c∈k} (nom_c + Δ_c) γ_c
      for (let k = 0; k < K; k++) W[k] = binFree[k];
      for (let j = s0; j < s1; j++) {
        const gamma = x[blockPars[j]];
        total += model.constraintTerm(auxOf[blockPars[j]], gamma, slotAux[j]);
        for (let k = 0; k < K; k++) W[k] += localA[j * K + k] * gamma;
      }
      // derivatives over the globals, in the extended basis [∇P_k…, e_h of the bin's histosys…]
      const r = nu > 0 ? 1 - n / nu : 1;
      const w = nu > 0 ? n / (nu * nu) : 0;
      const h0 = binHistoStart[b];
      const nb = K + binHistoStart[b + 1] - h0;
      for (let i = 0; i < nb; i++) {
        gv[i] = i < K ? W[i] : 0;
        basisIndex[i] = i < K ? i : K + binHisto[h0 + i - K];
      }
      for (let j = s0; j < s1; j++) {
        const e = (j - s0) * maxBinBasis;
        for (let i = 0; i < nb; i++) ev[e + i] = i < K ? localA[j * K + i] : 0;
      }
      if (shifted) {
        for (let c = cell0; c < cell1; c++) {
          const j = cellLocalSlot[c];
          const k = cellClass[c];
          const gamma = j < 0 ? 1 : x[blockPars[j]];
          const pk = P[k];
          for (let sh = model.shiftStart[c]; sh < model.shiftStart[c + 1]; sh++) {
            model.shiftAt(sh, x[model.shiftPar[sh]], t);
            const pos = shiftPos[sh];
            const h = shiftHisto[sh];
            gv[pos] += gamma * pk * t.d1;
            if (j >= 0) ev[(j - s0) * maxBinBasis + pos] += pk * t.d1;
            M[k * D + K + h] += r * gamma * t.d1;
            M[(K + h) * D + K + h] += r * gamma * pk * t.d2;
          }
        }
      }
      for (let k = 0; k < K; k++) R[k] += r * W[k];
      for (let i = K; i < nb; i++) RH[binHisto[h0 + i - K]] += r * gv[i];
      for (let i = 0; i < nb; i++) {
        const wi = w * gv[i];
        if (wi === 0) continue;
        const row = basisIndex[i] * D;
        for (let q = i; q < nb; q++) M[row + basisIndex[q]] += wi * gv[q];
      }
      // Schur correction of the interior locals: −Qᵀ(D + w·C·Cᵀ)⁻¹Q with Q_l = w·C_l·g + r·e_l
      let cDc = 0;
      let any = false;
      for (let j = s0; j < s1; j++) {
        if (localState[j] !== LocalState.Interior) continue;
        if (!any) {
          for (let i = 0; i < nb; i++) sumA[i] = 0;
          any = true;
        }
        const inv = invH[j];
        const cj = coefC[j];
        const wc = w * cj;
        const e = (j - s0) * maxBinBasis;
        cDc += cj * cj * inv;
        for (let i = 0; i < nb; i++) {
          const qi = wc * gv[i] + r * ev[e + i];
          sumA[i] += qi * cj * inv;
          const qInv = qi * inv;
          if (qInv === 0) continue;
          const row = basisIndex[i] * D;
          for (let q = i; q < nb; q++) M[row + basisIndex[q]] -= qInv * (wc * gv[q] + r * ev[e + q]);
        }
      }
      if (any) {
        const sm = w / (1 + w * cDc);
        for (let i = 0; i < nb; i++) {
          const ai = sm * sumA[i];
          if (ai === 0) continue;
          const row = basisIndex[i] * D;
          for (let q = i; q < nb; q++) M[row + basisIndex[q]] += ai * sumA[q];
        }
      }
    }
    total += this.unbinned(x, data);
    total += this.toGlobals(x, data, state);
    state.value = total;
    return total;
  }
  /** P_k, ∇P_k and ∇²P_k over the globals for every class; false if some P_k < 0. */
  private classProducts(x: Float64Array): boolean {
    const model = this.model;
    const G = this.layout.nGlobal;
    const { P, dP, d2P, fv, fd1, fd2, prefix, suffix, t } = this;
    const { classFacStart, classFacTerm, classFacGlobal, nClasses } = this.profile;
    const globalPar = this.layout.globalPar;
    dP.fill(0);
    d2P.fill(0);
    for (let k = 0; k < nClasses; k++) {
      const f0 = classFacStart[k];
      const nf = classFacStart[k + 1] - f0;
      prefix[0] = 1;
      for (let i = 0; i < nf; i++) {
        const f = classFacTerm[f0 + i];
        model.factorAt(f, x[globalPar[classFacGlobal[f0 + i]]], t);
        fv[i] = t.f;
        fd1[i] = t.d1;
        fd2[i] = t.d2;
        prefix[i + 1] = prefix[i] * t.f;
      }
      suffix[nf] = 1;
      for (let i = nf - 1; i >= 0; i--) suffix[i] = suffix[i + 1] * fv[i];
      P[k] = prefix[nf];
      if (!(P[k] >= 0)) return false;
      const dk = k * G;
      const hk = k * G * G;
      for (let i = 0; i < nf; i++) {
        const gi = classFacGlobal[f0 + i];
        const excl = prefix[i] * suffix[i + 1];
        dP[dk + gi] += fd1[i] * excl;
        d2P[hk + gi * G + gi] += fd2[i] * excl;
        let running = prefix[i];
        for (let j = i + 1; j < nf; j++) {
          const gj = classFacGlobal[f0 + j];
          const v = fd1[i] * fd1[j] * running * suffix[j + 1];
          d2P[hk + gi * G + gj] += v;
          d2P[hk + gj * G + gi] += v;
          running *= fv[j];
        }
      }
    }
    return true;
  }

  /**
   * Whether a free per-bin parameter of `x` sits on one of its bounds. There the profiled and the
   * joint iteration can settle in different minima of a non-convex −ln L (e.g. empty bins, where a
   * background normalisation and per-bin γ → 0 compete), so such fits are redone jointly.
   */
  localAtBound(x: Float64Array): boolean {
    const { slotLo, slotHi } = this.profile;
    const blockPars = this.layout.blockPars;
    const end = this.layout.blockStart[this.model.nMain];
    for (let j = 0; j < end; j++) {
      if (this.slotFixed[j] === 1) continue;
      const v = x[blockPars[j]];
      if (v <= slotLo[j] || v >= slotHi[j]) return true;
    }
    return false;
  }

  /**
   * The locals of bin b where the closed form does not apply (no events, Poisson constraints, a
   * bound reached): with n = 0, r = 1 and each γ is at its own optimum; otherwise a safeguarded Newton
   * iteration on F(ν) = ν − C₀ − Σ_l C_l γ_l(1 − n/ν) = 0, F increasing, F(0⁺) < 0 whenever a positive
   * rate is reachable. Writes γ̂ into `x` and returns ν recomputed from them.
   */
  private solveBin(b: number, s0: number, s1: number, n: number, c0: number, x: Float64Array): number {
    const { coefC, localState, invH, slotFixed } = this;
    if (n === 0) return this.rateAt(s0, s1, 1, c0, x);
    // the largest reachable rate (C_l ≥ 0): with events observed, none means L = 0
    let reachable = c0;
    for (let j = s0; j < s1; j++) if (slotFixed[j] === 0) reachable += coefC[j] * this.profile.slotHi[j];
    if (!(reachable > 0)) return 0;
    let lower = 0;
    let upper = Number.POSITIVE_INFINITY;
    let nu = this.nuLast[b] > 0 ? this.nuLast[b] : n;
    for (let it = 0; it < 200; it++) {
      const F = nu - this.rateAt(s0, s1, 1 - n / nu, c0, x);
      if (F === 0) break;
      if (F > 0) upper = nu;
      else lower = nu;
      let slope = 0;
      for (let j = s0; j < s1; j++) if (localState[j] === LocalState.Interior) slope += coefC[j] * coefC[j] * invH[j];
      let next = nu - F / (1 + (n / (nu * nu)) * slope);
      if (!(next > lower && next < upper) || it >= 100) next = upper === Number.POSITIVE_INFINITY ? 2 * nu : 0.5 * (lower + upper);
      const done = Math.abs(next - nu) <= 1e-15 * nu || (upper < Number.POSITIVE_INFINITY && upper - lower <= 4e-16 * upper);
      nu = next;
      if (done) break;
    }
    return this.rateAt(s0, s1, 1 - n / nu, c0, x);
  }

  /** C₀ + Σ_l C_l γ̂_l(r) over the free locals of slots s0…s1, with γ̂ written to `x`. */
  private rateAt(s0: number, s1: number, r: number, c0: number, x: Float64Array): number {
    let nu = c0;
    for (let j = s0; j < s1; j++) if (this.slotFixed[j] === 0) nu += this.coefC[j] * this.gammaAt(j, r, x);
    return nu;
  }

  /**
   * γ̂ of local slot j at r = 1 − n/ν: the minimum of C·r·γ + constraint(γ) within the bounds. Writes
   * it to `x`, sets the slot's state and 1/curvature of its constraint (σ², or γ²/a for Poisson).
   */
  private gammaAt(j: number, r: number, x: Float64Array): number {
    const pl = this.profile;
    const aux = this.slotAux[j];
    const c = this.coefC[j];
    let gamma: number;
    let invCurv: number;
    if (pl.slotGaussian[j] === 1) {
      gamma = aux - pl.slotSigma2[j] * c * r;
      invCurv = pl.slotSigma2[j];
    } else {
      const d = pl.slotTau[j] + c * r;
      gamma = aux > 0 ? (d > 0 ? aux / d : Number.POSITIVE_INFINITY) : d < 0 ? Number.POSITIVE_INFINITY : 0;
      invCurv = aux > 0 ? (gamma * gamma) / aux : 0;
    }
    const lo = pl.slotLo[j];
    const hi = pl.slotHi[j];
    if (gamma <= lo || gamma >= hi || !(invCurv > 0)) {
      gamma = gamma <= lo ? lo : gamma >= hi ? hi : gamma;
      this.localState[j] = LocalState.AtBound;
      this.invH[j] = 0;
    } else {
      this.localState[j] = LocalState.Interior;
      this.invH[j] = invCurv;
    }
    x[this.layout.blockPars[j]] = gamma;
    return gamma;
  }

  /** Parameters that touch no bin: each at the minimum of its own constraint. Returns their −ln L. */
  private unbinned(x: Float64Array, data: Float64Array): number {
    const model = this.model;
    const L = this.layout;
    let total = 0;
    for (let j = L.blockStart[model.nMain]; j < L.blockPars.length; j++) {
      const p = L.blockPars[j];
      const a = this.profile.auxOf[p];
      if (a < 0) continue;
      if (this.slotFixed[j] === 0) {
        const aux = data[model.nMain + a];
        const best = model.conKind[a] === 0 ? aux : aux / model.conFactor[a];
        x[p] = Math.min(this.profile.slotHi[j], Math.max(this.profile.slotLo[j], best));
      }
      total += this.constraintValue(a, x[p], data);
    }
    return total;
  }

  /**
   * Maps the class sums onto the gradient and Hessian over the globals, adds the globals' own
   * constraints, and returns their −ln L.
   */
  private toGlobals(x: Float64Array, data: Float64Array, state: ProfiledState): number {
    const model = this.model;
    const L = this.layout;
    const K = this.profile.nClasses;
    const H = this.profile.nHisto;
    const D = K + H;
    const G = L.nGlobal;
    const { dP, d2P, M, R, RH } = this;
    const { histoGlobal } = this.profile;
    const { grad, hess } = state;
    grad.fill(0);
    hess.fill(0);
    for (let k = 0; k < K; k++) {
      const rk = R[k];
      const dk = k * G;
      for (let a = 0; a < G; a++) {
        grad[a] += rk * dP[dk + a];
        const d2k = k * G * G + a * G;
        for (let c = a; c < G; c++) hess[a * G + c] += rk * d2P[d2k + c];
      }
      for (let q = 0; q < K; q++) {
        const mkq = q >= k ? M[k * D + q] : M[q * D + k];
        if (mkq === 0) continue;
        const dq = q * G;
        for (let a = 0; a < G; a++) {
          const va = mkq * dP[dk + a];
          if (va === 0) continue;
          for (let c = a; c < G; c++) hess[a * G + c] += va * dP[dq + c];
        }
      }
    }
    // class × histosys: M_kh (∇P_k e_hᵀ + e_h ∇P_kᵀ), upper triangle
    for (let k = 0; k < K; k++) {
      const dk = k * G;
      for (let h = 0; h < H; h++) {
        const m = M[k * D + K + h];
        if (m === 0) continue;
        const gh = histoGlobal[h];
        for (let a = 0; a <= gh; a++) hess[a * G + gh] += m * dP[dk + a];
        for (let c = gh; c < G; c++) hess[gh * G + c] += m * dP[dk + c];
      }
    }
    // histosys × histosys
    for (let h = 0; h < H; h++) {
      const gh = histoGlobal[h];
      grad[gh] += RH[h];
      for (let q = h; q < H; q++) {
        const m = M[(K + h) * D + K + q];
        if (m === 0) continue;
        const gq = histoGlobal[q];
        hess[Math.min(gh, gq) * G + Math.max(gh, gq)] += m;
      }
    }
    let total = 0;
    for (let g = 0; g < G; g++) {
      const p = L.globalPar[g];
      const a = this.profile.auxOf[p];
      if (a < 0) continue;
      const xp = x[p];
      const aux = data[model.nMain + a];
      total += this.constraintValue(a, xp, data);
      if (model.conKind[a] === 0) {
        const inv = 1 / (model.conSigma[a] * model.conSigma[a]);
        grad[g] += (xp - aux) * inv;
        hess[g * G + g] += inv;
      } else {
        grad[g] += model.conFactor[a] - (aux > 0 ? aux / xp : 0);
        hess[g * G + g] += aux > 0 ? aux / (xp * xp) : 0;
      }
    }
    for (let a = 0; a < G; a++) for (let c = 0; c < a; c++) hess[a * G + c] = hess[c * G + a];
    return total;
  }

  /** Constraint `a` of −ln L relative to its saturated value ({@link Model.constraintTerm}). */
  private constraintValue(a: number, xp: number, data: ArrayLike<number>): number {
    return this.model.constraintTerm(a, xp, data[this.model.nMain + a]);
  }
}
