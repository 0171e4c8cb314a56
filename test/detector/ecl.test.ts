import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MUON_MASS } from '../../src/physics/constants.js';
import { createStream } from '../../src/random/stream.js';
import { binomialSigma, detector, gun, singleGun } from './gun.js';

const DEG = Math.PI / 180;
const eclOnly = (settings: object = {}) => detector({ stages: [{ type: 'beamSpot' }, { type: 'tracking' }, { type: 'ecl', ...settings }] });

describe('ecl', () => {
  it('never reconstructs a photon aimed into a gap, the 90° crack or outside 12.4°–155.1° (property)', () => {
    const det = eclOnly();
    // basf2 utilityFunctions.h and ECL.xml (docs/references.md §2.2): gaps 31.4°–32.2° and 128.7°–130.7°, acceptance 12.4°–155.1°, crack ±0.6 mrad about 90°.
    const thetaLost = fc.oneof(
      fc.double({ min: 0.2, max: 12.39, noNaN: true }).map((d) => d * DEG),
      fc.double({ min: 31.41, max: 32.19, noNaN: true }).map((d) => d * DEG),
      fc.double({ min: 128.71, max: 130.69, noNaN: true }).map((d) => d * DEG),
      fc.double({ min: 155.11, max: 179.8, noNaN: true }).map((d) => d * DEG),
      fc.double({ min: -0.000599, max: 0.000599, noNaN: true }).map((d) => Math.PI / 2 + d),
    );
    fc.assert(
      fc.property(thetaLost, fc.double({ min: 0.1, max: 7, noNaN: true }), fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), (theta, E, phi) => {
        const truth = gun([[{ pdg: 22, mass: 0, p: E, theta, phi }]]);
        return det.reconstruct(truth, 2, 0).batch.clusterEnergy.length === 0;
      }),
    );
  });

  it('smears barrel photon energies without bias, σE/E = 2.04% at 1 GeV (basf2 ECLCovarianceMatrixModule.cc)', () => {
    const n = 20_000;
    const truth = singleGun(n, 22, 0, 1, 60 * DEG, createStream(4, 'gun', 0));
    const reco = eclOnly({ conversionProbability: { form: 'constant', value: 0 }, photonVetoInefficiency: { form: 'constant', value: 0 } }).reconstruct(truth, 4, 0).batch;
    expect(reco.clusterEnergy.length).toBe(n);
    const e = reco.clusterEnergy;
    const mean = e.reduce((s, v) => s + v, 0) / n;
    const sigma = Math.sqrt(e.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    const expected = 0.02038; // barrel, 1 GeV: a/E + b/√E + c/E^¼ + d = 2.038%
    expect(Math.abs(mean - 1)).toBeLessThan((4 * expected) / Math.sqrt(n));
    expect(Math.abs(sigma - expected)).toBeLessThan((4 * expected) / Math.sqrt(2 * n));
  });

  it('loses barrel photons by the photon-veto inefficiency map only (larger in the backward barrel), none by conversion by default', () => {
    const n = 40_000;
    for (const [thetaDeg, inefficiency] of [
      [60, 0.002],
      [110, 0.01],
    ]) {
      const truth = singleGun(n, 22, 0, 1.5, thetaDeg * DEG, createStream(5, 'gun', thetaDeg));
      const reco = eclOnly().reconstruct(truth, 5, 0);
      const expected = 1 - inefficiency;
      expect(Math.abs(reco.batch.clusterEnergy.length / n - expected)).toBeLessThan(4 * binomialSigma(expected, n));
      expect(reco.cutflow.find((r) => r.type === 'ecl')?.counts.photonsConverted).toBe(0);
    }
  });

  it('removes photons with a configured conversionProbability (2.7% at 90°: 7/9 of 3.5% X₀, the material inside the CDC)', () => {
    const n = 40_000;
    const truth = singleGun(n, 22, 0, 1.5, 80 * DEG, createStream(5, 'gun', 80));
    const reco = eclOnly({ conversionProbability: { form: 'constant', value: 0.027 }, photonVetoInefficiency: { form: 'constant', value: 0 } }).reconstruct(truth, 5, 0);
    const expected = 1 - 0.027;
    expect(Math.abs(reco.batch.clusterEnergy.length / n - expected)).toBeLessThan(4 * binomialSigma(expected, n));
  });

  it('drops clusters below the 100 MeV threshold', () => {
    const truth = singleGun(2000, 22, 0, 0.06, 70 * DEG, createStream(6, 'gun', 0));
    expect(eclOnly().reconstruct(truth, 6, 0).batch.clusterEnergy.length).toBe(0);
  });

  it('merges photons closer than the merge angle into one cluster with their summed energy', () => {
    const close = gun([
      [
        { pdg: 22, mass: 0, p: 1, theta: 70 * DEG, phi: 0 },
        { pdg: 22, mass: 0, p: 0.5, theta: 70 * DEG, phi: 0.02 },
      ],
    ]);
    const far = gun([
      [
        { pdg: 22, mass: 0, p: 1, theta: 70 * DEG, phi: 0 },
        { pdg: 22, mass: 0, p: 0.5, theta: 70 * DEG, phi: 0.2 },
      ],
    ]);
    const perfect = {
      conversionProbability: { form: 'constant', value: 0 },
      photonVetoInefficiency: { form: 'constant', value: 0 },
      resolution: Object.fromEntries(
        ['forward', 'barrel', 'backward'].map((r) => [r, { sigmaEnergyPercent: { form: 'constant', value: 0 }, sigmaThetaMrad: { form: 'constant', value: 0 }, sigmaPhiMrad: { form: 'constant', value: 0 } }]),
      ),
    };
    const merged = eclOnly(perfect).reconstruct(close, 1, 0).batch;
    expect(Array.from(merged.clusterEnergy)).toEqual([1.5]);
    expect(merged.clusterPhi[0]).toBeGreaterThan(0);
    expect(merged.clusterPhi[0]).toBeLessThan(0.02);
    expect(eclOnly(perfect).reconstruct(far, 1, 0).batch.clusterEnergy.length).toBe(2);
  });

  it('gives a muon a minimum-ionising deposit of ≈ 0.17 GeV matched to its track (PDG dE/dx of CsI, docs/references.md §2.3)', () => {
    const n = 10_000;
    const truth = singleGun(n, 13, MUON_MASS, 2, 70 * DEG, createStream(8, 'gun', 0));
    const reco = eclOnly().reconstruct(truth, 8, 0).batch;
    const e = reco.clusterEnergy;
    const mean = e.reduce((s, v) => s + v, 0) / e.length;
    // Gamma deposit of mean 0.17 GeV, relative width 15%, barely affected by the 100 MeV threshold.
    expect(Math.abs(mean - 0.17)).toBeLessThan((4 * 0.17 * 0.16) / Math.sqrt(e.length));
    // Each cluster of a tracked muon points to that muon's track; clusters of untracked muons (1%
    // tracking inefficiency) are unmatched.
    for (let i = 0; i < n; i++) {
      for (let c = reco.clusterOffsets[i]; c < reco.clusterOffsets[i + 1]; c++) {
        const t = reco.clusterTrack[c];
        const tracked = reco.trackOffsets[i + 1] > reco.trackOffsets[i];
        expect(t >= 0).toBe(tracked);
        if (tracked) expect(reco.trackTruth[reco.trackOffsets[i] + t]).toBe(reco.clusterTruth[c]);
      }
    }
  });

  it('adds beam-background clusters at the configured Poisson rate, with no truth particle', () => {
    const n = 20_000;
    const truth = gun(Array.from({ length: n }, () => []));
    const det = detector({ stages: [{ type: 'eclBeamBackground', meanClustersPerEvent: 0.3 }] });
    const reco = det.reconstruct(truth, 9, 0).batch;
    expect(Math.abs(reco.clusterTruth.length / n - 0.3)).toBeLessThan(4 * Math.sqrt(0.3 / n));
    expect(reco.clusterTruth.every((t) => t === -1)).toBe(true);
    expect(reco.clusterEnergy.every((e) => e >= 0.1)).toBe(true);
  });
});
