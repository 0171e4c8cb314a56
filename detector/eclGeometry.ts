import { z } from 'zod';
import { EclRegion } from '../src/events/recoBatch.js';
import { DEG } from './stage.js';

/**
 * The ECL's polar layout, shared by the stages that make clusters: forward endcap, barrel and
 * backward endcap with the gaps between them, and the crack between the two barrel halves at 90°.
 * Defaults: basf2 `ecl/utility/include/utilityFunctions.h` (`getDetectorRegion`) and the paper's
 * 1.5 mm gap (PRL 130, 231801); docs/references.md §2.2.
 */
export const EclLayout = z
  .strictObject({
    /** Forward endcap, degrees (basf2 ecl/utility/include/utilityFunctions.h: 12.4°–31.4°). */
    forwardThetaMinDeg: z.number().min(0).max(180).default(12.4),
    forwardThetaMaxDeg: z.number().min(0).max(180).default(31.4),
    /** Barrel, degrees (basf2 utilityFunctions.h: 32.2°–128.7°; the gap 31.4°–32.2° is uninstrumented). */
    barrelThetaMinDeg: z.number().min(0).max(180).default(32.2),
    barrelThetaMaxDeg: z.number().min(0).max(180).default(128.7),
    /** Backward endcap, degrees (basf2 utilityFunctions.h: 130.7°–155.1°; gap 128.7°–130.7°). */
    backwardThetaMinDeg: z.number().min(0).max(180).default(130.7),
    backwardThetaMaxDeg: z.number().min(0).max(180).default(155.1),
    /** Crack between the barrel halves, pointing at the interaction point (basf2 ecl/data/ECL.xml, barrel crystals 28–31). */
    crackThetaDeg: z.number().min(0).max(180).default(90),
    /** Half-width of the crack, mrad (the paper's 1.5 mm gap at r ≈ 1.26 m: ±0.6 mrad, docs/references.md §2.2). */
    crackHalfWidthMrad: z.number().nonnegative().default(0.6),
  })
  .refine(
    (l) =>
      l.forwardThetaMinDeg <= l.forwardThetaMaxDeg &&
      l.forwardThetaMaxDeg <= l.barrelThetaMinDeg &&
      l.barrelThetaMinDeg <= l.barrelThetaMaxDeg &&
      l.barrelThetaMaxDeg <= l.backwardThetaMinDeg &&
      l.backwardThetaMinDeg <= l.backwardThetaMaxDeg,
    'ECL regions must be ordered forward ≤ barrel ≤ backward, each with min ≤ max',
  );
export type EclLayout = z.infer<typeof EclLayout>;

/** Region code of a direction given by cosθ: an `EclRegion`, or 0 outside the acceptance or in a gap. */
export type RegionOf = (cosTheta: number) => number;

/**
 * Compiles a layout into a lookup cosθ (lab, from the interaction point) → region. Working with
 * cosθ (θ ranges become reversed cosθ ranges) saves an arctangent per particle.
 */
export function compileLayout(layout: EclLayout): RegionOf {
  const cos = (deg: number) => Math.cos(deg * DEG);
  const f0 = cos(layout.forwardThetaMaxDeg);
  const f1 = cos(layout.forwardThetaMinDeg);
  const b0 = cos(layout.barrelThetaMaxDeg);
  const b1 = cos(layout.barrelThetaMinDeg);
  const k0 = cos(layout.backwardThetaMaxDeg);
  const k1 = cos(layout.backwardThetaMinDeg);
  const crackHalf = layout.crackHalfWidthMrad * 1e-3;
  const crack0 = Math.cos(layout.crackThetaDeg * DEG + crackHalf);
  const crack1 = Math.cos(layout.crackThetaDeg * DEG - crackHalf);
  // The barrel (less its crack) first, then the forward endcap, then the backward endcap, where
  // ranges touch. The tests are combined as 0/1 integers, not as branches: the polar angles of
  // successive particles are random, and mispredicted branches cost more than the arithmetic.
  return (c) => {
    const barrel = +(c >= b0) & +(c <= b1);
    const crack = +(c > crack0) & +(c < crack1);
    const forward = +(c >= f0) & +(c <= f1);
    const backward = +(c >= k0) & +(c <= k1);
    const endcap = forward * EclRegion.forward + (forward ^ 1) * backward * EclRegion.backward;
    return barrel * (crack ^ 1) * EclRegion.barrel + (barrel ^ 1) * endcap;
  };
}
