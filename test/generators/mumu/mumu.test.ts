import { describe, expect, it } from 'vitest';
import { createMumuGenerator, MumuSettings } from '../../../generators/mumu.js';
import { findProcess } from '../../../generators/index.js';
import { runningAlpha } from '../../../generators/shared/vacuumPolarization.js';
import { CollisionFrame, SUPERKEKB_Y4S } from '../../../src/physics/beams.js';
import { ALPHA_EM_0, MUON_MASS, PDG } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';
import { binOf, findParticle, simpson, testOptions, toCM } from './helpers.js';

const SQRT_S = new CollisionFrame(SUPERKEKB_Y4S).sqrtS; // 10.57956 GeV (basf2 beamparameters.py Y4S, docs/references.md §1.2)
const S = SQRT_S * SQRT_S;
const PB_PER_GEV2 = 0.3893793721e9; // (ħc)², PDG 2022

/** Closed form σ(e⁺e⁻ → μ⁺μ⁻) = (4πα²/3s)·β(3 − β²)/2 in pb (docs/references.md §3.3). */
function bornClosedFormPb(s: number, alpha: number): number {
  const beta = Math.sqrt(1 - (4 * MUON_MASS * MUON_MASS) / s);
  return ((4 * Math.PI * alpha * alpha) / (3 * s)) * ((beta * (3 - beta * beta)) / 2) * PB_PER_GEV2;
}

const bornOnly = MumuSettings.parse({ zExchange: false, vacuumPolarization: false, fsr: false, warmupTrials: 10_000 });

