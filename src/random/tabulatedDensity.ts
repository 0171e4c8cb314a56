import type { RandomStream } from './stream.js';

/**
 * Sampling from a 1-D density tabulated at points x₀ < x₁ < … (piecewise linear between them,
 * zero outside). The cumulative integral is built once; a draw is a binary search plus the exact
 * inversion of the linear density inside the bin (a quadratic), so the samples follow the
 * piecewise-linear density exactly, not a histogram of it.
 */
export class TabulatedDensity {
  readonly x: Float64Array;
  readonly density: Float64Array;
  /** Cumulative integral at each x, normalised to 1 at the last point. */
  readonly cdf: Float64Array;
  /** Integral of the tabulated density before normalisation. */
  readonly integral: number;

  constructor(x: ArrayLike<number>, density: ArrayLike<number>) {
    if (x.length < 2 || x.length !== density.length) {
      throw new RangeError(`TabulatedDensity: need at least two points and as many densities as x values (got ${x.length} and ${density.length})`);
    }
    this.x = Float64Array.from(x);
    this.density = Float64Array.from(density);
    const cdf = new Float64Array(x.length);
    for (let i = 1; i < x.length; i++) {
      const h = this.x[i] - this.x[i - 1];
      if (!(h > 0)) throw new RangeError(`TabulatedDensity: x must increase strictly (x[${i - 1}] = ${this.x[i - 1]}, x[${i}] = ${this.x[i]})`);
      if (!(this.density[i] >= 0) || !(this.density[i - 1] >= 0)) throw new RangeError(`TabulatedDensity: densities must be finite and ≥ 0 (index ${i})`);
      cdf[i] = cdf[i - 1] + 0.5 * h * (this.density[i - 1] + this.density[i]);
    }
    this.integral = cdf[cdf.length - 1];
    if (!(this.integral > 0) || !Number.isFinite(this.integral)) throw new RangeError('TabulatedDensity: the density must have a positive, finite integral');
    for (let i = 0; i < cdf.length; i++) cdf[i] /= this.integral;
    this.cdf = cdf;
  }

  /** The normalised density at x (piecewise linear). */
  pdf(x: number): number {
    const xs = this.x;
    if (x < xs[0] || x > xs[xs.length - 1]) return 0;
    const i = Math.min(this.bin(x), xs.length - 2);
    const t = (x - xs[i]) / (xs[i + 1] - xs[i]);
    return ((1 - t) * this.density[i] + t * this.density[i + 1]) / this.integral;
  }

  sample(stream: RandomStream): number {
    const u = stream.uniform();
    const cdf = this.cdf;
    let lo = 0;
    let hi = cdf.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] <= u) lo = mid;
      else hi = mid;
    }
    const x0 = this.x[lo];
    const h = this.x[lo + 1] - x0;
    const f0 = this.density[lo] / this.integral;
    const f1 = this.density[lo + 1] / this.integral;
    const target = u - cdf[lo];
    // Solve f0 h t + (f1 − f0) h t²/2 = target for t in [0, 1].
    const a = 0.5 * (f1 - f0) * h;
    const b = f0 * h;
    let t: number;
    if (Math.abs(a) < 1e-12 * Math.abs(b)) t = target / b;
    else t = (2 * target) / (b + Math.sqrt(Math.max(0, b * b + 4 * a * target)));
    return x0 + h * Math.min(1, Math.max(0, t));
  }

  private bin(x: number): number {
    const xs = this.x;
    let lo = 0;
    let hi = xs.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid] <= x) lo = mid;
      else hi = mid;
    }
    return lo;
  }
}
