import { describe, expect, it } from 'vitest';
import { createPipiGenerator, PipiSettings, pionPairBornSigma, samplePionCos } from '../../../generators/pipi.js';
import { PionFormFactor, PionFormFactorTable } from '../../../generators/shared/pionFormFactor.js';
import { CollisionFrame, SUPERKEKB_Y4S } from '../../../src/physics/beams.js';
import { ALPHA_EM_0, CHARGED_PION_MASS, PDG } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';
import { findParticle, testOptions, toCM } from '../mumu/helpers.js';
import { binomialSigma, detector } from '../../detector/gun.js';

const SQRT_S = new CollisionFrame(SUPERKEKB_Y4S).sqrtS;
const S = SQRT_S * SQRT_S;
const PB_PER_GEV2 = 0.3893793721e9; // (ħc)², PDG 2022
const formFactor = new PionFormFactor();

describe('PionFormFactor (Czyż, Gunia, Kühn, JHEP 08 (2013) 110; PHOKHARA FF_pion = 2)', () => {
  it('peaks at |F_π|² ≈ 45 near 775 MeV, as BaBar measures at the ρ peak (PRD 86, 032013 (2012), Fig. of |F_π|²)', () => {
    let best = 0;
    let at = 0;
    for (let e = 0.74; e <= 0.8; e += 0.0005) {
      const f2 = formFactor.value(e * e);
      if (f2 > best) {
        best = f2;
        at = e;
      }
    }
    // The fitted curve lies within 5% of the measured peak value; the peak sits below the ω (782.65 MeV, PDG).
    expect(Math.abs(best / 45 - 1)).toBeLessThan(0.05);
    expect(at).toBeGreaterThan(0.76);
    expect(at).toBeLessThan(0.7827);
  });

  it('shows the ρ–ω interference: |F_π|² falls by more than 20% across the ω (m_ω ± 5 MeV)', () => {
    // A ρ alone (Γ = 147 MeV) changes by only a few per cent over 10 MeV around its peak; the ω dip makes the drop large.
    expect(formFactor.value(0.788 ** 2) / formFactor.value(0.778 ** 2)).toBeLessThan(0.8);
  });

  it('gives |F_π| = 0.075 ± 0.009 at √s = 3.671 GeV within one standard deviation (CLEO-c, Pedlar et al., PRL 95, 261803 (2005))', () => {
    // CLEO-c: |F_π(13.48 GeV²)| = 0.075 ± 0.008 (stat) ± 0.005 (syst).
    const f = Math.sqrt(formFactor.value(3.671 ** 2));
    expect(Math.abs(f - 0.075)).toBeLessThan(Math.hypot(0.008, 0.005));
  });

  it('falls like 1/s at large s, as QCD counting rules require: s|F_π| changes by less than 25% from 3.67 to 10.58 GeV', () => {
    const a = 3.671 ** 2 * Math.sqrt(formFactor.value(3.671 ** 2));
    const b = S * Math.sqrt(formFactor.value(S));
    expect(Math.abs(b / a - 1)).toBeLessThan(0.25);
  });

  it('PionFormFactorTable interpolates the tower sum to 0.3% (ρ region, ω, and up to √s)', () => {
    const table = new PionFormFactorTable(SQRT_S + 0.1);
    const stream = createStream(801, 'pipi-test', 0);
    for (let i = 0; i < 400; i++) {
      const e = i < 200 ? 0.3 + 1.4 * stream.uniform() : 1.7 + (SQRT_S - 1.7) * stream.uniform();
      const exact = formFactor.value(e * e);
      expect(Math.abs(table.at(e * e) / exact - 1)).toBeLessThan(0.003);
    }
  });
});

