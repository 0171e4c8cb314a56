import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { EventGenerator, GeneratorOptions } from '../../../generators/process.js';
import { PDG2022_TAU_BRANCHING, TauChannel, TauDecayer, TauDecayProducts } from '../../../generators/shared/tauDecays.js';
import { TautauGenerator, TautauSettings, tautauProcess } from '../../../generators/tautau.js';
import { type EventBatch, Status } from '../../../src/events/eventBatch.js';
import { SUPERKEKB_Y4S } from '../../../src/physics/beams.js';
import { ALPHA_EM_0, PDG } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';
import {
  chi2Compare,
  defaultChain,
  effectiveCount,
  pull,
  selectedSample,
  type SelectedSample,
  selectedSigma,
  selectedSigmaByM2,
} from '../mumu/templateStatistics.js';

/**
 * The decay-channel bias and the fiducial requirement of the ττ(γ) generator (generators/tautau.ts):
 * biased weighted samples must reproduce σ, the branching fractions and, after the default
 * detector and the search selection (PRL 130, 231801, p. 2–3), the selected cross section and its
 * M²recoil spectrum of the unbiased generator. Comparisons: pulls |Δ|/σ_Δ < 3 (p = 0.0027 each),
 * 4 for the ten channel fractions together, and the plain χ² with Σw² errors, p > 0.001. Seeds are
 * fixed.
 */

const OPTIONS: GeneratorOptions = { beams: SUPERKEKB_Y4S, beamEnergySpread: true, isr: true, alphaEM: ALPHA_EM_0, weighted: true };
const BIAS = { channelBias: { enabled: true } };
const FIDUCIAL = { fiducial: { enabled: true } };
const OTHER = 1 - PDG2022_TAU_BRANCHING.electron - PDG2022_TAU_BRANCHING.muon - PDG2022_TAU_BRANCHING.pion - PDG2022_TAU_BRANCHING.rho;
const BRANCHING = [PDG2022_TAU_BRANCHING.electron, PDG2022_TAU_BRANCHING.muon, PDG2022_TAU_BRANCHING.pion, PDG2022_TAU_BRANCHING.rho, OTHER];

function generator(settings: object, weighted: boolean, seed: number, warmupTrials = 30_000): EventGenerator {
  return new TautauGenerator(TautauSettings.parse({ warmupTrials, ...settings }), { ...OPTIONS, weighted }, seed);
}

describe('TauDecayer with channel probabilities', () => {
  it('draws the channels with the given probabilities and weights each decay by B/q, so that weighted channel fractions are the branching fractions', () => {
    const q = { electron: 0.1, muon: 0.5, pion: 0.2, rho: 0.15, other: 0.05 };
    const decayer = new TauDecayer({ ...PDG2022_TAU_BRANCHING }, q);
    const stream = createStream(5, 'test/channels', 0);
    const out = new TauDecayProducts();
    const n = 100_000;
    const counts = new Float64Array(5);
    const sumW = new Float64Array(5);
    for (let i = 0; i < n; i++) {
      decayer.decayUnpolarised(stream, -1, out);
      counts[out.channel]++;
      sumW[out.channel] += out.weight;
    }
    const qs = [q.electron, q.muon, q.pion, q.rho, q.other];
    for (let c = 0; c < 5; c++) {
      expect(Math.abs(counts[c] / n - qs[c])).toBeLessThan(4 * Math.sqrt((qs[c] * (1 - qs[c])) / n));
      expect(sumW[c] / counts[c]).toBeCloseTo(BRANCHING[c] / qs[c], 12);
    }
    // Without probabilities, and for a given channel, the weight is 1.
    expect(new TauDecayer({ ...PDG2022_TAU_BRANCHING }).decayUnpolarised(stream, 1, out).weight).toBe(1);
    expect(decayer.decayChannel(stream, 1, TauChannel.rho, out).weight).toBe(1);
  });

  it('rejects probabilities that are not all positive or do not sum to 1', () => {
    expect(() => new TauDecayer({ ...PDG2022_TAU_BRANCHING }, { electron: 0, muon: 0.6, pion: 0.2, rho: 0.1, other: 0.1 })).toThrow(/positive/);
    expect(() => new TauDecayer({ ...PDG2022_TAU_BRANCHING }, { electron: 0.1, muon: 0.6, pion: 0.2, rho: 0.1, other: 0.1 })).toThrow(/sum to 1/);
  });
});

