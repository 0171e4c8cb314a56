import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MUON_MASS } from '../../src/physics/constants.js';
import { mass2, theta } from '../../src/physics/fourVector.js';
import { analysisVariables, type AnalysisVariables } from '../../src/selection/variables.js';
import { frame, type HandEvent, recoBatch, trackFromCM } from './recoBuilder.js';

const settings = { trackD0MaxCm: 0.5, trackZ0MaxCm: 2, recoilConeHalfAngle: (15 * Math.PI) / 180 };
const sqrtS = frame.sqrtS;

function variablesOf(events: readonly HandEvent[]): AnalysisVariables {
  return analysisVariables(recoBatch(events), frame, settings);
}

type Vec = { x: number; y: number; z: number };
const muonPair = (p1: Vec, p2: Vec): HandEvent => ({ tracks: [trackFromCM(MUON_MASS, p1, -1), trackFromCM(MUON_MASS, p2, +1)] });
const energy = (p: Vec) => Math.sqrt(p.x * p.x + p.y * p.y + p.z * p.z + MUON_MASS * MUON_MASS);

describe('analysis variables (c.m. frame) on hand-computed events', () => {
  it('perpendicular muons p1 = (3, 0, 0), p2 = (0, 0, −4) GeV/c: thrust pT 12/5, pT/pL of the high muon to the low 4 and 0, dimuon pT 3', () => {
    const v = variablesOf([muonPair({ x: 3, y: 0, z: 0 }, { x: 0, y: 0, z: -4 })]);
    // Two particles with p1·p2 = 0: |p1 ± p2| = 5, |p1 × p2| = 12.
    expect(v.muonPtThrustCM[0]).toBeCloseTo(12 / 5, 10);
    // The high-energy muon is p2 (4 GeV/c), the low one points along x̂.
    expect(v.highMuonPtWrtLowCM[0]).toBeCloseTo(4, 10);
    expect(v.highMuonPlWrtLowCM[0]).toBeCloseTo(0, 10);
    expect(v.dimuonPtCM[0]).toBeCloseTo(3, 10);
    expect(v.openingAngleCM[0]).toBeCloseTo(Math.PI / 2, 10);
    // Recoil in the c.m. frame: (√s − E1 − E2, −3, 0, 4): θ* = atan(3/4), M² = (√s − E1 − E2)² − 25.
    const recoilE = sqrtS - energy({ x: 3, y: 0, z: 0 }) - energy({ x: 0, y: 0, z: -4 });
    expect(v.thetaRecoilCM[0]).toBeCloseTo(Math.atan2(3, 4), 10);
    expect(v.m2Recoil[0]).toBeCloseTo(recoilE * recoilE - 25, 8);
    // θrecoil in the lab: the same four-vector taken to the lab by the frame's own transformation.
    expect(v.thetaRecoilLab[0]).toBeCloseTo(theta(frame.cmToLab({ E: recoilE, px: -3, py: 0, pz: 4 })), 10);
  });

  it('p1 = (3, 0, 0), p2 = (−1, 2, 0): the thrust axis is p1 − p2 (p1·p2 < 0), pT = 6/√20; the high muon p1 has pT 6/√5, pL −3/√5 to p2', () => {
    const v = variablesOf([muonPair({ x: 3, y: 0, z: 0 }, { x: -1, y: 2, z: 0 })]);
    expect(v.muonPtThrustCM[0]).toBeCloseTo(6 / Math.sqrt(20), 10);
    expect(v.highMuonPtWrtLowCM[0]).toBeCloseTo(6 / Math.sqrt(5), 10);
    expect(v.highMuonPlWrtLowCM[0]).toBeCloseTo(-3 / Math.sqrt(5), 10);
    expect(v.dimuonPtCM[0]).toBeCloseTo(Math.sqrt(8), 10);
    // Recoil along −z: θ* = 90°.
    expect(v.thetaRecoilCM[0]).toBeCloseTo(Math.PI / 2, 10);
  });

  it('two-body limit: back-to-back muons of E = √s/2 have M²recoil = 0 and no transverse momenta', () => {
    const p = Math.sqrt((sqrtS * sqrtS) / 4 - MUON_MASS * MUON_MASS);
    const n = { x: 0.6, y: 0, z: 0.8 };
    const v = variablesOf([muonPair({ x: p * n.x, y: 0, z: p * n.z }, { x: -p * n.x, y: 0, z: -p * n.z })]);
    expect(Math.abs(v.m2Recoil[0])).toBeLessThan(1e-9);
    expect(v.muonPtThrustCM[0]).toBeLessThan(1e-9);
    expect(v.highMuonPtWrtLowCM[0]).toBeLessThan(1e-9);
    expect(v.highMuonPlWrtLowCM[0]).toBeCloseTo(-p, 9);
    expect(v.dimuonPtCM[0]).toBeLessThan(1e-9);
    expect(v.openingAngleCM[0]).toBeCloseTo(Math.PI, 9);
  });

  it('counts photon candidates in the 15° cone around the lab recoil and sums all photon energies; a matched cluster is not a photon', () => {
    const pair = muonPair({ x: 3, y: 0, z: 0 }, { x: 0, y: 0, z: -4 });
    const recoilLab = frame.cmToLab({ E: sqrtS - energy({ x: 3, y: 0, z: 0 }) - energy({ x: 0, y: 0, z: -4 }), px: -3, py: 0, pz: 4 });
    const thetaR = theta(recoilLab);
    const phiR = Math.atan2(recoilLab.py, recoilLab.px);
    const v = variablesOf([
      {
        ...pair,
        clusters: [
          { energy: 0.3, theta: thetaR + 0.2, phi: phiR }, // 11.5° away: inside
          { energy: 1.2, theta: thetaR, phi: phiR + 0.3 / Math.sin(thetaR) + 0.1 }, // outside
          { energy: 0.2, theta: 1, phi: 2, track: 0 }, // the muon's own deposit
        ],
      },
    ]);
    expect(v.photonEnergySum[0]).toBeCloseTo(1.5, 12);
    expect(v.photonsInRecoilCone[0]).toBe(1);
    expect(v.photonEnergyMaxInRecoilCone[0]).toBe(0.3);
  });

  it('keeps only tracks from the IP (|d0| < 0.5 cm, |z0| < 2 cm): a displaced third track is ignored, a third IP track spoils the event', () => {
    const pair = muonPair({ x: 3, y: 0, z: 0 }, { x: 0, y: 0, z: -4 });
    const displaced = { ...pair.tracks[0], d0: 0.7 };
    const far = { ...pair.tracks[0], z0: -2.5 };
    const v = variablesOf([{ tracks: [displaced, ...pair.tracks, far] }, { tracks: [...pair.tracks, pair.tracks[0]] }]);
    expect(v.trackA[0]).toBe(2); // the 4 GeV/c muon, row 2 of the batch
    expect(v.trackB[0]).toBe(1);
    expect(v.trackA[1]).toBe(-1);
    expect(Number.isNaN(v.m2Recoil[1])).toBe(true);
  });
});

