import { describe, expect, it } from 'vitest';
import { createEeeeGenerator, EeeeSettings } from '../../../generators/eeee.js';
import { breitWheelerSigma, twoPhotonCrossSection } from '../../../generators/shared/twoPhoton.js';
import { CollisionFrame, EventBeams, SUPERKEKB_Y4S } from '../../../src/physics/beams.js';
import { ALPHA_EM_0, ELECTRON_MASS, PDG } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';
import { testOptions } from '../mumu/helpers.js';

const frame = new CollisionFrame(SUPERKEKB_Y4S);
const S = frame.sqrtS ** 2;
const PB_PER_GEV2 = 0.3893793721e9; // (ħc)², PDG 2022
/** AAFH, e⁺e⁻e⁺e⁻ with W_ee > 0.5 GeV: 39.7 ± 0.1 nb (Belle II Physics Book, arXiv:1808.10567, cross-section table). */
const AAFH_NB = 39.7;

describe('breitWheelerSigma for γγ → e⁺e⁻', () => {
  it('reaches the leading-log limit (4πα²/W²)[ln(W²/m_e²) − 1] for W ≫ m_e (Breit & Wheeler, Phys. Rev. 46 (1934) 1087)', () => {
    for (const w of [0.5, 1, 3]) {
      const ll = ((4 * Math.PI * ALPHA_EM_0 ** 2) / (w * w)) * (Math.log((w * w) / ELECTRON_MASS ** 2) - 1);
      // The next terms are O(m_e²/W² · ln), below 10⁻⁵ at W ≥ 0.5 GeV.
      expect(Math.abs(breitWheelerSigma(w * w, ELECTRON_MASS, ALPHA_EM_0) / ll - 1)).toBeLessThan(1e-5);
    }
  });
});

describe('eeee generator (equivalent photons, γγ → e⁺e⁻, W_ee > 0.5 GeV)', () => {
  it("brackets AAFH's 39.7 nb between the EPA with Q²max = m_e² and with Q²max = W²/4 (the default, 81 nb: the EPA does not reproduce AAFH for electron pairs)", () => {
    const nb = (q2Max: (w2: number) => number) => (twoPhotonCrossSection(S, ELECTRON_MASS, 0.5, q2Max, ALPHA_EM_0) * PB_PER_GEV2) / 1e3;
    const low = nb(() => ELECTRON_MASS ** 2);
    const high = nb((w2) => w2 / 4);
    // For γγ → e⁺e⁻ the collinear log ln(W²/m_e²) of the on-shell Breit–Wheeler σ is cut off by the
    // photon virtuality once Q² ≫ m_e², which the EPA with on-shell σ ignores: it overshoots AAFH.
    expect(low).toBeLessThan(AAFH_NB);
    expect(high).toBeGreaterThan(AAFH_NB);
    expect(high / AAFH_NB).toBeGreaterThan(1.8);
    expect(high / AAFH_NB).toBeLessThan(2.3);
  });

  it('σ of the generator equals its EPA quadrature, and every event has e⁻e⁺e⁻e⁺ with the produced pair above 0.5 GeV and four-momentum conserved', () => {
    const gen = createEeeeGenerator(EeeeSettings.parse({ warmupTrials: 20_000 }), testOptions({ isr: false }), 901);
    const n = 10_000;
    const batch = gen.generate(n, createStream(901, 'eeee', 0));
    const { sigmaPb, sigmaErrPb } = gen.stats();
    expect(Math.abs(sigmaPb - gen.sigmaQuadraturePb)).toBeLessThan(4 * sigmaErrPb + 2e-4 * gen.sigmaQuadraturePb);
    const beams = new EventBeams(SUPERKEKB_Y4S);
    for (let i = 0; i < n; i++) {
      const o = batch.offsets[i];
      expect(batch.offsets[i + 1] - o).toBe(4);
      expect([batch.pdg[o], batch.pdg[o + 1], batch.pdg[o + 2], batch.pdg[o + 3]]).toEqual([PDG.electron, PDG.positron, PDG.electron, PDG.positron]);
      const e = batch.E[o + 2] + batch.E[o + 3];
      const px = batch.px[o + 2] + batch.px[o + 3];
      const py = batch.py[o + 2] + batch.py[o + 3];
      const pz = batch.pz[o + 2] + batch.pz[o + 3];
      expect(Math.sqrt(e * e - px * px - py * py - pz * pz)).toBeGreaterThan(0.5 - 1e-9);
      let sumE = 0;
      let sumX = 0;
      let sumZ = 0;
      for (let j = o; j < o + 4; j++) {
        sumE += batch.E[j];
        sumX += batch.px[j];
        sumZ += batch.pz[j];
      }
      expect(Math.abs(sumE - beams.totalE)).toBeLessThan(1e-6);
      expect(Math.abs(sumX - beams.totalPx)).toBeLessThan(1e-6);
      expect(Math.abs(sumZ - beams.totalPz)).toBeLessThan(1e-6);
    }
  });
});
