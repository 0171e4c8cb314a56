import { BENDING_CONSTANT } from '../src/physics/constants.js';

/**
 * Helix of a charged particle from the interaction point in a solenoid field B along +z.
 * In the transverse plane it is a circle through the origin of radius R = pT/(0.2998·B)
 * (pT in GeV/c, B in T, R in m; docs/references.md §2.1), so the farthest radius it reaches is 2R.
 * After a transverse arc length s it has advanced z = s·cotθ; at radius r, s = 2R·asin(r/2R).
 */

/** Radius of curvature in cm of a unit-charge track of transverse momentum `ptGeV` in `fieldT`. */
export function curvatureRadiusCm(ptGeV: number, fieldT: number): number {
  return fieldT > 0 ? (100 * ptGeV) / (BENDING_CONSTANT * fieldT) : Infinity;
}

/** Transverse arc length in cm from the origin to radius r (cm) on a circle of radius R (cm); needs r ≤ 2R. */
export function arcLengthToRadius(rCm: number, radiusCm: number): number {
  if (radiusCm === Infinity) return rCm;
  const x = rCm / (2 * radiusCm);
  return x >= 1 ? Math.PI * radiusCm : 2 * radiusCm * Math.asin(x);
}

/**
 * The drift chamber as a cone-capped cylinder: sense wires from the inner layer (radius, z ends) to
 * the outer layer, the z ends growing linearly with radius in between.
 */
export interface ChamberGeometry {
  readonly innerRadiusCm: number;
  readonly innerZMinCm: number;
  readonly innerZMaxCm: number;
  readonly outerRadiusCm: number;
  readonly outerZMinCm: number;
  readonly outerZMaxCm: number;
}

/**
 * The largest radius (cm) at which a helix from the origin is still inside the chamber: the smaller
 * of 2R, the outer radius, and the radius where it leaves through an endplate. Returns a value
 * below `innerRadiusCm` when the track never reaches the inner layer inside the chamber.
 *
 * The endplate crossing solves f(r) = s(r)·|cotθ| − zEnd(r) = 0, s(r) = 2R·asin(r/2R): f is convex
 * (s is, zEnd is linear), so Newton's method started on the right of the root converges
 * monotonically. It starts next to the root, from the straight-line crossing (on the right, as
 * s ≥ r): one or two steps reach 1e-10 cm. A start at r = 2R (a curler turning back
 * inside the chamber), where f′ is infinite, is solved in the turning angle α instead
 * (s = Rα, r = 2R·sin(α/2)), where f is smooth and convex as well.
 */
export function exitRadiusCm(radiusCm: number, cotTheta: number, g: ChamberGeometry): number {
  const reach = Math.min(2 * radiusCm, g.outerRadiusCm);
  if (reach < g.innerRadiusCm) return reach;
  const forward = cotTheta >= 0;
  const cot = Math.abs(cotTheta);
  const rIn = g.innerRadiusCm;
  const zIn = forward ? g.innerZMaxCm : -g.innerZMinCm;
  const slope = ((forward ? g.outerZMaxCm : -g.outerZMinCm) - zIn) / (g.outerRadiusCm - rIn);
  if (beyondEnd(reach, radiusCm, cot, zIn + slope * (reach - rIn)) <= 0) return reach;
  if (beyondEnd(rIn, radiusCm, cot, zIn) >= 0) return rIn;
  const straight = (zIn - slope * rIn) / (cot - slope); // where r·cotθ = zEnd(r), if cotθ > slope
  if (radiusCm > 1e7) return straight; // f is linear in r
  const R = radiusCm;
  if (cot > slope && straight < reach && straight < 2 * R) {
    // Start one Newton step on g(r) = r·(1 + r²/24R²)·cotθ − zEnd(r) from the straight-line crossing:
    // s(r) ≥ r·(1 + r²/24R²) (the arcsine series has positive terms), so g ≤ f and the start is
    // still on the right of f's root, now within O((r/2R)⁴) of it.
    const q = 1 / (24 * R * R);
    let r = straight - (straight * straight * straight * q * cot) / (cot * (1 + 3 * straight * straight * q) - slope);
    for (let iteration = 0; iteration < 50; iteration++) {
      const x = r / (2 * R);
      const f = 2 * R * Math.asin(x) * cot - zIn - slope * (r - rIn); // ≥ 0 on the right of the root
      if (f < 1e-12) break;
      const cosine = Math.sqrt(1 - x * x);
      const slopeOfF = cot / cosine - slope;
      const step = f / slopeOfF;
      r -= step;
      // Newton's error after the step is at most K·step², K = f″/2f′ at the old r (f″ grows with r).
      const curvature = (cot * x) / (2 * R * cosine * cosine * cosine);
      if ((curvature / (2 * slopeOfF)) * step * step < 1e-10) break;
    }
    return Math.max(r, rIn);
  }
  let alpha = reach >= 2 * R ? Math.PI : 2 * Math.asin(reach / (2 * R));
  for (let iteration = 0; iteration < 50; iteration++) {
    const half = 0.5 * alpha;
    const f = R * alpha * cot - zIn - slope * (2 * R * Math.sin(half) - rIn);
    const step = f / (R * cot - slope * R * Math.cos(half));
    alpha -= step;
    if (step < 1e-9) break;
  }
  return Math.max(2 * R * Math.sin(0.5 * alpha), rIn);
}

/**
 * A number with the sign of s(r)·cotθ − zEnd: positive where the helix has passed the endplate.
 * The arc length lies between the chord and chord/cos: r ≤ s(r) ≤ r/√(1 − (r/2R)²)
 * (asin x ≤ x/√(1 − x²)), which settles the sign without an arcsine unless the two bounds differ in it.
 */
function beyondEnd(rCm: number, radiusCm: number, cot: number, zEndCm: number): number {
  const lower = rCm * cot - zEndCm;
  if (lower > 0) return lower;
  const x = rCm / (2 * radiusCm);
  const upper = (rCm * cot) / Math.sqrt(1 - x * x) - zEndCm;
  if (upper < 0) return upper;
  return arcLengthToRadius(rCm, radiusCm) * cot - zEndCm;
}
