/**
 * HistFactory interpolation codes, with exact first and second derivatives.
 *
 * Definitions follow pyhf (`src/pyhf/interpolators/code{0,1,4,4p}.py`) and the HistFactory note
 * (K. Cranmer et al., CERN-OPEN-2012-016, §"Interpolation"). pyhf's defaults are code4 for normsys
 * and code4p for histosys (`pdf.py`, `default_modifier_settings`).
 */

/** Interpolation codes for multiplicative (normsys) modifiers. */
export type NormsysCode = 'code1' | 'code4';
/** Interpolation codes for additive (histosys) modifiers. */
export type HistosysCode = 'code0' | 'code4p';

/** Output of an interpolation: value, first and second derivative with respect to α. */
export interface Interp3 {
  f: number;
  d1: number;
  d2: number;
}

/**
 * Coefficients a₁…a₆ of the code-4 polynomial 1 + Σ aᵢαⁱ for |α| < α₀ = 1, fixed by matching value,
 * first and second derivative of hiᵅ at α = 1 and lo⁻ᵅ at α = −1 (pyhf `code4.__init__`, matrix A⁻¹).
 *
 * @param hi - relative up variation (> 0)
 * @param lo - relative down variation (> 0)
 * @param out - receives the six coefficients at `offset`
 */
export function code4Coefficients(hi: number, lo: number, out: Float64Array, offset: number): void {
  const lnHi = Math.log(hi);
  const lnLo = Math.log(lo);
  // b vector of pyhf code4 with α₀ = 1
  const b0 = hi - 1;
  const b1 = lo - 1;
  const b2 = lnHi * hi;
  const b3 = -lnLo * lo;
  const b4 = lnHi * lnHi * hi;
  const b5 = lnLo * lnLo * lo;
  // rows of A⁻¹ (α₀ = 1), pyhf code4.py
  out[offset] = (15 / 16) * b0 - (15 / 16) * b1 - (7 / 16) * b2 - (7 / 16) * b3 + (1 / 16) * b4 - (1 / 16) * b5;
  out[offset + 1] = (3 / 2) * b0 + (3 / 2) * b1 - (9 / 16) * b2 + (9 / 16) * b3 + (1 / 16) * b4 + (1 / 16) * b5;
  out[offset + 2] = -(5 / 8) * b0 + (5 / 8) * b1 + (5 / 8) * b2 + (5 / 8) * b3 - (1 / 8) * b4 + (1 / 8) * b5;
  out[offset + 3] = -(3 / 2) * b0 - (3 / 2) * b1 + (7 / 8) * b2 - (7 / 8) * b3 - (1 / 8) * b4 - (1 / 8) * b5;
  out[offset + 4] = (3 / 16) * b0 - (3 / 16) * b1 - (3 / 16) * b2 - (3 / 16) * b3 + (1 / 16) * b4 - (1 / 16) * b5;
  out[offset + 5] = (1 / 2) * b0 + (1 / 2) * b1 - (5 / 16) * b2 + (5 / 16) * b3 + (1 / 16) * b4 + (1 / 16) * b5;
}

/**
 * Code 1 (piecewise exponential): hiᵅ for α ≥ 0, lo⁻ᵅ for α < 0.
 * Writes value and derivatives into `out`.
 */
export function code1(alpha: number, hi: number, lo: number, out: Interp3): void {
  if (alpha >= 0) {
    const l = Math.log(hi);
    const f = Math.pow(hi, alpha);
    out.f = f;
    out.d1 = f * l;
    out.d2 = f * l * l;
  } else {
    const l = -Math.log(lo);
    const f = Math.pow(lo, -alpha);
    out.f = f;
    out.d1 = f * l;
    out.d2 = f * l * l;
  }
}

/**
 * Code 4 (polynomial inside |α| < 1, exponential outside), pyhf `code4.__call__`:
 * hiᵅ for α ≥ 1, lo⁻ᵅ for α ≤ −1, else 1 + Σᵢ₌₁⁶ aᵢαⁱ with `coef` from {@link code4Coefficients}.
 */
export function code4(alpha: number, hi: number, lo: number, coef: Float64Array, offset: number, out: Interp3): void {
  if (alpha >= 1 || alpha <= -1) {
    code1(alpha, hi, lo, out);
    return;
  }
  const a1 = coef[offset];
  const a2 = coef[offset + 1];
  const a3 = coef[offset + 2];
  const a4 = coef[offset + 3];
  const a5 = coef[offset + 4];
  const a6 = coef[offset + 5];
  const x = alpha;
  out.f = 1 + x * (a1 + x * (a2 + x * (a3 + x * (a4 + x * (a5 + x * a6)))));
  out.d1 = a1 + x * (2 * a2 + x * (3 * a3 + x * (4 * a4 + x * (5 * a5 + x * 6 * a6))));
  out.d2 = 2 * a2 + x * (6 * a3 + x * (12 * a4 + x * (20 * a5 + x * 30 * a6)));
}

/**
 * Code 0 (piecewise linear) additive shift: α·(up − nom) for α ≥ 0, α·(nom − down) for α < 0.
 * At the kink α = 0 the derivative is the right-hand one, the slope a forward-difference gradient
 * (pyhf's SLSQP) sees from the suggested init α = 0, so that fits leave the kink the same way.
 *
 * @param deltaUp - up − nom
 * @param deltaDn - nom − down
 */
export function code0(alpha: number, deltaUp: number, deltaDn: number, out: Interp3): void {
  const d = alpha >= 0 ? deltaUp : deltaDn;
  out.f = alpha * d;
  out.d1 = d;
  out.d2 = 0;
}

/**
 * Code 4p additive shift (pyhf `code4p`): linear outside |α| ≤ 1, and inside
 * α·S + α²·A·(15 − 10α² + 3α⁴) with S = (Δ⁺ + Δ⁻)/2, A = (Δ⁺ − Δ⁻)/16.
 */
export function code4p(alpha: number, deltaUp: number, deltaDn: number, out: Interp3): void {
  if (alpha > 1) {
    out.f = alpha * deltaUp;
    out.d1 = deltaUp;
    out.d2 = 0;
    return;
  }
  if (alpha < -1) {
    out.f = alpha * deltaDn;
    out.d1 = deltaDn;
    out.d2 = 0;
    return;
  }
  const S = 0.5 * (deltaUp + deltaDn);
  const A = 0.0625 * (deltaUp - deltaDn);
  const a2 = alpha * alpha;
  out.f = alpha * S + a2 * A * (15 + a2 * (-10 + 3 * a2));
  out.d1 = S + A * alpha * (30 + a2 * (-40 + 18 * a2));
  out.d2 = A * (30 + a2 * (-120 + 90 * a2));
}