describe('tautau channelBias and fiducial: settings', () => {
  it('are off by default, and when off their other fields change nothing (the same bytes as the defaults)', () => {
    const defaults = TautauSettings.parse({});
    expect(defaults.channelBias.enabled).toBe(false);
    expect(defaults.fiducial.enabled).toBe(false);
    const inert = { channelBias: { enabled: false, muon: 0.5, pion: 0.32 }, fiducial: { enabled: false, ptMinGeV: 2 } };
    for (const weighted of [false, true]) {
      const a = generator({}, weighted, 61, 5000).generate(2000, createStream(61, 'tautau', 0));
      const b = generator(inert, weighted, 61, 5000).generate(2000, createStream(61, 'tautau', 0));
      expect(Buffer.from(b.pz.buffer).equals(Buffer.from(a.pz.buffer))).toBe(true);
      expect(Buffer.from(b.weight.buffer).equals(Buffer.from(a.weight.buffer))).toBe(true);
    }
  });

  it('refuses the channel bias for unweighted events, naming the field; the fiducial requirement works unweighted', () => {
    const options = { ...OPTIONS, weighted: false };
    try {
      tautauProcess.createFromInput(BIAS, options, 1);
      expect.unreachable('the channel bias must need weighted events');
    } catch (error) {
      expect(error).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues[0].path).toEqual(['channelBias', 'enabled']);
    }
    expect(() => new TautauGenerator(TautauSettings.parse({ ...BIAS, warmupTrials: 1000 }), options, 1)).toThrow(/needs weighted events/);
    const g = tautauProcess.createFromInput({ ...FIDUCIAL, warmupTrials: 5000 }, options, 1);
    const batch = g.generate(500, createStream(1, 'tautau', 0));
    expect(Array.from(batch.weight).every((w) => w >= 1)).toBe(true);
  });

  it('needs channel probabilities that sum to 1, each at least 0.001', () => {
    expect(() => TautauSettings.parse({ channelBias: { enabled: true, muon: 0.8 } })).toThrow(/sum to 1/);
    expect(() => TautauSettings.parse({ channelBias: { enabled: true, electron: 0, muon: 0.74 } })).toThrow();
  });

  it('describe() reports the channel probabilities and that σ is the fiducial σ', () => {
    const facts = generator({ ...BIAS, ...FIDUCIAL }, true, 2, 2000).describe();
    expect(String(facts.channel_bias)).toMatch(/muon 0\.7/);
    expect(facts.fiducial).toBe(true);
    expect(String(facts.fiducial_description)).toMatch(/sigma is the fiducial cross section/);
    expect(generator({}, true, 2, 2000).describe().channel_bias).toBeUndefined();
  });
});

/** Decay channel of the τ of charge `charge` (−1: τ⁻) in event i, from its daughters. */
function channelOf(batch: EventBatch, i: number, charge: number): number {
  // Mothers are indices inside the event.
  const first = batch.offsets[i];
  const tauPdg = charge < 0 ? PDG.tau : PDG.antitau;
  let tau = -1;
  for (let j = first; j < batch.offsets[i + 1]; j++) if (batch.pdg[j] === tauPdg) tau = j - first;
  let charged = 0;
  let neutralPions = 0;
  let lepton = 0;
  for (let j = first; j < batch.offsets[i + 1]; j++) {
    let m = batch.mother[j];
    while (m >= 0 && m !== tau) m = batch.mother[first + m];
    if (m !== tau) continue;
    const a = Math.abs(batch.pdg[j]);
    if (a === PDG.electron || a === PDG.muon) lepton = a;
    if (a === PDG.piPlus && batch.status[j] === Status.final) charged++;
    if (a === PDG.pi0) neutralPions++;
  }
  if (lepton === PDG.electron) return TauChannel.electron;
  if (lepton === PDG.muon) return TauChannel.muon;
  if (charged === 1 && neutralPions === 0) return TauChannel.pion;
  if (charged === 1 && neutralPions === 1) return TauChannel.rho;
  return TauChannel.other;
}

