import { describe, expect, it } from 'vitest';
import {
  PDG2022_TAU_BRANCHING,
  TauBranchingSettings,
  TauChannel,
  TauDecayer,
  TauDecayProducts,
} from '../../../generators/shared/tauDecays.js';
import { CHARGED_PION_MASS, ELECTRON_MASS, MUON_MASS, NEUTRAL_PION_MASS, PDG, TAU_MASS } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';

const decayer = new TauDecayer(TauBranchingSettings.parse({}));

const MASS_BY_PDG = new Map<number, number>([
  [11, ELECTRON_MASS],
  [13, MUON_MASS],
  [12, 0],
  [14, 0],
  [16, 0],
  [22, 0],
  [211, CHARGED_PION_MASS],
  [111, NEUTRAL_PION_MASS],
]);

/** Simpson's rule on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 20_000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

describe('TauDecayer: kinematics of every channel', () => {
  it('conserves four-momentum (final products sum to (m_τ, 0⃗), decayed particles equal their daughters) and keeps every particle on its mass shell', () => {
    const s = createStream(301, 'tau-decays', 0);
    const out = new TauDecayProducts();
    let worstSum = 0, worstShell = 0, worstMother = 0, largestH = 0;
    const unknown = new Set<number>();
    for (const charge of [-1, 1]) {
      for (let channel = 0; channel <= 4; channel++) {
        for (let k = 0; k < 2000; k++) {
          decayer.decayChannel(s, charge, channel as TauChannel, out);
          let E = 0, px = 0, py = 0, pz = 0;
          for (let i = 0; i < out.n; i++) {
            if (out.status[i] === 1) {
              E += out.E[i];
              px += out.px[i];
              py += out.py[i];
              pz += out.pz[i];
              const m = MASS_BY_PDG.get(Math.abs(out.pdg[i]));
              if (m === undefined) unknown.add(out.pdg[i]);
              const m2 = out.E[i] ** 2 - out.px[i] ** 2 - out.py[i] ** 2 - out.pz[i] ** 2;
              worstShell = Math.max(worstShell, Math.abs(m2 - (m ?? 0) ** 2));
            } else {
              // A decayed particle: its daughters add up to it.
              let dE = 0, dx = 0, dy = 0, dz = 0;
              for (let j = 0; j < out.n; j++) {
                if (out.mother[j] !== i) continue;
                dE += out.E[j];
                dx += out.px[j];
                dy += out.py[j];
                dz += out.pz[j];
              }
              worstMother = Math.max(worstMother, Math.abs(dE - out.E[i]) + Math.abs(dx - out.px[i]) + Math.abs(dy - out.py[i]) + Math.abs(dz - out.pz[i]));
            }
          }
          worstSum = Math.max(worstSum, Math.abs(E - TAU_MASS), Math.hypot(px, py, pz));
          largestH = Math.max(largestH, Math.hypot(out.hx, out.hy, out.hz));
        }
      }
    }
    expect([...unknown]).toEqual([]);
    expect(worstSum).toBeLessThan(1e-12);
    expect(worstShell).toBeLessThan(1e-10);
    expect(worstMother).toBeLessThan(1e-12);
    // The polarimeter vector of a positive-definite |M|²(s) has |h| ≤ 1.
    expect(largestH).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('gives charges that add up to the τ charge, with one ν_τ (τ⁻) or ν̄_τ (τ⁺)', () => {
    const charge = (pdg: number): number => {
      const a = Math.abs(pdg);
      if (a === 11 || a === 13) return pdg > 0 ? -1 : 1;
      if (a === 211 || a === 213 || a === 20213) return pdg > 0 ? 1 : -1;
      return 0;
    };
    const s = createStream(302, 'tau-decays', 0);
    const out = new TauDecayProducts();
    for (const tauCharge of [-1, 1]) {
      for (let k = 0; k < 5000; k++) {
        decayer.decayUnpolarised(s, tauCharge, out);
        let q = 0;
        let nuTau = 0;
        for (let i = 0; i < out.n; i++) {
          if (out.mother[i] === -1) q += charge(out.pdg[i]);
          if (out.pdg[i] === -tauCharge * PDG.tauNeutrino) nuTau++;
        }
        expect(q).toBe(tauCharge);
        expect(nuTau).toBe(1);
      }
    }
  });
});

describe('TauDecayer.sampleChannel', () => {
  it('reproduces the PDG 2022 branching fractions (τ listings; docs/references.md §4), the rest going to "other", within binomial errors', () => {
    const s = createStream(303, 'tau-decays', 0);
    const n = 400_000;
    const counts = new Float64Array(5);
    for (let i = 0; i < n; i++) counts[decayer.sampleChannel(s)]++;
    const b = PDG2022_TAU_BRANCHING;
    const expected = [b.electron, b.muon, b.pion, b.rho, 1 - b.electron - b.muon - b.pion - b.rho];
    expect(expected.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 14);
    expect(decayer.otherFraction).toBeCloseTo(0.2848, 12);
    for (let c = 0; c < 5; c++) {
      const p = expected[c];
      expect(Math.abs(counts[c] / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('rejects branching fractions that sum above 1, naming the rule', () => {
    const r = TauBranchingSettings.safeParse({ electron: 0.5, muon: 0.5, pion: 0.1 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/must not exceed 1/);
  });
});

/**
 * Charged-lepton energy spectrum of τ → ℓνν̄ (V−A, massless neutrinos, ℓ mass kept), an independent
 * derivation: integrating |M|² ∝ (P·p_ν̄)(p_ℓ·p_ν) over the neutrino pair with the two-body tensor
 * integral ∫dΦ₂ k₁^α k₂^β ∝ q²g^αβ + 2q^αq^β for massless k₁, k₂ (q = P − p_ℓ; the step used for
 * muon decay in Okun, "Leptons and Quarks") gives
 *   dΓ/dE ∝ p·[M E q² + 2(M² − M E)(M E − m²)],  q² = M² − 2ME + m²,
 * which for m = 0 is the Michel spectrum x²(3 − 2x), x = 2E/M, of ρ = 3/4, η = 0 (PDG review
 * "Muon decay parameters"), with moments ⟨x⟩ = ∫x³(3 − 2x)/∫x²(3 − 2x) = 7/10 and ⟨x²⟩ = 8/15.
 */
