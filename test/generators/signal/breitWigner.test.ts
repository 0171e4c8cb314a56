import { describe, expect, it } from 'vitest';
import type { GeneratorOptions } from '../../../generators/process.js';
import { BreitWigner } from '../../../generators/shared/breitWigner.js';
import { SignalGenerator, SignalSettings } from '../../../generators/signal.js';
import { SUPERKEKB_Y4S } from '../../../src/physics/beams.js';
import { ALPHA_EM_0, PDG } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';

/** Kolmogorov–Smirnov distance between a sample and a CDF. */
function ksDistance(sample: number[], cdf: (x: number) => number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / sorted.length), Math.abs(f - (i + 1) / sorted.length));
  });
  return d;
}

/** KS critical distance at 99.9% confidence for n points: √(−ln(0.0005)/2)/√n = 1.949/√n. */
const ksCritical = (n: number) => 1.949 / Math.sqrt(n);

describe('BreitWigner', () => {
  it('sampleMass follows ρ(M²) ∝ 1/((M² − M₀²)² + M₀²Γ²): half of an untruncated line lies within M₀² ± M₀Γ', () => {
    // M₀ = 3 GeV, Γ = 30 MeV, window ±15Γ: the truncation removes ≈ 2% of the tails
    const bw = BreitWigner.withCutoff(3, 0.03, 15, 0.001, 10);
    const stream = createStream(21, 'test/bw', 0);
    const n = 100_000;
    const masses: number[] = [];
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const m = bw.sampleMass(stream);
      masses.push(m);
      if (Math.abs(m * m - 9) < 3 * 0.03) inside++;
    }
    // exact fraction inside for the truncated line: (π/2)/(atan(b) − atan(a)), a, b the window in units of M₀Γ
    const a = (2.55 ** 2 - 9) / 0.09;
    const b = (3.45 ** 2 - 9) / 0.09;
    const expected = Math.PI / 2 / (Math.atan(b) - Math.atan(a));
    expect(Math.abs(inside / n - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n));
    expect(ksDistance(masses, (m) => bw.cdf(m))).toBeLessThan(ksCritical(n));
    // the density is normalised on its window
    let integral = 0;
    const steps = 200_000;
    for (let i = 0; i < steps; i++) {
      const m2 = bw.mMin ** 2 + ((i + 0.5) / steps) * (bw.mMax ** 2 - bw.mMin ** 2);
      integral += (bw.densityM2(m2) * (bw.mMax ** 2 - bw.mMin ** 2)) / steps;
    }
    expect(integral).toBeCloseTo(1, 4);
  });
});

describe('SignalGenerator with widthRatio > 0', () => {
  it('gives events whose Z′ mass follows the Breit–Wigner of width Γ = widthRatio·M', () => {
    const options: GeneratorOptions = { beams: SUPERKEKB_Y4S, beamEnergySpread: false, isr: true, alphaEM: ALPHA_EM_0, weighted: false };
    const settings = SignalSettings.parse({ massGeV: 2, widthRatio: 0.1, warmupTrials: 20_000 });
    const gen = new SignalGenerator(settings, options, 22);
    const batch = gen.generate(5000, createStream(22, 'signal', 0));
    const masses: number[] = [];
    for (let j = 0; j < batch.pdg.length; j++) {
      if (batch.pdg[j] !== PDG.zPrime) continue;
      masses.push(Math.sqrt(batch.E[j] ** 2 - batch.px[j] ** 2 - batch.py[j] ** 2 - batch.pz[j] ** 2));
    }
    const reference = BreitWigner.withCutoff(2, 0.2, 15, 0.001, 10.57956 - 2 * 0.1056583755 - 0.05);
    expect(ksDistance(masses, (m) => reference.cdf(m))).toBeLessThan(ksCritical(masses.length));
    expect(gen.stats().overweightFraction).toBeLessThan(0.01);
    expect(() => new SignalGenerator(settings, { ...options, weighted: true }, 22)).toThrow(/weighted events are not available/);
  });

  it('normalises the Breit–Wigner sample to σ at the pole, as the templates of the paper: σ(Γ = 0.1 M) = σ(Γ = 0) within errors', () => {
    // PRL 130, 231801: with Γ = 0.1 M the signal templates become Breit–Wigner shapes (⊗ resolution); the σ they
    // carry is that of the resonance, here the narrow-width σ(M₀). At M₀ = 7 GeV the off-shell rate ∫ρσ would
    // instead be 3.7 times larger (σ(M) falls steeply across the line), so this test can tell the two apart.
    const options: GeneratorOptions = { beams: SUPERKEKB_Y4S, beamEnergySpread: false, isr: false, alphaEM: ALPHA_EM_0, weighted: false };
    const sigma = (widthRatio: number) => {
      const gen = new SignalGenerator(SignalSettings.parse({ massGeV: 7, widthRatio, warmupTrials: 20_000 }), options, 23);
      gen.generate(4000, createStream(23, 'signal', 0));
      return gen.stats();
    };
    const narrow = sigma(0);
    const wide = sigma(0.1);
    expect(Math.abs(wide.sigmaPb - narrow.sigmaPb)).toBeLessThan(5 * Math.hypot(wide.sigmaErrPb, narrow.sigmaErrPb));
  });
});
