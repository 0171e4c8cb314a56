/**
 * Bounded maximum-likelihood fits: a projected Newton method (Bertsekas, SIAM J. Control Optim. 20
 * (1982) 221) on the exact gradient and Hessian of −ln L, with the Newton system solved through the
 * block-arrow structure of {@link ArrowLayout} in O(bins·G²), Levenberg–Marquardt damping when the
 * Hessian is not positive definite, and an Armijo backtracking line search along the projection arc.
 *
 * Convergence is declared when the estimated distance to the minimum, EDM = ½ gᵀH⁻¹g over the free
 * parameters, falls below `tolerance` (in units of −ln L). A fit that stops for any other reason
 * returns `converged: false` with a `status` saying why.
 */
import { ArrowEvaluator, ArrowLayout, ArrowState } from './likelihood.js';
import { cholesky, choleskySolve, inverseSpd } from './linalg.js';
import type { Model } from './model.js';
import { ProfiledEvaluator, ProfiledLayout, ProfiledState } from './profiled.js';

/** Options of one fit. */
export interface FitOptions {
  /** Starting point (default: the model's suggested init). Not modified. */
  readonly init?: ArrayLike<number>;
  /** Fix the parameter of interest at this value (a conditional fit, pyhf `fixed_poi_fit`). */
  readonly fixPoi?: number;
  /** Extra fixed-parameter mask (1 = fixed at its init value), added to the model's suggested fixed set. */
  readonly fixed?: ArrayLike<number>;
  /** Convergence threshold on EDM (default 1e-10). */
  readonly tolerance?: number;
  /** Maximum Newton iterations (default 200). */
  readonly maxIterations?: number;
  /**
   * Profile the per-bin parameters exactly inside an iteration over the global ones, where the model
   * allows it (default true); false fits all parameters jointly. A profiled fit that ends with a
   * per-bin parameter on a bound is redone jointly, so both reach the same minimum.
   */
  readonly profile?: boolean;
}

/** Result of a fit. */
export interface FitResult {
  /** Best-fit parameters (all components, fixed ones included). */
  readonly pars: Float64Array;
  /** −ln L at the best fit, constants included. */
  readonly nll: number;
  /** 2·(−ln L), pyhf's `twice_nll`. */
  readonly twiceNll: number;
  /**
   * −2 ln(L/L_saturated) at the best fit, exact whatever the size of the (auxiliary) data. Test
   * statistics are differences of it between fits to the same data, free of the large constant.
   */
  readonly deviance: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** Estimated distance to the minimum at the last iterate. */
  readonly edm: number;
  /** `converged`, or the reason the fit stopped. */
  readonly status: string;
}

/** Thrown by callers that cannot use a fit that did not converge. */
export class FitError extends Error {
  override readonly name = 'FitError';
  constructor(
    message: string,
    readonly result?: FitResult,
  ) {
    super(message);
  }
}

const ARMIJO = 1e-4;

/**
 * An objective for the projected Newton loop: −ln L as a function of some of the parameters
 * (`varPar`), the others being fixed or profiled inside `evaluate`. Gradient and step are indexed by
 * variable; `solve` reads the Minimizer's active set and writes its step.
 */
interface NewtonProblem<S extends { value: number }> {
  readonly varPar: Int32Array;
  readonly stateA: S;
  readonly stateB: S;
  /** Set by `evaluate` when the problem cannot represent the likelihood at a point. */
  readonly unsupported: boolean;
  /** Whether the minimum reached at `x` is one this problem can vouch for (else the fit is redone jointly). */
  accepts(x: Float64Array): boolean;
  /** Called once per fit, before the first evaluation. */
  prepare(data: Float64Array, fixed: Uint8Array): void;
  evaluate(x: Float64Array, data: Float64Array, state: S): number;
  grad(state: S): Float64Array;
  solve(state: S, lambda: number): boolean;
}

/**
 * A reusable minimiser for one model: all scratch memory is allocated once here, none in the loop.
 *
 * Models whose per-bin parameters enter linearly with a constraint (the paper's windows, shapesys)
 * are fitted over their few global parameters with the per-bin ones profiled exactly
 * ({@link ProfiledEvaluator}); the others jointly over all parameters with the block-arrow Hessian.
 * Where the profiled fit cannot vouch for its minimum (a class product turned negative, or a per-bin
 * parameter ended on a bound), the fit is redone jointly from the same start.
 */
