import { z } from 'zod';
import { MUON_MASS, PDG } from '../src/physics/constants.js';
import { EemumuExactGenerator, EemumuExactSettings } from './eemumuExact.js';
import { defineProcess } from './processDefinition.js';
import type { EventGenerator, GeneratorOptions } from './process.js';
import { type TwoPhotonLepton, TwoPhotonPairGenerator } from './shared/twoPhotonPairGenerator.js';

/**
 * e⁺e⁻ → e⁺e⁻μ⁺μ⁻ by two-photon collisions (multiperipheral γγ → μ⁺μ⁻), in the equivalent-photon
 * approximation with the photon virtualities kept (generators/shared/twoPhoton.ts; Budnev et al., Phys. Rep. 15, 181 (1975)).
 *
 * Generator cuts: W = m(μ⁺μ⁻) > `minMassGeV` (0.5 GeV, AAFH's `minMass` in Belle II's
 * `add_aafh_generator`), and each photon's Q² < Q²_max = `q2MaxOverW2`·W². The default W²/4 is
 * where the EPA stops being valid (Q² ≳ W² suppresses σ_γ*γ*) and gives 18.5 nb, 2% below AAFH's
 * exact four-fermion 18.9 ± 0.1 nb (AAFH in the Belle II Physics Book, PTEP 2019, 123C01; docs/references.md §3.1, §9); Q²_max = W² would give 21.7 nb.
 *
 * One trial (c.m. frame, e⁻ along +z) draws the full kinematics of the spectators:
 *   1. W²/s = τ = x₁x₂ and x₁ from the EPA luminosity ⊗ Breit–Wheeler: ln τ from a table of
 *      dσ/d ln τ, ln x₁ uniform; the weight is the exact integrand over this proposal;
 *   2. Q₁², Q₂² from the Budnev density at fixed x (normalised to the flux f(x) of the weight),
 *      azimuths uniform;
 *   3. exact kinematics with x the light-cone fraction (Budnev's variable): the spectator has
 *      p′⁺ = (1 − x)p⁺ and k⃗, so Q² = (k² + x²m_e²)/(1 − x) exactly; both fractions are scaled by
 *      xᵢ → xᵢ·exp(μ(1 − xᵢ)), μ = O(Q²/W²), so that the μ⁺μ⁻ system, P − p′(e⁻) − p′(e⁺), has
 *      exactly the sampled W (the EPA itself is valid to O(Q²/W²) only; TwoPhotonSpectators).
 *      Where no μ exists (an x near 1 with a large Q²: 1.7 × 10⁻⁵ of the weight) no final state
 *      exists: the trial has weight 0, as a point outside phase space, and is counted in
 *      `noFinalStateTrials`. σ is the mean weight of all trials, these included.
 * An accepted trial becomes an event: γγ → μ⁺μ⁻ with the Breit–Wheeler angular distribution about
 * the photon axis in the μμ frame.
 *
 * What this misses (AAFH has it): the non-multiperipheral diagrams (bremsstrahlung, conversion and
 * annihilation types), the longitudinal-photon and interference terms of σ_γ*γ*, which matter
 * when a spectator is scattered to large angle (Q² ~ W²) — the events that pass a "two muons and
 * missing energy" selection with the e± in the detector — and the exact Q² fall-off, replaced by
 * the sharp Q² < W²/4 cut. No initial-state radiation (AAFH has none either).
 */

/**
 * Importance sampling towards the paper's selection (PRL 130, 231801, pp. 2–3: both muons with lab
 * pT > 0.4 GeV/c in the two-track trigger's 37°–120°, which needs a large W, and a c.m. transverse
 * recoil momentum, the μ⁺μ⁻ pT = |k⃗₁ + k⃗₂|, above 0.5 GeV/c, which needs a spectator with
 * |k⃗| ≳ 0.25 GeV and so Q² ≳ k² far above Q²min). Two mixtures replace the proposal densities of
 * steps 1 and 2 of the generator:
 *   ln τ: (1 − a)·(the EPA table over the whole range) + a·(the same dσ/d ln τ restricted to
 *         W > `highMassGeV`, at the nominal √s), share a = `highMassShare`;
 *   Q₁², Q₂²: (1 − c)·Budnev ⊗ Budnev + c·(one photon, either with probability ½,
 *         log-uniform on [max(q₀², Q²min), Q²max], the other Budnev), q₀² = `q0SquaredGeV2`,
 *         c = `highQ2Share` (twoPhoton.ts, VirtualityMixture);
 *   ln x₁ at fixed τ: (1 − r)·uniform on [ln τ, 0] + r·uniform where the μμ c.m. rapidity
 *         y = ln x₁ − ½ ln τ has |y| < Y = `centralRapidity` (the trigger's 37°–120° in the lab
 *         is |η| ≲ 0.8 about the c.m. rapidity 0 for the SuperKEKB boost βγ = 0.28), r = `centralShare`;
 *   cos θ* of the μ⁻ to the photon axis: (1 − d)·Breit–Wheeler + d·uniform, d = `transverseShare`
 *         (twoPhoton.ts, BreitWheelerMixture), the lab pT > 0.4 GeV/c needing muons transverse to it.
 * Each event carries the weight (true density)/(mixture density) of both, so that every weighted
 * distribution and σ are those of the unbiased generator: no region loses its probability (each
 * part of a mixture covers the whole range, with a share 1 − a or 1 − c > 0), and the extra
 * weight is bounded by 1/((1 − a)(1 − c)(1 − r)(1 − d)). Needs weighted events: unweighting against the largest
 * weight would undo the gain, so the generator refuses `weighted: false`.
 */
