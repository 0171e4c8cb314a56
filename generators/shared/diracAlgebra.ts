/**
 * Numerical Dirac algebra with explicit spinors, for amplitude-level checks of matrix elements
 * (current conservation, spin sums against traces, Born cross sections).
 *
 * Conventions of Peskin & Schroeder (chiral basis, metric +−−−):
 *   γ^μ = [[0, σ^μ], [σ̄^μ, 0]],  σ^μ = (1, σ⃗),  σ̄^μ = (1, −σ⃗),
 *   u(p, ξ) = (√(p·σ) ξ, √(p·σ̄) ξ),  v(p, η) = (√(p·σ) η, −√(p·σ̄) η)   (P&S eqs. 3.50, 3.62),
 * with ξ, η helicity two-spinors, so that Σ u ū = p̸ + m and Σ v v̄ = p̸ − m.
 *
 * Storage: a complex four-vector or Dirac spinor is a Float64Array(8) of (re, im) pairs.
 * Four-vectors hold contravariant components a^μ.
 */

/** A complex four-vector or Dirac spinor: 4 complex numbers as (re, im) pairs. */
export type Complex4 = Float64Array;

export function complex4(): Complex4 {
  return new Float64Array(8);
}

/** Sets `out` to the real four-vector (E, px, py, pz). */
export function setRealVector(out: Complex4, E: number, px: number, py: number, pz: number): Complex4 {
  out.fill(0);
  out[0] = E;
  out[2] = px;
  out[4] = py;
  out[6] = pz;
  return out;
}

/** out = a̸ ψ for a complex four-vector a (contravariant components); out must differ from ψ. */
export function slashApply(a: Complex4, psi: Complex4, out: Complex4): Complex4 {
  const a0r = a[0], a0i = a[1], a1r = a[2], a1i = a[3], a2r = a[4], a2i = a[5], a3r = a[6], a3i = a[7];
  // a·σ = a⁰ − a⃗·σ⃗ = [[a0 − a3, −(a1 − i a2)], [−(a1 + i a2), a0 + a3]]; a·σ̄ = a⁰ + a⃗·σ⃗.
  const mr = a1r + a2i, mi = a1i - a2r; // a1 − i a2
  const pr = a1r - a2i, pi = a1i + a2r; // a1 + i a2
  const dr = a0r - a3r, di = a0i - a3i; // a0 − a3
  const sr = a0r + a3r, si = a0i + a3i; // a0 + a3
  const u0r = psi[0], u0i = psi[1], u1r = psi[2], u1i = psi[3];
  const l0r = psi[4], l0i = psi[5], l1r = psi[6], l1i = psi[7];
  // upper = (a·σ) ψ_lower
  out[0] = dr * l0r - di * l0i - (mr * l1r - mi * l1i);
  out[1] = dr * l0i + di * l0r - (mr * l1i + mi * l1r);
  out[2] = -(pr * l0r - pi * l0i) + sr * l1r - si * l1i;
  out[3] = -(pr * l0i + pi * l0r) + sr * l1i + si * l1r;
  // lower = (a·σ̄) ψ_upper
  out[4] = sr * u0r - si * u0i + mr * u1r - mi * u1i;
  out[5] = sr * u0i + si * u0r + mr * u1i + mi * u1r;
  out[6] = pr * u0r - pi * u0i + dr * u1r - di * u1i;
  out[7] = pr * u0i + pi * u0r + dr * u1i + di * u1r;
  return out;
}

/** out = c ψ + d χ for complex scalars c = (cr, ci), d = (dr, di). */
export function combine(cr: number, ci: number, psi: Complex4, dr: number, di: number, chi: Complex4, out: Complex4): Complex4 {
  for (let j = 0; j < 8; j += 2) {
    const pr = psi[j], pi = psi[j + 1], qr = chi[j], qi = chi[j + 1];
    out[j] = cr * pr - ci * pi + dr * qr - di * qi;
    out[j + 1] = cr * pi + ci * pr + dr * qi + di * qr;
  }
  return out;
}

