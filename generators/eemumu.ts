import { z } from 'zod';
import { type EventBatch, type EventBatchBuilder, Status } from '../src/events/eventBatch.js';
import { EventBeams } from '../src/physics/beams.js';
import { ELECTRON_MASS, GEV2_TO_PB, MUON_MASS, PDG } from '../src/physics/constants.js';
import { createStream, type RandomStream } from '../src/random/stream.js';
import { TabulatedDensity } from '../src/random/tabulatedDensity.js';
import { EemumuExactGenerator, EemumuExactSettings } from './eemumuExact.js';
import type { ProcessDefinition } from './index.js';
import type { EventGenerator, GenerationStats, GeneratorOptions } from './process.js';
import { boostRowFromRest } from './shared/lorentzInPlace.js';
import {
  BreitWheelerMixture,
  sampleBreitWheelerCos,
  sampleVirtuality,
  twoPhotonCrossSection,
  twoPhotonDSigmaDLnTau,
  twoPhotonIntegrand,
  TwoPhotonSpectators,
  type VirtualityLimit,
  VirtualityMixture,
} from './shared/twoPhoton.js';
import { hitOrMissBatch, WeightTally } from './shared/weightTally.js';

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

/** Points of the ln τ table of the proposal. */
const LN_TAU_POINTS = 240;
/** Margin on s for the proposal's lowest τ, so beam-energy spread cannot push W below its range. */
const S_MARGIN = 1.01;

export class EemumuGenerator implements EventGenerator {
  readonly process = 'eemumu';
  private readonly beams: EventBeams;
  private readonly nominalS: number;
  private readonly q2Limit: VirtualityLimit;
  private readonly lnTauProposal: TabulatedDensity;
  /** With `selectionBias`: the ln τ component above its W threshold, its share, and the Q² mixture. */
  private readonly highMassProposal: TabulatedDensity | undefined;
  private readonly highMassShare: number = 0;
  private readonly virtuality: VirtualityMixture | undefined;
  private readonly centralShare: number = 0;
  private readonly centralRapidity: number = 0;
  private readonly angle: BreitWheelerMixture | undefined;
  private readonly tally: WeightTally;
  /** Quadrature σ of the same model at the nominal √s, pb. */
  readonly sigmaQuadraturePb: number;
  /** Trials (warm-up included) whose (x, Q², φ) admit no final state: weight 0 (see step 3). */
  noFinalStateTrials = 0;
  // The current trial: s, the spectators' transverse momenta (GeV) and azimuths.
  private s = 0;
  private kt1 = 0;
  private kt2 = 0;
  private phi1 = 0;
  private phi2 = 0;
  private readonly spectators = new TwoPhotonSpectators();

