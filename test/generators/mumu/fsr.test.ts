import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FinalStateRadiation, FsrEmission, fsrExponent, fsrFractionDensity, fsrNormalisation } from '../../../generators/shared/fsr.js';
import { ALPHA_EM_0, MUON_MASS } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';

const fsr = new FinalStateRadiation({ alpha: ALPHA_EM_0, minPhotonFraction: 1e-6 });

/** Simpson integral of f on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 2000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe('fsrExponent(β)', () => {
  it('tends to (2α/π)(ln(M²/m²) − 1) for m ≪ M (the collinear-log exponent, cf. docs/references.md §10 for ISR)', () => {
    const M = 10.58;
    const m = 1e-4;
    const r = (4 * m * m) / (M * M);
    const beta = Math.sqrt(1 - r);
    const expected = ((2 * ALPHA_EM_0) / Math.PI) * (Math.log((M * M) / (m * m)) - 1);
    expect(fsrExponent(beta, r / (1 + beta), ALPHA_EM_0) / expected).toBeCloseTo(1, 6);
  });

  it('equals the angular integral of the eikonal current, (α/4π²)∫dΩ ω²|J|² = (α/2π)∫dc 4β²(1 − c²)/(1 − β²c²)²', () => {
    const beta = 0.9;
    const numeric = (ALPHA_EM_0 / (2 * Math.PI)) * simpson((c) => (4 * beta * beta * (1 - c * c)) / (1 - beta * beta * c * c) ** 2, -1, 1, 20000);
    expect(fsrExponent(beta, 1 - beta, ALPHA_EM_0) / numeric).toBeCloseTo(1, 8);
  });

  it('fsrNormalisation(γ) makes the energy-fraction density integrate to one', () => {
    const gamma = 0.04;
    // ∫₀¹ D(x)dx with x = y^(1/γ) to remove the x^(γ−1) singularity.
    const integral = simpson((y) => (y === 0 ? 0 : fsrFractionDensity(Math.pow(y, 1 / gamma), gamma) * (Math.pow(y, 1 / gamma - 1) / gamma)), 0, 1, 20000);
    expect(fsrNormalisation(gamma)).toBeCloseTo(1 - (3 / 4) * gamma, 2);
    expect(integral).toBeCloseTo(1, 4);
  });
});

describe('FinalStateRadiation.radiate', () => {
  it('conserves four-momentum and keeps the fermions and the photon on their mass shells', () => {
    const out = new FsrEmission();
    fc.assert(
      fc.property(
        fc.double({ min: 0.25, max: 11, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (M, c, phi, index) => {
          // Arrange
          const s = Math.sqrt(1 - c * c);
          const stream = createStream(3, 'fsr-property', index);
          // Act
          for (let k = 0; k < 20; k++) {
            fsr.radiate(stream, MUON_MASS, M, s * Math.cos(phi), s * Math.sin(phi), c, out);
            const g = out.nPhotons;
            // Assert
            const E = out.fermionE + out.antiE + g * out.photonE;
            const px = out.fermionPx + out.antiPx + g * out.photonPx;
            const py = out.fermionPy + out.antiPy + g * out.photonPy;
            const pz = out.fermionPz + out.antiPz + g * out.photonPz;
            expect(Math.abs(E - M)).toBeLessThan(1e-12);
            expect(Math.hypot(px, py, pz)).toBeLessThan(1e-12);
            const m2f = out.fermionE ** 2 - out.fermionPx ** 2 - out.fermionPy ** 2 - out.fermionPz ** 2;
            const m2a = out.antiE ** 2 - out.antiPx ** 2 - out.antiPy ** 2 - out.antiPz ** 2;
            expect(Math.abs(m2f - MUON_MASS * MUON_MASS)).toBeLessThan(1e-11);
            expect(Math.abs(m2a - MUON_MASS * MUON_MASS)).toBeLessThan(1e-11);
            if (g === 1) expect(Math.abs(out.photonE ** 2 - out.photonPx ** 2 - out.photonPy ** 2 - out.photonPz ** 2)).toBeLessThan(1e-11);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('draws the photon energy fraction x = 2ω/M from γx^(γ−1)(1 − x + x²/2)/N', () => {
    const M = 10.58;
    const r = (4 * MUON_MASS * MUON_MASS) / (M * M);
    const beta = Math.sqrt(1 - r);
    const gamma = fsrExponent(beta, r / (1 + beta), ALPHA_EM_0);
    // Exact CDF: F(x) = [x^γ − γx^(γ+1)/(γ+1) + γx^(γ+2)/(2(γ+2))]/N.
    const cdf = (x: number) => (Math.pow(x, gamma) - (gamma * Math.pow(x, gamma + 1)) / (gamma + 1) + (gamma * Math.pow(x, gamma + 2)) / (2 * (gamma + 2))) / fsrNormalisation(gamma);
    const edges = [0, 1e-6, 1e-4, 1e-2, 0.05, 0.1, 0.2, 0.4, 0.7, 1];
    const counts = new Float64Array(edges.length - 1);
    const out = new FsrEmission();
    const stream = createStream(4, 'fsr-x', 0);
    const n = 400_000;
    for (let i = 0; i < n; i++) {
      fsr.radiate(stream, MUON_MASS, M, 0, 0, 1, out);
      const x = out.nPhotons === 1 ? (2 * out.photonE) / M : 0;
      let j = edges.length - 2;
      while (x < edges[j]) j--;
      counts[j]++;
    }
    for (let j = 0; j < counts.length; j++) {
      // The kinematic limit x < 1 − 4m²/M² removes a fraction ~1e-7 of the density: negligible.
      const p = cdf(edges[j + 1]) - cdf(edges[j]);
      expect(Math.abs(counts[j] / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1e-6);
    }
  });

  it('emits the photon around the fermion axis with the eikonal density 4β²(1 − c²)/(1 − β²c²)², fermion mass kept', () => {
    // Low parent mass: β = 0.8, where the mass terms shape the whole distribution (dead cone).
    const beta = 0.8;
    const M = (2 * MUON_MASS) / Math.sqrt(1 - beta * beta);
    const density = (c: number) => (1 - c * c) / (1 - beta * beta * c * c) ** 2;
    const norm = simpson(density, -1, 1);
    const edges = [-1, -0.99, -0.9, -0.6, -0.2, 0.2, 0.6, 0.9, 0.99, 1];
    const counts = new Float64Array(edges.length - 1);
    const out = new FsrEmission();
    const stream = createStream(5, 'fsr-angle', 0);
    let n = 0;
    while (n < 200_000) {
      fsr.radiate(stream, MUON_MASS, M, 0, 0, 1, out);
      if (out.nPhotons === 0) continue;
      const c = out.photonPz / out.photonE;
      let j = edges.length - 2;
      while (c < edges[j]) j--;
      counts[j]++;
      n++;
    }
    for (let j = 0; j < counts.length; j++) {
      const p = simpson(density, edges[j], edges[j + 1]) / norm;
      expect(Math.abs(counts[j] / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('gives a photon collinear with the fermion the fraction x of its energy (splitting limit)', () => {
    // For a photon within θ < 14 mrad of the fermion, E_f = (1 − x)M/2 up to O(m²/E_f²) (x < 0.5 keeps
    // that below 1e-3) and the antifermion keeps M/2.
    const out = new FsrEmission();
    const stream = createStream(6, 'fsr-collinear', 0);
    const M = 10.58;
    let checked = 0;
    for (let i = 0; i < 2_000_000 && checked < 50; i++) {
      fsr.radiate(stream, MUON_MASS, M, 0, 0, 1, out);
      if (out.nPhotons === 0 || out.photonE < 0.5) continue;
      const c = out.photonPz / out.photonE;
      const x = (2 * out.photonE) / M;
      if (c < 1 - 1e-4 || x > 0.5) continue;
      expect(out.fermionE / (0.5 * M * (1 - x))).toBeCloseTo(1, 3);
      expect(out.antiE / (0.5 * M)).toBeCloseTo(1, 3);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
