import { describe, expect, it } from 'vitest';
import { electronStructureFunction, radiatorBeta } from '../../../generators/shared/isr.js';
import { SignalGenerator, SignalSettings } from '../../../generators/signal.js';
import type { BeamSettings } from '../../../src/physics/beams.js';
import { ALPHA_EM_0 } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';

/**
 * σ with ISR against its definition in the structure-function approach (Kuraev–Fadin, docs/references.md §10,
 * Kuraev & Fadin), computed independently by quadrature:
 *   σ = (1 + (α/π)(π²/3 − ½)) ∫∫ dv₁ dv₂ D(v₁) D(v₂) σ̂(s(1 − v₁)(1 − v₂)),   √s′ ≥ minSqrtSPrime,
 * with σ̂(√s′) the ISR-free signal σ from separate runs at head-on beams of energy √s′/2, tabulated
 * and interpolated (ln σ̂ linear in ln √s′). Photon angles make s′ differ from s(1 − v₁)(1 − v₂) by
 * O(m_e²), negligible here.
 */
const headOn = (sqrtS: number): BeamSettings => ({
  herEnergy: sqrtS / 2,
  lerEnergy: sqrtS / 2,
  herAngle: 0,
  lerAngle: 0,
  herEnergySpread: 0,
  lerEnergySpread: 0,
});

/** Nodes and weights of ∫₀¹ D(v) f(v) dv (to v = 1 − 1e-4): t = v^{β/2} below v₀ = 0.01 (D dv is smooth in t), log panels above. */
function structureFunctionRule(beta: number): { v: number[]; w: number[] } {
  const gl = [-0.9061798459386640, -0.5384693101056831, 0, 0.5384693101056831, 0.9061798459386640];
  const glw = [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891];
  const v: number[] = [];
  const w: number[] = [];
  const v0 = 0.01;
  const t0 = Math.pow(v0, beta / 2);
  const panels = 20;
  for (let p = 0; p < panels; p++) {
    for (let i = 0; i < 5; i++) {
      const t = (t0 * (p + 0.5 + 0.5 * gl[i])) / panels;
      const vi = Math.pow(t, 2 / beta);
      // D(v) dv = [(1 + 3β/8) − ½ (2 − v) t^{2/β − 1}] dt
      v.push(vi);
      w.push(((glw[i] * t0) / (2 * panels)) * (1 + 0.375 * beta - 0.5 * (2 - vi) * Math.pow(t, 2 / beta - 1)));
    }
  }
  // v₀ … ½: panels in ln v (v D(v) is smooth); ½ … 1 − 1e-4: panels in ln(1 − v), where σ̂ rises
  for (let p = 0; p < 2 * panels; p++) {
    for (let i = 0; i < 5; i++) {
      const y = Math.log(v0) + (Math.log(0.5 / v0) * (p + 0.5 + 0.5 * gl[i])) / (2 * panels);
      const vi = Math.exp(y);
      v.push(vi);
      w.push(((glw[i] * Math.log(0.5 / v0)) / (4 * panels)) * vi * electronStructureFunction(vi, beta));
    }
  }
  for (let p = 0; p < 2 * panels; p++) {
    for (let i = 0; i < 5; i++) {
      const y = Math.log(0.5) + (Math.log(2e-4) * (p + 0.5 + 0.5 * gl[i])) / (2 * panels);
      const vi = 1 - Math.exp(y);
      v.push(vi);
      w.push(((glw[i] * -Math.log(2e-4)) / (4 * panels)) * (1 - vi) * electronStructureFunction(vi, beta));
    }
  }
  return { v, w };
}

describe('SignalGenerator with ISR', () => {
  it('σ equals the double convolution of the structure functions with the ISR-free σ̂(s′)', () => {
    const massGeV = 1;
    const settings = SignalSettings.parse({ massGeV, warmupTrials: 10_000 });
    const sqrtS = 10.57956;
    // σ̂ on a grid of √s′ from just above threshold (1.21 GeV) to above √s
    const grid = Array.from({ length: 28 }, (_, i) => 1.25 * Math.pow(10.7 / 1.25, i / 27));
    const sigmaHat = grid.map((rootS, i) => {
      const gen = new SignalGenerator(settings, { beams: headOn(rootS), beamEnergySpread: false, isr: false, alphaEM: ALPHA_EM_0, weighted: false }, 31);
      gen.integrate(30_000, createStream(31, 'test/signal-isr-grid', i));
      return gen.stats();
    });
    const lnGrid = grid.map(Math.log);
    const lnSigma = sigmaHat.map((st) => Math.log(st.sigmaPb));
    const interpolate = (rootS: number) => {
      if (rootS < grid[0]) return 0; // below 1.25 GeV: within 40 MeV of threshold, σ̂ < 1e-3 of its peak
      const u = Math.log(rootS);
      let i = 0;
      while (i < grid.length - 2 && lnGrid[i + 1] < u) i++;
      const f = (u - lnGrid[i]) / (lnGrid[i + 1] - lnGrid[i]);
      return Math.exp(lnSigma[i] + f * (lnSigma[i + 1] - lnSigma[i]));
    };
    const beta = radiatorBeta(sqrtS, ALPHA_EM_0);
    const rule = structureFunctionRule(beta);
    expect(rule.w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5); // ∫D = 1 (the last 1e-4 in v holds ~2e-6)
    const sMin = settings.minSqrtSPrimeGeV ** 2;
    let convolution = 0;
    for (let i = 0; i < rule.v.length; i++) {
      for (let j = 0; j < rule.v.length; j++) {
        const sPrime = sqrtS * sqrtS * (1 - rule.v[i]) * (1 - rule.v[j]);
        if (sPrime < sMin) continue;
        convolution += rule.w[i] * rule.w[j] * interpolate(Math.sqrt(sPrime));
      }
    }
    const expected = (1 + (ALPHA_EM_0 / Math.PI) * (Math.PI ** 2 / 3 - 0.5)) * convolution;
    // the generator, ISR on, at the same √s (head-on beams)
    const gen = new SignalGenerator(settings, { beams: headOn(sqrtS), beamEnergySpread: false, isr: true, alphaEM: ALPHA_EM_0, weighted: false }, 32);
    gen.integrate(300_000, createStream(32, 'test/signal-isr', 0));
    const stats = gen.stats();
    // error of the reference: dominated by σ̂ near √s (most events radiate little), ~ its relative error
    const referenceError = expected * (sigmaHat[sigmaHat.length - 2].sigmaErrPb / sigmaHat[sigmaHat.length - 2].sigmaPb);
    const combined = Math.hypot(stats.sigmaErrPb, referenceError);
    expect(Math.abs(stats.sigmaPb - expected)).toBeLessThan(4 * combined);
    expect(combined / expected).toBeLessThan(0.01);
    // and ISR matters at this level: it changes σ by more than the errors
    const noIsr = interpolate(sqrtS);
    expect(Math.abs(expected / noIsr - 1)).toBeGreaterThan(8 * combined / expected);
  });
});
