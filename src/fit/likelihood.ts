/**
 * −ln L with its exact gradient and Hessian, stored in block-arrow form.
 *
 * A parameter that changes the rate of exactly one bin (a `staterror`, `shapesys` or `shapefactor`
 * component) is *local* to that bin; all others (normfactors, lumi, normsys, histosys, …) are *global*.
 * The Hessian of −ln L = Σ_b [ν_b − n_b ln ν_b] + constraints then has the shape
 *
 *     H = | A  B |      A: block diagonal, one small block per bin (its local parameters)
 *         | Bᵀ D |      B: locals × globals, D: globals × globals (G ≲ 10)
 *
 * so a Newton step costs O(bins·G²) through the Schur complement D − Bᵀ A⁻¹ B instead of O(N³).
 * Per bin: ∂(−ln L)/∂θ_i = (1 − n/ν) ∂_iν and ∂²/∂θ_i∂θ_j = (n/ν²) ∂_iν ∂_jν + (1 − n/ν) ∂_i∂_jν.
 * Parameters that touch no bin at all (their only term is their constraint) get a block of their own.
 */
import type { Interp3 } from './interpolation.js';
import type { Model } from './model.js';
import { bd0 } from './saturated.js';

/** Gradient and block-arrow Hessian at one point (reused between evaluations, never reallocated). */
export class ArrowState {
  value = Number.POSITIVE_INFINITY;
  readonly grad: Float64Array;
  /** Per-block dense local Hessians, row-major, at `layout.hllOff[block]`. */
  readonly hll: Float64Array;
  /** Per-block local × global couplings (k_b × G), at `layout.hlgOff[block]`. */
  readonly hlg: Float64Array;
  /** Global × global Hessian (G × G). */
  readonly hgg: Float64Array;

  constructor(layout: ArrowLayout) {
    this.grad = new Float64Array(layout.nPars);
    this.hll = new Float64Array(layout.hllSize);
    this.hlg = new Float64Array(layout.hlgSize);
    this.hgg = new Float64Array(layout.nGlobal * layout.nGlobal);
  }
}

/** The block-arrow structure of a model's Hessian. */
export class ArrowLayout {
  readonly nPars: number;
  readonly nBlocks: number;
  readonly nGlobal: number;
  /** For each parameter: its block (locals) or −1 (globals). */
  readonly blockOf: Int32Array;
  /** For each parameter: slot within its block (locals) or global index (globals). */
  readonly slotOf: Int32Array;
  /** Local parameters of block b: blockPars[blockStart[b] … blockStart[b+1]). */
  readonly blockStart: Int32Array;
  readonly blockPars: Int32Array;
  /** Parameter index of global g. */
  readonly globalPar: Int32Array;
  /** Globals touching bin b: binGlobals[binGlobStart[b] … binGlobStart[b+1]) (global indices). */
  readonly binGlobStart: Int32Array;
  readonly binGlobals: Int32Array;
  /** Position of each factor / shift term's parameter in its bin's list [locals…, globals…]. */
  readonly facPos: Int32Array;
  readonly shiftPos: Int32Array;
  readonly hllOff: Int32Array;
  readonly hlgOff: Int32Array;
  readonly hllSize: number;
  readonly hlgSize: number;
  /** Largest number of parameters touching one bin. */
  readonly maxBinPars: number;
  readonly maxBlock: number;

