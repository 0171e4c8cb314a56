/**
 * Small dense linear algebra on row-major Float64Array views, without allocation.
 */

/**
 * In-place Cholesky factorisation A = L·Lᵀ of the n×n symmetric matrix at `a[off…]` (lower triangle
 * written, upper left untouched). Returns false if A is not positive definite.
 */
export function cholesky(a: Float64Array, off: number, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rj = off + j * n;
    let d = a[rj + j];
    for (let k = 0; k < j; k++) d -= a[rj + k] * a[rj + k];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = off + i * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      a[ri + j] = s / ljj;
    }
  }
  return true;
}

/**
 * Solves L·Lᵀ·x = b in place (b at `b[boff…]`, stride `stride` between consecutive components),
 * with the factor from {@link cholesky}.
 */
export function choleskySolve(l: Float64Array, off: number, n: number, b: Float64Array, boff: number, stride = 1): void {
  for (let i = 0; i < n; i++) {
    const ri = off + i * n;
    let s = b[boff + i * stride];
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[boff + k * stride];
    b[boff + i * stride] = s / l[ri + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[boff + i * stride];
    for (let k = i + 1; k < n; k++) s -= l[off + k * n + i] * b[boff + k * stride];
    b[boff + i * stride] = s / l[off + i * n + i];
  }
}

/**
 * Inverse of a symmetric positive-definite n×n matrix (allocates; for covariance matrices, not hot loops).
 * Returns null if the matrix is not positive definite.
 */
export function inverseSpd(matrix: Float64Array, n: number): Float64Array | null {
  const l = Float64Array.from(matrix);
  if (!cholesky(l, 0, n)) return null;
  const inv = new Float64Array(n * n);
  for (let j = 0; j < n; j++) inv[j * n + j] = 1;
  // columns of the identity, stored with stride n
  for (let j = 0; j < n; j++) choleskySolve(l, 0, n, inv, j, n);
  return inv;
}