function leptonSpectrum(E: number, m: number): number {
  const M = TAU_MASS;
  const p = Math.sqrt(Math.max(0, E * E - m * m));
  const q2 = M * M - 2 * M * E + m * m;
  return p * (M * E * q2 + 2 * (M * M - M * E) * (M * E - m * m));
}

function leptonMoments(channel: TauChannel, seed: number, n: number): { x: number; x2: number; sx: number; sx2: number } {
  const s = createStream(seed, 'tau-decays', 0);
  const out = new TauDecayProducts();
  let sum = 0, sum2 = 0, sum4 = 0;
  const eMax = channel === TauChannel.muon ? (TAU_MASS ** 2 + MUON_MASS ** 2) / (2 * TAU_MASS) : (TAU_MASS ** 2 + ELECTRON_MASS ** 2) / (2 * TAU_MASS);
  for (let i = 0; i < n; i++) {
    decayer.decayChannel(s, -1, channel, out);
    const x = out.E[0] / eMax;
    sum += x;
    sum2 += x * x;
    sum4 += x ** 4;
  }
  const x = sum / n;
  const x2 = sum2 / n;
  return { x, x2, sx: Math.sqrt((x2 - x * x) / n), sx2: Math.sqrt((sum4 / n - x2 * x2) / n) };
}

describe('TauDecayer: Michel spectrum of τ → ℓνν̄', () => {
  it('τ → eνν̄: ⟨x⟩ = 7/10 and ⟨x²⟩ = 8/15 (ρ = 3/4, m_e neglected; x = E_e/E_max)', () => {
    const m = leptonMoments(TauChannel.electron, 304, 200_000);
    expect(Math.abs(m.x - 0.7)).toBeLessThan(4 * m.sx);
    expect(Math.abs(m.x2 - 8 / 15)).toBeLessThan(4 * m.sx2);
  });

  it('τ → μνν̄: ⟨x⟩ and ⟨x²⟩ of the closed-form spectrum with the muon mass kept (which moves ⟨x⟩ by +0.008)', () => {
    const M = TAU_MASS;
    const m = MUON_MASS;
    const eMax = (M * M + m * m) / (2 * M);
    const norm = simpson((E) => leptonSpectrum(E, m), m, eMax);
    const ex = simpson((E) => (E / eMax) * leptonSpectrum(E, m), m, eMax) / norm;
    const ex2 = simpson((E) => (E / eMax) ** 2 * leptonSpectrum(E, m), m, eMax) / norm;
    // The massless limit of the same formula is the Michel value.
    const norm0 = simpson((E) => leptonSpectrum(E, 0), 0, M / 2);
    expect(simpson((E) => ((2 * E) / M) * leptonSpectrum(E, 0), 0, M / 2) / norm0).toBeCloseTo(0.7, 10);
    expect(ex - 0.7).toBeGreaterThan(0.005);
    const mm = leptonMoments(TauChannel.muon, 305, 200_000);
    expect(Math.abs(mm.x - ex)).toBeLessThan(4 * mm.sx);
    expect(Math.abs(mm.x2 - ex2)).toBeLessThan(4 * mm.sx2);
  });
});