  constructor(
    readonly settings: EemumuSettings,
    readonly options: GeneratorOptions,
    seed: number,
  ) {
    this.beams = new EventBeams(options.beams);
    this.nominalS = this.beams.sqrtS * this.beams.sqrtS;
    const r = settings.q2MaxOverW2;
    this.q2Limit = (w2) => r * w2;
    const alpha = options.alphaEM;
    const lo = Math.log((settings.minMassGeV * settings.minMassGeV) / (this.nominalS * S_MARGIN));
    if (!(lo < 0)) throw new RangeError(`eemumu: minMassGeV = ${settings.minMassGeV} GeV is not below √s = ${this.beams.sqrtS.toFixed(4)} GeV`);
    const grid = new Float64Array(LN_TAU_POINTS);
    const density = new Float64Array(LN_TAU_POINTS);
    for (let i = 0; i < LN_TAU_POINTS; i++) {
      grid[i] = lo * (1 - i / (LN_TAU_POINTS - 1));
      density[i] = twoPhotonDSigmaDLnTau(grid[i], this.nominalS, MUON_MASS, this.q2Limit, alpha, 128);
    }
    this.lnTauProposal = new TabulatedDensity(grid, density);
    const bias = settings.selectionBias.enabled ? settings.selectionBias : undefined;
    if (bias !== undefined) {
      if (!options.weighted) {
        throw new RangeError(
          'eemumu: selectionBias needs weighted events (GeneratorOptions.weighted = true; in a scenario, templates.backgrounds.eemumu.weighted: true); unweighted events would lose its gain',
        );
      }
      const hi = Math.log((bias.highMassGeV * bias.highMassGeV) / this.nominalS);
      if (!(hi < 0)) throw new RangeError(`eemumu: selectionBias.highMassGeV = ${bias.highMassGeV} GeV is not below √s = ${this.beams.sqrtS.toFixed(4)} GeV`);
      const from = Math.max(lo, hi);
      const highGrid = new Float64Array(LN_TAU_POINTS);
      const highDensity = new Float64Array(LN_TAU_POINTS);
      for (let i = 0; i < LN_TAU_POINTS; i++) {
        highGrid[i] = from * (1 - i / (LN_TAU_POINTS - 1));
        highDensity[i] = twoPhotonDSigmaDLnTau(highGrid[i], this.nominalS, MUON_MASS, this.q2Limit, alpha, 128);
      }
      this.highMassProposal = new TabulatedDensity(highGrid, highDensity);
      this.highMassShare = bias.highMassShare;
      this.virtuality = new VirtualityMixture(bias.q0SquaredGeV2, bias.highQ2Share);
      this.centralShare = bias.centralShare;
      this.centralRapidity = bias.centralRapidity;
      this.angle = new BreitWheelerMixture(bias.transverseShare);
    }
    this.sigmaQuadraturePb = twoPhotonCrossSection(this.nominalS, MUON_MASS, settings.minMassGeV, this.q2Limit, alpha) * GEV2_TO_PB;
    // The Q² mixture multiplies a weight by at most 1/(1 − c).
    const q2WeightMax = bias === undefined ? 1 : 1 / (1 - bias.highQ2Share);
    this.tally = new WeightTally(this.scanMaxWeight(lo) * q2WeightMax, 'eemumu');
    const warmup = createStream(seed, 'eemumu/warmup', 0);
    for (let i = 0; i < settings.warmupTrials; i++) this.tally.add(this.trial(warmup));
  }

  /**
   * The largest weight on a 300 × 300 grid of (ln τ, ln x₁) at the nominal √s, with a 5% margin
   * (the weight of a trial is this, or 0 where no final state exists).
   */
  private scanMaxWeight(lo: number): number {
    let max = 0;
    const n = 300;
    for (let i = 0; i < n; i++) {
      const lnTau = lo * (1 - (i + 0.5) / n);
      for (let j = 0; j < n; j++) {
        const lnX1 = lnTau * (1 - (j + 0.5) / n);
        max = Math.max(max, this.weightAt(lnTau, lnX1, this.nominalS));
      }
    }
    return 1.05 * max;
  }

  /** Weight (pb) of the point (ln τ, ln x₁) at s: integrand over the proposal density. */
  private weightAt(lnTau: number, lnX1: number, s: number): number {
    const w2 = Math.exp(lnTau) * s;
    if (w2 < this.settings.minMassGeV * this.settings.minMassGeV) return 0;
    const proposal = this.highMassProposal === undefined ? this.lnTauProposal.pdf(lnTau) / -lnTau : this.lnTauDensity(lnTau) * this.lnX1Density(lnTau, lnX1);
    if (!(proposal > 0)) return 0;
    return (twoPhotonIntegrand(lnTau, lnX1, s, MUON_MASS, this.q2Limit, this.options.alphaEM) / proposal) * GEV2_TO_PB;
  }

  /** The density of the ln τ proposal: the EPA table, or with `selectionBias` its mixture with the part above the W threshold. */
  private lnTauDensity(lnTau: number): number {
    const high = this.highMassProposal;
    if (high === undefined) return this.lnTauProposal.pdf(lnTau);
    const a = this.highMassShare;
    return (1 - a) * this.lnTauProposal.pdf(lnTau) + a * high.pdf(lnTau);
  }