describe('mumu generator: Born limit (ISR and FSR off, fixed α)', () => {
  it('σ equals (4πα²/3s)·β(3 − β²)/2 to 0.2% (776.0 pb with α(0), docs/references.md §3.3)', () => {
    const gen = createMumuGenerator(bornOnly, testOptions({ isr: false }), 11);
    gen.generate(20_000, createStream(11, 'mumu', 0));
    const { sigmaPb, sigmaErrPb } = gen.stats();
    const expected = bornClosedFormPb(S, ALPHA_EM_0);
    expect(expected).toBeCloseTo(776.0, 0);
    expect(Math.abs(sigmaPb / expected - 1)).toBeLessThan(0.002);
    expect(sigmaErrPb / sigmaPb).toBeLessThan(0.001);
  });

  it('σ with the running α(s) gives 0.835 nb (docs/references.md §3.3: 1/α(s) ≈ 132.1)', () => {
    const settings = MumuSettings.parse({ zExchange: false, fsr: false, warmupTrials: 10_000 });
    const gen = createMumuGenerator(settings, testOptions({ isr: false }), 12);
    gen.generate(10_000, createStream(12, 'mumu', 0));
    const expected = bornClosedFormPb(S, runningAlpha(S));
    expect(expected / 1000).toBeCloseTo(0.835, 2);
    expect(Math.abs(gen.stats().sigmaPb / expected - 1)).toBeLessThan(0.002);
  });

  it('the μ⁻ polar angle follows 1 + cos²θ + (1 − β²)sin²θ (γ exchange with the muon mass)', () => {
    const gen = createMumuGenerator(bornOnly, testOptions({ isr: false }), 13);
    const n = 300_000;
    const batch = gen.generate(n, createStream(13, 'mumu', 0));
    const cm = toCM(batch);
    const edges = Array.from({ length: 21 }, (_, i) => -1 + i / 10);
    const counts = new Float64Array(20);
    for (let i = 0; i < n; i++) {
      const j = findParticle(batch, i, PDG.muon);
      counts[binOf(cm.pz[j] / Math.hypot(cm.px[j], cm.py[j], cm.pz[j]), edges)]++;
    }
    const beta2 = 1 - (4 * MUON_MASS * MUON_MASS) / S;
    // ∫(2 − β² + β²c²)dc = (2 − β²)c + β²c³/3, total 4(3 − β²)/3.
    const F = (c: number) => (2 - beta2) * c + (beta2 * c * c * c) / 3;
    for (let b = 0; b < 20; b++) {
      const p = (F(edges[b + 1]) - F(edges[b])) / ((4 * (3 - beta2)) / 3);
      expect(Math.abs(counts[b] / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('γ–Z interference gives the forward–backward asymmetry of the textbook formula (≈ −0.8% at 10.58 GeV)', () => {
    // A_FB = 3F/(4S), S = 1 + 2g_V² Re r + (g_V² + g_A²)²|r|², F = 2g_A² Re r + 4g_V²g_A²|r|²,
    // r = (√2 G_F M_Z²/4πα)·s/(s − M_Z² + iM_ZΓ_Z), g_V = −1/2 + 2 sin²θ_W, g_A = −1/2
    // (e.g. Halzen & Martin §13.6 with the couplings normalised as in the PDG review "Electroweak model").
    const mz = 91.1876, gz = 2.4952, sw2 = 0.23153, gf = 1.1663788e-5;
    const alpha = runningAlpha(S);
    const k = (Math.SQRT2 * gf * mz * mz) / (4 * Math.PI * alpha);
    const den = (S - mz * mz) ** 2 + (mz * gz) ** 2;
    const reR = (k * S * (S - mz * mz)) / den;
    const absR2 = (k * S) ** 2 / den;
    const gv = -0.5 + 2 * sw2, ga = -0.5;
    const sym = 1 + 2 * gv * gv * reR + (gv * gv + ga * ga) ** 2 * absR2;
    const asym = 2 * ga * ga * reR + 4 * gv * gv * ga * ga * absR2;
    const expected = (3 * asym) / (4 * sym);
    expect(expected).toBeLessThan(-0.006);

    const settings = MumuSettings.parse({ fsr: false, warmupTrials: 10_000 });
    const gen = createMumuGenerator(settings, testOptions({ isr: false }), 14);
    const n = 1_000_000;
    const batch = gen.generate(n, createStream(14, 'mumu', 0));
    const cm = toCM(batch);
    let forward = 0;
    for (let i = 0; i < n; i++) if (cm.pz[findParticle(batch, i, PDG.muon)] > 0) forward++;
    const afb = (2 * forward) / n - 1;
    const err = Math.sqrt((1 - afb * afb) / n);
    expect(Math.abs(afb - expected)).toBeLessThan(4 * err);
  });
});

describe('mumu generator: radiative events', () => {
  it('conserves energy and momentum in every event to 1e-9 GeV and keeps μ± and γ on their mass shells', () => {
    const gen = createMumuGenerator(MumuSettings.parse({ warmupTrials: 10_000 }), testOptions({ beamEnergySpread: true }), 15);
    const batch = gen.generate(20_000, createStream(15, 'mumu', 0));
    let maxDev = 0;
    let maxShell = 0;
    for (let i = 0; i < batch.nEvents; i++) {
      let E = -batch.initialE[i], px = -batch.initialPx[i], py = -batch.initialPy[i], pz = -batch.initialPz[i];
      for (let j = batch.offsets[i]; j < batch.offsets[i + 1]; j++) {
        E += batch.E[j]; px += batch.px[j]; py += batch.py[j]; pz += batch.pz[j];
        const m2 = batch.E[j] ** 2 - batch.px[j] ** 2 - batch.py[j] ** 2 - batch.pz[j] ** 2;
        const m = Math.abs(batch.pdg[j]) === PDG.muon ? MUON_MASS : 0;
        maxShell = Math.max(maxShell, Math.abs(m2 - m * m));
      }
      maxDev = Math.max(maxDev, Math.abs(E), Math.abs(px), Math.abs(py), Math.abs(pz));
    }
    expect(maxDev).toBeLessThan(1e-9);
    expect(maxShell).toBeLessThan(1e-9);
    // The beam-energy spread moves √s event by event (σ ≈ 5 MeV, docs/references.md §1.2).
    const sqrtS = Array.from(batch.initialE, (e, i) => Math.sqrt(e * e - batch.initialPx[i] ** 2 - batch.initialPz[i] ** 2));
    const mean = sqrtS.reduce((a, b) => a + b, 0) / sqrtS.length;
    const rms = Math.sqrt(sqrtS.reduce((a, b) => a + (b - mean) ** 2, 0) / sqrtS.length);
    expect(rms).toBeGreaterThan(0.0045);
    expect(rms).toBeLessThan(0.0055);
  });

  it('σ(μμ(γ)) is our 1139.82 ± 0.24 pb within its Monte Carlo error, and within 1% of KKMC 1.148 nb at the Υ(4S)', () => {
    const gen = createMumuGenerator(MumuSettings.parse({}), testOptions(), 16);
    gen.generate(50_000, createStream(16, 'mumu', 0));
    const { sigmaPb, sigmaErrPb } = gen.stats();
    expect(sigmaErrPb / sigmaPb).toBeLessThan(0.0005);
    // Pinned: 1139.82 ± 0.24 pb, measured once with 500 000 events of another seed (1016). A change of the
    // generator that moves σ by more than three combined Monte Carlo errors fails here.
    expect(Math.abs(sigmaPb - 1139.82)).toBeLessThan(3 * Math.hypot(sigmaErrPb, 0.24));
    // KKMC, Belle II Physics Book (PTEP 2019, 123C01, arXiv:1808.10567): 1.148 nb. The 0.7% between them lies
    // in the radiative-correction models: KKMC exponentiates ISR and FSR with their interference (CEEX,
    // KeyINT = 2 in basf2's generators/kkmc/data/mu.input.dat), this generator has ISR structure functions
    // and a separate FSR without the interference.
    expect(Math.abs(sigmaPb / 1148 - 1)).toBeLessThan(0.01);
  });

  it('the ISR energy loss x = 1 − M²(μμ)/s follows the Kuraev–Fadin radiator times σ₀(s(1 − x))', () => {
    // Kuraev–Fadin (Sov. J. Nucl. Phys. 41, 466 (1985); docs/references.md §10): σ = ∫dx W(x, s)σ₀(s(1 − x)) with
    // W = βx^(β−1)[1 + (α/π)(π²/3 − 1/2) + 3β/4 − (β²/24)(L/3 + 2π² − 37/4)] − β(1 − x/2)
    //     + (β²/8)[−4(2 − x)ln x − ((1 + 3(1 − x)²)/x)ln(1 − x) − 6 + x].
    // The generator's structure functions are O(β) with exponentiation: the O(β²) terms above are
    // the size of the model difference and are allowed for bin by bin.
    const alpha = ALPHA_EM_0;
    const me = 0.00051099895;
    const L = Math.log(S / (me * me));
    const beta = ((2 * alpha) / Math.PI) * (L - 1);
    const sigma0 = (x: number) => bornClosedFormPb(S * (1 - x), alpha);
    const c1 = 1 + (alpha / Math.PI) * ((Math.PI * Math.PI) / 3 - 0.5) + 0.75 * beta;
    const c2 = -(beta * beta / 24) * (L / 3 + 2 * Math.PI * Math.PI - 37 / 4);
    const regular1 = (x: number) => -beta * (1 - 0.5 * x) * sigma0(x);
    const regular2 = (x: number) => (beta * beta / 8) * (-4 * (2 - x) * Math.log(x) - ((1 + 3 * (1 - x) ** 2) / x) * Math.log1p(-x) - 6 + x) * sigma0(x);
    /** ∫_a^b f dx, Simpson in ln x below 0.5 and in −ln(1 − x) above (log singularities at 0 and 1). */
    const integrate = (f: (x: number) => number, a: number, b: number): number => {
      if (b <= 0.5) return simpson((u) => f(Math.exp(u)) * Math.exp(u), Math.log(Math.max(a, 1e-14)), Math.log(b));
      if (a >= 0.5) return simpson((w) => f(-Math.expm1(-w)) * Math.exp(-w), -Math.log1p(-a), -Math.log1p(-b));
      return integrate(f, a, 0.5) + integrate(f, 0.5, b);
    };
    /** ∫_a^b βx^(β−1) g(x) dx: as ∫ g(y^(1/β)) dy over [a^β, b^β] below 0.5, directly above. */
    const singular = (g: (x: number) => number, a: number, b: number): number => {
      if (b <= 0.5) return simpson((y) => g(Math.pow(y, 1 / beta)), Math.pow(a, beta), Math.pow(b, beta));
      if (a >= 0.5) return integrate((x) => beta * Math.pow(x, beta - 1) * g(x), a, b);
      return singular(g, a, 0.5) + singular(g, 0.5, b);
    };
    const xMax = 1 - (0.212 * 0.212) / S;
    const edges = [0, 1e-3, 0.01, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.99, xMax];
    const order1 = (a: number, b: number) => c1 * singular(sigma0, a, b) + integrate(regular1, a, b);
    const order2 = (a: number, b: number) => c2 * singular(sigma0, a, b) + integrate(regular2, a, b);
    let total = 0;
    for (let j = 0; j + 1 < edges.length; j++) total += order1(edges[j], edges[j + 1]);

    const gen = createMumuGenerator(MumuSettings.parse({ zExchange: false, vacuumPolarization: false, fsr: false }), testOptions(), 17);
    const n = 300_000;
    const batch = gen.generate(n, createStream(17, 'mumu', 0));
    const counts = new Float64Array(edges.length - 1);
    for (let i = 0; i < n; i++) {
      const a = findParticle(batch, i, PDG.muon);
      const b = findParticle(batch, i, PDG.antimuon);
      const E = batch.E[a] + batch.E[b], px = batch.px[a] + batch.px[b], py = batch.py[a] + batch.py[b], pz = batch.pz[a] + batch.pz[b];
      // x = 0 without photons (rounding can make it −1e-16).
      counts[binOf(Math.max(0, 1 - (E * E - px * px - py * py - pz * pz) / S), edges)]++;
    }
    const sigma = gen.stats().sigmaPb;
    const sigmaErr = gen.stats().sigmaErrPb;
    // Below x = 0.9, bin by bin: statistics plus the size of the O(β²) terms.
    // Above, in the radiative-return tail (√s′ < 3.3 GeV), the two models also differ by how the
    // photons' angles enter: s′ shifts by O(v₋v₊) ~ 1 − x there. The structure functions give 5–9%
    // less than the O(β) radiator in those two bins (about 19% of σ), so the totals agree to 2%.
    const tailTolerance = 0.1;
    for (let j = 0; j < counts.length; j++) {
      const expectedPb = order1(edges[j], edges[j + 1]);
      const p = counts[j] / n;
      const measuredPb = p * sigma;
      const statPb = Math.sqrt((p * (1 - p)) / n) * sigma + p * sigmaErr;
      if (edges[j + 1] <= 0.9) {
        expect(Math.abs(measuredPb - expectedPb)).toBeLessThan(5 * statPb + Math.abs(order2(edges[j], edges[j + 1])));
      } else {
        expect(Math.abs(measuredPb / expectedPb - 1)).toBeLessThan(tailTolerance);
      }
    }
    expect(Math.abs(sigma / total - 1)).toBeLessThan(0.02);
  });

  it('is charge-conjugation symmetric (μ⁺ and μ⁻ energies, photons towards e⁻ and e⁺) and φ symmetric in the c.m. frame', () => {
    const gen = createMumuGenerator(MumuSettings.parse({ warmupTrials: 10_000 }), testOptions(), 18);
    const n = 200_000;
    const batch = gen.generate(n, createStream(18, 'mumu', 0));
    const cm = toCM(batch);
    let sumMinus = 0, sumPlus = 0, sumDiff2 = 0;
    let photonsForward = 0, photonsBackward = 0;
    const phiCounts = new Float64Array(12);
    for (let i = 0; i < n; i++) {
      const a = findParticle(batch, i, PDG.muon);
      const b = findParticle(batch, i, PDG.antimuon);
      sumMinus += cm.E[a];
      sumPlus += cm.E[b];
      sumDiff2 += (cm.E[a] - cm.E[b]) ** 2;
      const phi = Math.atan2(cm.py[a], cm.px[a]) + Math.PI;
      phiCounts[Math.min(11, Math.floor((phi / (2 * Math.PI)) * 12))]++;
      for (let j = batch.offsets[i]; j < batch.offsets[i + 1]; j++) {
        if (batch.pdg[j] !== PDG.photon || cm.E[j] < 0.1) continue;
        if (cm.pz[j] > 0) photonsForward++;
        else photonsBackward++;
      }
    }
    // Paired difference of the energies: mean 0 within its standard error.
    const meanDiff = (sumMinus - sumPlus) / n;
    expect(Math.abs(meanDiff)).toBeLessThan(4 * Math.sqrt(sumDiff2 / n / n));
    const nPhotons = photonsForward + photonsBackward;
    expect(nPhotons).toBeGreaterThan(10_000);
    expect(Math.abs(photonsForward - photonsBackward)).toBeLessThan(4 * Math.sqrt(nPhotons));
    for (const c of phiCounts) expect(Math.abs(c - n / 12)).toBeLessThan(5 * Math.sqrt((n / 12) * (11 / 12)));
  });

  it('fills M²recoil ≈ 0 with one-photon events and 1–50 GeV² with two photons, one along a beam and one at large angle', () => {
    const gen = createMumuGenerator(MumuSettings.parse({ warmupTrials: 10_000 }), testOptions(), 19);
    const n = 200_000;
    const batch = gen.generate(n, createStream(19, 'mumu', 0));
    const cm = toCM(batch);
    let onePhotonHard = 0, onePhotonAtZero = 0, band = 0, bandCentral = 0, bandBeamPlusWide = 0;
    for (let i = 0; i < n; i++) {
      const a = findParticle(batch, i, PDG.muon);
      const b = findParticle(batch, i, PDG.antimuon);
      // Recoil against the pair in the c.m. frame: (√s, 0) − p(μ⁺) − p(μ⁻).
      const E = SQRT_S - cm.E[a] - cm.E[b], px = -cm.px[a] - cm.px[b], py = -cm.py[a] - cm.py[b], pz = -cm.pz[a] - cm.pz[b];
      const m2 = E * E - px * px - py * py - pz * pz;
      let hard = 0, alongBeam = 0, wide = 0;
      for (let j = batch.offsets[i]; j < batch.offsets[i + 1]; j++) {
        if (batch.pdg[j] !== PDG.photon || cm.E[j] < 0.05) continue;
        hard++;
        const sinTheta = Math.hypot(cm.px[j], cm.py[j]) / cm.E[j];
        if (sinTheta < Math.sin((10 * Math.PI) / 180)) alongBeam++;
        if (sinTheta > Math.sin((20 * Math.PI) / 180)) wide++;
      }
      const photons = batch.offsets[i + 1] - batch.offsets[i] - 2;
      if (photons === 1 && hard === 1) {
        onePhotonHard++;
        if (Math.abs(m2) < 1e-6) onePhotonAtZero++;
      }
      if (m2 > 1 && m2 < 50) {
        band++;
        const cosRecoil = pz / Math.hypot(px, py, pz);
        if (Math.abs(cosRecoil) < Math.cos((30 * Math.PI) / 180)) {
          bandCentral++;
          if (alongBeam >= 1 && wide >= 1) bandBeamPlusWide++;
        }
      }
    }
    // A single massless photon is the whole recoil: M² = 0 up to rounding.
    expect(onePhotonAtZero).toBe(onePhotonHard);
    expect(onePhotonHard).toBeGreaterThan(0.05 * n);
    // 1–50 GeV²: a few % of μμ(γ) events. Two photons along opposite beams put the recoil along the
    // beam line; where the recoil points into the detector (30°–150°), most events have one photon
    // within 10° of a beam and one beyond 20° (the paper's two bands in θ_recoil vs M²recoil).
    expect(band / n).toBeGreaterThan(0.01);
    expect(bandBeamPlusWide / bandCentral).toBeGreaterThan(0.5);
  });
});

describe('mumu process definition', () => {
  it('is registered and validates its settings strictly', () => {
    const def = findProcess('mumu');
    expect(def).toBeDefined();
    expect(() => def?.createFromInput({ zExchange: 'yes' }, testOptions(), 1)).toThrow();
    expect(() => MumuSettings.parse({ typo: 1 })).toThrow(/typo/);
  });
});