const momentum = fc.record({ x: fc.double({ min: -4, max: 4, noNaN: true }), y: fc.double({ min: -4, max: 4, noNaN: true }), z: fc.double({ min: -4, max: 4, noNaN: true }) }).filter((p) => Math.hypot(p.x, p.y, p.z) > 0.3);
/** Pairs that are kinematically allowed: the muons leave a recoil of positive energy. */
const pair = fc
  .tuple(momentum, momentum)
  .filter(([a, b]) => energy(a) + energy(b) < sqrtS - 0.1 && Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z) > 0.1 && Math.hypot(a.x + b.x, a.y + b.y, a.z + b.z) > 0.1);

function rotate(p: Vec, axis: Vec, angle: number): Vec {
  const n = Math.hypot(axis.x, axis.y, axis.z);
  const [x, y, z] = [axis.x / n, axis.y / n, axis.z / n];
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const d = (x * p.x + y * p.y + z * p.z) * (1 - c);
  return {
    x: p.x * c + (y * p.z - z * p.y) * s + x * d,
    y: p.y * c + (z * p.x - x * p.z) * s + y * d,
    z: p.z * c + (x * p.y - y * p.x) * s + z * d,
  };
}

const keys = ['m2Recoil', 'thetaRecoilCM', 'openingAngleCM', 'muonPtThrustCM', 'highMuonPtWrtLowCM', 'highMuonPlWrtLowCM', 'dimuonPtCM'] as const;
const values = (v: AnalysisVariables, i: number, names: readonly (typeof keys)[number][]) => names.map((k) => v[k][i]);

describe('analysis-variable properties', () => {
  it('M²recoil is the invariant (√s − E1* − E2*)² − |p1* + p2*|² of the c.m. frame', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const v = variablesOf([muonPair(a, b)]);
        const E = sqrtS - energy(a) - energy(b);
        const expected = mass2({ E, px: -(a.x + b.x), py: -(a.y + b.y), pz: -(a.z + b.z) });
        expect(Math.abs(v.m2Recoil[0] - expected)).toBeLessThan(1e-9 * sqrtS * sqrtS);
      }),
    );
  });

  it('a rotation about the c.m. beam axis changes none of them; any rotation keeps all but θ*recoil and the dimuon pT', () => {
    fc.assert(
      fc.property(pair, fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), momentum, fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), ([a, b], phi, axis, angle) => {
        const z = { x: 0, y: 0, z: 1 };
        const v = variablesOf([muonPair(a, b), muonPair(rotate(a, z, phi), rotate(b, z, phi)), muonPair(rotate(a, axis, angle), rotate(b, axis, angle))]);
        const close = (x: number[], y: number[]) => x.forEach((xi, k) => expect(Math.abs(xi - y[k])).toBeLessThan(1e-7 * (1 + Math.abs(xi))));
        close(values(v, 1, keys), values(v, 0, keys));
        const invariant = ['m2Recoil', 'openingAngleCM', 'muonPtThrustCM', 'highMuonPtWrtLowCM', 'highMuonPlWrtLowCM'] as const;
        close(values(v, 2, invariant), values(v, 0, invariant));
      }),
    );
  });

  it('exchanging the two muons (track order, or μ⁺ ↔ μ⁻) leaves every variable unchanged', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const e = muonPair(a, b);
        const swapped = { tracks: [e.tracks[1], e.tracks[0]] };
        const conjugated = { tracks: e.tracks.map((t) => ({ ...t, charge: -t.charge })) };
        const v = variablesOf([e, swapped, conjugated]);
        expect(values(v, 1, keys)).toEqual(values(v, 0, keys));
        expect(values(v, 2, keys)).toEqual(values(v, 0, keys));
      }),
    );
  });
});
