import type { CollisionFrame } from './beams.js';
import { type FourVector, mass2, theta } from './fourVector.js';

/**
 * Recoil quantities: what is left of the initial state after the visible particles,
 * p_recoil = P_initial − Σ p_visible. For signal events this is the Z′ four-momentum.
 */

/** The recoil four-vector against `visible`, given the initial-state four-momentum. */
export function recoil(initial: FourVector, ...visible: readonly FourVector[]): FourVector {
  let E = initial.E;
  let px = initial.px;
  let py = initial.py;
  let pz = initial.pz;
  for (const p of visible) {
    E -= p.E;
    px -= p.px;
    py -= p.py;
    pz -= p.pz;
  }
  return { E, px, py, pz };
}

/**
 * M²recoil in GeV²/c⁴: the invariant mass squared of `initial` minus the `visible` four-momenta, all
 * in one frame (the result is frame independent). Negative values are kept: resolution pushes M²
 * below zero.
 *
 * @example
 * // A 3 GeV photon against a 10 GeV initial state at rest: M² = (10 − 3)² − 3² = s − 2√s·E
 * recoilMass2({ E: 10, px: 0, py: 0, pz: 0 }, { E: 3, px: 0, py: 0, pz: 3 }); // 40
 */
export function recoilMass2(initial: FourVector, ...visible: readonly FourVector[]): number {
  return mass2(recoil(initial, ...visible));
}

/** Polar angle of the recoil momentum in the lab (from the detector axis), radians. */
export function thetaRecoilLab(initial: FourVector, ...visible: readonly FourVector[]): number {
  return theta(recoil(initial, ...visible));
}

/**
 * Polar angle of the recoil momentum in the c.m. frame (from the e⁻ direction), radians; `visible`
 * are lab-frame four-vectors and the initial state is the frame's nominal beams.
 *
 * @example
 * const frame = new CollisionFrame(SUPERKEKB_Y4S);
 * // One photon along +y of the c.m. frame: the recoil goes along −y, at 90° to the beams.
 * thetaRecoilCM(frame, frame.cmToLab(onShell(0, 0, 3, 0))); // 1.570796326794897 (π/2)
 */
export function thetaRecoilCM(frame: CollisionFrame, ...visible: readonly FourVector[]): number {
  return theta(frame.labToCM(recoil(frame.total, ...visible)));
}
