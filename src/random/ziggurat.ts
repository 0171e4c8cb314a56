import type { RandomStream } from './stream.js';

/**
 * Standard normal deviates by the ziggurat method (Marsaglia & Tsang, J. Stat. Softw. 5 (2000) 8,
 * RNOR with 128 layers), about eight times faster than Box–Muller: one 32-bit draw and a table
 * lookup in 98.8% of the calls. As Doornik (2005) recommends, the layer index (low 7 bits) and the
 * value (high 25 bits) use different bits of the draw. The detector draws several normals per
 * particle, so this is its hot path; the result is exact up to the 2⁻²⁴ granularity of a layer.
 */

const LAYERS = 128;
const R = 3.442619855899; // start of the tail
const V = 9.91256303526217e-3; // area of each layer
const M = 2 ** 24; // range of the signed 25-bit value

const kn = new Int32Array(LAYERS);
const wn = new Float64Array(LAYERS);
const fn = new Float64Array(LAYERS);
{
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * M);
  kn[1] = 0;
  wn[0] = q / M;
  wn[LAYERS - 1] = dn / M;
  fn[0] = 1;
  fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * M);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M;
  }
}

/** A standard normal deviate from `stream`. */
export function zigguratNormal(stream: RandomStream): number {
  for (;;) {
    const bits = stream.nextUint32() | 0;
    const iz = bits & (LAYERS - 1);
    const hz = bits >> 7;
    if (Math.abs(hz) < kn[iz]) return hz * wn[iz]; // Math.abs has no branch to mispredict on the random sign
    const x = hz * wn[iz];
    if (iz === 0) {
      // The tail beyond R (Marsaglia's exponential rejection).
      let tail: number;
      let y: number;
      do {
        tail = -Math.log(stream.uniform()) / R;
        y = -Math.log(stream.uniform());
      } while (y + y < tail * tail);
      return hz > 0 ? R + tail : -R - tail;
    }
    if (fn[iz] + stream.uniform() * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * x * x)) return x;
  }
}