export class Minimizer {
  readonly layout: ArrowLayout;
  /** The class structure used to profile per-bin parameters, or null if they are fitted jointly. */
  readonly profile: ProfiledLayout | null;
  private readonly evaluator: ArrowEvaluator;
  private readonly joint: NewtonProblem<ArrowState>;
  private readonly profiled: NewtonProblem<ProfiledState> | null;
  private readonly data: Float64Array;
  private readonly x: Float64Array;
  private readonly xTrial: Float64Array;
  private readonly step: Float64Array;
  private readonly clamp: Uint8Array;
  private readonly fixedMask: Uint8Array;
  // solver scratch
  private readonly blockL: Float64Array;
  private readonly blockY: Float64Array;
  private readonly blockRhs: Float64Array;
  private readonly schur: Float64Array;
  private readonly rhsG: Float64Array;
  private readonly bScratch: Float64Array;

  constructor(readonly model: Model) {
    this.layout = new ArrowLayout(model);
    this.evaluator = new ArrowEvaluator(model, this.layout);
    const n = model.nPars;
    this.data = new Float64Array(model.nMain + model.nAux);
    this.x = new Float64Array(n);
    this.xTrial = new Float64Array(n);
    this.step = new Float64Array(n);
    this.clamp = new Uint8Array(n);
    this.fixedMask = new Uint8Array(n);
    const L = this.layout;
    this.blockL = new Float64Array(L.hllSize);
    this.blockY = new Float64Array(L.hlgSize);
    this.blockRhs = new Float64Array(L.blockPars.length);
    this.schur = new Float64Array(L.nGlobal * L.nGlobal);
    this.rhsG = new Float64Array(L.nGlobal);
    this.bScratch = new Float64Array(Math.max(1, L.maxBlock * L.nGlobal));

    const evaluator = this.evaluator;
    this.joint = {
      varPar: Int32Array.from({ length: n }, (_, i) => i),
      stateA: new ArrowState(L),
      stateB: new ArrowState(L),
      unsupported: false,
      accepts: () => true,
      prepare: () => undefined,
      evaluate: (x, data, state) => evaluator.evaluate(x, data, state),
      grad: (state) => state.grad,
      solve: (state, lambda) => this.solve(state, lambda),
    };
    this.profile = ProfiledLayout.of(model, L);
    if (this.profile === null) this.profiled = null;
    else {
      const profiled = new ProfiledEvaluator(model, L, this.profile);
      this.profiled = {
        varPar: L.globalPar,
        stateA: new ProfiledState(L.nGlobal),
        stateB: new ProfiledState(L.nGlobal),
        get unsupported() {
          return profiled.unsupported;
        },
        accepts: (x) => !profiled.localAtBound(x),
        prepare: (data, fixed) => profiled.prepare(data, fixed),
        evaluate: (x, data, state) => profiled.evaluate(x, data, state),
        grad: (state) => state.grad,
        solve: (state, lambda) => this.solveGlobals(state, lambda),
      };
    }
  }

  /**
   * Minimises −ln L(data | θ) within the model's bounds.
   *
   * @param data - `[main…, aux…]`, length nMain + nAux
   */
  fit(data: ArrayLike<number>, options: FitOptions = {}): FitResult {
    const model = this.model;
    const tol = options.tolerance ?? 1e-10;
    const maxIter = options.maxIterations ?? 200;
    const dataF = this.data;
    for (let i = 0; i < dataF.length; i++) dataF[i] = data[i];
    const constant = model.dataConstant(dataF);
    if (this.profiled !== null && options.profile !== false) {
      this.start(options);
      const r = this.newton(this.profiled, dataF, tol, maxIter, constant);
      if (r !== null) return r;
    }
    this.start(options);
    return this.newton(this.joint, dataF, tol, maxIter, constant) as FitResult;
  }