  constructor(model: Model) {
    const nPars = model.nPars;
    const nMain = model.nMain;
    this.nPars = nPars;
    const firstBin = new Int32Array(nPars).fill(-1);
    const multi = new Uint8Array(nPars);
    const touch = (p: number, b: number): void => {
      if (firstBin[p] === -1) firstBin[p] = b;
      else if (firstBin[p] !== b) multi[p] = 1;
    };
    for (let b = 0; b < nMain; b++) {
      for (let c = model.binCellStart[b]; c < model.binCellStart[b + 1]; c++) {
        for (let k = model.facStart[c]; k < model.facStart[c + 1]; k++) touch(model.facPar[k], b);
        for (let k = model.shiftStart[c]; k < model.shiftStart[c + 1]; k++) touch(model.shiftPar[k], b);
      }
    }
    // blocks: one per bin, then one per parameter that touches no bin
    const blockOf = new Int32Array(nPars).fill(-1);
    const slotOf = new Int32Array(nPars);
    const globals: number[] = [];
    let nBlocks = nMain;
    for (let p = 0; p < nPars; p++) {
      if (firstBin[p] === -1) blockOf[p] = nBlocks++;
      else if (multi[p] === 0) blockOf[p] = firstBin[p];
      else {
        slotOf[p] = globals.length;
        globals.push(p);
      }
    }
    this.nBlocks = nBlocks;
    this.nGlobal = globals.length;
    this.globalPar = Int32Array.from(globals);
    const counts = new Int32Array(nBlocks);
    for (let p = 0; p < nPars; p++) if (blockOf[p] >= 0) counts[blockOf[p]]++;
    this.blockStart = new Int32Array(nBlocks + 1);
    for (let b = 0; b < nBlocks; b++) this.blockStart[b + 1] = this.blockStart[b] + counts[b];
    this.blockPars = new Int32Array(this.blockStart[nBlocks]);
    const fill = new Int32Array(nBlocks);
    for (let p = 0; p < nPars; p++) {
      const b = blockOf[p];
      if (b >= 0) {
        slotOf[p] = fill[b];
        this.blockPars[this.blockStart[b] + fill[b]++] = p;
      }
    }
    this.blockOf = blockOf;
    this.slotOf = slotOf;

    // globals touching each bin
    const binGlob: number[][] = Array.from({ length: nMain }, () => []);
    for (let b = 0; b < nMain; b++) {
      const seen = new Set<number>();
      for (let c = model.binCellStart[b]; c < model.binCellStart[b + 1]; c++) {
        for (let k = model.facStart[c]; k < model.facStart[c + 1]; k++) if (blockOf[model.facPar[k]] < 0) seen.add(slotOf[model.facPar[k]]);
        for (let k = model.shiftStart[c]; k < model.shiftStart[c + 1]; k++) if (blockOf[model.shiftPar[k]] < 0) seen.add(slotOf[model.shiftPar[k]]);
      }
      binGlob[b] = [...seen].sort((x, y) => x - y);
    }
    this.binGlobStart = new Int32Array(nMain + 1);
    for (let b = 0; b < nMain; b++) this.binGlobStart[b + 1] = this.binGlobStart[b] + binGlob[b].length;
    this.binGlobals = Int32Array.from(binGlob.flat());

    const posOf = (p: number, b: number): number => {
      if (blockOf[p] >= 0) return slotOf[p];
      return counts[b] + binGlob[b].indexOf(slotOf[p]);
    };
    this.facPos = new Int32Array(model.facPar.length);
    this.shiftPos = new Int32Array(model.shiftPar.length);
    let maxBinPars = 1;
    for (let b = 0; b < nMain; b++) {
      maxBinPars = Math.max(maxBinPars, counts[b] + binGlob[b].length);
      for (let c = model.binCellStart[b]; c < model.binCellStart[b + 1]; c++) {
        for (let k = model.facStart[c]; k < model.facStart[c + 1]; k++) this.facPos[k] = posOf(model.facPar[k], b);
        for (let k = model.shiftStart[c]; k < model.shiftStart[c + 1]; k++) this.shiftPos[k] = posOf(model.shiftPar[k], b);
      }
    }
    this.maxBinPars = maxBinPars;
    this.hllOff = new Int32Array(nBlocks + 1);
    this.hlgOff = new Int32Array(nBlocks + 1);
    let maxBlock = 0;
    for (let b = 0; b < nBlocks; b++) {
      this.hllOff[b + 1] = this.hllOff[b] + counts[b] * counts[b];
      this.hlgOff[b + 1] = this.hlgOff[b] + counts[b] * this.nGlobal;
      maxBlock = Math.max(maxBlock, counts[b]);
    }
    this.maxBlock = maxBlock;
    this.hllSize = this.hllOff[nBlocks];
    this.hlgSize = this.hlgOff[nBlocks];
  }
}

