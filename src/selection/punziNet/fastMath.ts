/**
 * exp, tanh and the logistic sigmoid of the network, in plain IEEE-754 double arithmetic, and the
 * same formulas as JavaScript source for the generated kernels (`kernel.ts`), so that the
 * unrolled hot loops and these reference functions give identical bits.
 *
 * Why not `Math.exp`/`Math.tanh`: they are calls into the engine's libm (≈ 20–25 ns each here, and
 * never inlined), while the network spends most of its time in 13 of them per event; these take a
 * few ns inline. And since JavaScript arithmetic is correctly rounded and never contracted into
 * FMAs, they give the same bits on every engine, version and CPU.
 *
 * exp is Tang's table-driven method (P. T. P. Tang, "Table-driven implementation of the
 * exponential function in IEEE floating-point arithmetic", ACM TOMS 15 (1989) 144):
 * x = (32m + j)·ln2/32 + r with |r| ≤ ln2/64, exp(x) = 2^m · 2^(j/32) · exp(r), exp(r) by its Taylor
 * series to r⁶ (the first omitted term, r⁷/7!, is below 3.4e-18). Error ≤ 2 ulp.
 *
 * @internal
 */

/** 2^(j/32), j = 0…31, correctly rounded (computed with 60-digit decimal arithmetic). */
export const TWO_POW_J_32: Float64Array = new Float64Array([
  1.0, 1.0218971486541166, 1.0442737824274138, 1.0671404006768237, 1.0905077326652577, 1.1143867425958924, 1.1387886347566916, 1.1637248587775775,
  1.189207115002721, 1.215247359980469, 1.241857812073484, 1.2690509571917332, 1.2968395546510096, 1.3252366431597413, 1.3542555469368927, 1.383909881963832,
  1.4142135623730951, 1.4451808069770467, 1.4768261459394993, 1.5091644275934228, 1.5422108254079407, 1.5759808451078865, 1.6104903319492543, 1.645755478153965,
  1.681792830507429, 1.718619298122478, 1.7562521603732995, 1.7947090750031072, 1.8340080864093424, 1.8741676341103, 1.9152065613971474, 1.9571441241754002,
]);

/** Index offset of 2^0 in {@link TWO_POW_M}. */
export const TWO_POW_M_OFFSET = 1080;
/** 2^m for m = −1080…1023 at index m + 1080 (exact powers of two; subnormal below 2^−1022, 0 below 2^−1074). */
export const TWO_POW_M: Float64Array = (() => {
  const t = new Float64Array(TWO_POW_M_OFFSET + 1024);
  let v = 1;
  for (let m = 0; m <= 1023; m++, v *= 2) t[TWO_POW_M_OFFSET + m] = v;
  v = 1;
  for (let m = 0; m >= -TWO_POW_M_OFFSET; m--, v /= 2) t[TWO_POW_M_OFFSET + m] = v;
  return t;
})();

/** 32/ln 2. */
const INV_LN2_32 = 46.16624130844683;
/** ln2/32 as a head with 21 trailing zero bits (k·head exact for |k| < 2²¹) and a tail: fdlibm's ln2_hi and ln2_lo over 32. */
const LN2_32_HI = 6.9314718036912382e-1 / 32;
const LN2_32_LO = 1.9082149292705877e-10 / 32;
/** 1.5·2⁵²: adding and subtracting it rounds a double of magnitude < 2⁵¹ to the nearest integer. */
const ROUND_MAGIC = 6755399441055744;
const C2 = 0.5;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;
/** Largest x with exp(x) finite, and the x below which exp(x) rounds to 0. */
const EXP_MAX = 709.782712893384;
const EXP_MIN = -745.1332191019412;
/** Beyond |s| = 19.1, tanh(s) rounds to ±1 (1 − tanh s ≈ 2e^(−2s) < 2^−54): the argument is clamped there. */
export const TANH_CLAMP = 19.1;
/** exp(−745) is the smallest subnormal; the sigmoid's exp(−|z|) argument is clamped there. */
export const SIGMOID_CLAMP = 745;

/** e^x for x in [−745.13, 709], without range checks (the kernels call it on [−745, 38.2]). */
export function expCore(x: number): number {
  const k = x * INV_LN2_32 + ROUND_MAGIC - ROUND_MAGIC;
  const r = x - k * LN2_32_HI - k * LN2_32_LO;
  const ki = k | 0;
  return TWO_POW_M[(ki >> 5) + TWO_POW_M_OFFSET] * (TWO_POW_J_32[ki & 31] * (1 + r * (1 + r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * C6)))))));
}