  /** Sets the starting point and the fixed mask of a fit. */
  private start(options: FitOptions): void {
    const model = this.model;
    const { x, fixedMask } = this;
    const lo = model.lowerBounds;
    const hi = model.upperBounds;
    const init = options.init ?? model.suggestedInit;
    for (let i = 0; i < model.nPars; i++) {
      fixedMask[i] = model.suggestedFixed[i] | (options.fixed !== undefined && options.fixed[i] ? 1 : 0);
      x[i] = init[i];
      if (fixedMask[i] === 0) x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
    }
    if (options.fixPoi !== undefined) {
      if (model.poiIndex < 0) throw new FitError('the model has no parameter of interest to fix');
      x[model.poiIndex] = options.fixPoi;
      fixedMask[model.poiIndex] = 1;
    }
  }

  /**
   * The projected Newton loop over the variables of `problem`, from `this.x`. Returns null if the
   * problem finds it cannot represent the likelihood on the way (the caller then fits jointly).
   */
  private newton<S extends { value: number }>(problem: NewtonProblem<S>, data: Float64Array, tol: number, maxIter: number, constant: number): FitResult | null {
    const model = this.model;
    const { x, xTrial, step, clamp, fixedMask } = this;
    const lo = model.lowerBounds;
    const hi = model.upperBounds;
    const vars = problem.varPar;
    const n = vars.length;
    problem.prepare(data, fixedMask);
    let cur = problem.stateA;
    let trial = problem.stateB;
    let f = problem.evaluate(x, data, cur);
    if (problem.unsupported) return null;
    if (!Number.isFinite(f)) {
      return this.result(x, f, constant, false, 0, Number.NaN, 'the likelihood is zero at the starting point (a rate ≤ 0 with events observed)');
    }
    let lambda = 0;
    let iterations = 0;
    let edm = Number.NaN;
    let status = 'maximum number of iterations reached';
    let converged = false;
    while (iterations < maxIter) {
      iterations++;
      const g = problem.grad(cur);
      // active set: fixed, or at a bound with the gradient pointing outwards
      for (let i = 0; i < n; i++) {
        const p = vars[i];
        const eps = 1e-10 * Math.max(1, hi[p] - lo[p]);
        clamp[i] = fixedMask[p] === 1 || (x[p] <= lo[p] + eps && g[i] > 0) || (x[p] >= hi[p] - eps && g[i] < 0) ? 1 : 0;
      }
      if (!problem.solve(cur, lambda)) {
        lambda = lambda === 0 ? 1e-6 : lambda * 10;
        if (lambda > 1e12) {
          status = 'Hessian not positive definite even with damping';
          break;
        }
        continue;
      }
      edm = 0;
      for (let i = 0; i < n; i++) if (clamp[i] === 0) edm += g[i] * step[i];
      edm *= 0.5;
      if (edm < tol && lambda < 1e-3) {
        converged = true;
        status = 'converged';
        break;
      }
      // backtracking line search along the projection arc x(t) = P(x − tΔ)
      let t = 1;
      let accepted = false;
      xTrial.set(x);
      for (let ls = 0; ls < 60; ls++) {
        let slope = 0;
        for (let i = 0; i < n; i++) {
          const p = vars[i];
          let v = x[p];
          if (clamp[i] === 0) {
            v = x[p] - t * step[i];
            if (v < lo[p]) v = lo[p];
            else if (v > hi[p]) v = hi[p];
          }
          xTrial[p] = v;
          slope += g[i] * (v - x[p]);
        }
        const ft = problem.evaluate(xTrial, data, trial);
        if (problem.unsupported) return null;
        if (Number.isFinite(ft) && (ft <= f + ARMIJO * slope || (slope >= 0 && ft < f))) {
          accepted = true;
          break;
        }
        if (Number.isFinite(ft) && Math.abs(ft - f) <= 1e-15 * Math.max(1, Math.abs(f)) && edm < 1e3 * tol) {
          // no representable decrease left: the minimum is reached to machine precision
          accepted = false;
          break;
        }
        t *= 0.5;
      }
      if (!accepted) {
        if (edm < 1e3 * tol) {
          converged = true;
          status = 'converged';
          break;
        }
        lambda = lambda === 0 ? 1e-4 : lambda * 10;
        if (lambda > 1e12) {
          status = 'line search failed';
          break;
        }
        continue;
      }
      x.set(xTrial);
      f = trial.value;
      const tmp = cur;
      cur = trial;
      trial = tmp;
      if (t === 1) lambda = lambda < 1e-8 ? 0 : lambda * 0.1;
    }
    if (!problem.accepts(x)) return null;
    return this.result(x, f, constant, converged, iterations, edm, status);
  }