  /**
   * The window of the central ln x₁ component: the μμ c.m. rapidity y = ln x₁ − ln τ/2 within
   * ±centralRapidity, inside [ln τ, 0]; returns its lower end and sets `windowLength`.
   */
  private window(lnTau: number): number {
    const lo = Math.max(lnTau, 0.5 * lnTau - this.centralRapidity);
    const hi = Math.min(0, 0.5 * lnTau + this.centralRapidity);
    this.windowLength = hi - lo;
    return lo;
  }
  private windowLength = 0;

  /** The density of ln x₁ at fixed ln τ with `selectionBias`: (1 − r)/|ln τ| + r/ℓ inside the window of length ℓ. */
  private lnX1Density(lnTau: number, lnX1: number): number {
    const lo = this.window(lnTau);
    const inside = lnX1 >= lo && lnX1 <= lo + this.windowLength ? this.centralShare / this.windowLength : 0;
    return (1 - this.centralShare) / -lnTau + inside;
  }

  /** Draws ln x₁ at fixed ln τ: uniform over [ln τ, 0], or with `selectionBias` from the density of `lnX1Density`. */
  private sampleLnX1(stream: RandomStream, lnTau: number): number {
    if (this.highMassProposal === undefined) return lnTau * stream.uniform();
    if (stream.uniform() >= this.centralShare) return lnTau * stream.uniform();
    const lo = this.window(lnTau);
    return lo + this.windowLength * stream.uniform();
  }

  /** Draws ln τ from the proposal of `lnTauDensity`. */
  private sampleLnTau(stream: RandomStream): number {
    const high = this.highMassProposal;
    if (high === undefined) return this.lnTauProposal.sample(stream);
    return stream.uniform() < this.highMassShare ? high.sample(stream) : this.lnTauProposal.sample(stream);
  }

  /**
   * Draws beam energies, τ, x₁, both virtualities and azimuths, and solves for the spectators
   * (steps 1–3 of the file comment); returns the weight in pb, 0 outside the cuts or where no final
   * state exists, and keeps the spectators for `buildEvent`.
   */
  private trial(stream: RandomStream): number {
    const b = this.options.beams;
    if (this.options.beamEnergySpread) {
      this.beams.set(stream.gaussian(b.herEnergy, b.herEnergySpread), stream.gaussian(b.lerEnergy, b.lerEnergySpread));
    }
    const s = this.beams.sqrtS * this.beams.sqrtS;
    this.s = s;
    const lnTau = this.sampleLnTau(stream);
    const lnX1 = this.sampleLnX1(stream, lnTau);
    let w = this.weightAt(lnTau, lnX1, s);
    if (!(w > 0)) return 0;
    const x1 = Math.exp(lnX1);
    const x2 = Math.exp(lnTau - lnX1);
    const w2 = x1 * x2 * s;
    const q2Max = this.q2Limit(w2);
    const mixture = this.virtuality;
    let q1: number;
    let q2: number;
    if (mixture === undefined) {
      q1 = sampleVirtuality(stream, x1, q2Max);
      q2 = sampleVirtuality(stream, x2, q2Max);
    } else {
      mixture.sample(stream, x1, x2, q2Max);
      q1 = mixture.q1;
      q2 = mixture.q2;
      w *= mixture.weight;
    }
    // Spectator e± with p′⁺ = (1 − x)p⁺ and transverse momentum k: Q² = (k² + x²m_e²)/(1 − x) exactly.
    const me2 = ELECTRON_MASS * ELECTRON_MASS;
    const kt1 = Math.sqrt(Math.max(0, (1 - x1) * q1 - x1 * x1 * me2));
    const kt2 = Math.sqrt(Math.max(0, (1 - x2) * q2 - x2 * x2 * me2));
    const phi1 = 2 * Math.PI * stream.uniform();
    const phi2 = 2 * Math.PI * stream.uniform();
    this.kt1 = kt1;
    this.kt2 = kt2;
    this.phi1 = phi1;
    this.phi2 = phi2;
    // |k⃗₁ + k⃗₂|² needs only the azimuth difference; the vectors are made for accepted trials.
    const kSum2 = kt1 * kt1 + kt2 * kt2 + 2 * kt1 * kt2 * Math.cos(phi2 - phi1);
    if (!this.spectators.solve(Math.sqrt(s), x1, x2, kt1 * kt1 + me2, kt2 * kt2 + me2, kSum2, w2)) {
      this.noFinalStateTrials++;
      return 0;
    }
    return w;
  }

