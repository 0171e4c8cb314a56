import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createMumuGenerator, MumuSettings, mumuProcess } from '../../../generators/mumu.js';
import type { EventGenerator } from '../../../generators/process.js';
import { fsrFractionDensity } from '../../../generators/shared/fsr.js';
import { InitialStateRadiation } from '../../../generators/shared/isr.js';
import { dipoleAngleDensity, fsrCumulative } from '../../../generators/shared/radiativePair.js';
import type { EventBatch } from '../../../src/events/eventBatch.js';
import { CollisionFrame, SUPERKEKB_Y4S } from '../../../src/physics/beams.js';
import { ALPHA_EM_0, PDG } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';
import { simpson, testOptions, toCM } from './helpers.js';
import {
  binnedSigma,
  chi2Compare,
  defaultChain,
  effectiveCount,
  pull,
  selectedSample,
  type SelectedSample,
  selectedSigma,
  selectedSigmaByM2,
} from './templateStatistics.js';

/**
 * The hard-radiation bias and the fiducial requirement of the μμ(γ) generator (generators/mumu.ts,
 * generators/shared/radiativePair.ts): the biased weighted samples must reproduce the unbiased
 * generator in σ, in truth-level photon spectra and, after the default detector and the search
 * selection (PRL 130, 231801, p. 2–3), in the selected cross section and its M²recoil spectrum.
 * Comparisons: pulls |Δ|/σ_Δ < 3 (two-sided p = 0.0027) and the plain χ² with Σw² errors of two
 * absolute cross-section histograms, p > 0.001. Seeds are fixed: each test passes or fails the same
 * way every run.
 */

const BIAS = { hardRadiationBias: { enabled: true } };
const FIDUCIAL = { fiducial: { enabled: true } };
const WEIGHTED = { weighted: true, beamEnergySpread: true };

function generator(settings: object, weighted: boolean, seed: number, warmupTrials = 50_000): EventGenerator {
  return createMumuGenerator(MumuSettings.parse({ warmupTrials, ...settings }), testOptions({ ...WEIGHTED, weighted }), seed);
}

/** Generates `n` events in batches of 10 000 from streams (seed, "mumu", k). */
function batches(g: EventGenerator, seed: number, n: number): EventBatch[] {
  const out: EventBatch[] = [];
  for (let k = 0; k * 10_000 < n; k++) out.push(g.generate(Math.min(10_000, n - k * 10_000), createStream(seed, 'mumu', k)));
  return out;
}