describe('e+e- -> pi+pi- Born', () => {
  it('samplePionCos follows 3(1 − cos²θ)/4: ⟨cos²θ⟩ = 1/5 and P(|cosθ| < ½) = 11/16', () => {
    const stream = createStream(802, 'pipi-test', 0);
    const n = 200_000;
    let c2 = 0;
    let c4 = 0;
    let central = 0;
    for (let i = 0; i < n; i++) {
      const c = samplePionCos(stream.uniform());
      c2 += c * c;
      c4 += c ** 4;
      if (Math.abs(c) < 0.5) central++;
    }
    const mean = c2 / n;
    // ⟨c⁴⟩ = 3/35 for this density, so the variance of c² is 3/35 − 1/25.
    expect(Math.abs(mean - 0.2)).toBeLessThan(4 * Math.sqrt((c4 / n - mean * mean) / n));
    expect(Math.abs(central / n - 11 / 16)).toBeLessThan(4 * Math.sqrt(((11 / 16) * (5 / 16)) / n));
  });

  it('without ISR, σ is (πα²/3s)β³|F_π(s)|² at 10.58 GeV and the π⁻ c.m. angle follows 1 − cos²θ', () => {
    const settings = PipiSettings.parse({ warmupTrials: 2000 });
    const gen = createPipiGenerator(settings, testOptions({ isr: false }), 803);
    const n = 100_000;
    const batch = gen.generate(n, createStream(803, 'pipi', 0));
    const beta = Math.sqrt(1 - (4 * CHARGED_PION_MASS ** 2) / S);
    const expected = ((Math.PI * ALPHA_EM_0 ** 2) / (3 * S)) * beta ** 3 * formFactor.value(S) * PB_PER_GEV2;
    expect(Math.abs(gen.stats().sigmaPb / expected - 1)).toBeLessThan(0.003);
    const cm = toCM(batch);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const j = findParticle(batch, i, PDG.piMinus);
      const c = cm.pz[j] / Math.hypot(cm.px[j], cm.py[j], cm.pz[j]);
      sum += c * c;
    }
    expect(Math.abs(sum / n - 0.2)).toBeLessThan(4 * Math.sqrt((3 / 35 - 1 / 25) / n));
  });
});

/**
 * The ISR cross section by quadrature, independently of the generator's sampling:
 *   σ = K ∫dx W(x) σ₀(s(1 − x)),  W(x) = ∫₀ˣ dv D(v) D((x − v)/(1 − v))/(1 − v),
 * the convolution of the two beams' Kuraev–Fadin structure functions
 * D(v) = (β/2)v^(β/2 − 1)(1 + 3β/8) − (β/4)(2 − v), β = (2α/π)(ln(s/m_e²) − 1), and K = 1 + (α/π)(π²/3 − ½)
 * (Kuraev & Fadin, Sov. J. Nucl. Phys. 41 (1985) 466). Both endpoint singularities of W are removed
 * by v = a·u^(2/β); σ₀ is evaluated with the tower sum of the form factor, not the generator's table.
 */
function isrSigmaQuadraturePb(s: number, sMin: number): number {
  const me = 0.00051099895;
  const beta = ((2 * ALPHA_EM_0) / Math.PI) * (Math.log(s / (me * me)) - 1);
  const D = (v: number) => 0.5 * beta * Math.pow(v, 0.5 * beta - 1) * (1 + 0.375 * beta) - 0.25 * beta * (2 - v);
  const half = (a: number, f: (v: number) => number) => {
    // ∫₀ᵃ f(v)dv with v = a u^(2/β): dv = a(2/β)u^(2/β − 1)du, midpoint rule in u.
    const n = 300;
    const k = 2 / beta;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const u = (i + 0.5) / n;
      sum += f(a * Math.pow(u, k)) * a * k * Math.pow(u, k - 1);
    }
    return sum / n;
  };
  const W = (x: number) =>
    half(0.5 * x, (v) => (D(v) * D((x - v) / (1 - v))) / (1 - v)) + half(0.5 * x, (w) => (D(x - w) * D(w / (1 - x + w))) / (1 - x + w));
  const sigma0 = (sp: number) => pionPairBornSigma(sp, formFactor.value(sp), ALPHA_EM_0);
  // x in [0, ½]: t = x^β removes the x^(β − 1) of W.
  let total = 0;
  const nLow = 400;
  const tMax = Math.pow(0.5, beta);
  for (let i = 0; i < nLow; i++) {
    const t = ((i + 0.5) / nLow) * tMax;
    const x = Math.pow(t, 1 / beta);
    total += W(x) * sigma0(s * (1 - x)) * (Math.pow(t, 1 / beta - 1) / beta) * (tMax / nLow);
  }
  // x in [½, 1 − s_min/s]: in E = √s′ (dx = 2E dE/s), 0.25 MeV steps to 3 GeV, 10 MeV above.
  const piece = (e0: number, e1: number, step: number) => {
    const n = Math.ceil((e1 - e0) / step);
    const h = (e1 - e0) / n;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const e = e0 + (i + 0.5) * h;
      sum += W(1 - (e * e) / s) * sigma0(e * e) * ((2 * e) / s) * h;
    }
    return sum;
  };
  total += piece(Math.sqrt(sMin), 3, 0.00025) + piece(3, Math.sqrt(0.5 * s), 0.01);
  const K = 1 + (ALPHA_EM_0 / Math.PI) * ((Math.PI * Math.PI) / 3 - 0.5);
  return K * total * PB_PER_GEV2;
}

