import { describe, expect, it } from 'vitest';
import {
  gPrimeForAnomalousMoment,
  muonAnomalousMomentShift,
  zPrimeInvisibleBranchingFraction,
  zPrimeLeptonWidth,
  zPrimeNeutrinoWidth,
  zPrimeTotalWidth,
} from '../../../generators/shared/zPrimeWidths.js';
import { MUON_MASS, TAU_MASS } from '../../../src/physics/constants.js';

describe('Z′ widths of the vanilla L_μ − L_τ model (docs/references.md §5.1, from the Belle II MadGraph UFO decays.py)', () => {
  it('Γ/g′² matches the reference table', () => {
    // [M (GeV), Γ_μμ/g′², Γ_ττ/g′², Γ_νν(2 flavours)/g′², B(inv)], docs/references.md §5.1 table
    const table = [
      [0.25, 4.81e-3, 0, 6.63e-3, 0.58],
      [0.5, 1.309e-2, 0, 1.326e-2, 0.503],
      [4, 0.1061, 0.0679, 0.1061, 0.379],
      [5, 0.1326, 0.1169, 0.1326, 0.347],
      [6, 0.1592, 0.1507, 0.1592, 0.339],
      [8, 0.2122, 0.2089, 0.2122, 0.335],
      [10, 0.2653, 0.2636, 0.2653, 0.334],
    ];
    for (const [M, mumu, tautau, nunu, invisible] of table) {
      // the table has 3 to 4 significant figures
      expect(Math.abs(zPrimeLeptonWidth(M, MUON_MASS, 1) / mumu - 1)).toBeLessThan(2e-3);
      if (tautau === 0) expect(zPrimeLeptonWidth(M, TAU_MASS, 1)).toBe(0);
      else expect(Math.abs(zPrimeLeptonWidth(M, TAU_MASS, 1) / tautau - 1)).toBeLessThan(2e-3);
      expect(Math.abs(zPrimeNeutrinoWidth(M, 1) / nunu - 1)).toBeLessThan(2e-3);
      expect(zPrimeInvisibleBranchingFraction(M)).toBeCloseTo(invisible, 3);
    }
  });

  it('Γ ∝ g′²; below 2m_μ the Z′ decays only to neutrinos (B = 1); at 3.56 GeV B(inv) = 0.479', () => {
    expect(zPrimeTotalWidth(2, 0.3) / zPrimeTotalWidth(2, 1)).toBeCloseTo(0.09, 14);
    expect(zPrimeInvisibleBranchingFraction(0.1)).toBe(1);
    expect(zPrimeInvisibleBranchingFraction(0.2)).toBe(1);
    expect(zPrimeInvisibleBranchingFraction(3.56)).toBeCloseTo(0.479, 3);
  });
});

describe('muonAnomalousMomentShift(g′, M) (DarkCast AMM.py, eq. (6) of Endo et al., Phys. Rev. D 86, 095029 (2012))', () => {
  it('matches the reference values for g′ = 1', () => {
    const reference = [
      [0.001, 1.23e-2],
      [0.01, 9.91e-3],
      [0.1, 2.8e-3],
      [1, 8.6e-5],
      [10, 9.4e-7],
    ];
    // the reference quotes 3 significant figures
    for (const [M, delta] of reference) expect(Math.abs(muonAnomalousMomentShift(1, M) / delta - 1)).toBeLessThan(5e-3);
  });

  it('tends to g′²/8π² for M ≪ m_μ and to g′² m_μ²/(12π² M²) for M ≫ m_μ', () => {
    expect(muonAnomalousMomentShift(0.5, 1e-6) / (0.25 / (8 * Math.PI ** 2))).toBeCloseTo(1, 4);
    const M = 300;
    expect(muonAnomalousMomentShift(0.5, M) / ((0.25 * MUON_MASS ** 2) / (12 * Math.PI ** 2 * M * M))).toBeCloseTo(1, 4);
  });

  it('gPrimeForAnomalousMoment inverts it: Δa_μ = 251e-11 (the paper’s ref. 2) at 100 MeV', () => {
    const g = gPrimeForAnomalousMoment(251e-11, 0.1);
    expect(muonAnomalousMomentShift(g, 0.1)).toBeCloseTo(251e-11, 20);
    expect(g).toBeGreaterThan(5e-4);
    expect(g).toBeLessThan(1.5e-3);
  });
});