/** ψ̄ χ = ψ† γ⁰ χ, written into out[0] (re) and out[1] (im). */
export function barProduct(psi: Complex4, chi: Complex4, out: Float64Array): Float64Array {
  let re = 0;
  let im = 0;
  for (let j = 0; j < 4; j += 2) {
    // ψ_upper† χ_lower + ψ_lower† χ_upper
    const ar = psi[j], ai = psi[j + 1], br = chi[j + 4], bi = chi[j + 5];
    const cr = psi[j + 4], ci = psi[j + 5], dr = chi[j], di = chi[j + 1];
    re += ar * br + ai * bi + cr * dr + ci * di;
    im += ar * bi - ai * br + cr * di - ci * dr;
  }
  out[0] = re;
  out[1] = im;
  return out;
}

/**
 * Helicity two-spinor χ_λ(p̂) (σ⃗·p̂ χ = λ χ), λ = ±1, into c[0..3] as (re, im) pairs:
 * χ₊ = (cos θ/2, e^{iφ} sin θ/2), χ₋ = (−e^{−iφ} sin θ/2, cos θ/2).
 */
function helicityTwoSpinor(px: number, py: number, pz: number, lambda: number, c: Float64Array): void {
  // atan2 keeps θ precise at tiny angles, where acos(p_z/|p|) loses half the digits.
  const theta = Math.atan2(Math.hypot(px, py), pz);
  const phi = Math.atan2(py, px);
  const cos = Math.cos(0.5 * theta);
  const sin = Math.sin(0.5 * theta);
  if (lambda > 0) {
    c[0] = cos; c[1] = 0; c[2] = sin * Math.cos(phi); c[3] = sin * Math.sin(phi);
  } else {
    c[0] = -sin * Math.cos(phi); c[1] = sin * Math.sin(phi); c[2] = cos; c[3] = 0;
  }
}

const chiScratch = new Float64Array(4);

/** Dirac spinor u(p, λ) of a fermion of mass m with helicity λ = ±1. */
export function spinorU(E: number, px: number, py: number, pz: number, m: number, lambda: number, out: Complex4): Complex4 {
  const p = Math.hypot(px, py, pz);
  helicityTwoSpinor(px, py, pz, lambda, chiScratch);
  // √(E − |p|) is written m/√(E + |p|): no cancellation for relativistic fermions.
  const large = Math.sqrt(E + p);
  const small = large > 0 ? m / large : 0;
  const upper = lambda > 0 ? small : large; // √(E − λ|p|)
  const lower = lambda > 0 ? large : small; // √(E + λ|p|)
  for (let j = 0; j < 4; j++) {
    out[j] = upper * chiScratch[j];
    out[j + 4] = lower * chiScratch[j];
  }
  return out;
}

/** Dirac spinor v(p, λ) = (√(p·σ) χ_λ, −√(p·σ̄) χ_λ) of an antifermion of mass m. */
export function spinorV(E: number, px: number, py: number, pz: number, m: number, lambda: number, out: Complex4): Complex4 {
  spinorU(E, px, py, pz, m, lambda, out);
  for (let j = 4; j < 8; j++) out[j] = -out[j];
  return out;
}

/** Minkowski product a·b of complex four-vectors (no conjugation), into out[0], out[1]. */
export function minkowskiDot(a: Complex4, b: Complex4, out: Float64Array): Float64Array {
  let re = 0;
  let im = 0;
  for (let mu = 0; mu < 4; mu++) {
    const sign = mu === 0 ? 1 : -1;
    const ar = a[2 * mu], ai = a[2 * mu + 1], br = b[2 * mu], bi = b[2 * mu + 1];
    re += sign * (ar * br - ai * bi);
    im += sign * (ar * bi + ai * br);
  }
  out[0] = re;
  out[1] = im;
  return out;
}

/** The basis vector whose slash is γ^μ (upper index): a^ν = g^{νμ}. */
export function gammaUpperBasis(mu: number, out: Complex4): Complex4 {
  out.fill(0);
  out[2 * mu] = mu === 0 ? 1 : -1;
  return out;
}
