import { z } from 'zod';
import { EventBeams } from '../src/physics/beams.js';
import { CHARGED_PION_MASS, GEV2_TO_PB, PDG, RHO_MASS, RHO_WIDTH } from '../src/physics/constants.js';
import type { RandomStream } from '../src/random/stream.js';
import { defineProcess } from './processDefinition.js';
import type { EventGenerator, GeneratorOptions } from './process.js';
import { PionFormFactorTable } from './shared/pionFormFactor.js';
import { type PairHardProcess, RadiativePairGenerator } from './shared/radiativePair.js';

/**
 * e⁺e⁻ → π⁺π⁻(γ): the Born process through one photon with the pion form factor,
 *   dσ/dcosθ = (πα²/4s) β_π³ |F_π(s)|² (1 − cos²θ),   σ = (πα²/3s) β_π³ |F_π(s)|²,
 * (spin-0 pions, θ the pion angle to the beam in the ππ rest frame), F_π the fit of Czyż, Gunia,
 * Kühn (PHOKHARA's form factor, generators/shared/pionFormFactor.ts), at the invariant mass s′ left
 * by initial-state radiation from both beams (the structure functions of radiativePair.ts).
 *
 * At √s = 10.58 GeV |F_π|² ≈ 5·10⁻⁵ and the direct Born is ~0.01 pb: nearly all of σ is the
 * radiative return, a hard ISR photon taking the π⁺π⁻ pair down to the ρ(770), where |F_π|² ≈ 45.
 * No final-state radiation from the pions (PHOKHARA's ISR-only mode, as in Belle II's
 * `add_phokhara_generator`); the form factor is that of the dressed cross section, so the Born
 * uses the fixed α(0) without a separate vacuum-polarisation factor.
 *
 * The π⁺π⁻ pair is built at the collinear s′ of the structure-function rate (`keepCollinearSPrime`
 * of radiativePair.ts): a soft photon from one beam at a wide angle to the hard photon of the other
 * would otherwise lower s′ by 2ω₁ω₂(1 + cos θ₁₂) and put ρ-peak rates at masses far below the
 * peak (and 6% of σ below the π⁺π⁻ threshold); the softer photon's energy is rescaled instead.
 * σ is then the collinear convolution ∫W(x)σ₀(s(1 − x))dx exactly.
 */

export const PipiSettings = z.strictObject({
  minSqrtSPrimeGeV: z
    .number()
    .gt(2 * CHARGED_PION_MASS, { message: `must exceed 2m_π = ${(2 * CHARGED_PION_MASS).toFixed(5)} GeV` })
    .max(10)
    .default(0.28)
    .describe("lowest pi+pi- invariant mass sqrt(s') after ISR, GeV (default: just above the pi+pi- threshold)"),
  minPhotonFraction: z.number().positive().max(1e-2).default(1e-6).describe('photons with a smaller fraction of the beam energy are not emitted'),
  warmupTrials: z.number().int().min(1000).max(1e8).default(200_000).describe('trials of the warm-up run that finds the maximum weight'),
  maxWeightSafety: z.number().min(1).max(10).default(1.1).describe('the unweighting maximum is the warm-up maximum times this factor'),
  rhoChannelShare: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.5)
    .describe("probability that a beam's ISR fraction is drawn so that s' follows the rho(770) Breit-Wigner (importance sampling of the radiative return; exact weights)"),
});

export type PipiSettings = z.infer<typeof PipiSettings>;

/** σ(e⁺e⁻ → π⁺π⁻) = (πα²/3s) β³ |F_π(s)|² in GeV⁻² (0 below threshold). */
export function pionPairBornSigma(s: number, formFactor2: number, alpha: number): number {
  const r = (4 * CHARGED_PION_MASS * CHARGED_PION_MASS) / s;
  if (!(r < 1)) return 0;
  const beta = Math.sqrt(1 - r);
  return ((Math.PI * alpha * alpha) / (3 * s)) * beta * beta * beta * formFactor2;
}

/**
 * Draws cosθ from 3(1 − c²)/4: ∫₋₁^c = u ⇔ c³ − 3c + 4u − 2 = 0, whose root in [−1, 1] is
 * c = 2 cos(arccos(1 − 2u)/3 − 2π/3).
 */
export function samplePionCos(u: number): number {
  return 2 * Math.cos(Math.acos(1 - 2 * u) / 3 - (2 * Math.PI) / 3);
}

/** The Born hard process: cosθ drawn exactly, so the weight is σ(s′) itself. */
class PionPairBorn implements PairHardProcess {
  readonly fermionPdg = PDG.piMinus;
  readonly fermionMass = CHARGED_PION_MASS;
  cos = 0;

  constructor(
    private readonly formFactor: PionFormFactorTable,
    private readonly alpha: number,
  ) {}

  sampleCos(stream: RandomStream, sRate: number, sPrime: number): number {
    if (!(sPrime > 4 * CHARGED_PION_MASS * CHARGED_PION_MASS)) return 0;
    this.cos = samplePionCos(stream.uniform());
    return pionPairBornSigma(sRate, this.formFactor.at(sRate), this.alpha);
  }
}

export function createPipiGenerator(settings: PipiSettings, options: GeneratorOptions, seed: number): EventGenerator {
  const sqrtS = new EventBeams(options.beams).sqrtS;
  // The table reaches above √s for the beam-energy spread (10σ of 5 MeV is 50 MeV).
  const formFactor = new PionFormFactorTable(sqrtS + 0.1);
  const hard = new PionPairBorn(formFactor, options.alphaEM);
  return new RadiativePairGenerator(
    'pipi',
    hard,
    {
      fsr: false,
      minSqrtSPrimeGeV: settings.minSqrtSPrimeGeV,
      minPhotonFraction: settings.minPhotonFraction,
      warmupTrials: settings.warmupTrials,
      maxWeightSafety: settings.maxWeightSafety,
      resonanceChannel: { massGeV: RHO_MASS, widthGeV: RHO_WIDTH, share: settings.rhoChannelShare },
      keepCollinearSPrime: true,
    },
    options,
    seed,
    {
      process_description: 'e+e- -> pi+pi-(gamma): Born with the pion form factor (Czyz, Gunia, Kuhn 2013; PHOKHARA FF_pion = 2), ISR from both beams, no FSR',
      form_factor_squared_at_sqrt_s: formFactor.at(sqrtS * sqrtS),
      born_sigma_at_sqrt_s_pb: pionPairBornSigma(sqrtS * sqrtS, formFactor.at(sqrtS * sqrtS), options.alphaEM) * GEV2_TO_PB,
    },
  );
}

export const pipiProcess = defineProcess(
  'pipi',
  'e+e- -> pi+pi-(gamma): Born with the pion form factor (rho-omega, rho recurrences), ISR from both beams (radiative return)',
  PipiSettings,
  createPipiGenerator,
);