  generate(nEvents: number, stream: RandomStream): EventBatch {
    return hitOrMissBatch(nEvents, 4, stream, this.tally, this.options.weighted, (s) => this.trial(s), (s, builder, w) => this.buildEvent(s, builder, w));
  }

  // Scratch of `buildEvent`: k1x, k1y, k2x, k2y (GeV), and the rows e⁻, e⁺, μ⁻, μ⁺.
  private readonly k = new Float64Array(4);
  private readonly pE = new Float64Array(4);
  private readonly pX = new Float64Array(4);
  private readonly pY = new Float64Array(4);
  private readonly pZ = new Float64Array(4);

  /** Writes the event of the current (accepted) trial: its spectators, and the μ⁺μ⁻ decay angles. */
  private buildEvent(stream: RandomStream, builder: EventBatchBuilder, weight: number): void {
    const sqrtS = Math.sqrt(this.s);
    const eBeam = 0.5 * sqrtS;
    const pBeam = Math.sqrt(eBeam * eBeam - ELECTRON_MASS * ELECTRON_MASS);
    const k = this.k;
    k[0] = this.kt1 * Math.cos(this.phi1);
    k[1] = this.kt1 * Math.sin(this.phi1);
    k[2] = this.kt2 * Math.cos(this.phi2);
    k[3] = this.kt2 * Math.sin(this.phi2);
    const { e1, pz1, e2, pz2 } = this.spectators;
    // Rows 0–3 of the scratch columns: e⁻, e⁺ (c.m. frame), μ⁻, μ⁺ (μμ rest frame first).
    const E = this.pE, px = this.pX, py = this.pY, pz = this.pZ;
    E[0] = e1; px[0] = k[0]; py[0] = k[1]; pz[0] = pz1;
    E[1] = e2; px[1] = k[2]; py[1] = k[3]; pz[1] = pz2;
    // μ⁺μ⁻ system and the photon axis (direction of q₁ = p₁ − p₁′ in the μμ rest frame).
    const sE = sqrtS - e1 - e2;
    const sX = -k[0] - k[2];
    const sY = -k[1] - k[3];
    const sZ = -pz1 - pz2;
    // W from the four-momentum: the sampled W to the solver's tolerance (|ΔW²| < 10⁻¹⁴ s).
    const w = Math.sqrt(sE * sE - sX * sX - sY * sY - sZ * sZ);
    const q1E = eBeam - e1;
    const q1X = -k[0];
    const q1Y = -k[1];
    const q1Z = pBeam - pz1;
    // Boost q₁ by −P_μμ: q⃗* = q⃗ + P⃗[(q⃗·P⃗)/(W(E + W)) − q⁰/W].
    const c0 = (q1X * sX + q1Y * sY + q1Z * sZ) / (w * (sE + w)) - q1E / w;
    let ax = q1X + c0 * sX;
    let ay = q1Y + c0 * sY;
    let az = q1Z + c0 * sZ;
    const an = Math.hypot(ax, ay, az);
    ax /= an;
    ay /= an;
    az /= an;
    const r = (4 * MUON_MASS * MUON_MASS) / (w * w);
    const angle = this.angle;
    let eventWeight = weight;
    let cos: number;
    if (angle === undefined) cos = sampleBreitWheelerCos(stream, r);
    else {
      cos = angle.sample(stream, w * w, MUON_MASS, this.options.alphaEM);
      eventWeight *= angle.weight;
    }
    const sin = Math.sqrt(Math.max(0, (1 - cos) * (1 + cos)));
    const phi = 2 * Math.PI * stream.uniform();
    // Orthonormal (u, v) perpendicular to the axis a: u = (x̂ or ẑ) × a, normalised; v = a × u.
    const useX = Math.abs(az) > 0.9;
    let ux = useX ? 0 : -ay;
    let uy = useX ? -az : ax;
    let uz = useX ? ay : 0;
    const un = Math.hypot(ux, uy, uz);
    ux /= un;
    uy /= un;
    uz /= un;
    const vx = ay * uz - az * uy, vy = az * ux - ax * uz, vz = ax * uy - ay * ux;
    const cp = sin * Math.cos(phi), sp = sin * Math.sin(phi);
    const dx = cos * ax + cp * ux + sp * vx;
    const dy = cos * ay + cp * uy + sp * vy;
    const dz = cos * az + cp * uz + sp * vz;
    const pStar = 0.5 * w * Math.sqrt(1 - r);
    E[2] = 0.5 * w; px[2] = pStar * dx; py[2] = pStar * dy; pz[2] = pStar * dz;
    E[3] = 0.5 * w; px[3] = -pStar * dx; py[3] = -pStar * dy; pz[3] = -pStar * dz;
    boostRowFromRest(E, px, py, pz, 2, sE, sX, sY, sZ, w);
    boostRowFromRest(E, px, py, pz, 3, sE, sX, sY, sZ, w);
    const beams = this.beams;
    beams.toLab.applyToColumns(E, px, py, pz, 0, 4);
    builder.beginEvent(eventWeight, beams.totalE, beams.totalPx, beams.totalPy, beams.totalPz);
    builder.addParticle(PDG.electron, Status.final, -1, E[0], px[0], py[0], pz[0]);
    builder.addParticle(PDG.positron, Status.final, -1, E[1], px[1], py[1], pz[1]);
    builder.addParticle(PDG.muon, Status.final, -1, E[2], px[2], py[2], pz[2]);
    builder.addParticle(PDG.antimuon, Status.final, -1, E[3], px[3], py[3], pz[3]);
    builder.endEvent();
  }