  private result(x: Float64Array, f: number, constant: number, converged: boolean, iterations: number, edm: number, status: string): FitResult {
    const nll = f + constant;
    return { pars: Float64Array.from(x), nll, twiceNll: 2 * nll, deviance: 2 * f, converged, iterations, edm, status };
  }

  /**
   * Solves (H + λ·diag) Δ = g for the unclamped parameters via the Schur complement of the block-arrow
   * Hessian; clamped parameters get Δ = 0. Result in `this.step`. Returns false if not positive definite.
   */
  private solve(state: ArrowState, lambda: number): boolean {
    const L = this.layout;
    const G = L.nGlobal;
    const { clamp, step, blockL, blockY, blockRhs, schur, rhsG, bScratch } = this;
    const { grad, hll, hlg, hgg } = state;
    // global part: S = D, r = g_G
    for (let a = 0; a < G; a++) {
      const pa = L.globalPar[a];
      rhsG[a] = clamp[pa] ? 0 : grad[pa];
      for (let b = 0; b < G; b++) {
        const pb = L.globalPar[b];
        schur[a * G + b] = clamp[pa] || clamp[pb] ? 0 : hgg[a * G + b];
      }
      if (clamp[pa]) schur[a * G + a] = 1;
      else schur[a * G + a] += lambda * (Math.abs(hgg[a * G + a]) + 1e-8);
    }
    for (let blk = 0; blk < L.nBlocks; blk++) {
      const s0 = L.blockStart[blk];
      const k = L.blockStart[blk + 1] - s0;
      if (k === 0) continue;
      const ho = L.hllOff[blk];
      const go = L.hlgOff[blk];
      if (k === 1) {
        // 1×1 block: closed form
        const p0 = L.blockPars[s0];
        if (clamp[p0]) {
          blockRhs[s0] = 0;
          for (let a = 0; a < G; a++) blockY[go + a] = 0;
          continue;
        }
        const h = hll[ho] + lambda * (Math.abs(hll[ho]) + 1e-8);
        if (!(h > 0)) return false;
        const inv = 1 / h;
        const y = grad[p0] * inv;
        blockRhs[s0] = y;
        for (let a = 0; a < G; a++) blockY[go + a] = clamp[L.globalPar[a]] ? 0 : hlg[go + a] * inv;
        for (let a = 0; a < G; a++) {
          const ya = blockY[go + a];
          if (ya === 0) continue;
          const bia = ya * h;
          rhsG[a] -= bia * y;
          const row = a * G;
          for (let b = 0; b < G; b++) schur[row + b] -= bia * blockY[go + b];
        }
        continue;
      }
      if (k === 2) {
        // 2×2 block: closed-form inverse
        const p0 = L.blockPars[s0];
        const p1 = L.blockPars[s0 + 1];
        const c0 = clamp[p0];
        const c1 = clamp[p1];
        const a = c0 ? 1 : hll[ho] + lambda * (Math.abs(hll[ho]) + 1e-8);
        const d = c1 ? 1 : hll[ho + 3] + lambda * (Math.abs(hll[ho + 3]) + 1e-8);
        const off = c0 || c1 ? 0 : hll[ho + 1];
        const det = a * d - off * off;
        if (!(a > 0) || !(det > 0)) return false;
        const i00 = d / det;
        const i01 = -off / det;
        const i11 = a / det;
        const g0 = c0 ? 0 : grad[p0];
        const g1 = c1 ? 0 : grad[p1];
        const y0 = i00 * g0 + i01 * g1;
        const y1 = i01 * g0 + i11 * g1;
        blockRhs[s0] = y0;
        blockRhs[s0 + 1] = y1;
        const r1 = go + G;
        for (let q = 0; q < G; q++) {
          const cg = clamp[L.globalPar[q]];
          const b0 = c0 || cg ? 0 : hlg[go + q];
          const b1 = c1 || cg ? 0 : hlg[r1 + q];
          bScratch[q] = b0;
          bScratch[G + q] = b1;
          blockY[go + q] = i00 * b0 + i01 * b1;
          blockY[r1 + q] = i01 * b0 + i11 * b1;
        }
        for (let q = 0; q < G; q++) {
          const b0 = bScratch[q];
          const b1 = bScratch[G + q];
          if (b0 === 0 && b1 === 0) continue;
          rhsG[q] -= b0 * y0 + b1 * y1;
          const row = q * G;
          for (let u = 0; u < G; u++) schur[row + u] -= b0 * blockY[go + u] + b1 * blockY[r1 + u];
        }
        continue;
      }
      // A (damped, clamped rows → identity)
      for (let i = 0; i < k; i++) {
        const pi = L.blockPars[s0 + i];
        for (let j = 0; j < k; j++) {
          const pj = L.blockPars[s0 + j];
          blockL[ho + i * k + j] = clamp[pi] || clamp[pj] ? 0 : hll[ho + i * k + j];
        }
        if (clamp[pi]) blockL[ho + i * k + i] = 1;
        else blockL[ho + i * k + i] += lambda * (Math.abs(hll[ho + i * k + i]) + 1e-8);
        blockRhs[s0 + i] = clamp[pi] ? 0 : grad[pi];
      }
      if (!cholesky(blockL, ho, k)) return false;
      choleskySolve(blockL, ho, k, blockRhs, s0, 1);
      if (G === 0) continue;
      // B (k × G) with clamped rows/columns zeroed; Y = A⁻¹B
      for (let i = 0; i < k; i++) {
        const pi = L.blockPars[s0 + i];
        for (let a = 0; a < G; a++) {
          const v = clamp[pi] || clamp[L.globalPar[a]] ? 0 : hlg[go + i * G + a];
          bScratch[i * G + a] = v;
          blockY[go + i * G + a] = v;
        }
      }
      for (let a = 0; a < G; a++) choleskySolve(blockL, ho, k, blockY, go + a, G);
      // S −= Bᵀ Y, r −= Bᵀ y
      for (let i = 0; i < k; i++) {
        const yi = blockRhs[s0 + i];
        for (let a = 0; a < G; a++) {
          const bia = bScratch[i * G + a];
          if (bia === 0) continue;
          rhsG[a] -= bia * yi;
          const row = a * G;
          const yrow = go + i * G;
          for (let b = 0; b < G; b++) schur[row + b] -= bia * blockY[yrow + b];
        }
      }
    }
    if (G > 0) {
      if (!cholesky(schur, 0, G)) return false;
      choleskySolve(schur, 0, G, rhsG, 0);
      for (let a = 0; a < G; a++) step[L.globalPar[a]] = rhsG[a];
    }
    // back-substitution: Δ_local = y − Y Δ_G
    for (let blk = 0; blk < L.nBlocks; blk++) {
      const s0 = L.blockStart[blk];
      const k = L.blockStart[blk + 1] - s0;
      const go = L.hlgOff[blk];
      for (let i = 0; i < k; i++) {
        let v = blockRhs[s0 + i];
        for (let a = 0; a < G; a++) v -= blockY[go + i * G + a] * rhsG[a];
        step[L.blockPars[s0 + i]] = v;
      }
    }
    for (let i = 0; i < step.length; i++) if (clamp[i]) step[i] = 0;
    return true;
  }

