import { boostCoefficient, type FourVector, type ThreeVector } from './fourVector.js';

/**
 * A Lorentz transformation as a 4×4 matrix Λ acting on (E, px, py, pz), row-major.
 * Compose boosts and rotations once, then apply the matrix to whole columns of momenta:
 * 16 multiplications per particle and no allocation.
 */
export class LorentzTransform {
  /** Row-major matrix elements Λ[μ][ν] = m[4μ + ν]. */
  readonly m: Float64Array;

  constructor(m?: Float64Array) {
    this.m = m ?? new Float64Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  }

  static identity(): LorentzTransform {
    return new LorentzTransform();
  }

  /** The boost by velocity β (a particle at rest acquires velocity β), as `boost()` in fourVector.ts. */
  static boost(beta: ThreeVector): LorentzTransform {
    const t = new LorentzTransform();
    t.setBoost(beta.x, beta.y, beta.z);
    return t;
  }

  /** Right-handed rotation by `angle` radians about `axis`. */
  static rotation(axis: ThreeVector, angle: number): LorentzTransform {
    const n = Math.hypot(axis.x, axis.y, axis.z);
    if (!(n > 0)) throw new RangeError('LorentzTransform.rotation: the axis must be a non-zero vector');
    const x = axis.x / n;
    const y = axis.y / n;
    const z = axis.z / n;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const C = 1 - c;
    return new LorentzTransform(
      new Float64Array([
        1, 0, 0, 0,
        0, c + x * x * C, x * y * C - z * s, x * z * C + y * s,
        0, y * x * C + z * s, c + y * y * C, y * z * C - x * s,
        0, z * x * C - y * s, z * y * C + x * s, c + z * z * C,
      ]),
    );
  }

  /** The rotation that takes the direction `from` onto the direction `to` (shortest arc). */
  static rotationBetween(from: ThreeVector, to: ThreeVector): LorentzTransform {
    const fn = Math.hypot(from.x, from.y, from.z);
    const tn = Math.hypot(to.x, to.y, to.z);
    const ax = (from.y * to.z - from.z * to.y) / (fn * tn);
    const ay = (from.z * to.x - from.x * to.z) / (fn * tn);
    const az = (from.x * to.y - from.y * to.x) / (fn * tn);
    const sin = Math.hypot(ax, ay, az);
    const cos = (from.x * to.x + from.y * to.y + from.z * to.z) / (fn * tn);
    if (sin < 1e-300) {
      if (cos > 0) return LorentzTransform.identity();
      // Antiparallel: any axis perpendicular to `from` does.
      const perp = Math.abs(from.x) < 0.9 * fn ? { x: 0, y: -from.z, z: from.y } : { x: -from.y, y: from.x, z: 0 };
      return LorentzTransform.rotation(perp, Math.PI);
    }
    return LorentzTransform.rotation({ x: ax, y: ay, z: az }, Math.atan2(sin, cos));
  }

  /** Sets this matrix, in place, to the boost by (bx, by, bz). */
  setBoost(bx: number, by: number, bz: number): this {
    const b2 = bx * bx + by * by + bz * bz;
    if (!(b2 < 1)) throw new RangeError(`LorentzTransform.boost: |β| must be below 1, got ${Math.sqrt(b2)}`);
    const g = 1 / Math.sqrt(1 - b2);
    const k = boostCoefficient(g);
    const m = this.m;
    m[0] = g; m[1] = g * bx; m[2] = g * by; m[3] = g * bz;
    m[4] = g * bx; m[5] = 1 + k * bx * bx; m[6] = k * bx * by; m[7] = k * bx * bz;
    m[8] = g * by; m[9] = k * by * bx; m[10] = 1 + k * by * by; m[11] = k * by * bz;
    m[12] = g * bz; m[13] = k * bz * bx; m[14] = k * bz * by; m[15] = 1 + k * bz * bz;
    return this;
  }

  /** This ∘ other: apply `other` first, then this. */
  compose(other: LorentzTransform): LorentzTransform {
    const a = this.m;
    const b = other.m;
    const out = new Float64Array(16);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        out[4 * i + j] = a[4 * i] * b[j] + a[4 * i + 1] * b[4 + j] + a[4 * i + 2] * b[8 + j] + a[4 * i + 3] * b[12 + j];
      }
    }
    return new LorentzTransform(out);
  }

  /** Λ⁻¹ = η Λᵀ η for a Lorentz transformation (η = diag(1, −1, −1, −1)). */
  inverse(): LorentzTransform {
    const m = this.m;
    const out = new Float64Array(16);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const sign = (i === 0) === (j === 0) ? 1 : -1;
        out[4 * i + j] = sign * m[4 * j + i];
      }
    }
    return new LorentzTransform(out);
  }

  apply(p: FourVector): FourVector {
    const m = this.m;
    return {
      E: m[0] * p.E + m[1] * p.px + m[2] * p.py + m[3] * p.pz,
      px: m[4] * p.E + m[5] * p.px + m[6] * p.py + m[7] * p.pz,
      py: m[8] * p.E + m[9] * p.px + m[10] * p.py + m[11] * p.pz,
      pz: m[12] * p.E + m[13] * p.px + m[14] * p.py + m[15] * p.pz,
    };
  }

  /** Transforms rows [start, end) of the columns in place. */
  applyToColumns(E: Float64Array, px: Float64Array, py: Float64Array, pz: Float64Array, start = 0, end = E.length): void {
    const m = this.m;
    const m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3];
    const m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
    const m8 = m[8], m9 = m[9], m10 = m[10], m11 = m[11];
    const m12 = m[12], m13 = m[13], m14 = m[14], m15 = m[15];
    for (let i = start; i < end; i++) {
      const e = E[i], x = px[i], y = py[i], z = pz[i];
      E[i] = m0 * e + m1 * x + m2 * y + m3 * z;
      px[i] = m4 * e + m5 * x + m6 * y + m7 * z;
      py[i] = m8 * e + m9 * x + m10 * y + m11 * z;
      pz[i] = m12 * e + m13 * x + m14 * y + m15 * z;
    }
  }
}
