import type { LorentzTransform } from '../../src/physics/lorentzTransform.js';
import type { RandomStream } from '../../src/random/stream.js';

/**
 * Allocation-free Lorentz operations for generator hot loops: boosts of one row of momentum
 * columns, boost matrices set from a four-momentum, and matrix products into preallocated storage.
 * Boosts are parametrised by the four-momentum P (mass M) of the moving frame, not by β, so that
 * they stay exact for large γ: a vector at rest in that frame acquires the four-momentum P.
 */

/**
 * Boosts row `i` of the columns, in place, from the rest frame of P = (pE, pX, pY, pZ) (mass `m`)
 * to the frame in which P has these components:
 *   E' = (E·P⁰ + p⃗·P⃗)/M,  p⃗' = p⃗ + P⃗ [p⃗·P⃗/(M(P⁰ + M)) + E/M].
 */
export function boostRowFromRest(
  E: Float64Array,
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  i: number,
  pE: number,
  pX: number,
  pY: number,
  pZ: number,
  m: number,
): void {
  const e = E[i];
  const dotP = px[i] * pX + py[i] * pY + pz[i] * pZ;
  const k = dotP / (m * (pE + m)) + e / m;
  E[i] = (e * pE + dotP) / m;
  px[i] += k * pX;
  py[i] += k * pY;
  pz[i] += k * pZ;
}

/** Sets `t` to the boost that takes the rest frame of P (mass `m`) to the frame where P = (pE, pX, pY, pZ). */
export function setBoostFromRest(t: LorentzTransform, pE: number, pX: number, pY: number, pZ: number, m: number): LorentzTransform {
  const a = t.m;
  const g = pE / m;
  const ux = pX / m;
  const uy = pY / m;
  const uz = pZ / m;
  const k = 1 / (1 + g); // Λ^i_j = δ_ij + u_i u_j/(1 + γ), u = γβ
  a[0] = g; a[1] = ux; a[2] = uy; a[3] = uz;
  a[4] = ux; a[5] = 1 + k * ux * ux; a[6] = k * ux * uy; a[7] = k * ux * uz;
  a[8] = uy; a[9] = k * uy * ux; a[10] = 1 + k * uy * uy; a[11] = k * uy * uz;
  a[12] = uz; a[13] = k * uz * ux; a[14] = k * uz * uy; a[15] = 1 + k * uz * uz;
  return t;
}

/** out = a ∘ b (apply b first, then a), written into `out`, which must differ from a and b. */
export function composeInto(out: LorentzTransform, a: LorentzTransform, b: LorentzTransform): LorentzTransform {
  const x = a.m;
  const y = b.m;
  const o = out.m;
  for (let i = 0; i < 16; i += 4) {
    const x0 = x[i], x1 = x[i + 1], x2 = x[i + 2], x3 = x[i + 3];
    o[i] = x0 * y[0] + x1 * y[4] + x2 * y[8] + x3 * y[12];
    o[i + 1] = x0 * y[1] + x1 * y[5] + x2 * y[9] + x3 * y[13];
    o[i + 2] = x0 * y[2] + x1 * y[6] + x2 * y[10] + x3 * y[14];
    o[i + 3] = x0 * y[3] + x1 * y[7] + x2 * y[11] + x3 * y[15];
  }
  return out;
}

/** Scratch output of `isotropicDirection`. */
export interface MutableDirection {
  x: number;
  y: number;
  z: number;
}

/**
 * Sets `out` to a unit vector distributed uniformly over the sphere, without trigonometric calls:
 * (a, b) uniform in the unit disk (rejection, 4/π draws of two uniforms on average), q = a² + b²,
 * n = (2a√(1 − q), 2b√(1 − q), 1 − 2q) (Marsaglia, Ann. Math. Stat. 43 (1972) 645).
 */
export function isotropicDirection(stream: RandomStream, out: MutableDirection): MutableDirection {
  let a: number;
  let b: number;
  let q: number;
  do {
    a = 2 * stream.uniform() - 1;
    b = 2 * stream.uniform() - 1;
    q = a * a + b * b;
  } while (q >= 1);
  const r = 2 * Math.sqrt(1 - q);
  out.x = a * r;
  out.y = b * r;
  out.z = 1 - 2 * q;
  return out;
}

/** Scratch output of `azimuth`: (cos φ, sin φ). */
export interface MutableAngle {
  cos: number;
  sin: number;
}

/**
 * Sets `out` to (cos φ, sin φ) of an azimuth φ uniform in [0, 2π), without trigonometric calls:
 * (a, b) uniform in the unit disk, (cos φ, sin φ) = (a² − b², 2ab)/(a² + b²) (the doubled angle
 * of a uniform point is uniform).
 */
export function azimuth(stream: RandomStream, out: MutableAngle): MutableAngle {
  let a: number;
  let b: number;
  let q: number;
  do {
    a = 2 * stream.uniform() - 1;
    b = 2 * stream.uniform() - 1;
    q = a * a + b * b;
  } while (q >= 1 || q === 0);
  out.cos = (a * a - b * b) / q;
  out.sin = (2 * a * b) / q;
  return out;
}
