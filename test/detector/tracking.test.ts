import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventBatchBuilder, Status } from '../../src/events/eventBatch.js';
import { CHARGED_PION_MASS, MUON_MASS } from '../../src/physics/constants.js';
import { createStream } from '../../src/random/stream.js';
import { binomialSigma, detector, gun, singleGun } from './gun.js';

const DEG = Math.PI / 180;
const trackingOnly = (settings: object = {}) => detector({ stages: [{ type: 'beamSpot' }, { type: 'tracking', ...settings }] });

/** Mean and standard deviation of pT(reco)/pT(true) − 1 over the events' single tracks. */
function ptResiduals(pt: number, theta: number, n: number, settings: object = {}) {
  const truth = singleGun(n, 13, MUON_MASS, pt / Math.sin(theta), theta, createStream(7, 'gun', 0));
  const reco = trackingOnly(settings).reconstruct(truth, 7, 0).batch;
  let sum = 0;
  let sum2 = 0;
  const m = reco.trackPx.length;
  for (let t = 0; t < m; t++) {
    const r = Math.hypot(reco.trackPx[t], reco.trackPy[t]) / pt - 1;
    sum += r;
    sum2 += r * r;
  }
  const mean = sum / m;
  return { mean, sigma: Math.sqrt(sum2 / m - mean * mean), n: m };
}

describe('tracking', () => {
  it('smears pT without bias and with σ(pT)/pT = 0.0011·pT ⊕ 0.0025/β for central tracks (Belle II Physics Book, PTEP 2019, 123C01)', () => {
    for (const pt of [0.5, 2, 5]) {
      const beta = pt / Math.hypot(pt, MUON_MASS);
      const expected = Math.hypot(0.0011 * pt, 0.0025 / beta);
      const { mean, sigma, n } = ptResiduals(pt, 90 * DEG, 20_000);
      // Sampling errors: σ/√n on the mean, σ/√(2n) on the width; 4 standard errors.
      expect(Math.abs(mean)).toBeLessThan((4 * expected) / Math.sqrt(n));
      expect(Math.abs(sigma - expected)).toBeLessThan((4 * expected) / Math.sqrt(2 * n));
    }
  });

  it('measures a curler (2R < outer radius) worse by (L₀/L)² on the measurement term (Gluckstern)', () => {
    const pt = 0.2;
    const R = (100 * pt) / (0.299792458 * 1.5); // cm
    const fullLeverArm = 111.14 - 1.4;
    const leverArm = 2 * R - 1.4;
    const beta = pt / Math.hypot(pt, MUON_MASS);
    const expected = Math.hypot(0.0011 * pt * (fullLeverArm / leverArm) ** 2, 0.0025 / beta);
    const { sigma, n } = ptResiduals(pt, 90 * DEG, 20_000);
    expect(Math.abs(sigma - expected)).toBeLessThan((4 * expected) / Math.sqrt(2 * n));
  });

  it('never reconstructs a track outside 17°–150° or one that curls up before running 10 cm in the CDC', () => {
    const det = trackingOnly();
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: 0.5, max: 16.99, noNaN: true }), fc.double({ min: 150.01, max: 179.5, noNaN: true })),
        fc.double({ min: 0.1, max: 8, noNaN: true }),
        (thetaDeg, p) => {
          const truth = gun([[{ pdg: 13, mass: MUON_MASS, p, theta: thetaDeg * DEG, phi: 0.3 }]]);
          return det.reconstruct(truth, 1, 0).batch.trackPx.length === 0;
        },
      ),
    );
    // pT below 0.3·B·(16.8 + 10) cm/2 = 0.0603 GeV/c never reaches 10 cm into the chamber.
    fc.assert(
      fc.property(fc.double({ min: 0.005, max: 0.06, noNaN: true }), (pt) => {
        const truth = gun([[{ pdg: -211, mass: CHARGED_PION_MASS, p: pt, theta: 90 * DEG, phi: 1 }]]);
        return det.reconstruct(truth, 1, 0).batch.trackPx.length === 0;
      }),
    );
  });

  it('finds central tracks with the configured efficiency (binomial tolerance)', () => {
    const n = 20_000;
    const truth = singleGun(n, -13, MUON_MASS, 2, 80 * DEG, createStream(3, 'gun', 0));
    for (const efficiency of [0.99, 0.8]) {
      const reco = trackingOnly({ efficiency: { form: 'constant', value: efficiency } }).reconstruct(truth, 3, 0).batch;
      expect(Math.abs(reco.trackPx.length / n - efficiency)).toBeLessThan(4 * binomialSigma(efficiency, n));
    }
  });

  it('acceptance is symmetric in φ and in charge: the same tracks survive a rotation and a charge flip (property)', () => {
    const det = trackingOnly();
    const particle = fc.record({
      pdg: fc.constantFrom(13, -13, 211, -211, 11, -11),
      p: fc.double({ min: 0.02, max: 6, noNaN: true }),
      theta: fc.double({ min: 0.1, max: 3.0, noNaN: true }),
      phi: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(particle, { minLength: 1, maxLength: 6 }), fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), (particles, rotation) => {
        // Arrange
        const withMass = particles.map((q) => ({ ...q, mass: Math.abs(q.pdg) === 211 ? CHARGED_PION_MASS : Math.abs(q.pdg) === 13 ? MUON_MASS : 0.000511 }));
        const rotated = withMass.map((q) => ({ ...q, pdg: -q.pdg, phi: q.phi + rotation }));
        // Act
        const a = det.reconstruct(gun([withMass]), 11, 0).batch;
        const b = det.reconstruct(gun([rotated]), 11, 0).batch;
        // Assert
        return a.trackTruth.join() === b.trackTruth.join() && a.trackCharge.every((q, t) => q === -b.trackCharge[t]);
      }),
      { numRuns: 100 },
    );
  });

  it('measures the impact parameters of a displaced track: d0 = x₀·sinφ − y₀·cosφ, z0 = z₀ at θ = 90°', () => {
    const n = 5000;
    const builder = new EventBatchBuilder(n, 1);
    for (let i = 0; i < n; i++) {
      builder.beginEvent(1, 11, 0, 0, 3);
      // μ⁻ along +y from (0.3, 0, 1.0) cm: d0 = 0.3 cm, z0 = 1.0 cm.
      builder.addParticle(13, Status.final, -1, Math.hypot(2, MUON_MASS), 0, 2, 0, 0.3, 0, 1.0);
    }
    const reco = trackingOnly().reconstruct(builder.build(), 5, 0).batch;
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    // σ(d0) ≈ 10 µm ⊕ 20 µm/(pβ) ≈ 14 µm: the mean is known to < 1 µm.
    expect(mean(reco.trackD0)).toBeCloseTo(0.3, 3);
    expect(mean(reco.trackZ0)).toBeCloseTo(1.0, 3);
  });
});