/** Evaluates −ln L relative to the saturated model ({@link Model.nllVariable}), gradient and arrow Hessian. */
export class ArrowEvaluator {
  private readonly dnu: Float64Array;
  private readonly d2nu: Float64Array;
  private readonly fv: Float64Array;
  private readonly fd1: Float64Array;
  private readonly fd2: Float64Array;
  private readonly excl: Float64Array;
  private readonly prefix: Float64Array;
  private readonly suffix: Float64Array;
  private readonly sd1: Float64Array;
  private readonly sd2: Float64Array;
  private readonly t: Interp3 = { f: 0, d1: 0, d2: 0 };
  /** First and second derivative of one constraint term ({@link Model.constraintTerm}). */
  private readonly constraintDerivatives = new Float64Array(2);

  constructor(
    readonly model: Model,
    readonly layout: ArrowLayout,
  ) {
    const m = layout.maxBinPars;
    this.dnu = new Float64Array(m);
    this.d2nu = new Float64Array(m * m);
    let maxFac = 1;
    let maxShift = 1;
    for (let c = 0; c + 1 < model.facStart.length; c++) maxFac = Math.max(maxFac, model.facStart[c + 1] - model.facStart[c]);
    for (let c = 0; c + 1 < model.shiftStart.length; c++) maxShift = Math.max(maxShift, model.shiftStart[c + 1] - model.shiftStart[c]);
    this.fv = new Float64Array(maxFac);
    this.fd1 = new Float64Array(maxFac);
    this.fd2 = new Float64Array(maxFac);
    this.excl = new Float64Array(maxFac);
    this.prefix = new Float64Array(maxFac + 1);
    this.suffix = new Float64Array(maxFac + 1);
    this.sd1 = new Float64Array(maxShift);
    this.sd2 = new Float64Array(maxShift);
  }

