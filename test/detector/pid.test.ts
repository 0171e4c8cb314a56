import { describe, expect, it } from 'vitest';
import { CHARGED_PION_MASS, ELECTRON_MASS, MUON_MASS } from '../../src/physics/constants.js';
import { createStream } from '../../src/random/stream.js';
import { binomialSigma, detector, gun } from './gun.js';

const DEG = Math.PI / 180;
const chain = detector({ stages: [{ type: 'beamSpot' }, { type: 'tracking' }, { type: 'ecl' }, { type: 'muonId' }, { type: 'electronId' }] });

/** Tracks of single particles with p uniform in [p0, p1] and θ in [40°, 120°]. */
function tracksOf(pdg: number, mass: number, p0: number, p1: number, n: number, seed: number) {
  const stream = createStream(seed, 'gun', 0);
  const truth = gun(Array.from({ length: n }, () => [{ pdg, mass, p: stream.uniformIn(p0, p1), theta: stream.uniformIn(40 * DEG, 120 * DEG), phi: stream.uniformIn(-Math.PI, Math.PI) }]));
  return chain.reconstruct(truth, seed, 0).batch;
}

const fraction = (values: Float64Array, cut: number) => values.filter((v) => v > cut).length / values.length;

describe('particle identification', () => {
  it('muonID > 0.5 keeps 93–99% of muons and rejects 80–97% of pions (the paper), as the (p, θ) maps say', () => {
    const n = 20_000;
    // Default maps in the KLM, by momentum bin: muons 0.95 (0.7–1), 0.97 (1–1.5), 0.98 (1.5–2); pions 0.10, 0.06, 0.04.
    for (const [p0, p1, muon, pion] of [
      [0.75, 1, 0.95, 0.1],
      [1, 1.5, 0.97, 0.06],
      [1.5, 2, 0.98, 0.04],
    ]) {
      const muons = tracksOf(-13, MUON_MASS, p0, p1, n, 21).trackMuonId;
      const pions = tracksOf(211, CHARGED_PION_MASS, p0, p1, n, 22).trackMuonId;
      const eff = fraction(muons, 0.5);
      const fake = fraction(pions, 0.5);
      expect(Math.abs(eff - muon)).toBeLessThan(4 * binomialSigma(muon, muons.length));
      expect(Math.abs(fake - pion)).toBeLessThan(4 * binomialSigma(pion, pions.length));
      expect(eff).toBeGreaterThanOrEqual(0.93);
      expect(eff).toBeLessThanOrEqual(0.99);
      expect(1 - fake).toBeGreaterThanOrEqual(0.8);
      expect(1 - fake).toBeLessThanOrEqual(0.97);
    }
  });

  it('muonID and electronID are likelihood ratios in [0, 1]', () => {
    const batch = tracksOf(211, CHARGED_PION_MASS, 0.2, 3, 5000, 23);
    expect(batch.trackMuonId.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(batch.trackElectronId.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('electronID > 0.5 from E/p: electrons (E/p ≈ 1) pass, muons (E/p ≈ 0.17 GeV/p) do not', () => {
    const n = 10_000;
    const electrons = tracksOf(11, ELECTRON_MASS, 1, 4, n, 24).trackElectronId;
    const muons = tracksOf(13, MUON_MASS, 1, 4, n, 25).trackElectronId;
    // E/p of electrons: Gaussian(1, σE/E ⊕ σp/p ≈ 2%) against the likelihoods' Gaussian(1, 0.05) and
    // exponential(0.25): the ratio crosses 0.5 at E/p ≈ 0.86, 7σ below the peak.
    expect(fraction(electrons, 0.5)).toBeGreaterThan(0.98);
    expect(fraction(muons, 0.5)).toBeLessThan(0.001);
  });
});
