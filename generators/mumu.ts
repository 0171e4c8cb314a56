import { z } from 'zod';
import { EventBeams } from '../src/physics/beams.js';
import { MUON_MASS, PDG } from '../src/physics/constants.js';
import type { RandomStream } from '../src/random/stream.js';
import type { ProcessDefinition } from './index.js';
import type { EventGenerator, GeneratorOptions } from './process.js';
import { LeptonPairBorn, PDG_ELECTROWEAK } from './shared/born.js';
import { type PairHardProcess, RadiativePairGenerator } from './shared/radiativePair.js';
import { RunningAlphaTable } from './shared/vacuumPolarization.js';

/**
 * e⁺e⁻ → μ⁺μ⁻(γ): the Born process (γ exchange with the muon mass, γ–Z interference and Z
 * exchange) at the invariant mass s′ left by initial-state radiation from both beams, with vacuum
 * polarisation α(s′) and final-state radiation from the muons. The background that fakes the
 * invisible Z′: one hard photon (M²recoil ≈ 0), or two, one along a beam and one at large angle
 * (M²recoil of 1–50 GeV²). Reference total: KKMC's 1.148 nb at the Υ(4S) (physics.md §3.1).
 */

export const MumuSettings = z.strictObject({
  /** γ–Z interference and Z exchange in the Born (A_FB ≈ −0.8% at 10.58 GeV). */
  zExchange: z.boolean().default(true).describe('gamma-Z interference and Z exchange in the Born (A_FB = -0.8% at 10.58 GeV)'),
  /** Running α(s′) in the Born (vacuum polarisation); false: the fixed α of the options. */
  vacuumPolarization: z.boolean().default(true).describe("running alpha(s') in the Born (leptonic one loop + approximate hadronic); false: the fixed alpha"),
  /** Final-state radiation from the muons. */
  fsr: z.boolean().default(true).describe('final-state radiation from the muons'),
  /**
   * Lowest μμ(γ_FSR) invariant mass √s′ after ISR, GeV. The default is the μ-pair threshold,
   * as in KKMC (physics.md §11: vvmax = 1, reduced to the kinematic limit; MinMassCEEX = 1 GeV
   * only switches KKMC's matrix element below 1 GeV). √s′ < 1 GeV holds 9.1% of σ here
   * (radiative return: a hard ISR photon, a low-mass μμ pair); 1 reproduces a 1 GeV cap.
   */
  minSqrtSPrimeGeV: z
    .number()
    .gt(2 * MUON_MASS)
    .max(10)
    .default(0.212)
    .describe("lowest mu-mu invariant mass sqrt(s') after ISR, GeV; default: the mu-pair threshold, as KKMC (1 gives a 1 GeV cap)"),
  /** Photons with a smaller fraction of the beam (ISR) or pair (FSR) energy are not emitted. */
  minPhotonFraction: z.number().positive().max(1e-2).default(1e-6).describe('photons with a smaller fraction of the beam (ISR) or pair (FSR) energy are not emitted'),
  /** Trials of the warm-up that finds the maximum weight. */
  warmupTrials: z.number().int().min(1000).max(1e8).default(100_000).describe('trials of the warm-up run that finds the maximum weight'),
  /** The maximum weight is the warm-up maximum times this factor. */
  maxWeightSafety: z.number().min(1).max(10).default(1.05).describe('the unweighting maximum is the warm-up maximum times this factor'),
});

export type MumuSettings = z.infer<typeof MumuSettings>;

/**
 * Born e⁺e⁻ → μ⁺μ⁻: cosθ drawn from 3(1 + c²)/8 (inverted with Cardano's formula), weight
 * dσ/dcosθ over that density, so the weight only carries the mass and Z terms.
 */
class MuonPairBorn implements PairHardProcess {
  readonly fermionPdg = PDG.muon;
  readonly fermionMass = MUON_MASS;
  cos = 0;
  private readonly born: LeptonPairBorn;

  constructor(
    zExchange: boolean,
    private readonly alpha: RunningAlphaTable | number,
  ) {
    this.born = new LeptonPairBorn(MUON_MASS, zExchange ? PDG_ELECTROWEAK : null);
  }

  sampleCos(stream: RandomStream, sRate: number, sPrime: number): number {
    if (!(sPrime > 4 * MUON_MASS * MUON_MASS)) return 0;
    const alpha = typeof this.alpha === 'number' ? this.alpha : this.alpha.at(sRate);
    if (!this.born.setEnergy(sRate, alpha)) return 0;
    // ∫₋₁^c 3(1 + x²)/8 dx = u ⇔ c³ + 3c − q = 0 with q = 8u − 4: c = ∛(q/2 + r) + ∛(q/2 − r), r = √(q²/4 + 1).
    const h = 4 * stream.uniform() - 2;
    const r = Math.sqrt(h * h + 1);
    const c = Math.cbrt(h + r) + Math.cbrt(h - r);
    this.cos = c;
    return this.born.dSigmaDCos(c) / (0.375 * (1 + c * c));
  }
}

export function createMumuGenerator(settings: MumuSettings, options: GeneratorOptions, seed: number): EventGenerator {
  const sqrtS = new EventBeams(options.beams).sqrtS;
  // The table spans s′ from the cut to above √s (beam-energy spread): 10σ of 5 MeV is 50 MeV.
  const alpha = settings.vacuumPolarization
    ? new RunningAlphaTable(settings.minSqrtSPrimeGeV ** 2, (sqrtS + 0.1) ** 2, options.alphaEM)
    : options.alphaEM;
  const hard = new MuonPairBorn(settings.zExchange, alpha);
  return new RadiativePairGenerator('mumu', hard, settings, options, seed, {
    z_exchange: settings.zExchange,
    vacuum_polarization: settings.vacuumPolarization,
  });
}

export const mumuProcess: ProcessDefinition = {
  name: 'mumu',
  description: 'e+e- -> mu+mu-(gamma): Born with gamma/Z exchange, ISR from both beams, FSR, running alpha',
  create: (settings, options, seed) => createMumuGenerator(MumuSettings.parse(settings ?? {}), options, seed),
};
