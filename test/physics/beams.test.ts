import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CollisionFrame, EventBeams, SUPERKEKB_Y4S } from '../../src/physics/beams.js';
import { ELECTRON_MASS } from '../../src/physics/constants.js';
import { add, mass2, onShell, theta } from '../../src/physics/fourVector.js';
import { LorentzTransform } from '../../src/physics/lorentzTransform.js';
import { recoil, recoilMass2, thetaRecoilCM, thetaRecoilLab } from '../../src/physics/recoil.js';

const frame = new CollisionFrame(SUPERKEKB_Y4S);

describe('CollisionFrame(SuperKEKB Y4S)', () => {
  // Reference values: docs/references.md §1.2, derived from basf2 beamparameters.py preset "Y4S"
  // (HER 7.004 GeV at +41.5 mrad, LER 4.002 GeV at π − 41.5 mrad).
  it('beam four-momenta as basf2 builds them', () => {
    expect(frame.her.px).toBeCloseTo(0.29058, 5);
    expect(frame.her.pz).toBeCloseTo(6.99797, 5);
    expect(frame.ler.px).toBeCloseTo(0.16604, 5);
    expect(frame.ler.pz).toBeCloseTo(-3.99855, 5);
  });

  it('√s = 10.57956 GeV (the head-on formula 2√(E_H E_L) = 10.5887 GeV would be 9 MeV too high)', () => {
    expect(frame.sqrtS).toBeCloseTo(10.57956, 5);
    const headOn = 2 * Math.sqrt(SUPERKEKB_Y4S.herEnergy * SUPERKEKB_Y4S.lerEnergy);
    expect(headOn - frame.sqrtS).toBeGreaterThan(0.008);
  });

  it('β_CM = (0.041488, 0, 0.272525), γ = 1.04031, βγ = 0.28678', () => {
    expect(frame.betaCM.x).toBeCloseTo(0.041488, 6);
    expect(frame.betaCM.y).toBe(0);
    expect(frame.betaCM.z).toBeCloseTo(0.272525, 6);
    expect(frame.gammaCM).toBeCloseTo(1.04031, 5);
    expect(frame.betaGamma).toBeCloseTo(0.28678, 5);
  });

  it('the c.m. frame has zero total momentum and energy √s', () => {
    const total = frame.labToCM(frame.total);
    expect(Math.hypot(total.px, total.py, total.pz)).toBeLessThan(1e-12);
    expect(total.E).toBeCloseTo(frame.sqrtS, 12);
  });

  it('the zero total momentum holds for any beam energies and crossing angles', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (herEnergy, lerEnergy, herAngle, lerAngle) => {
          const f = new CollisionFrame({ ...SUPERKEKB_Y4S, herEnergy, lerEnergy, herAngle, lerAngle });
          const t = f.labToCM(f.total);
          expect(Math.hypot(t.px, t.py, t.pz)).toBeLessThan(1e-12 * t.E);
          // e⁻ along +z and e⁺ along −z in the c.m. frame, each with energy √s/2
          const her = f.labToCM(f.her);
          const ler = f.labToCM(f.ler);
          expect(Math.hypot(her.px, her.py)).toBeLessThan(1e-12 * her.E);
          expect(her.pz).toBeGreaterThan(0);
          expect(ler.pz).toBeLessThan(0);
          expect(her.E).toBeCloseTo(f.sqrtS / 2, 10);
        },
      ),
    );
  });

  it('after the boost alone the e⁻ is tilted by 5.77 mrad, (0.00577, 0, 0.99998) (docs/references.md §1.2); the c.m. frame aligns it with +z', () => {
    const b = frame.betaCM;
    const boostedOnly = LorentzTransform.boost({ x: -b.x, y: -b.y, z: -b.z }).apply(frame.her);
    expect(theta(boostedOnly)).toBeCloseTo(0.00577, 5);
    expect(boostedOnly.px).toBeGreaterThan(0);
    expect(theta(frame.labToCM(frame.her))).toBeLessThan(1e-12);
  });

  it('lab → c.m. → lab is the identity', () => {
    const p = onShell(0.10566, 1.2, -0.7, 3.1);
    const q = frame.cmToLab(frame.labToCM(p));
    expect(q.E).toBeCloseTo(p.E, 13);
    expect(q.px).toBeCloseTo(p.px, 13);
    expect(q.py).toBeCloseTo(p.py, 13);
    expect(q.pz).toBeCloseTo(p.pz, 13);
  });

  it('beam energies include the electron mass exactly', () => {
    expect(mass2(frame.her)).toBeCloseTo(ELECTRON_MASS * ELECTRON_MASS, 12);
  });
});