/** e^x to ≤ 2 ulp; +∞ above ln(Number.MAX_VALUE), 0 below ln(2^−1075), NaN for NaN. */
export function fastExp(x: number): number {
  if (!(x <= EXP_MAX)) return x > EXP_MAX ? Infinity : Number.NaN;
  if (x < EXP_MIN) return 0;
  if (x > 709 || x < -708) {
    // 2^m may be 2^1024 (overflow) or subnormal (a second rounding): scale in two exact-or-once-rounded steps
    const k = x * INV_LN2_32 + ROUND_MAGIC - ROUND_MAGIC;
    const r = x - k * LN2_32_HI - k * LN2_32_LO;
    const ki = k | 0;
    const shift = x > 0 ? -1 : 54;
    const y = TWO_POW_M[(ki >> 5) + shift + TWO_POW_M_OFFSET] * (TWO_POW_J_32[ki & 31] * (1 + r * (1 + r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * C6)))))));
    return x > 0 ? 2 * y : y * TWO_POW_M[TWO_POW_M_OFFSET - 54];
  }
  return expCore(x);
}

/**
 * tanh(s) = 1 − 2/(e^(2s) + 1), |s| clamped at 19.1 (where the result is ±1 anyway). Absolute error
 * below 3e-16; the relative error grows as |s| → 0, where tanh s ≈ s (immaterial for a hidden unit).
 */
export function fastTanh(s: number): number {
  const t = s > TANH_CLAMP ? TANH_CLAMP : s < -TANH_CLAMP ? -TANH_CLAMP : s;
  return 1 - 2 / (expCore(2 * t) + 1);
}

/** e^(−|z|), the one exponential of the sigmoid, its derivative and the cross entropy; |z| clamped at 745. */
export function expMinusAbs(z: number): number {
  const n = z < 0 ? z : -z;
  return expCore(n < -SIGMOID_CLAMP ? -SIGMOID_CLAMP : n);
}

/** σ(z) = 1/(1 + e^(−z)), from e = e^(−|z|): 1/(1 + e) for z ≥ 0, e/(1 + e) below (no overflow, full relative accuracy). */
export function fastSigmoid(z: number): number {
  const e = expMinusAbs(z);
  return z < 0 ? e / (1 + e) : 1 / (1 + e);
}

// ---------------------------------------------------------------------------------------------
// The same formulas as source text, for the generated kernels. `v` is a unique variable prefix.

/** Source computing `const <out> = expCore(<arg>)`; `arg` must be a variable name. */
function expSource(out: string, arg: string, v: string): string {
  return (
    `const ${v}k = ${arg} * ${INV_LN2_32} + ${ROUND_MAGIC} - ${ROUND_MAGIC}; ` +
    `const ${v}r = ${arg} - ${v}k * ${LN2_32_HI} - ${v}k * ${LN2_32_LO}; ` +
    `const ${v}i = ${v}k | 0; ` +
    `const ${out} = T2[(${v}i >> 5) + ${TWO_POW_M_OFFSET}] * (T1[${v}i & 31] * (1 + ${v}r * (1 + ${v}r * (${C2} + ${v}r * (${C3} + ${v}r * (${C4} + ${v}r * (${C5} + ${v}r * ${C6})))))));`
  );
}

/** Source computing `const <out> = fastTanh(<arg>)`; `arg` must be a variable name. */
export function tanhSource(out: string, arg: string, v: string): string {
  return (
    `const ${v}t = ${arg} > ${TANH_CLAMP} ? ${TANH_CLAMP} : ${arg} < ${-TANH_CLAMP} ? ${-TANH_CLAMP} : ${arg}; ` +
    `const ${v}x = 2 * ${v}t; ` +
    expSource(`${v}e`, `${v}x`, v) +
    ` const ${out} = 1 - 2 / (${v}e + 1);`
  );
}

/** Source computing `const <out> = expMinusAbs(<arg>)`; `arg` must be a variable name. */
export function expMinusAbsSource(out: string, arg: string, v: string): string {
  return (
    `const ${v}n = ${arg} < 0 ? ${arg} : -${arg}; ` +
    `const ${v}c = ${v}n < ${-SIGMOID_CLAMP} ? ${-SIGMOID_CLAMP} : ${v}n; ` +
    expSource(out, `${v}c`, v)
  );
}

/** The factory arguments the generated kernels expect, in order. */
export const KERNEL_TABLE_NAMES = ['T1', 'T2'] as const;
