import { EventBatchBuilder, Status, type EventBatch } from '../../src/events/eventBatch.js';
import { buildDetector, DetectorSettings, type DetectorConditions } from '../../detector/index.js';
import { CollisionFrame, SUPERKEKB_Y4S } from '../../src/physics/beams.js';
import { MUON_MASS } from '../../src/physics/constants.js';
import type { RandomStream } from '../../src/random/stream.js';

/** Particle guns and a standard environment for the detector tests. */

export const frame = new CollisionFrame(SUPERKEKB_Y4S);

/** One period with the 2020 trigger (Δφ > 30°), or the paper's two periods. */
export const env: DetectorConditions = {
  frame,
  periods: [{ name: '2020', luminosityFb: 1, twoTrackTriggerMinDeltaPhi: (30 * Math.PI) / 180 }],
};

/** A particle for the gun: PDG code, mass, momentum p (GeV/c), polar and azimuthal angle (rad). */
export interface GunParticle {
  readonly pdg: number;
  readonly mass: number;
  readonly p: number;
  readonly theta: number;
  readonly phi: number;
}

/** One event per entry, each holding the given particles (status final, from the origin). */
export function gun(events: readonly (readonly GunParticle[])[]): EventBatch {
  const builder = new EventBatchBuilder(events.length, 2);
  const P = frame.total;
  for (const particles of events) {
    builder.beginEvent(1, P.E, P.px, P.py, P.pz);
    for (const q of particles) {
      const s = Math.sin(q.theta);
      builder.addParticle(q.pdg, Status.final, -1, Math.hypot(q.p, q.mass), q.p * s * Math.cos(q.phi), q.p * s * Math.sin(q.phi), q.p * Math.cos(q.theta));
    }
    builder.endEvent();
  }
  return builder.build();
}

/** n events of one particle each, with the same p and θ and φ uniform from `stream`. */
export function singleGun(n: number, pdg: number, mass: number, p: number, theta: number, stream: RandomStream): EventBatch {
  return gun(Array.from({ length: n }, () => [{ pdg, mass, p, theta, phi: stream.uniformIn(-Math.PI, Math.PI) }]));
}

/** n μ⁺μ⁻ events, p and θ of each muon drawn in the given ranges (GeV/c, rad), φ uniform. */
export function muonPairs(n: number, pRange: [number, number], thetaRange: [number, number], stream: RandomStream): EventBatch {
  return gun(
    Array.from({ length: n }, () =>
      [13, -13].map((pdg) => ({
        pdg,
        mass: MUON_MASS,
        p: stream.uniformIn(...pRange),
        theta: Math.acos(stream.uniformIn(Math.cos(thetaRange[1]), Math.cos(thetaRange[0]))),
        phi: stream.uniformIn(-Math.PI, Math.PI),
      })),
    ),
  );
}

/** A detector of the given scenario `detector` section (defaults for everything left out). */
export function detector(section: unknown = {}, environment: DetectorConditions = env) {
  return buildDetector(DetectorSettings.parse(section), environment);
}

/** Binomial standard deviation of a fraction. */
export function binomialSigma(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}