describe('recoil quantities', () => {
  const pArb = fc.double({ min: -3, max: 3, noNaN: true });
  const muonArb = fc.tuple(pArb, pArb, pArb).map(([x, y, z]) => onShell(0.1056583755, x, y, z));

  it('M²recoil is the same computed in the lab and in the c.m. frame', () => {
    fc.assert(
      fc.property(muonArb, muonArb, (mu1, mu2) => {
        const lab = recoilMass2(frame.total, mu1, mu2);
        const cm = recoilMass2(frame.labToCM(frame.total), frame.labToCM(mu1), frame.labToCM(mu2));
        expect(Math.abs(lab - cm)).toBeLessThan(1e-10 * 120);
      }),
    );
  });

  it('invariant masses are the same in the lab and in the c.m. frame', () => {
    fc.assert(
      fc.property(muonArb, muonArb, (mu1, mu2) => {
        const lab = mass2(add(mu1, mu2));
        const cm = mass2(add(frame.labToCM(mu1), frame.labToCM(mu2)));
        expect(Math.abs(lab - cm)).toBeLessThan(1e-11 * (1 + Math.abs(lab)));
      }),
    );
  });

  it('for a two-body final state μμ + X, M²recoil equals M_X² and the recoil is X', () => {
    // e+e- → μ+μ- X in the c.m. frame, built by hand: X of mass 2 GeV recoiling against a muon pair.
    const mX = 2;
    const sqrtS = frame.sqrtS;
    const eX = (sqrtS * sqrtS + mX * mX - 9) / (2 * sqrtS); // pair of mass 3 GeV
    const pX = Math.sqrt(eX * eX - mX * mX);
    const xCM = { E: eX, px: 0, py: pX * Math.sin(0.7), pz: pX * Math.cos(0.7) };
    const pairCM = { E: sqrtS - eX, px: 0, py: -xCM.py, pz: -xCM.pz };
    // split the pair into two muons in its rest frame along x
    const m = 0.1056583755;
    const q = Math.sqrt(2.25 - m * m);
    const beta = { x: pairCM.px / pairCM.E, y: pairCM.py / pairCM.E, z: pairCM.pz / pairCM.E };
    const mu1 = frame.cmToLab(boostTo(onShell(m, q, 0, 0), beta));
    const mu2 = frame.cmToLab(boostTo(onShell(m, -q, 0, 0), beta));
    expect(recoilMass2(frame.total, mu1, mu2)).toBeCloseTo(mX * mX, 9);
    expect(thetaRecoilCM(frame, mu1, mu2)).toBeCloseTo(0.7, 9);
    expect(thetaRecoilLab(frame.total, mu1, mu2)).toBeCloseTo(theta(frame.cmToLab(xCM)), 9);
    expect(recoil(frame.total, mu1, mu2).E).toBeCloseTo(frame.cmToLab(xCM).E, 9);
  });
});

function boostTo(p: ReturnType<typeof onShell>, beta: { x: number; y: number; z: number }) {
  const b2 = beta.x ** 2 + beta.y ** 2 + beta.z ** 2;
  const g = 1 / Math.sqrt(1 - b2);
  const bp = beta.x * p.px + beta.y * p.py + beta.z * p.pz;
  const k = ((g - 1) * bp) / b2 + g * p.E;
  return { E: g * (p.E + bp), px: p.px + k * beta.x, py: p.py + k * beta.y, pz: p.pz + k * beta.z };
}

describe('EventBeams.set(herEnergy, lerEnergy)', () => {
  it('agrees with CollisionFrame for any beam energies (in-place per-event frame)', () => {
    const beams = new EventBeams(SUPERKEKB_Y4S);
    fc.assert(
      fc.property(fc.double({ min: 6.9, max: 7.1, noNaN: true }), fc.double({ min: 3.9, max: 4.1, noNaN: true }), (herEnergy, lerEnergy) => {
        const reference = new CollisionFrame(SUPERKEKB_Y4S, herEnergy, lerEnergy);
        beams.set(herEnergy, lerEnergy);
        expect(beams.sqrtS).toBeCloseTo(reference.sqrtS, 12);
        expect(beams.totalPz).toBeCloseTo(reference.total.pz, 12);
        for (let i = 0; i < 16; i++) expect(Math.abs(beams.toLab.m[i] - reference.toLab.m[i])).toBeLessThan(1e-12);
      }),
    );
  });
});
