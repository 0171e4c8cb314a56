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

/** M²recoil in GeV²/c⁴ (negative values are kept: resolution pushes M² below zero). */
export function recoilMass2(initial: FourVector, ...visible: readonly FourVector[]): number {
  return mass2(recoil(initial, ...visible));
}

/** Polar angle of the recoil momentum in the lab (from the detector axis), radians. */
export function thetaRecoilLab(initial: FourVector, ...visible: readonly FourVector[]): number {
  return theta(recoil(initial, ...visible));
}

/** Polar angle of the recoil momentum in the c.m. frame, radians. */
export function thetaRecoilCM(frame: CollisionFrame, ...visible: readonly FourVector[]): number {
  return theta(frame.labToCM(recoil(frame.total, ...visible)));
}