  /**
   * Fills `state` at parameters `x` for data `data` (`[main…, aux…]`). Returns the value; +∞ (and
   * unspecified derivatives) where a rate is negative, or zero with events observed.
   */
  evaluate(x: Float64Array, data: ArrayLike<number>, state: ArrowState): number {
    const model = this.model;
    const L = this.layout;
    const G = L.nGlobal;
    const { grad, hll, hlg, hgg } = state;
    grad.fill(0);
    hll.fill(0);
    hlg.fill(0);
    hgg.fill(0);
    const { dnu, d2nu, fv, fd1, fd2, excl, prefix, suffix, sd1, sd2, t } = this;
    const facKind = model.facKind;
    const binGlobals = L.binGlobals;
    const globalPar = L.globalPar;
    let total = 0;
    for (let b = 0; b < model.nMain; b++) {
      const k = L.blockStart[b + 1] - L.blockStart[b];
      const g0 = L.binGlobStart[b];
      const m = k + (L.binGlobStart[b + 1] - g0);
      for (let i = 0; i < m; i++) dnu[i] = 0;
      for (let i = 0; i < m * m; i++) d2nu[i] = 0;
      let nu = 0;
      for (let c = model.binCellStart[b]; c < model.binCellStart[b + 1]; c++) {
        // additive part A = nom + Σ shifts
        let A = model.cellNominal[c];
        const s0 = model.shiftStart[c];
        const ns = model.shiftStart[c + 1] - s0;
        for (let i = 0; i < ns; i++) {
          model.shiftAt(s0 + i, x[model.shiftPar[s0 + i]], t);
          A += t.f;
          sd1[i] = t.d1;
          sd2[i] = t.d2;
        }
        // multiplicative part M = Π factors, with products excluding one factor (no division: factors may be 0)
        const f0 = model.facStart[c];
        const nf = model.facStart[c + 1] - f0;
        prefix[0] = 1;
        for (let i = 0; i < nf; i++) {
          const fi = f0 + i;
          const xv = x[model.facPar[fi]];
          if (facKind[fi] === 0) {
            fv[i] = xv;
            fd1[i] = 1;
            fd2[i] = 0;
            prefix[i + 1] = prefix[i] * xv;
          } else {
            model.factorAt(fi, xv, t);
            fv[i] = t.f;
            fd1[i] = t.d1;
            fd2[i] = t.d2;
            prefix[i + 1] = prefix[i] * t.f;
          }
        }
        suffix[nf] = 1;
        for (let i = nf - 1; i >= 0; i--) suffix[i] = suffix[i + 1] * fv[i];
        const M = prefix[nf];
        for (let i = 0; i < nf; i++) excl[i] = prefix[i] * suffix[i + 1];
        nu += A * M;
        // shifts: ∂ν = Δ'·M, ∂²ν = Δ''·M, cross with factors Δ'·κ'·Π_{others}
        for (let i = 0; i < ns; i++) {
          const pi = L.shiftPos[s0 + i];
          dnu[pi] += sd1[i] * M;
          d2nu[pi * m + pi] += sd2[i] * M;
          for (let j = 0; j < nf; j++) {
            const pj = L.facPos[f0 + j];
            const v = sd1[i] * fd1[j] * excl[j];
            d2nu[pi * m + pj] += v;
            d2nu[pj * m + pi] += v;
          }
        }
        // factors: ∂ν = A κ'_i Π_{j≠i} κ_j, ∂²ν = A κ''_i Π_{j≠i} (i = j) or A κ'_i κ'_j Π_{l≠i,j} (i ≠ j)
        for (let i = 0; i < nf; i++) {
          const pi = L.facPos[f0 + i];
          dnu[pi] += A * fd1[i] * excl[i];
          d2nu[pi * m + pi] += A * fd2[i] * excl[i];
          let running = prefix[i];
          for (let j = i + 1; j < nf; j++) {
            const pj = L.facPos[f0 + j];
            const v = A * fd1[i] * fd1[j] * running * suffix[j + 1];
            d2nu[pi * m + pj] += v;
            d2nu[pj * m + pi] += v;
            running *= fv[j];
          }
        }
      }
      const n = data[b];
      if (!(nu > 0)) {
        if (nu < 0 || n > 0 || Number.isNaN(nu)) {
          state.value = Number.POSITIVE_INFINITY;
          return state.value;
        }
        // ν = 0 with n = 0: the term is ν itself, gradient ∂ν
      }
      const r = nu > 0 ? 1 - n / nu : 1;
      const w = nu > 0 ? n / (nu * nu) : 0;
      total += bd0(n, nu);
      // scatter into the arrow storage (upper triangle, mirrored)
      const bs = L.blockStart[b];
      const ho = L.hllOff[b];
      const go = L.hlgOff[b];
      for (let i = 0; i < m; i++) {
        const di = dnu[i];
        const wdi = w * di;
        const row = i * m;
        if (i < k) {
          grad[L.blockPars[bs + i]] += r * di;
          const hrow = ho + i * k;
          for (let j = i; j < k; j++) {
            const h = wdi * dnu[j] + r * d2nu[row + j];
            hll[hrow + j] += h;
            if (j !== i) hll[ho + j * k + i] += h;
          }
          const grow = go + i * G;
          for (let j = k; j < m; j++) hlg[grow + binGlobals[g0 + j - k]] += wdi * dnu[j] + r * d2nu[row + j];
        } else {
          const gi = binGlobals[g0 + i - k];
          grad[globalPar[gi]] += r * di;
          for (let j = i; j < m; j++) {
            const gj = binGlobals[g0 + j - k];
            const h = wdi * dnu[j] + r * d2nu[row + j];
            hgg[gi * G + gj] += h;
            if (j !== i) hgg[gj * G + gi] += h;
          }
        }
      }
    }
    // constraint terms from their saturated values, with their derivatives (Model.constraintTerm)
    const nMain = model.nMain;
    for (let i = 0; i < model.nAux; i++) {
      const p = model.conPar[i];
      const xp = x[p];
      const term = model.constraintTerm(i, xp, data[nMain + i], this.constraintDerivatives);
      if (term === Number.POSITIVE_INFINITY) {
        state.value = Number.POSITIVE_INFINITY;
        return state.value;
      }
      total += term;
      const g = this.constraintDerivatives[0];
      const h = this.constraintDerivatives[1];
      grad[p] += g;
      const blk = L.blockOf[p];
      if (blk >= 0) {
        const kk = L.blockStart[blk + 1] - L.blockStart[blk];
        const sl = L.slotOf[p];
        hll[L.hllOff[blk] + sl * kk + sl] += h;
      } else {
        const gg = L.slotOf[p];
        hgg[gg * G + gg] += h;
      }
    }
    state.value = total;
    return total;
  }
}