describe('dipoleAngleDensity and fsrCumulative (the densities the bias weights use)', () => {
  it('dipoleAngleDensity(t, E) integrates to one over [1 − β_e, 1 + β_e] and is the density InitialStateRadiation.sampleEmissionT draws', () => {
    const beamE = 5.29;
    // The density varies on the scale m_e²/E² next to both ends (forward and backward to the beam):
    // ∫f dt = ∫ f(t)·t d(ln t) over t ≤ 1 plus ∫ f(2 − s)·s d(ln s) over s = 2 − t ≤ 1.
    const m2 = (0.51099895e-3 / beamE) ** 2;
    const oneMinusBeta = m2 / (1 + Math.sqrt(1 - m2));
    const lo = Math.log(oneMinusBeta);
    const hi = Math.log(2 - oneMinusBeta);
    const forward = simpson((u) => Math.exp(u) * dipoleAngleDensity(Math.exp(u), beamE), lo, 0, 4000);
    const backward = simpson((u) => Math.exp(u) * dipoleAngleDensity(2 - Math.exp(u), beamE), lo, 0, 4000);
    expect(forward + backward).toBeCloseTo(1, 8);
    // Binned in ln t against 200 000 draws.
    const isr = new InitialStateRadiation({ alpha: ALPHA_EM_0, minPhotonFraction: 1e-6 });
    const stream = createStream(3, 'test/dipole', 0);
    const n = 200_000;
    const edges = Array.from({ length: 11 }, (_, i) => lo + ((hi - lo) * i) / 10);
    const counts = new Float64Array(10);
    for (let i = 0; i < n; i++) {
      const u = Math.log(isr.sampleEmissionT(stream, beamE));
      counts[Math.min(9, Math.floor(((u - lo) / (hi - lo)) * 10))]++;
    }
    for (let b = 0; b < 10; b++) {
      const p = simpson((u) => Math.exp(u) * dipoleAngleDensity(Math.exp(u), beamE), edges[b], edges[b + 1], 200);
      expect(Math.abs(counts[b] / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('fsrCumulative(x, γ) is the integral of γx^(γ−1)(1 − x + x²/2), so that fsrCumulative(1, γ)·fsrFractionDensity = the unnormalised density', () => {
    for (const gamma of [0.038, 0.3, 0.8]) {
      const x = 0.6;
      // ∫₀ˣ in ln y: γ y^γ (1 − y + y²/2) d(ln y), from y = 1e-12.
      const numeric = simpson((u) => gamma * Math.exp(gamma * u) * (1 - Math.exp(u) + 0.5 * Math.exp(2 * u)), Math.log(1e-12), Math.log(x), 4000);
      expect(Math.abs(numeric + Math.pow(1e-12, gamma) - fsrCumulative(x, gamma))).toBeLessThan(1e-6);
      expect(fsrCumulative(1, gamma) * fsrFractionDensity(x, gamma)).toBeCloseTo(gamma * Math.pow(x, gamma - 1) * (1 - x + 0.5 * x * x), 12);
    }
  });
});

describe('mumu hardRadiationBias and fiducial: settings', () => {
  it('are off by default, and when off their other fields change nothing (the same bytes as the defaults)', () => {
    const defaults = MumuSettings.parse({});
    expect(defaults.hardRadiationBias.enabled).toBe(false);
    expect(defaults.fiducial.enabled).toBe(false);
    const inert = { hardRadiationBias: { enabled: false, isrShare: 0.1, fsrShare: 0.5 }, fiducial: { enabled: false, dimuonPtCMMinGeV: 2 } };
    for (const weighted of [false, true]) {
      const a = generator({}, weighted, 21, 5000).generate(2000, createStream(21, 'mumu', 0));
      const b = generator(inert, weighted, 21, 5000).generate(2000, createStream(21, 'mumu', 0));
      expect(Buffer.from(b.px.buffer).equals(Buffer.from(a.px.buffer))).toBe(true);
      expect(Buffer.from(b.weight.buffer).equals(Buffer.from(a.weight.buffer))).toBe(true);
    }
  });

  it('refuses the bias for unweighted events, naming the field (process definition) or with a RangeError (engine)', () => {
    const options = testOptions({ weighted: false });
    expect(() => mumuProcess.createFromInput(BIAS, options, 1)).toThrow(ZodError);
    try {
      mumuProcess.createFromInput(BIAS, options, 1);
    } catch (error) {
      expect((error as ZodError).issues[0].path).toEqual(['hardRadiationBias', 'enabled']);
      expect((error as ZodError).issues[0].message).toMatch(/weighted events/);
    }
    expect(() => createMumuGenerator(MumuSettings.parse({ ...BIAS, warmupTrials: 1000 }), options, 1)).toThrow(/needs weighted events/);
    // The fiducial requirement alone works with unweighted events too.
    expect(() => mumuProcess.createFromInput({ ...FIDUCIAL, warmupTrials: 1000 }, options, 1)).not.toThrow();
  });

  it('keeps an unbiased share of at least 5% (2·isrShare + fsrShare ≤ 0.95)', () => {
    expect(() => MumuSettings.parse({ hardRadiationBias: { enabled: true, isrShare: 0.45, fsrShare: 0.1 } })).toThrow(/0\.95/);
    expect(MumuSettings.parse({ hardRadiationBias: { enabled: true, isrShare: 0.4, fsrShare: 0.15 } }).hardRadiationBias.fsrShare).toBe(0.15);
  });

  it('describe() reports the bias and that σ is the fiducial σ', () => {
    const facts = generator({ ...BIAS, ...FIDUCIAL }, true, 2, 2000).describe();
    expect(facts.hard_radiation_bias).toBe(true);
    expect(facts.bias_isr_share_per_beam).toBe(0.3);
    expect(facts.fiducial).toBe(true);
    expect(String(facts.fiducial_description)).toMatch(/sigma is the fiducial cross section/);
    expect(generator({}, true, 2, 2000).describe().fiducial).toBeUndefined();
  });
});

/** The c.m. energy of every photon and the c.m. transverse momentum (to the beam) of the hardest-pT photon of each event. */
function photonSpectra(list: readonly EventBatch[]) {
  const energy: number[] = [];
  const energyWeight: number[] = [];
  const pt: number[] = [];
  const ptWeight: number[] = [];
  for (const batch of list) {
    const cm = toCM(batch);
    for (let i = 0; i < batch.nEvents; i++) {
      let best = 0;
      for (let j = batch.offsets[i]; j < batch.offsets[i + 1]; j++) {
        if (batch.pdg[j] !== PDG.photon) continue;
        energy.push(cm.E[j]);
        energyWeight.push(batch.weight[i]);
        best = Math.max(best, Math.hypot(cm.px[j], cm.py[j]));
      }
      pt.push(best);
      ptWeight.push(batch.weight[i]);
    }
  }
  return { energy, energyWeight, pt, ptWeight };
}

describe('mumu hardRadiationBias: truth level (generator only)', () => {
  const n = 150_000;
  let unbiased: { g: EventGenerator; list: EventBatch[] };
  let biased: { g: EventGenerator; list: EventBatch[] };
  beforeAll(() => {
    const gu = generator({}, false, 31);
    unbiased = { g: gu, list: batches(gu, 31, 2 * n) };
    const gb = generator(BIAS, true, 32);
    biased = { g: gb, list: batches(gb, 32, n) };
  });

  it('σ of the biased weighted sample equals the unbiased σ within 3 standard errors', () => {
    const a = unbiased.g.stats();
    const b = biased.g.stats();
    expect(b.sigmaErrPb / b.sigmaPb).toBeLessThan(0.01);
    expect(pull(a.sigmaPb, a.sigmaErrPb, b.sigmaPb, b.sigmaErrPb)).toBeLessThan(3);
  });

  it('the photon energy spectrum and the hardest photon pT spectrum (c.m.) agree with the unbiased generator (χ², p > 0.001), with over 4× the events at pT > 0.5 GeV/c', () => {
    const su = photonSpectra(unbiased.list);
    const sb = photonSpectra(biased.list);
    // Cross section per bin: unweighted events carry σ/N each; weighted events carry their weight (pb, mean σ)/N.
    const nu = 2 * n;
    const scaleU = unbiased.g.stats().sigmaPb / nu;
    const eEdges = [0.01, 0.03, 0.1, 0.3, 0.6, 1, 1.5, 2, 3, 4, 5, 5.2, 5.4];
    const e = chi2Compare(binnedSigma(su.energy, su.energyWeight, eEdges, scaleU), binnedSigma(sb.energy, sb.energyWeight, eEdges, 1 / n));
    expect(e.ndf).toBe(eEdges.length - 1);
    expect(e.p).toBeGreaterThan(0.001);
    const ptEdges = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2, 3, 5.4];
    const p = chi2Compare(binnedSigma(su.pt, su.ptWeight, ptEdges, scaleU), binnedSigma(sb.pt, sb.ptWeight, ptEdges, 1 / n));
    expect(p.p).toBeGreaterThan(0.001);
    const hardU = su.pt.filter((x) => x > 0.5).length / nu;
    const hardB = sb.pt.filter((x) => x > 0.5).length / n;
    expect(hardB / hardU).toBeGreaterThan(4);
  });
});

const frame = new CollisionFrame(SUPERKEKB_Y4S);

/** The μμ fiducial requirement (default settings) evaluated on a truth record. */
function inMuonFiducialRegion(truth: EventBatch, i: number): boolean {
  const toCMm = frame.toCM.m;
  let sumX = 0;
  let sumY = 0;
  for (let j = truth.offsets[i]; j < truth.offsets[i + 1]; j++) {
    if (Math.abs(truth.pdg[j]) !== PDG.muon) continue;
    const E = truth.E[j], x = truth.px[j], y = truth.py[j], z = truth.pz[j];
    const pt = Math.hypot(x, y);
    const theta = (Math.atan2(pt, z) * 180) / Math.PI;
    if (!(pt > 0.35 && theta >= 36 && theta <= 121)) return false;
    sumX += toCMm[4] * E + toCMm[5] * x + toCMm[6] * y + toCMm[7] * z;
    sumY += toCMm[8] * E + toCMm[9] * x + toCMm[10] * y + toCMm[11] * z;
  }
  return Math.hypot(sumX, sumY) > 0.25;
}

describe('mumu templates after the default detector and the search selection', () => {
  // Unbiased unweighted (the reference), biased weighted, biased weighted inside the fiducial region.
  let unbiased: SelectedSample;
  let biased: SelectedSample;
  let fiducial: SelectedSample;
  const m2Edges = [-10, 0, 1, 10, 30, 60, 110];
  beforeAll(() => {
    const seed = defaultChain().scenario.seed;
    unbiased = selectedSample(generator({}, false, seed), 41, 300_000);
    biased = selectedSample(generator(BIAS, true, seed + 1), 42, 100_000, inMuonFiducialRegion);
    fiducial = selectedSample(generator({ ...BIAS, ...FIDUCIAL }, true, seed + 2), 43, 30_000, inMuonFiducialRegion);
  });

  it('the biased sample selects over 3× the events per generated event and gives the unbiased selected σ within 3 standard errors', () => {
    expect(unbiased.weights.length).toBeGreaterThan(75);
    expect(biased.weights.length / biased.events).toBeGreaterThan((3 * unbiased.weights.length) / unbiased.events);
    expect(effectiveCount(biased.weights)).toBeGreaterThan(0.7 * biased.weights.length);
    const a = selectedSigma(unbiased);
    const b = selectedSigma(biased);
    expect(pull(a.sigmaPb, a.errorPb, b.sigmaPb, b.errorPb)).toBeLessThan(3);
  });

  it('the selected M²recoil spectra of the biased and the unbiased samples agree (χ² with Σw² errors, p > 0.001)', () => {
    const result = chi2Compare(selectedSigmaByM2(unbiased, m2Edges), selectedSigmaByM2(biased, m2Edges));
    expect(result.ndf).toBe(m2Edges.length - 1);
    expect(result.p).toBeGreaterThan(0.001);
  });

  it('every selected event of the biased sample lies in the fiducial region (the requirement is looser than the selection)', () => {
    expect(biased.weights.length).toBeGreaterThan(140);
    expect(biased.checkFailures).toBe(0);
    expect(fiducial.checkFailures).toBe(0);
  });

  it('the fiducial sample (σ the fiducial σ) gives the same selected σ and M²recoil spectrum as the full biased sample', () => {
    expect(fiducial.sigmaPb).toBeLessThan(0.1 * biased.sigmaPb);
    expect(fiducial.weights.length / fiducial.events).toBeGreaterThan(2 * (biased.weights.length / biased.events));
    const a = selectedSigma(biased);
    const b = selectedSigma(fiducial);
    expect(pull(a.sigmaPb, a.errorPb, b.sigmaPb, b.errorPb)).toBeLessThan(3);
    const result = chi2Compare(selectedSigmaByM2(biased, m2Edges), selectedSigmaByM2(fiducial, m2Edges));
    expect(result.p).toBeGreaterThan(0.001);
  });
});
