import { z } from 'zod';
import { ELECTRON_MASS, PDG } from '../src/physics/constants.js';
import { defineProcess } from './processDefinition.js';
import type { GeneratorOptions } from './process.js';
import { EemumuSelectionBias } from './eemumu.js';
import { TwoPhotonPairGenerator } from './shared/twoPhotonPairGenerator.js';

/**
 * e⁺e⁻ → e⁺e⁻e⁺e⁻ by two-photon collisions: γγ → e⁺e⁻ (Breit–Wheeler with the electron mass) in
 * the equivalent-photon approximation with the photon virtualities kept, the generator of
 * e⁺e⁻ → e⁺e⁻μ⁺μ⁻ with electrons (generators/shared/twoPhotonPairGenerator.ts). Generator cut
 * W = m(produced e⁺e⁻) > `minMassGeV` (0.5 GeV, AAFH's `minMass` in Belle II's
 * `add_aafh_generator`, mode 5); each photon's Q² < `q2MaxOverW2`·W² (W²/4, as for eemumu).
 * Reference: AAFH's 39.7 ± 0.1 nb for W_ee > 0.5 GeV (Belle II Physics Book, arXiv:1808.10567,
 * cross-section table). The EPA has neither the non-multiperipheral diagrams nor the interference
 * of the identical e± of the pair and the spectators, which AAFH includes; which e⁺e⁻ pair is "the
 * produced one" is then a label of the generator (the first two rows are the spectators).
 */
export const EeeeSettings = z.strictObject({
  /** Smallest invariant mass of the produced e⁺e⁻ pair, GeV (AAFH `minMass`; Belle II uses 0.5). */
  minMassGeV: z
    .number()
    .gt(2 * ELECTRON_MASS, { message: `must exceed 2m_e = ${(2 * ELECTRON_MASS).toFixed(6)} GeV` })
    .max(10)
    .default(0.5)
    .describe('smallest invariant mass W of the produced e+e- pair, GeV (AAFH minMass: 0.5)'),
  /** Q²_max/W² of each photon (0.25, as for eemumu). */
  q2MaxOverW2: z.number().positive().max(1).default(0.25).describe('largest photon virtuality over W^2'),
  /** Trials of the warm-up that estimates σ before any event is generated. */
  warmupTrials: z.number().int().min(1000).max(100_000_000).default(50_000).describe('trials of the warm-up run'),
  /** Importance sampling towards the paper's selection, for weighted events (the eemumu schema). */
  selectionBias: EemumuSelectionBias.prefault({}),
});

export type EeeeSettings = z.infer<typeof EeeeSettings>;

/** AAFH, W_ee > 0.5 GeV (Belle II Physics Book, arXiv:1808.10567): 39.7 ± 0.1 nb. */
export const EEEE_AAFH_SIGMA_PB = 39_700;

export function createEeeeGenerator(settings: EeeeSettings, options: GeneratorOptions, seed: number): TwoPhotonPairGenerator {
  return new TwoPhotonPairGenerator(
    {
      process: 'eeee',
      mass: ELECTRON_MASS,
      pdg: PDG.electron,
      description: 'e+e- -> e+e-e+e- (two-photon gamma gamma -> e+e-, equivalent-photon approximation with Q2 dependence)',
      aafhSigmaPb: EEEE_AAFH_SIGMA_PB,
    },
    settings,
    options,
    seed,
  );
}

export const eeeeProcess = defineProcess(
  'eeee',
  'e+e- -> e+e-e+e- two-photon production (equivalent photons with Q2 dependence, gamma gamma -> e+e-, W_ee > 0.5 GeV)',
  EeeeSettings,
  createEeeeGenerator,
);