export const EemumuSelectionBias = z.strictObject({
  enabled: z.boolean().default(false).describe('importance sampling towards the search selection for eemumu templates; needs weighted events'),
  /** W threshold (GeV) of the second ln τ component: W > highMassGeV at the nominal √s. */
  highMassGeV: z.number().gt(2 * MUON_MASS).max(10).default(1),
  /** Probability a of drawing ln τ from the component above highMassGeV, in [0, 1). */
  highMassShare: z.number().min(0).lt(1, { message: 'must be below 1: the region below highMassGeV needs a non-zero probability' }).default(0.9),
  /** Lower end q₀² (GeV²) of each photon's log-uniform Q² component. */
  q0SquaredGeV2: z.number().positive().max(100).default(0.15),
  /** Probability c that one of the two photons (either with probability ½) draws its Q² from the log-uniform component, in [0, 1). */
  highQ2Share: z.number().min(0).lt(1, { message: 'must be below 1: the Budnev region below q0SquaredGeV2 needs a non-zero probability' }).default(0.8),
  /** Half-width Y of the c.m. rapidity window |y_μμ| < Y of the second ln x₁ component. */
  centralRapidity: z.number().positive().max(10).default(0.8),
  /** Probability r of drawing ln x₁ uniformly inside the window instead of over [ln τ, 0], in [0, 1). */
  centralShare: z.number().min(0).lt(1, { message: 'must be below 1: the rapidities outside centralRapidity need a non-zero probability' }).default(0.9),
  /** Probability d of drawing the μ⁻ cos θ* (to the photon axis) uniformly instead of from Breit–Wheeler, in [0, 1). */
  transverseShare: z.number().min(0).lt(1, { message: 'must be below 1: the Breit–Wheeler peak along the photon axis needs a non-zero probability' }).default(0.7),
});

export type EemumuSelectionBias = z.infer<typeof EemumuSelectionBias>;

/** The two models of e⁺e⁻ → e⁺e⁻μ⁺μ⁻: the exact multiperipheral matrix element (eemumuExact.ts) or the equivalent-photon approximation of this file. */
export const EEMUMU_MODELS = ['exact', 'equivalentPhoton'] as const;

export const EemumuSettings = z.strictObject({
  /**
   * `exact`: the tree-level multiperipheral matrix element with both photons off shell
   * (eemumuExact.ts); `equivalentPhoton`: this file's faster equivalent-photon generator, whose
   * large-Q² tail depends on the Q²max cut-off.
   */
  model: z.enum(EEMUMU_MODELS).default('exact').describe('exact: tree-level multiperipheral matrix element (default); equivalentPhoton: the faster EPA generator with a sharp Q2max'),
  /** Smallest μ⁺μ⁻ invariant mass in GeV (AAFH `minMass`; Belle II uses 0.5). */
  minMassGeV: z
    .number()
    .gt(2 * MUON_MASS, { message: `must exceed 2m_μ = ${(2 * MUON_MASS).toFixed(4)} GeV` })
    .default(0.5),
  /** Q²_max/W² of each photon (0.25: docs/references.md §9; equivalentPhoton model). */
  q2MaxOverW2: z.number().positive().max(1).default(0.25),
  /** Trials of the warm-up that estimates σ before any event is generated (equivalentPhoton model). */
  warmupTrials: z.number().int().min(1000).max(100_000_000).default(50_000),
  /** Importance sampling towards the paper's selection, for weighted events (EemumuSelectionBias; equivalentPhoton model). */
  selectionBias: EemumuSelectionBias.prefault({}),
  /** Settings of the exact model (warm-up, unweighting, the muon fiducial requirement). */
  exact: EemumuExactSettings.prefault({}),
});

export type EemumuSettings = z.infer<typeof EemumuSettings>;

/** The equivalent-photon model: two-photon γγ → μ⁺μ⁻ of the shared generator (twoPhotonPairGenerator.ts). */
export const EEMUMU_EPA_LEPTON: TwoPhotonLepton = {
  process: 'eemumu',
  mass: MUON_MASS,
  pdg: PDG.muon,
  description: 'e+e- -> e+e-mu+mu- (two-photon, equivalent-photon approximation with Q2 dependence)',
  // AAFH, W_μμ > 0.5 GeV (Belle II Physics Book, arXiv:1808.10567): 18.9 ± 0.1 nb.
  aafhSigmaPb: 18_900,
};

export class EemumuGenerator extends TwoPhotonPairGenerator {
  constructor(settings: EemumuSettings, options: GeneratorOptions, seed: number) {
    super(EEMUMU_EPA_LEPTON, settings, options, seed);
  }
}

/**
 * The generator of the chosen model; settings of the other model must keep their defaults off
 * (a ZodError names the field, so that the command line reports it).
 */
export function createEemumuGenerator(settings: EemumuSettings, options: GeneratorOptions, seed: number): EventGenerator {
  if (settings.model === 'equivalentPhoton') {
    if (settings.exact.fiducial.enabled) throw modelError(['exact', 'fiducial', 'enabled'], 'applies to model: exact only');
    return new EemumuGenerator(settings, options, seed);
  }
  if (settings.selectionBias.enabled) {
    throw modelError(['selectionBias', 'enabled'], 'applies to model: equivalentPhoton only (the exact model cuts with exact.fiducial)');
  }
  return new EemumuExactGenerator(settings.minMassGeV, settings.exact, options, seed);
}

function modelError(path: string[], message: string): z.ZodError {
  return new z.ZodError([{ code: 'custom', path, input: true, message }]);
}

export const eemumuProcess = defineProcess(
  'eemumu',
  'e+e- → e+e-μ+μ- two-photon production (exact multiperipheral matrix element, or equivalent photons; W_μμ > 0.5 GeV)',
  EemumuSettings,
  createEemumuGenerator,
);