describe('pipi generator: the radiative return', () => {
  it('σ with ISR equals the quadrature of the structure functions times the Born line shape (≈ 170 pb at 10.58 GeV)', () => {
    const settings = PipiSettings.parse({ warmupTrials: 2000 });
    const gen = createPipiGenerator(settings, testOptions({ weighted: true }), 804);
    gen.generate(300_000, createStream(804, 'pipi', 0));
    const { sigmaPb, sigmaErrPb } = gen.stats();
    const expected = isrSigmaQuadraturePb(S, settings.minSqrtSPrimeGeV ** 2);
    // MC error ~0.2%; the form-factor table's interpolation adds < 0.1%.
    expect(Math.abs(sigmaPb - expected)).toBeLessThan(4 * sigmaErrPb + 0.001 * expected);
    expect(expected).toBeGreaterThan(100);
    expect(expected).toBeLessThan(250);
  });

  it('most of σ is the radiative return to the ρ: more than 70% of the events have m(π⁺π⁻) in 0.6–1.0 GeV', () => {
    const gen = createPipiGenerator(PipiSettings.parse({ warmupTrials: 20_000 }), testOptions(), 805);
    const n = 50_000;
    const batch = gen.generate(n, createStream(805, 'pipi', 0));
    let rho = 0;
    for (let i = 0; i < n; i++) {
      const a = findParticle(batch, i, PDG.piMinus);
      const b = findParticle(batch, i, PDG.piPlus);
      const e = batch.E[a] + batch.E[b];
      const m = Math.sqrt(e * e - (batch.px[a] + batch.px[b]) ** 2 - (batch.py[a] + batch.py[b]) ** 2 - (batch.pz[a] + batch.pz[b]) ** 2);
      if (m > 0.6 && m < 1) rho++;
    }
    expect(rho / n).toBeGreaterThan(0.7);
  });
});

describe('pipi events in the default detector', () => {
  it('reconstructs the pions as hadrons and fakes muons at the pion rate of the muonID map: 4% at 1.5–2 GeV/c in the KLM barrel (the paper: 80–97% of pions rejected)', () => {
    const gen = createPipiGenerator(PipiSettings.parse({ warmupTrials: 20_000 }), testOptions(), 806);
    const truth = gen.generate(100_000, createStream(806, 'pipi', 0));
    const { batch, cutflow } = detector().reconstruct(truth, 806, 0);
    const muonId = cutflow.find((stage) => stage.type === 'muonId');
    expect(muonId?.counts.muons).toBe(0);
    expect(muonId?.counts.hadrons).toBe(batch.trackTruth.length);
    let n = 0;
    let fakes = 0;
    for (let t = 0; t < batch.trackTruth.length; t++) {
      const p = Math.hypot(batch.trackPx[t], batch.trackPy[t], batch.trackPz[t]);
      const theta = (Math.acos(batch.trackPz[t] / p) * 180) / Math.PI;
      if (p > 1.5 && p < 2 && theta > 40 && theta < 128) {
        n++;
        if (batch.trackMuonId[t] > 0.5) fakes++;
      }
    }
    expect(n).toBeGreaterThan(1000);
    expect(Math.abs(fakes / n - 0.04)).toBeLessThan(4 * binomialSigma(0.04, n));
  });
});
