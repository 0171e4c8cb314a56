import { z } from 'zod';
import { EventBeams } from '../src/physics/beams.js';
import { ELECTRON_MASS, PDG } from '../src/physics/constants.js';
import type { RandomStream } from '../src/random/stream.js';
import { defineProcess } from './processDefinition.js';
import type { EventGenerator, GeneratorOptions } from './process.js';
import { bhabhaDSigmaDOmega } from './shared/born.js';
import type { CMEvent } from './shared/cmEvent.js';
import { checkHardRadiationBias, HardRadiationBiasSettings, radiativePairSettings } from './shared/hardRadiationBias.js';
import { PairFiducial, pairFiducialDescription, type PairFiducialWindow } from './shared/pairFiducial.js';
import { type PairHardProcess, RadiativePairGenerator, type RadiativePairSettings } from './shared/radiativePair.js';
import { RunningAlphaTable } from './shared/vacuumPolarization.js';

/**
 * e⁺e⁻ → e⁺e⁻(γ), Bhabha scattering in the detector acceptance, for the paper's ee control sample:
 * the massless Born with s- and t-channel photon exchange and their interference, each photon with
 * its running α (α(s′) and α(t)), initial-state radiation from both beams and final-state radiation
 * from the outgoing pair (radiativePair.ts). Left out: Z exchange (a per-mille effect here), and
 * the radiation of the initial–final dipoles of the t channel and its interference, which BabaYaga
 * includes; reference: σ = 300 ± 3 nb for 10° < θ*_e < 170°, E*_e > 0.15 GeV (BabaYaga@NLO in the Belle II Physics Book, PTEP 2019, 123C01, arXiv:1808.10567).
 *
 * Generator cuts (the settings) apply to both e± in the c.m. frame of the beams. The Born angle is
 * drawn, in the rest frame of the hard system, over the acceptance carried into that frame by the
 * system's longitudinal boost and widened by `angularMarginDeg` (for the transverse recoil of ISR
 * photons and for FSR). FSR only acts on Born-level pairs inside the acceptance (radiativePair.ts): the collinear structure
 * functions and the photon-recoil kinematics would otherwise carry events from the t-channel pole
 * into the acceptance with weights that no radiative Bhabha matrix element supports.
 */

/**
 * The fiducial requirement of the ee control sample (Belle II, PRL 130, 231801 (2023), p. 3: the
 * search selection with both tracks identified as electrons), with the margins of the μμ(γ) one
 * (mumu.ts): 1° outside the trigger's [37°, 120°], 0.05 GeV/c below the 0.4 GeV/c track cut and
 * 0.25 GeV/c below the 0.5 GeV/c c.m. recoil-pT cut, on the generated e± after FSR.
 */
export const EeFiducialSettings = z.strictObject({
  enabled: z.boolean().default(false).describe('keep only events that can pass the ee control selection (zero weight otherwise): sigma becomes the fiducial sigma'),
  electronThetaMinDeg: z.number().min(0).max(180).default(36).describe('both e+-: lab polar angle at least this, deg (the trigger window starts at 37)'),
  electronThetaMaxDeg: z.number().min(0).max(180).default(121).describe('both e+-: lab polar angle at most this, deg (the trigger window ends at 120)'),
  electronPtMinGeV: z.number().min(0).max(5).default(0.35).describe('both e+-: lab transverse momentum above this, GeV/c (the selection cuts at 0.4)'),
  pairPtCMMinGeV: z.number().min(0).max(5).default(0.25).describe('c.m. transverse momentum of the e+e- pair above this, GeV/c (the selection cuts at 0.5)'),
});

export type EeFiducialSettings = z.infer<typeof EeFiducialSettings>;

function electronPairWindow(settings: EeFiducialSettings): PairFiducialWindow {
  return { thetaMinDeg: settings.electronThetaMinDeg, thetaMaxDeg: settings.electronThetaMaxDeg, ptMinGeV: settings.electronPtMinGeV, pairPtCMMinGeV: settings.pairPtCMMinGeV };
}

