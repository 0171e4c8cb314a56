import { describe, expect, it } from 'vitest';
import { signalProcess } from '../../../generators/signal.js';
import { SUPERKEKB_Y4S } from '../../../src/physics/beams.js';
import { ALPHA_EM_0, ALPHA_EM_MADGRAPH } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';

describe('the coupling of radiated photons', () => {
  it('a fixed --alpha-em scales the signal by (α/α₀)² exactly, also with ISR on: radiation keeps α(0)', () => {
    // With the fixed coupling (vacuumPolarization off), the hard process e+e- → γ* → μμZ′ is ∝ α²; ISR photons couple with α(0) (Kuraev–Fadin), so the same
    // streams give the same kinematics and every weight scales by (1/127.9 ÷ 1/137.036)² = 1.148 (basf2 Lmu_minus_Ltau_UFO/parameters.py: aEWM1 = 127.9).
    const sigma = (alphaEM: number) => {
      const generator = signalProcess.createFromInput({ massGeV: 1, warmupTrials: 20_000, vacuumPolarization: false }, { beams: SUPERKEKB_Y4S, beamEnergySpread: true, isr: true, alphaEM, weighted: true }, 5);
      generator.generate(2000, createStream(5, 'signal', 0));
      return generator.stats().sigmaPb;
    };
    const ratio = sigma(ALPHA_EM_MADGRAPH) / sigma(ALPHA_EM_0);
    expect(Math.abs(ratio / (ALPHA_EM_MADGRAPH / ALPHA_EM_0) ** 2 - 1)).toBeLessThan(1e-12);
  });
});