describe('tautau channelBias: truth level (generator only)', () => {
  const n = 60_000;
  let unbiased: EventGenerator;
  let biased: EventGenerator;
  let biasedBatches: EventBatch[];
  beforeAll(() => {
    unbiased = generator({}, false, 71, 100_000);
    unbiased.generate(10_000, createStream(71, 'tautau', 0));
    biased = generator(BIAS, true, 72, 100_000);
    biasedBatches = [0, 1, 2, 3, 4, 5].map((k) => biased.generate(n / 6, createStream(72, 'tautau', k)));
  });

  it('σ of the biased weighted sample equals the unbiased σ within 3 standard errors', () => {
    const a = unbiased.stats();
    const b = biased.stats();
    expect(pull(a.sigmaPb, a.sigmaErrPb, b.sigmaPb, b.sigmaErrPb)).toBeLessThan(3);
  });

  it('the weighted channel fractions of τ⁻ and τ⁺ are the PDG 2022 branching fractions (|pull| < 4 for all ten), the unweighted ones the probabilities', () => {
    const q = [0.04, 0.7, 0.12, 0.1, 0.04];
    for (const charge of [-1, 1]) {
      const sumW = new Float64Array(5);
      const sumW2 = new Float64Array(5);
      const counts = new Float64Array(5);
      let total = 0;
      const rows: { c: number; w: number }[] = [];
      for (const batch of biasedBatches) {
        for (let i = 0; i < batch.nEvents; i++) {
          const c = channelOf(batch, i, charge);
          rows.push({ c, w: batch.weight[i] });
          total += batch.weight[i];
          counts[c]++;
        }
      }
      for (const { c, w } of rows) sumW[c] += w;
      const fraction = Array.from(sumW, (s) => s / total);
      // Var(f_c) of a ratio estimator: Σ w²(1_c − f_c)²/(Σw)².
      for (const { c, w } of rows) for (let k = 0; k < 5; k++) sumW2[k] += (w * ((c === k ? 1 : 0) - fraction[k])) ** 2;
      for (let k = 0; k < 5; k++) {
        const error = Math.sqrt(sumW2[k]) / total;
        expect(Math.abs(fraction[k] - BRANCHING[k]) / error).toBeLessThan(4);
        expect(Math.abs(counts[k] / rows.length - q[k])).toBeLessThan(4 * Math.sqrt((q[k] * (1 - q[k])) / rows.length));
      }
    }
  });
});

/** The ττ fiducial requirement (default settings) on a truth record: a positive and a negative charged particle in the window. */
function inTauFiducialRegion(truth: EventBatch, i: number): boolean {
  let positive = false;
  let negative = false;
  for (let j = truth.offsets[i]; j < truth.offsets[i + 1]; j++) {
    if (truth.status[j] !== Status.final) continue;
    const id = truth.pdg[j];
    const q = id === PDG.electron || id === PDG.muon || id === -PDG.piPlus ? -1 : id === -PDG.electron || id === -PDG.muon || id === PDG.piPlus ? 1 : 0;
    if (q === 0) continue;
    const pt = Math.hypot(truth.px[j], truth.py[j]);
    const theta = (Math.atan2(pt, truth.pz[j]) * 180) / Math.PI;
    if (!(pt > 0.35 && theta >= 36 && theta <= 121)) continue;
    if (q > 0) positive = true;
    else negative = true;
  }
  return positive && negative;
}

describe('tautau templates after the default detector and the search selection', () => {
  let unbiased: SelectedSample;
  let biased: SelectedSample;
  let fiducial: SelectedSample;
  const m2Edges = [-10, 2, 4, 6, 8, 12, 20, 40, 110];
  beforeAll(() => {
    const seed = defaultChain().scenario.seed;
    unbiased = selectedSample(generator({}, false, seed), 81, 60_000);
    biased = selectedSample(generator(BIAS, true, seed + 1), 82, 20_000, inTauFiducialRegion);
    fiducial = selectedSample(generator({ ...BIAS, ...FIDUCIAL }, true, seed + 2), 83, 10_000, inTauFiducialRegion);
  });

  it('the biased sample selects over 10× the events per generated event and gives the unbiased selected σ within 3 standard errors', () => {
    expect(unbiased.weights.length).toBeGreaterThan(300);
    expect(biased.weights.length / biased.events).toBeGreaterThan((10 * unbiased.weights.length) / unbiased.events);
    expect(effectiveCount(biased.weights)).toBeGreaterThan(0.4 * biased.weights.length);
    const a = selectedSigma(unbiased);
    const b = selectedSigma(biased);
    expect(pull(a.sigmaPb, a.errorPb, b.sigmaPb, b.errorPb)).toBeLessThan(3);
  });

  it('the selected M²recoil spectra of the biased and the unbiased samples agree (χ² with Σw² errors, p > 0.001)', () => {
    const result = chi2Compare(selectedSigmaByM2(unbiased, m2Edges), selectedSigmaByM2(biased, m2Edges));
    expect(result.ndf).toBe(m2Edges.length - 1);
    expect(result.p).toBeGreaterThan(0.001);
  });

  it('every selected event lies in the fiducial region (the requirement is looser than the selection)', () => {
    expect(biased.weights.length).toBeGreaterThan(1000);
    expect(biased.checkFailures).toBe(0);
    expect(fiducial.checkFailures).toBe(0);
  });

  it('the fiducial sample (σ the fiducial σ) gives the same selected σ and M²recoil spectrum as the full biased sample', () => {
    expect(fiducial.sigmaPb).toBeLessThan(0.6 * biased.sigmaPb);
    const a = selectedSigma(biased);
    const b = selectedSigma(fiducial);
    expect(pull(a.sigmaPb, a.errorPb, b.sigmaPb, b.errorPb)).toBeLessThan(3);
    const result = chi2Compare(selectedSigmaByM2(biased, m2Edges), selectedSigmaByM2(fiducial, m2Edges));
    expect(result.p).toBeGreaterThan(0.001);
  });
});