export const EeSettings = z.strictObject({
  thetaMinDeg: z.number().min(1).max(89).default(10).describe('smallest e+- polar angle in the c.m. frame, deg (BabaYaga@NLO default minangle: 10)'),
  thetaMaxDeg: z.number().min(91).max(179).default(170).describe('largest e+- polar angle in the c.m. frame, deg (180 - minangle: 170)'),
  minEnergyGeV: z.number().min(0).max(5).default(0.15).describe('smallest e+- energy in the c.m. frame, GeV (the Belle II Physics Book cuts: 0.15)'),
  angularMarginDeg: z
    .number()
    .min(0)
    .max(10)
    .default(3)
    .describe('the Born angle is drawn this much beyond the acceptance (after the boost aberration), for FSR recoils'),
  maxIsrPhotonAngleDeg: z
    .number()
    .min(0.1)
    .max(180)
    .default(180)
    .describe('largest ISR photon angle to its beam, deg (180: the full dipole distribution)'),
  vacuumPolarization: z.boolean().default(true).describe('running alpha(s) and alpha(t) of the s- and t-channel photons'),
  fsr: z.boolean().default(true).describe('final-state radiation from the outgoing e+e- pair'),
  minSqrtSPrimeGeV: z
    .number()
    .min(0.05)
    .max(10)
    .default(0.5)
    .describe("lowest e+e- invariant mass sqrt(s') after ISR, GeV (below it both e+- of 0.15 GeV hardly fit)"),
  minPhotonFraction: z.number().positive().max(1e-2).default(1e-6).describe('photons with a smaller energy fraction are not emitted'),
  warmupTrials: z.number().int().min(1000).max(1e8).default(100_000).describe('trials of the warm-up run that finds the maximum weight'),
  maxWeightSafety: z.number().min(1).max(10).default(1.1).describe('the unweighting maximum is the warm-up maximum times this factor'),
  /** Importance sampling of a hard ISR or FSR photon (shared/hardRadiationBias.ts), for the ee control sample after the selection; weighted events only. */
  hardRadiationBias: HardRadiationBiasSettings.prefault({}),
  /** Generator-level requirement, looser than the control-sample selection: σ becomes the fiducial σ. */
  fiducial: EeFiducialSettings.prefault({}),
});

export type EeSettings = z.infer<typeof EeSettings>;

const DEG = Math.PI / 180;
/** Smallest Born angle ever drawn, rad: the t-channel pole is not approached further. */
const THETA_FLOOR = 0.5 * DEG;

/** cosθ in a frame moving with velocity β along z of a massless particle at cosθ′ (c.m.). */
function aberrate(cosPrime: number, beta: number): number {
  return (cosPrime - beta) / (1 - beta * cosPrime);
}

/** Born Bhabha scattering with cosθ from a 1/(1 − c)² proposal over the widened acceptance. */
class BhabhaBorn implements PairHardProcess {
  readonly fermionPdg = PDG.electron;
  readonly fermionMass = ELECTRON_MASS;
  cos = 0;
  private readonly margin: number;
  private readonly cosMinCut: number;
  private readonly cosMaxCut: number;

  constructor(
    private readonly settings: EeSettings,
    private readonly alphaS: RunningAlphaTable | number,
    private readonly alphaT: RunningAlphaTable | number,
  ) {
    this.margin = settings.angularMarginDeg * DEG;
    this.cosMinCut = Math.cos(settings.thetaMaxDeg * DEG);
    this.cosMaxCut = Math.cos(settings.thetaMinDeg * DEG);
  }

