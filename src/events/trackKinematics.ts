import type { FourVector } from '../physics/fourVector.js';
import type { RecoBatch } from './recoBatch.js';

/**
 * The two reconstructed-track computations that the trigger, the resolution curve and the selection
 * share: the opposite-charge pair test and the recoil against measured tracks. Recoil quantities use
 * the measured track momenta under a mass hypothesis and the nominal initial state (the paper: "using
 * the measured muon momenta and the knowledge of the initial-state total momentum").
 */

/** True if event `i` has exactly two tracks and their charges are opposite. */
export function hasOppositeChargeTrackPair(batch: RecoBatch, i: number): boolean {
  const a = batch.trackOffsets[i];
  return batch.trackOffsets[i + 1] - a === 2 && batch.trackCharge[a] + batch.trackCharge[a + 1] === 0;
}

/**
 * Subtracts the four-momentum of track row `t` (measured momentum, energy for `mass2` = m² in
 * GeV²/c⁴) from `acc` = (E, px, py, pz), lab frame, in place.
 */
export function subtractTrack(batch: RecoBatch, t: number, mass2: number, acc: Float64Array): void {
  const px = batch.trackPx[t];
  const py = batch.trackPy[t];
  const pz = batch.trackPz[t];
  acc[0] -= Math.sqrt(px * px + py * py + pz * pz + mass2);
  acc[1] -= px;
  acc[2] -= py;
  acc[3] -= pz;
}

/**
 * Writes into `out` = (E, px, py, pz) the lab-frame recoil of `initial` against the track rows
 * [from, to) with the mass hypothesis `mass` (GeV/c²), and returns M²recoil in GeV²/c⁴ (negative
 * values are kept: resolution pushes M² below zero).
 */
export function recoilAgainstTracks(batch: RecoBatch, from: number, to: number, initial: FourVector, mass: number, out: Float64Array): number {
  out[0] = initial.E;
  out[1] = initial.px;
  out[2] = initial.py;
  out[3] = initial.pz;
  const m2 = mass * mass;
  for (let t = from; t < to; t++) subtractTrack(batch, t, m2, out);
  return fourMass2(out);
}

/** The recoil of `initial` against the two track rows `a` and `b` (see `recoilAgainstTracks`). */
export function recoilAgainstTrackPair(batch: RecoBatch, a: number, b: number, initial: FourVector, mass: number, out: Float64Array): number {
  out[0] = initial.E;
  out[1] = initial.px;
  out[2] = initial.py;
  out[3] = initial.pz;
  const m2 = mass * mass;
  subtractTrack(batch, a, m2, out);
  subtractTrack(batch, b, m2, out);
  return fourMass2(out);
}

/** E² − p² of a four-vector stored as (E, px, py, pz). */
export function fourMass2(p: Float64Array): number {
  return p[0] * p[0] - p[1] * p[1] - p[2] * p[2] - p[3] * p[3];
}