  /**
   * Solves (S + λ·diag) Δ = g over the unclamped globals, S the profiled Hessian (G × G); clamped
   * globals get Δ = 0. Result in `this.step`. Returns false if not positive definite.
   */
  private solveGlobals(state: ProfiledState, lambda: number): boolean {
    const G = this.layout.nGlobal;
    const { clamp, step, schur } = this;
    const { grad, hess } = state;
    for (let a = 0; a < G; a++) {
      step[a] = clamp[a] ? 0 : grad[a];
      for (let b = 0; b < G; b++) schur[a * G + b] = clamp[a] || clamp[b] ? 0 : hess[a * G + b];
      if (clamp[a]) schur[a * G + a] = 1;
      else schur[a * G + a] += lambda * (Math.abs(hess[a * G + a]) + 1e-8);
    }
    if (!cholesky(schur, 0, G)) return false;
    choleskySolve(schur, 0, G, step, 0);
    return true;
  }

  /**
   * The full Hessian of −ln L at `pars` as a dense nPars × nPars matrix (for covariances; allocates).
   */
  hessian(pars: ArrayLike<number>, data: ArrayLike<number>): Float64Array {
    const L = this.layout;
    const n = this.model.nPars;
    const G = L.nGlobal;
    const x = Float64Array.from(pars);
    const state = new ArrowState(L);
    this.evaluator.evaluate(x, data, state);
    const h = new Float64Array(n * n);
    for (let blk = 0; blk < L.nBlocks; blk++) {
      const s0 = L.blockStart[blk];
      const k = L.blockStart[blk + 1] - s0;
      for (let i = 0; i < k; i++) {
        const pi = L.blockPars[s0 + i];
        for (let j = 0; j < k; j++) h[pi * n + L.blockPars[s0 + j]] = state.hll[L.hllOff[blk] + i * k + j];
        for (let a = 0; a < G; a++) {
          const v = state.hlg[L.hlgOff[blk] + i * G + a];
          h[pi * n + L.globalPar[a]] = v;
          h[L.globalPar[a] * n + pi] = v;
        }
      }
    }
    for (let a = 0; a < G; a++) for (let b = 0; b < G; b++) h[L.globalPar[a] * n + L.globalPar[b]] = state.hgg[a * G + b];
    return h;
  }