describe('TauDecayer.decay with a polarised τ', () => {
  /** ⟨cos θ⟩ of the visible particle at row `row` (or of the 3-momentum sum of rows) for spin along +z. */
  function meanCos(channel: TauChannel, charge: number, seed: number, n: number, f: (out: TauDecayProducts) => number): { mean: number; err: number } {
    const s = createStream(seed, 'tau-decays', 0);
    const out = new TauDecayProducts();
    let sum = 0, sum2 = 0;
    for (let i = 0; i < n; i++) {
      for (;;) {
        decayer.decayChannel(s, charge, channel, out);
        // Fully polarised along +z: accept with (1 + h_z)/2.
        if (2 * s.uniform() < 1 + out.hz) break;
      }
      const v = f(out);
      sum += v;
      sum2 += v * v;
    }
    const mean = sum / n;
    return { mean, err: Math.sqrt((sum2 / n - mean * mean) / n) };
  }
  const cosOf = (out: TauDecayProducts, i: number) => out.pz[i] / Math.hypot(out.px[i], out.py[i], out.pz[i]);

  it('τ⁻ → π⁻ν: dΓ ∝ 1 + cos θ_π, ⟨cos θ_π⟩ = 1/3; τ⁺ → π⁺ν̄: −1/3 (Tsai, Phys. Rev. D 4 (1971) 2821)', () => {
    const minus = meanCos(TauChannel.pion, -1, 306, 100_000, (o) => cosOf(o, 0));
    const plus = meanCos(TauChannel.pion, 1, 307, 100_000, (o) => cosOf(o, 0));
    expect(Math.abs(minus.mean - 1 / 3)).toBeLessThan(4 * minus.err);
    expect(Math.abs(plus.mean + 1 / 3)).toBeLessThan(4 * plus.err);
  });

  it('τ⁻ → e⁻νν̄: dΓ ∝ x²[(3 − 2x) − (2x − 1)cos θ] (ξ = 1, δ = 3/4), ⟨cos θ_e⟩ = −1/9', () => {
    const minus = meanCos(TauChannel.electron, -1, 308, 200_000, (o) => cosOf(o, 0));
    const plus = meanCos(TauChannel.electron, 1, 309, 200_000, (o) => cosOf(o, 0));
    expect(Math.abs(minus.mean + 1 / 9)).toBeLessThan(4 * minus.err);
    expect(Math.abs(plus.mean - 1 / 9)).toBeLessThan(4 * plus.err);
  });

  it('τ⁻ → ρ⁻ν: the ρ direction follows 1 + a(Q²) cos θ_ρ with a = (m_τ² − 2Q²)/(m_τ² + 2Q²)', () => {
    const M2 = TAU_MASS * TAU_MASS;
    // cos θ_ρ − a(Q²)/3 has mean zero if dΓ/dcos θ_ρ ∝ 1 + a cos θ_ρ at each Q².
    const r = meanCos(TauChannel.rho, -1, 310, 200_000, (o) => {
      const q2 = o.E[0] ** 2 - o.px[0] ** 2 - o.py[0] ** 2 - o.pz[0] ** 2;
      return cosOf(o, 0) - (M2 - 2 * q2) / (3 * (M2 + 2 * q2));
    });
    expect(Math.abs(r.mean)).toBeLessThan(4 * r.err);
  });

  it('decay(…, pol) with |pol| = 0.6 along an oblique axis: ⟨p̂_π·n̂⟩ = 0.6/3 (τ⁻ → πν), ⟨p̂_ρ·n̂⟩ = 0.6⟨a(Q²)⟩/3, nothing across n̂, momentum still conserved', () => {
    const s = createStream(312, 'tau-decays', 0);
    const out = new TauDecayProducts();
    const only = (channel: 'pion' | 'rho') =>
      new TauDecayer(TauBranchingSettings.parse({ electron: 0, muon: 0, pion: channel === 'pion' ? 1 : 0, rho: channel === 'rho' ? 1 : 0 }));
    const n = { x: 0.48, y: -0.6, z: 0.64 }; // unit vector
    const P = 0.6;
    const M2 = TAU_MASS * TAU_MASS;
    for (const channel of ['pion', 'rho'] as const) {
      const d = only(channel);
      let sum = 0, sum2 = 0, across = 0, across2 = 0, worst = 0;
      const N = 100_000;
      for (let i = 0; i < N; i++) {
        d.decay(s, -1, P * n.x, P * n.y, P * n.z, out);
        const p = Math.hypot(out.px[0], out.py[0], out.pz[0]);
        const c = (out.px[0] * n.x + out.py[0] * n.y + out.pz[0] * n.z) / p;
        const q2 = out.E[0] ** 2 - p * p;
        const v = c - (channel === 'pion' ? P / 3 : (P * (M2 - 2 * q2)) / (3 * (M2 + 2 * q2)));
        sum += v;
        sum2 += v * v;
        const t = (out.px[0] * 0.8 + out.py[0] * 0.6) / p; // (0.8, 0.6, 0) ⊥ n̂
        across += t;
        across2 += t * t;
        let px = 0, E = 0;
        for (let j = 0; j < out.n; j++) if (out.status[j] === 1) {
          px += out.px[j];
          E += out.E[j];
        }
        worst = Math.max(worst, Math.abs(px), Math.abs(E - TAU_MASS));
      }
      expect(Math.abs(sum / N)).toBeLessThan(4 * Math.sqrt(sum2 / N / N));
      expect(Math.abs(across / N)).toBeLessThan(4 * Math.sqrt(across2 / N / N));
      expect(worst).toBeLessThan(1e-12);
    }
  });

  it('τ⁻ → ρ⁻ν: the π±π⁰ mass follows the ρ Breit–Wigner times the τ → (spin 1)ν spectrum, bin by bin', () => {
    // dΓ/dQ² ∝ |F(Q²)|² p*³/Q³ · (M² − Q²)²(M² + 2Q²) (Y. S. Tsai, Phys. Rev. D 4, 2821 (1971): the vector
    // spectral function ∝ p*³|F|²/Q³ times the τ → (spin 1)ν factor), with F the p-wave Breit–Wigner of the
    // ρ(770), |F|² = m⁴/((m² − Q²)² + m²Γ(Q²)²), Γ(Q²) = Γ_ρ(m/Q)(p*/p*(m²))³, PDG 2022 mass and width
    // (775.26, 149.1 MeV). Transcribed here, integrated per bin of m(ππ) = √Q² by Simpson's rule.
    const mRho = 0.77526;
    const gammaRho = 0.1491;
    const M2 = TAU_MASS ** 2;
    const pStar = (q: number) => {
      const a = (q * q - (CHARGED_PION_MASS + NEUTRAL_PION_MASS) ** 2) * (q * q - (CHARGED_PION_MASS - NEUTRAL_PION_MASS) ** 2);
      return a > 0 ? Math.sqrt(a) / (2 * q) : 0;
    };
    const p0 = pStar(mRho);
    /** dΓ/dm = 2m·dΓ/dQ². */
    const spectrum = (m: number) => {
      const q2 = m * m;
      const p = pStar(m);
      const width = gammaRho * (mRho / m) * (p / p0) ** 3;
      const f2 = mRho ** 4 / ((mRho ** 2 - q2) ** 2 + mRho ** 2 * width ** 2);
      return 2 * m * ((f2 * p ** 3) / (q2 * m)) * (M2 - q2) ** 2 * (M2 + 2 * q2);
    };
    const edges = [CHARGED_PION_MASS + NEUTRAL_PION_MASS, 0.45, 0.55, 0.62, 0.67, 0.71, 0.74, 0.77, 0.8, 0.83, 0.87, 0.92, 1.0, 1.15, TAU_MASS];
    const expected = edges.slice(1).map((hi, k) => simpson(spectrum, edges[k], hi, 2000));
    const total = expected.reduce((a, b) => a + b, 0);
    const s = createStream(311, 'tau-decays', 0);
    const out = new TauDecayProducts();
    const n = 200_000;
    const counts = new Float64Array(expected.length);
    for (let i = 0; i < n; i++) {
      decayer.decayChannel(s, -1, TauChannel.rho, out);
      const m = Math.sqrt(out.E[0] ** 2 - out.px[0] ** 2 - out.py[0] ** 2 - out.pz[0] ** 2);
      let k = 0;
      while (k + 1 < expected.length && m >= edges[k + 1]) k++;
      counts[k]++;
    }
    expected.forEach((e, k) => {
      const p = e / total;
      expect(Math.abs(counts[k] / n - p), `bin ${edges[k]}–${edges[k + 1]} GeV`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    });
  });
});