  stats(): GenerationStats {
    return this.tally.stats();
  }

  describe(): Record<string, number | string | boolean | null> {
    return {
      process_description: 'e+e- -> e+e-mu+mu- (two-photon, equivalent-photon approximation with Q2 dependence)',
      min_mass_GeV: this.settings.minMassGeV,
      q2max_over_W2: this.settings.q2MaxOverW2,
      sigma_quadrature_pb: this.sigmaQuadraturePb,
      sigma_reference_aafh_pb: 18_900,
      isr_applied: false,
      no_final_state_trials: this.noFinalStateTrials,
      ...this.describeBias(),
    };
  }

  /** The `selectionBias` settings for `describe` (nothing when it is off). */
  private describeBias(): Record<string, number> {
    const bias = this.settings.selectionBias;
    if (!bias.enabled) return {};
    return {
      selection_bias_high_mass_GeV: bias.highMassGeV,
      selection_bias_high_mass_share: bias.highMassShare,
      selection_bias_q0_squared_GeV2: bias.q0SquaredGeV2,
      selection_bias_high_q2_share: bias.highQ2Share,
      selection_bias_central_rapidity: bias.centralRapidity,
      selection_bias_central_share: bias.centralShare,
      selection_bias_transverse_share: bias.transverseShare,
    };
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

export const eemumuProcess: ProcessDefinition = {
  name: 'eemumu',
  description: 'e+e- → e+e-μ+μ- two-photon production (exact multiperipheral matrix element, or equivalent photons; W_μμ > 0.5 GeV)',
  create(settings: unknown, options: GeneratorOptions, seed: number): EventGenerator {
    return createEemumuGenerator(EemumuSettings.parse(settings ?? {}), options, seed);
  },
};