  /**
   * Gradient of −ln L at `pars` (allocates; for tests and diagnostics).
   */
  gradient(pars: ArrayLike<number>, data: ArrayLike<number>): Float64Array {
    const state = new ArrowState(this.layout);
    this.evaluator.evaluate(Float64Array.from(pars), data, state);
    return Float64Array.from(state.grad);
  }

  /**
   * Parameter uncertainties from the inverse Hessian over the free parameters (the fixed ones get 0),
   * with the full covariance matrix. Entries are NaN if the Hessian is not positive definite.
   */
  covariance(pars: ArrayLike<number>, data: ArrayLike<number>, fixed?: ArrayLike<number>): { errors: Float64Array; covariance: Float64Array } {
    const n = this.model.nPars;
    const h = this.hessian(pars, data);
    const free: number[] = [];
    for (let i = 0; i < n; i++) if (!this.model.suggestedFixed[i] && !(fixed !== undefined && fixed[i])) free.push(i);
    const m = free.length;
    const sub = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) sub[a * m + b] = h[free[a] * n + free[b]];
    const inv = inverseSpd(sub, m);
    const covariance = new Float64Array(n * n);
    const errors = new Float64Array(n);
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) covariance[free[a] * n + free[b]] = inv === null ? Number.NaN : inv[a * m + b];
      errors[free[a]] = inv === null ? Number.NaN : Math.sqrt(inv[a * m + a]);
    }
    return { errors, covariance };
  }
}

const minimizers = new WeakMap<Model, Minimizer>();

/** The shared {@link Minimizer} of a model (created on first use). */
export function minimizerFor(model: Model): Minimizer {
  let m = minimizers.get(model);
  if (m === undefined) {
    m = new Minimizer(model);
    minimizers.set(model, m);
  }
  return m;
}

/**
 * Unconditional maximum-likelihood fit (pyhf `infer.mle.fit`): the parameters in the model's order
 * (`model.parameterNames`), −ln L and its errors. `data` is the main data followed by the auxdata.
 *
 * @example
 * const model = uncorrelatedBackground([12, 11], [50, 52], [3, 7]);
 * const result = fit(model, [51, 48, ...model.auxdata]);
 * model.parameterNames;    // ['mu', 'uncorr_bkguncrt[0]', 'uncorr_bkguncrt[1]']
 * Array.from(result.pars); // [0, 1.0030508, 0.9626809]: μ̂ at its lower bound 0
 * result.twiceNll;         // 24.98393520034109
 */
export function fit(model: Model, data: ArrayLike<number>, options: FitOptions = {}): FitResult {
  return minimizerFor(model).fit(data, options);
}

/** Fit with the POI fixed at `mu` (pyhf `infer.mle.fixed_poi_fit`). */
export function fixedPoiFit(model: Model, data: ArrayLike<number>, mu: number, options: FitOptions = {}): FitResult {
  return minimizerFor(model).fit(data, { ...options, fixPoi: mu });
}
