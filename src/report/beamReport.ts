import type { CollisionFrame } from '../physics/beams.js';

/** What `zprime-mc beam --json` prints (the command-line contract of DESIGN.md). */
export interface BeamReport {
  /** e⁻ (HER) beam energy, GeV. */
  readonly her_GeV: number;
  /** e⁺ (LER) beam energy, GeV. */
  readonly ler_GeV: number;
  /** Total crossing angle of the two beams, mrad. */
  readonly crossing_angle_mrad: number;
  /** Exact c.m. energy, GeV. */
  readonly sqrt_s_GeV: number;
  /** Velocity of the c.m. frame in the lab (Belle II frame: z along the e⁻ beam), units of c. */
  readonly beta_cm: readonly [number, number, number];
  /** |β|γ of the c.m. frame. */
  readonly beta_gamma: number;
}

/** The beam report of a scenario's (nominal) beam settings. */
export function beamReport(frame: CollisionFrame, herAngle: number, lerAngle: number): BeamReport {
  return {
    her_GeV: frame.her.E,
    ler_GeV: frame.ler.E,
    // Rounded to 12 significant digits so that 41.5 + 41.5 mrad prints as 83, not 83.00000000000001.
    crossing_angle_mrad: Number(((herAngle + lerAngle) * 1e3).toPrecision(12)),
    sqrt_s_GeV: frame.sqrtS,
    beta_cm: [frame.betaCM.x, frame.betaCM.y, frame.betaCM.z],
    beta_gamma: frame.betaGamma,
  };
}
