import { z } from 'zod';
import { type BeamSettings, EventBeams } from '../src/physics/beams.js';
import { MUON_MASS, PDG } from '../src/physics/constants.js';
import type { RandomStream } from '../src/random/stream.js';
import { defineProcess } from './processDefinition.js';
import type { EventGenerator, GeneratorOptions } from './process.js';
import { LeptonPairBorn, PDG_ELECTROWEAK } from './shared/born.js';
import { PairFiducial, pairFiducialDescription, type PairFiducialWindow } from './shared/pairFiducial.js';
import { checkHardRadiationBias, HardRadiationBiasSettings, radiativePairSettings } from './shared/hardRadiationBias.js';
import { type PairHardProcess, RadiativePairGenerator } from './shared/radiativePair.js';
import { RunningAlphaTable } from './shared/vacuumPolarization.js';

/**
 * e⁺e⁻ → μ⁺μ⁻(γ): the Born process (γ exchange with the muon mass, γ–Z interference and Z
 * exchange) at the invariant mass s′ left by initial-state radiation from both beams, with vacuum
 * polarisation α(s′) and final-state radiation from the muons. The background that fakes the
 * invisible Z′: one hard photon (M²recoil ≈ 0), or two, one along a beam and one at large angle
 * (M²recoil of 1–50 GeV²). Reference total: KKMC's 1.148 nb at the Υ(4S) (Belle II Physics Book, PTEP 2019, 123C01, arXiv:1808.10567).
 *
 * For background templates after the search selection (Belle II, PRL 130, 231801 (2023), p. 2–3),
 * which keeps about 6·10⁻⁴ of the events, two options (both off by default):
 * - `hardRadiationBias`: importance sampling of a hard, wide-angle ISR photon or a hard FSR photon
 *   (generators/shared/radiativePair.ts), exact weights, σ unchanged; weighted events only;
 * - `fiducial`: zero weight for events that cannot pass the selection whatever the detector does:
 *   both muons inside a lab polar window and above a lab pT (the trigger's [37°, 120°] and the
 *   0.4 GeV/c cut, less a margin) and a c.m. dimuon pT above a floor (the cut at 0.5 GeV/c, less a
 *   margin). σ is then the fiducial cross section, and `describe()` says so.
 */

/**
 * The μμ(γ) fiducial requirement. Defaults: 1° outside the trigger's [37°, 120°] (the paper, p. 2),
 * 0.05 GeV/c below the 0.4 GeV/c track cut and 0.25 GeV/c below the 0.5 GeV/c c.m. recoil-pT cut
 * (the dimuon pT in the c.m. frame of the nominal beams, as the selection computes it). Margins
 * against the default detector (σθ = 0.5 mrad ⊕ 1 mrad·GeV/(pβ), σ(pT)/pT = 0.0011·pT ⊕ 0.0025/β):
 * 1° is 5.8σθ for a muon of p = 0.35 GeV/c; 0.05 GeV/c is 13% of pT, > 40σ; the dimuon pT of two
 * muons of pT ≤ 5.3 GeV/c is measured to σ ≤ 0.05 GeV/c (0.027 GeV/c on average), so 0.25 GeV/c
 * is ≥ 5σ. The requirement is applied after FSR, on the generated muons.
 */
export const MumuFiducialSettings = z.strictObject({
  enabled: z.boolean().default(false).describe('keep only events that can pass the search selection (zero weight otherwise): sigma becomes the fiducial sigma'),
  muonThetaMinDeg: z.number().min(0).max(180).default(36).describe('both muons: lab polar angle at least this, deg (the trigger window starts at 37)'),
  muonThetaMaxDeg: z.number().min(0).max(180).default(121).describe('both muons: lab polar angle at most this, deg (the trigger window ends at 120)'),
  muonPtMinGeV: z.number().min(0).max(5).default(0.35).describe('both muons: lab transverse momentum above this, GeV/c (the selection cuts at 0.4)'),
  dimuonPtCMMinGeV: z.number().min(0).max(5).default(0.25).describe('c.m. transverse momentum of the muon pair above this, GeV/c (the selection cuts at 0.5)'),
});

