import type { RandomStream } from '../../src/random/stream.js';

/**
 * Relativistic Breit–Wigner of fixed width in the mass squared, truncated to [mMin, mMax]:
 *   ρ(M²) ∝ 1/((M² − M₀²)² + M₀²Γ²),
 * the propagator shape MadGraph uses for an s-channel resonance, with its `bwcutoff` window
 * |M − M₀| < n·Γ (run_card default n = 15). Sampled exactly by the tangent map
 * M² = M₀² + M₀Γ tan u, u uniform between the images of the bounds.
 */
export class BreitWigner {
  private readonly uLow: number;
  private readonly uHigh: number;

  constructor(
    /** Pole mass M₀ in GeV. */
    readonly mass: number,
    /** Width Γ in GeV (> 0). */
    readonly width: number,
    /** Lower mass bound in GeV. */
    readonly mMin: number,
    /** Upper mass bound in GeV. */
    readonly mMax: number,
  ) {
    if (!(width > 0) || !(mass > 0)) throw new RangeError(`BreitWigner: mass and width must be positive, got ${mass}, ${width}`);
    if (!(mMin >= 0 && mMax > mMin)) throw new RangeError(`BreitWigner: need 0 ≤ mMin < mMax, got ${mMin}, ${mMax}`);
    const mg = mass * width;
    this.uLow = Math.atan((mMin * mMin - mass * mass) / mg);
    this.uHigh = Math.atan((mMax * mMax - mass * mass) / mg);
  }

  /** The window of MadGraph's `bwcutoff`: M ∈ [max(floor, M₀ − nΓ), min(ceiling, M₀ + nΓ)]. */
  static withCutoff(mass: number, width: number, cutoff: number, floor: number, ceiling: number): BreitWigner {
    return new BreitWigner(mass, width, Math.max(floor, mass - cutoff * width), Math.min(ceiling, mass + cutoff * width));
  }

  /** Samples a mass in GeV. */
  sampleMass(stream: RandomStream): number {
    return this.quantile(stream.uniform());
  }

  /** The mass (GeV) below which the fraction p of the distribution lies. */
  quantile(p: number): number {
    const u = this.uLow + (this.uHigh - this.uLow) * p;
    const m2 = this.mass * this.mass + this.mass * this.width * Math.tan(u);
    return Math.min(this.mMax, Math.sqrt(Math.max(m2, this.mMin * this.mMin)));
  }

  /** Cumulative probability P(M < m) of the truncated distribution. */
  cdf(m: number): number {
    if (m <= this.mMin) return 0;
    if (m >= this.mMax) return 1;
    const u = Math.atan((m * m - this.mass * this.mass) / (this.mass * this.width));
    return (u - this.uLow) / (this.uHigh - this.uLow);
  }

  /** Normalised density in M² (GeV⁻²) inside the window. */
  densityM2(m2: number): number {
    const d = m2 - this.mass * this.mass;
    const mg = this.mass * this.width;
    return mg / (d * d + mg * mg) / (this.uHigh - this.uLow);
  }
}
