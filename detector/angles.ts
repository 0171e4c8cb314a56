/**
 * atan2 without branches on the data. The detector takes two angles per particle whose quadrants
 * are random; V8's Math.atan2 (fdlibm `e_atan2.c`) branches on the quadrant and on the size of the
 * ratio, and the mispredicted branches make it cost 25 ns here (`npm run bench -- detector`, and
 * the note in test/detector/angles.test.ts), against 16 ns for this version.
 *
 * Method: r = min(|x|, |y|)/max(|x|, |y|) ∈ [0, 1]; one half-angle step u = r/(1 + √(1 + r²)),
 * atan r = 2·atan u, brings u into [0, tan(π/8)] = [0, 0.4142], inside the range |u| < 7/16 where
 * fdlibm's polynomial (`s_atan.c`, coefficients aT[0..10], error < 1 ulp) approximates atan u
 * directly; the octant then maps atan r to the angle with exact sign flips and one addition of π/2
 * or π. Each step rounds once, so the result is within a few ulp of Math.atan2.
 */

const HALF_PI = Math.PI / 2;
const PI = Math.PI;

// fdlibm s_atan.c: atan(u) = u − u·(z·(aT0 + w·(aT2 + …)) + w·(aT1 + w·(aT3 + …))), z = u², w = z².
const AT0 = 3.33333333333329318027e-1;
const AT1 = -1.99999999998764832476e-1;
const AT2 = 1.42857142725034663711e-1;
const AT3 = -1.11111104054623557880e-1;
const AT4 = 9.09088713343650656196e-2;
const AT5 = -7.69187620504482999495e-2;
const AT6 = 6.66107313738753120669e-2;
const AT7 = -5.83357013379057348645e-2;
const AT8 = 4.97687799461593236017e-2;
const AT9 = -3.65315727442169155270e-2;
const AT10 = 1.62858201153657823623e-2;

/**
 * The angle of (x, y) from +x, in [−π, π], like Math.atan2(y, x) to a few ulp; a zero y gives the
 * angle of +0 (0 or π) whatever its sign. Zero or infinite coordinates and NaN go to Math.atan2.
 */
export function atan2(y: number, x: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const large = Math.max(ax, ay);
  if (!(large > 0 && large < Infinity)) return Math.atan2(y, x);
  const r = Math.min(ax, ay) / large;
  const u = r / (1 + Math.sqrt(1 + r * r));
  const z = u * u;
  const w = z * z;
  const odd = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const even = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  const a = 2 * (u - u * (odd + even)); // atan r ∈ [0, π/4]
  // Octant by arithmetic on the comparisons (0 or 1), not by branches.
  const steep = +(ay > ax);
  const left = +(x < 0);
  const below = +(y < 0);
  const b = steep * HALF_PI + (1 - 2 * steep) * a;
  const c = left * PI + (1 - 2 * left) * b;
  return (1 - 2 * below) * c;
}