export type MumuFiducialSettings = z.infer<typeof MumuFiducialSettings>;

export const MumuSettings = z.strictObject({
  /** γ–Z interference and Z exchange in the Born (A_FB ≈ −0.8% at 10.58 GeV). */
  zExchange: z.boolean().default(true).describe('gamma-Z interference and Z exchange in the Born (A_FB = -0.8% at 10.58 GeV)'),
  /** Running α(s′) in the Born (vacuum polarisation); false: the fixed α of the options. */
  vacuumPolarization: z.boolean().default(true).describe("running alpha(s') in the Born (leptonic one loop + approximate hadronic); false: the fixed alpha"),
  /** Final-state radiation from the muons. */
  fsr: z.boolean().default(true).describe('final-state radiation from the muons'),
  /**
   * Lowest μμ(γ_FSR) invariant mass √s′ after ISR, GeV. The default is the μ-pair threshold,
   * as in KKMC (basf2 generators/kkmc/data/mu.input.dat: vvmax = 1, reduced to the kinematic limit; MinMassCEEX = 1 GeV
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
  /** Importance sampling of hard radiation for templates after the selection (weighted events only). */
  hardRadiationBias: HardRadiationBiasSettings.prefault({}),
  /** Generator-level requirement, looser than the search selection: σ becomes the fiducial σ. */
  fiducial: MumuFiducialSettings.prefault({}),
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

/** The μμ(γ) fiducial settings as the window of the pair requirement. */
function muonPairWindow(settings: MumuFiducialSettings): PairFiducialWindow {
  return { thetaMinDeg: settings.muonThetaMinDeg, thetaMaxDeg: settings.muonThetaMaxDeg, ptMinGeV: settings.muonPtMinGeV, pairPtCMMinGeV: settings.dimuonPtCMMinGeV };
}

/** The fiducial requirement on a built event with a muon pair in rows 0 and 1 (μμ(γ), eeμμ). */
export class MuonPairFiducial extends PairFiducial {
  constructor(settings: MumuFiducialSettings, beams: BeamSettings) {
    super(muonPairWindow(settings), beams);
  }
}

/** The fiducial requirement in words, for `describe()`. */
export function muonPairFiducialDescription(fiducial: MumuFiducialSettings): string {
  return pairFiducialDescription('muons', 'dimuon', muonPairWindow(fiducial));
}

/**
 * Checks the settings against the run options (the bias needs weighted events) and reports a
 * problem as a zod issue on the field, so that the command line names it.
 */
export function parseMumuSettings(input: unknown, options: GeneratorOptions): MumuSettings {
  return checkHardRadiationBias(MumuSettings.parse(input ?? {}), options);
}

export function createMumuGenerator(settings: MumuSettings, options: GeneratorOptions, seed: number): EventGenerator {
  const sqrtS = new EventBeams(options.beams).sqrtS;
  // The table spans s′ from the cut to above √s (beam-energy spread): 10σ of 5 MeV is 50 MeV.
  const alpha = settings.vacuumPolarization
    ? new RunningAlphaTable(settings.minSqrtSPrimeGeV ** 2, (sqrtS + 0.1) ** 2, options.alphaEM)
    : options.alphaEM;
  const hard = new MuonPairBorn(settings.zExchange, alpha);
  const fiducial = settings.fiducial;
  const engine = radiativePairSettings(settings);
  const facts: Record<string, number | string | boolean | null> = {
    z_exchange: settings.zExchange,
    vacuum_polarization: settings.vacuumPolarization,
  };
  if (fiducial.enabled) {
    facts.fiducial = true;
    facts.fiducial_description = muonPairFiducialDescription(fiducial);
  }
  const filter = fiducial.enabled ? new MuonPairFiducial(fiducial, options.beams) : null;
  return new RadiativePairGenerator('mumu', hard, engine, options, seed, facts, filter);
}

export const mumuProcess = defineProcess(
  'mumu',
  'e+e- -> mu+mu-(gamma): Born with gamma/Z exchange, ISR from both beams, FSR, running alpha',
  MumuSettings,
  (settings, options, seed) => createMumuGenerator(checkHardRadiationBias(settings, options), options, seed),
);