  sampleCos(stream: RandomStream, sRate: number, sPrime: number, betaZ: number): number {
    if (!(sPrime > 4 * ELECTRON_MASS * ELECTRON_MASS)) return 0;
    // The c.m. acceptance seen in the hard-system frame (massless aberration along z,
    // cosθ = (cosθ′ − β)/(1 − β cosθ′)), for the e⁻ at θ and the e⁺ at π − θ, widened by the margin.
    const eMinusLo = aberrate(this.cosMinCut, betaZ);
    const eMinusHi = aberrate(this.cosMaxCut, betaZ);
    const ePlusLo = -aberrate(this.cosMaxCut, betaZ);
    const ePlusHi = -aberrate(this.cosMinCut, betaZ);
    const thetaLo = Math.max(THETA_FLOOR, Math.acos(Math.min(eMinusHi, ePlusHi)) - this.margin);
    const thetaHi = Math.min(Math.PI - THETA_FLOOR, Math.acos(Math.max(eMinusLo, ePlusLo)) + this.margin);
    if (!(thetaLo < thetaHi)) return 0;
    const cHi = Math.cos(thetaLo);
    const cLo = Math.cos(thetaHi);
    const yLo = 1 / (1 - cLo);
    const yHi = 1 / (1 - cHi);
    const y = yLo + (yHi - yLo) * stream.uniform();
    const c = 1 - 1 / y;
    this.cos = c;
    const oneMinus = 1 / y;
    const t = 0.5 * sRate * oneMinus;
    const aS = typeof this.alphaS === 'number' ? this.alphaS : this.alphaS.at(sRate);
    const aT = typeof this.alphaT === 'number' ? this.alphaT : this.alphaT.at(t);
    // dσ/dc = 2π dσ/dΩ over q(c) = 1/((1 − c)²(y_hi − y_lo)).
    return 2 * Math.PI * bhabhaDSigmaDOmega(sRate, c, aS, aT) * oneMinus * oneMinus * (yHi - yLo);
  }

  accepts(event: CMEvent): boolean {
    for (let i = 0; i < event.n; i++) {
      if (Math.abs(event.pdg[i]) !== PDG.electron) continue;
      const E = event.E[i];
      if (E < this.settings.minEnergyGeV) return false;
      const p = Math.hypot(event.px[i], event.py[i], event.pz[i]);
      const cos = event.pz[i] / p;
      if (cos > this.cosMaxCut || cos < this.cosMinCut) return false;
    }
    return true;
  }
}

export function createEeGenerator(settings: EeSettings, options: GeneratorOptions, seed: number): EventGenerator {
  if (!(settings.thetaMinDeg < settings.thetaMaxDeg)) throw new RangeError('ee: thetaMinDeg must be below thetaMaxDeg');
  const sqrtS = new EventBeams(options.beams).sqrtS;
  const sMax = (sqrtS + 0.1) ** 2;
  const alphaS = settings.vacuumPolarization ? new RunningAlphaTable(settings.minSqrtSPrimeGeV ** 2, sMax, options.alphaEM) : options.alphaEM;
  // |t| from the smallest angle at the lowest s′ up to s.
  const tMin = 0.5 * settings.minSqrtSPrimeGeV ** 2 * (1 - Math.cos(THETA_FLOOR));
  const alphaT = settings.vacuumPolarization ? new RunningAlphaTable(tMin, sMax, options.alphaEM, true) : options.alphaEM;
  const hard = new BhabhaBorn(settings, alphaS, alphaT);
  const pair: RadiativePairSettings = {
    ...radiativePairSettings(settings),
    // 180°: the full dipole distribution, as no limit.
    ...(settings.maxIsrPhotonAngleDeg < 180 ? { maxIsrPhotonAngleRad: settings.maxIsrPhotonAngleDeg * DEG } : {}),
  };
  const fiducial = settings.fiducial;
  const facts: Record<string, number | string | boolean | null> = {
    theta_min_deg: settings.thetaMinDeg,
    theta_max_deg: settings.thetaMaxDeg,
    min_energy_GeV: settings.minEnergyGeV,
    vacuum_polarization: settings.vacuumPolarization,
  };
  if (fiducial.enabled) {
    facts.fiducial = true;
    facts.fiducial_description = pairFiducialDescription('electrons', 'e+e-', electronPairWindow(fiducial));
  }
  const filter = fiducial.enabled ? new PairFiducial(electronPairWindow(fiducial), options.beams) : null;
  return new RadiativePairGenerator('ee', hard, pair, options, seed, facts, filter);
}

export const eeProcess = defineProcess(
  'ee',
  'e+e- -> e+e-(gamma) Bhabha in the acceptance: s+t-channel Born, ISR, FSR, running alpha',
  EeSettings,
  (settings, options, seed) => createEeGenerator(checkHardRadiationBias(settings, options), options, seed),
);
