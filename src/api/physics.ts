/**
 * `zprime-mc/physics`: constants (PDG 2022, CODATA 2018), four-vectors, Lorentz transforms and the
 * SuperKEKB frames. Units: GeV, GeV/c, GeV/c², radians. The lab frame has +z along the e⁻ (HER)
 * beam and the crossing in the x–z plane; the c.m. frame is reached by {@link CollisionFrame}.
 *
 * @example
 * import { CollisionFrame, SUPERKEKB_Y4S } from 'zprime-mc/physics';
 * const frame = new CollisionFrame(SUPERKEKB_Y4S);
 * frame.sqrtS; // 10.579557836806245 GeV
 */
export * from '../physics/index.js';
