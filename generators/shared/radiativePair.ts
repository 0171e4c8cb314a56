import { EventBatchBuilder, type EventBatch } from '../../src/events/eventBatch.js';
import { EventBeams } from '../../src/physics/beams.js';
import { ALPHA_EM_0, ELECTRON_MASS, GEV2_TO_PB, PDG } from '../../src/physics/constants.js';
import { createStream, type RandomStream } from '../../src/random/stream.js';
import type { EventGenerator, GenerationStats, GeneratorOptions } from '../process.js';
import { CMEvent } from './cmEvent.js';
import { WeightSums } from './weightTally.js';
import { EventTrials, MAX_REJECTIONS, rejectionLimitError } from './trialLimits.js';
import { FinalStateRadiation, FsrEmission, fsrExponent } from './fsr.js';
import { InitialStateRadiation, IsrEmission, ISR_SOFT_VIRTUAL_FACTOR, electronStructureFunction, radiatorBeta } from './isr.js';
import { boostCoefficient } from '../../src/physics/fourVector.js';

/**
 * The engine shared by e⁺e⁻ → f f̄(γ) processes (μμ(γ), Bhabha): a 2 → 2 hard process at the
 * invariant mass s′ left by initial-state radiation, dressed with final-state radiation.
 *
 * One trial, all in the c.m. frame of the (possibly energy-smeared) beams, e⁻ along +z:
 * 1. each beam radiates a fraction v of its energy, drawn from the importance density
 *    q(v) = p·D(v) + (1 − p)/((1 − v)·ln(1/(1 − v_max))) (D the Kuraev–Fadin structure function of
 *    isr.ts; the second term follows the 1/s′ rise of the hard cross section), weight D(v)/q(v);
 *    the hard cross section is evaluated at the collinear s′ = s(1 − v₋)(1 − v₊) of the
 *    structure-function convolution, the final state is built at the photons' actual s′;
 *    photon angles from the dipole current (isr.ts); s′ below the process's cut gets zero weight;
 * 2. the hard process draws cosθ of the fermion in the rest frame of the hard system (axis: the
 *    c.m. z axis, boosted along the system momentum) and returns dσ/dcosθ over its proposal;
 * 3. the rate is multiplied by the O(α) soft-plus-virtual constant of the Kuraev–Fadin radiator,
 *    1 + (α/π)(π²/3 − 1/2) (Kuraev–Fadin, Sov. J. Nucl. Phys. 41, 466 (1985); with ISR), and by the inclusive final-state
 *    correction 1 + 3α/(4π) (Schwinger's; with FSR), whose real emission fsr.ts distributes;
 * 4. FSR dresses the pair, everything is boosted to the c.m. and then to the lab.
 * The trial weight is in pb; ⟨w⟩ over trials is σ. Unweighting accepts a trial with probability
 * w/w_max, w_max being the largest weight of a warm-up run (seed, "<process>/warmup", 0) times a
 * safety factor; trials above w_max are counted (overweight fraction) and kept with weight 1.
 *
 * Hard-radiation bias (weighted events only, `HardRadiationBias`): the background the Z′ search
 * keeps from a radiative pair is the small corner with a photon of large transverse momentum, so
 * the trial may instead draw one radiator from a hard density. The proposal is the mixture
 *   g = G₀·(c₀ + c₋ρ₋ + c₊ρ₊ + c_f ρ_f),  c₀ = 1 − c₋ − c₊ − c_f,
 * G₀ the density of the unbiased trial and ρ_k = h_k/G₀,k the ratio, for radiator k alone, of its
 * hard density to its unbiased one: with probability c_k the trial draws radiator k from h_k and
 * every other variable as without bias. The event weight is the unbiased one divided by
 * c₀ + Σ c_k ρ_k, evaluated at the event's own variables whichever component drew it (exact for every
 * distribution; the weight is at most 1/c₀ times the unbiased one). The hard densities:
 * - ISR photon of beam k (c₋ = c₊ = `isrShare`): v from the unbiased proposal q(v) restricted to
 *   v ≥ v_lo = p_T,min/E_beam, then t = 1 − β_e cosθ log-uniform over the polar angles at which
 *   the photon's transverse momentum v·E_beam·sinθ (c.m., to the beam) exceeds p_T,min, so that
 *   ρ = Z/(Q(v_lo)·ln(t_hi/t_lo)·R(t)), with Q(v_lo) = ∫q over [v_lo, v_max] and R(t)/(tZ) the
 *   exact dipole density of the photon angle (`dipoleAngleDensity`);
 * - FSR (c_f = `fsrShare`): x from the same density with the exponent γ raised to γ_b (a second
 *   radiator with α_b = α·γ_b/γ: the angular and kinematic construction do not depend on α), so
 *   that ρ = (γ_b/γ)·x^(γ_b − γ)·F_γ(x_max)/F_γb(x_max), F the unnormalised cumulative of
 *   γx^(γ−1)(1 − x + x²/2), and F_γb(x_min)F_γ(x_max)/(F_γ(x_min)F_γb(x_max)) without a photon.
 * With the bias the event is built before its weight is recorded, so that σ = ⟨w⟩ still holds.
 *
 * A final-state filter (`FinalStateFilter`, e.g. the μμ(γ) fiducial requirement of mumu.ts) gives
 * zero weight to built events it rejects: σ is then the cross section inside the filter.
 */

/** The hard 2 → 2 process of a radiative pair generator. */
export interface PairHardProcess {
  /** PDG number of the fermion (ℓ⁻ or e⁻); its antiparticle is −pdg. */
  readonly fermionPdg: number;
  /** Fermion mass in GeV. */
  readonly fermionMass: number;
  /** The cosine drawn by the last `sampleCos`. */
  readonly cos: number;
  /**
   * Draws cosθ (fermion vs the e⁻ axis, hard-system rest frame) and returns dσ/dcosθ at s =
   * `sRate` divided by the proposal density, in GeV⁻² (0 if nothing is allowed). `sPrime` is the
   * actual invariant mass² of the hard system and `betaZ` its velocity along z in the c.m. (for
   * processes whose angular range follows the boost).
   */
  sampleCos(stream: RandomStream, sRate: number, sPrime: number, betaZ: number): number;
  /** Generator-level cuts on the final state in the c.m. frame of the beams (true: keep). */
  accepts?(event: CMEvent): boolean;
}

export interface RadiativePairSettings {
  /** Final-state radiation on. */
  readonly fsr: boolean;
  /** Lowest invariant mass √s′ of the hard system after ISR, GeV. */
  readonly minSqrtSPrimeGeV: number;
  /** Beam and photon energy fractions below this are not emitted as photons. */
  readonly minPhotonFraction: number;
  /** Trials of the warm-up that finds the maximum weight. */
  readonly warmupTrials: number;
  /** w_max = (largest warm-up weight) × this. */
  readonly maxWeightSafety: number;
  /**
   * Largest angle of an ISR photon to its beam, rad (default: no limit). The dipole angles are
   * drawn again until both photons are inside (the dipole distribution truncated there).
   */
  readonly maxIsrPhotonAngleRad?: number;
  /** Importance sampling of hard radiation (weighted events only; see the file comment). */
  readonly hardRadiationBias?: HardRadiationBias;
  /**
   * Build the hard system at the collinear s′ = s(1 − v₋)(1 − v₊) at which the rate is evaluated
   * (default false). With two photons at non-opposite angles the actual s′ is lower by
   * 2ω₁ω₂(1 + cos θ₁₂) — a soft photon at a wide angle to a hard one from the other beam moves s′
   * far from the s′ of the rate, which for a narrow resonance in s′ (the ρ of π⁺π⁻) puts peak rates
   * at masses far below the peak. With this option the softer photon's energy is rescaled, its
   * direction kept, to ω′ = ω(√s − 2ω_h)/(√s − ω_h(1 − cos θ₁₂)) (ω_h the harder photon), which
   * gives exactly the collinear s′ (unchanged for back-to-back photons).
   */
  readonly keepCollinearSPrime?: boolean;
  /** A resonance channel in the ISR proposal, for hard processes with a resonance in s′ (see `ResonanceChannel`). */
  readonly resonanceChannel?: ResonanceChannel;
}

/**
 * A channel of the ISR proposal for a hard cross section with a resonance in s′ (the ρ of
 * e⁺e⁻ → π⁺π⁻, whose radiative return holds nearly all of σ): with probability `share` one beam's
 * fraction is drawn given the other's so that the hard system's s′ = s(1 − v₋)(1 − v₊) follows the
 * Cauchy density MΓ/((s′ − M²)² + M²Γ²) truncated to [s′_min, s(1 − v_other)] (see
 * `resonantFractions`). The weight keeps every distribution exact.
 */
export interface ResonanceChannel {
  readonly massGeV: number;
  readonly widthGeV: number;
  /** Probability c of the channel, in (0, 1). */
  readonly share: number;
}

/** The shares and hard densities of the hard-radiation bias (see the file comment). */
export interface HardRadiationBias {
  /** Probability c₋ = c₊ that a trial draws the photon of the e⁻ (or of the e⁺) beam from the hard density. */
  readonly isrShare: number;
  /** Probability c_f that a trial draws the final-state photon from the hard density. */
  readonly fsrShare: number;
  /** Smallest c.m. transverse momentum (to the beam axis) of a hard ISR photon, GeV/c. */
  readonly isrMinPtGeV: number;
  /** Exponent γ_b of the hard FSR density γ_b·x^(γ_b − 1)(1 − x + x²/2), at a pair mass of the nominal √s. */
  readonly fsrExponent: number;
}

/** A generator-level requirement on built events (zero weight if it fails). */
export interface FinalStateFilter {
  /**
   * True to keep the event: `event` holds its particles in the c.m. frame of its beams, in the
   * order the engine writes them (fermion, antifermion, ISR photons, FSR photon), and
   * `beams.toLab` is its c.m. → lab transformation.
   */
  accepts(event: CMEvent, beams: EventBeams): boolean;
}

/** Which radiator a biased trial draws from its hard density. */
const Component = { none: 0, isrMinus: 1, isrPlus: 2, fsr: 3 } as const;
type Component = (typeof Component)[keyof typeof Component];


export class RadiativePairGenerator implements EventGenerator {
  private readonly beams: EventBeams;
  private readonly isr: InitialStateRadiation;
  private readonly fsr: FinalStateRadiation;
  private readonly isrOut = new IsrEmission();
  private readonly fsrOut = new FsrEmission();
  private readonly hardRegion = new HardIsrRegion();
  /** v₋, v₊ of the last biased trial. */
  private readonly fractions = new Float64Array(2);
  private readonly cm = new CMEvent(6);
  private readonly sMin: number;
  private readonly rateFactor: number;
  private maxWeight = 0;
  /** σ and its Monte Carlo error from every trial (warm-up included). */
  private readonly sums = new WeightSums();
  private accepted = 0;
  private overweight = 0;
  private unweightTrials = 0;
  private readonly eventTrials: EventTrials;
  // Boost of the current hard system to the c.m. (γ, (γ − 1)/β², β).
  private boostGamma = 1;
  private boostK = 0;
  private boostX = 0;
  private boostY = 0;
  private boostZ = 0;
  /** Nominal √s of the beam settings, GeV. */
  private readonly nominalSqrtS: number;
  /** cos of the largest ISR photon angle to its beam (−1: no limit). */
  private readonly minIsrCos: number;
  /** Final-state radiation in this run: the setting, and ISR on. */
  private readonly fsrOn: boolean;
  /** The hard-radiation bias (null: none) and the shares c₋ = c₊, c_f, c₀ that apply in this run. */
  private readonly bias: HardRadiationBias | null;
  private readonly isrShare: number;
  private readonly fsrShare: number;
  private readonly unbiasedShare: number;
  /** FSR with the exponent raised to γ_b (the hard FSR density), and α_b/α. */
  private readonly hardFsr: FinalStateRadiation | null = null;
  private readonly hardFsrScale: number = 1;
  /** The radiator the current trial draws from its hard density. */
  private component: Component = Component.none;
  /** c₀ + c₋ρ₋ + c₊ρ₊ of the current trial (the ISR part of the bias denominator). */
  private isrBiasSum = 1;
  /** Generator-level requirement on built events (null: none). */
  private readonly filter: FinalStateFilter | null;
  /** The resonance channel (share 0: none): its share, M² and MΓ. */
  private readonly resonanceShare: number = 0;
  private readonly resonanceM2: number = 0;
  private readonly resonanceMG: number = 0;
  /** Build each trial before its weight is recorded: generator cuts, a filter or the bias need the event. */
  private readonly prebuild: boolean;

  constructor(
    readonly process: string,
    private readonly hard: PairHardProcess,
    private readonly settings: RadiativePairSettings,
    private readonly options: GeneratorOptions,
    seed: number,
    /** Process-specific entries of `describe()`. */
    private readonly facts: Record<string, number | string | boolean | null> = {},
    filter: FinalStateFilter | null = null,
  ) {
    this.beams = new EventBeams(options.beams);
    this.nominalSqrtS = this.beams.sqrtS;
    this.eventTrials = new EventTrials(process);
    // Radiated photons couple with α(0); --alpha-em changes the hard process only.
    const alpha = ALPHA_EM_0;
    this.isr = new InitialStateRadiation({ alpha, minPhotonFraction: settings.minPhotonFraction });
    this.fsr = new FinalStateRadiation({ alpha, minPhotonFraction: settings.minPhotonFraction });
    this.sMin = settings.minSqrtSPrimeGeV * settings.minSqrtSPrimeGeV;
    this.minIsrCos = settings.maxIsrPhotonAngleRad === undefined ? -1 : Math.cos(settings.maxIsrPhotonAngleRad);
    // Without ISR the process is the plain tree-level one (GeneratorOptions.isr): no FSR either.
    this.fsrOn = settings.fsr && options.isr;
    const bias = settings.hardRadiationBias ?? null;
    this.bias = bias;
    this.filter = filter;
    this.prebuild = hard.accepts !== undefined || filter !== null || bias !== null;
    if (bias !== null) {
      checkBias(process, bias, settings, options);
      this.isrShare = options.isr ? bias.isrShare : 0;
      this.fsrShare = this.fsrOn ? bias.fsrShare : 0;
      if (this.fsrShare > 0) {
        // α_b/α = γ_b/γ at a pair mass of the nominal √s (γ is linear in α).
        const r = (4 * hard.fermionMass * hard.fermionMass) / (this.nominalSqrtS * this.nominalSqrtS);
        const betaF = Math.sqrt(1 - r);
        this.hardFsrScale = bias.fsrExponent / fsrExponent(betaF, r / (1 + betaF), alpha);
        this.hardFsr = new FinalStateRadiation({ alpha: alpha * this.hardFsrScale, minPhotonFraction: settings.minPhotonFraction });
      }
    } else {
      this.isrShare = 0;
      this.fsrShare = 0;
    }
    this.unbiasedShare = 1 - 2 * this.isrShare - this.fsrShare;
    const resonance = settings.resonanceChannel;
    if (resonance !== undefined) {
      if (bias !== null) throw new RangeError(`${process}: the resonance channel does not combine with the hard-radiation bias`);
      if (!(resonance.share > 0 && resonance.share < 1) || !(resonance.massGeV > 0) || !(resonance.widthGeV > 0)) {
        throw new RangeError(`${process}: the resonance channel needs a share in (0, 1) and a positive mass and width`);
      }
      this.resonanceShare = resonance.share;
      this.resonanceM2 = resonance.massGeV * resonance.massGeV;
      this.resonanceMG = resonance.massGeV * resonance.widthGeV;
    }
    const isrFactor = options.isr ? ISR_SOFT_VIRTUAL_FACTOR : 1;
    const fsrFactor = this.fsrOn ? 1 + (3 * alpha) / (4 * Math.PI) : 1;
    this.rateFactor = isrFactor * fsrFactor * GEV2_TO_PB;
    this.warmUp(createStream(seed, `${process}/warmup`, 0));
  }

  /** The maximum weight used for unweighting, pb. */
  get maximumWeight(): number {
    return this.maxWeight;
  }

  generate(nEvents: number, stream: RandomStream): EventBatch {
    const builder = new EventBatchBuilder(nEvents, 5);
    const weighted = this.options.weighted;
    const needsEvent = this.prebuild;
    let made = 0;
    let batchTrials = 0;
    let batchSumW = 0;
    const eventTrials = this.eventTrials;
    eventTrials.startBatch();
    while (made < nEvents) {
      eventTrials.count();
      let w = this.trial(stream);
      if (w > 0 && needsEvent) w = this.finishTrial(stream, w);
      this.record(w);
      batchTrials++;
      batchSumW += w;
      if (!(w > 0)) continue;
      if (!weighted) {
        this.unweightTrials++;
        if (w > this.maxWeight) this.overweight++;
        if (stream.uniform() * this.maxWeight >= w) continue;
      }
      if (!needsEvent) this.buildEvent(stream);
      // A trial above the maximum weight is kept with weight w/w_max, so that the sample stays unbiased.
      this.cm.writeToLab(builder, this.beams, weighted ? w : Math.max(1, w / this.maxWeight));
      eventTrials.event();
      made++;
      this.accepted++;
    }
    const batch = builder.build();
    if (weighted && made > 0) {
      // Zero-weight trials are not written: the kept weights are scaled by kept/trials so that
      // their mean is this batch's σ estimate ⟨w⟩ over all its trials.
      const scale = (batchSumW / batchTrials) / (sumOf(batch.weight) / made);
      for (let i = 0; i < batch.nEvents; i++) batch.weight[i] *= scale;
    }
    return batch;
  }

  stats(): GenerationStats {
    const mean = this.sums.sigmaPb;
    return {
      sigmaPb: mean,
      sigmaErrPb: this.sums.sigmaErrPb,
      trials: this.sums.trials,
      accepted: this.accepted,
      unweightingEfficiency: this.maxWeight > 0 ? mean / this.maxWeight : 0,
      overweightFraction: this.unweightTrials > 0 ? this.overweight / this.unweightTrials : 0,
      maxTrialsPerEvent: this.eventTrials.most,
    };
  }

  describe(): Record<string, number | string | boolean | null> {
    return {
      sqrt_s_GeV: this.nominalSqrtS,
      min_sqrt_s_prime_GeV: this.settings.minSqrtSPrimeGeV,
      fsr: this.fsrOn,
      max_weight_pb: this.maxWeight,
      ...(this.bias === null
        ? {}
        : {
            hard_radiation_bias: true,
            bias_isr_share_per_beam: this.isrShare,
            bias_fsr_share: this.fsrShare,
            bias_isr_min_pt_GeV: this.bias.isrMinPtGeV,
            bias_fsr_exponent: this.bias.fsrExponent,
          }),
      ...this.facts,
    };
  }

  private warmUp(stream: RandomStream): void {
    let max = 0;
    for (let i = 0; i < this.settings.warmupTrials; i++) {
      let w = this.trial(stream);
      if (w > 0 && this.prebuild) w = this.finishTrial(stream, w);
      this.record(w);
      if (w > max) max = w;
    }
    this.maxWeight = max * this.settings.maxWeightSafety;
  }

  private record(w: number): void {
    this.sums.add(w);
  }

  /**
   * Builds the event of a trial of weight w > 0 before its weight is recorded and returns its final
   * weight: 0 if the generator cuts or the filter reject it, divided by the bias denominator
   * c₀ + Σ c_k ρ_k with the bias.
   */
  private finishTrial(stream: RandomStream, w: number): number {
    if (!this.buildEvent(stream)) return 0;
    if (this.hard.accepts !== undefined && !this.hard.accepts(this.cm)) return 0;
    if (this.filter !== null && !this.filter.accepts(this.cm, this.beams)) return 0;
    if (this.bias !== null) w /= this.isrBiasSum + (this.fsrShare > 0 ? this.fsrShare * this.fsrRatio() : 0);
    return w;
  }

  /**
   * ρ_f: the ratio of the hard FSR density to the unbiased one at the current event's photon
   * fraction x = 2ω/√s′ (or for no photon, x below the emission cut), see the file comment.
   */
  private fsrRatio(): number {
    const mass = this.hard.fermionMass;
    const sPrime = this.isrOut.sPrime;
    const r = (4 * mass * mass) / sPrime;
    const beta = Math.sqrt(1 - r);
    const gamma = fsrExponent(beta, r / (1 + beta), ALPHA_EM_0);
    const gammaB = gamma * this.hardFsrScale;
    const xMax = 1 - r;
    const norm = fsrCumulative(xMax, gamma) / fsrCumulative(xMax, gammaB);
    const f = this.fsrOut;
    if (f.nPhotons === 0) {
      const xMin = this.settings.minPhotonFraction;
      return (fsrCumulative(xMin, gammaB) / fsrCumulative(xMin, gamma)) * norm;
    }
    const x = (2 * f.photonE) / Math.sqrt(sPrime);
    return (gammaB / gamma) * Math.pow(x, gammaB - gamma) * norm;
  }

  /** One phase-space point: fills the beams, ISR and the hard angle; returns its weight in pb. */
  private trial(stream: RandomStream): number {
    const opts = this.options;
    const beams = this.beams;
    if (opts.beamEnergySpread) {
      const b = opts.beams;
      beams.set(stream.gaussian(b.herEnergy, b.herEnergySpread), stream.gaussian(b.lerEnergy, b.lerEnergySpread));
    }
    const sqrtS = beams.sqrtS;
    const s = sqrtS * sqrtS;
    let w = this.rateFactor;
    let sRate = s;
    const isr = this.isrOut;
    if (this.bias !== null) {
      this.component = this.drawComponent(stream);
      this.isrBiasSum = this.unbiasedShare;
    }
    if (opts.isr) {
      const beta = radiatorBeta(sqrtS, ALPHA_EM_0);
      const vMax = 1 - this.sMin / s;
      if (!(vMax > 0)) return 0;
      const logRange = -Math.log1p(-vMax);
      // p balances the two channels' largest weights, 1/p (v → 0) and D(1)L/(1 − p) (v → 1).
      const p = 1 / (1 + electronStructureFunction(1, beta) * logRange);

      let vMinus: number;
      let vPlus: number;
      if (this.bias !== null && this.isrShare > 0) {
        w *= this.biasedIsr(this.bias, stream, sqrtS, beta, vMax, logRange, p);
        if (!(w > 0)) return 0;
        vMinus = this.fractions[0];
        vPlus = this.fractions[1];
      } else {
        if (this.resonanceShare > 0) {
          w *= this.resonantFractions(stream, beta, vMax, logRange, p, s);
          vMinus = this.fractions[0];
          vPlus = this.fractions[1];
        } else {
          vMinus = this.sampleFraction(stream, beta, logRange, p);
          vPlus = this.sampleFraction(stream, beta, logRange, p);
          w *= this.fractionWeight(vMinus, beta, vMax, logRange, p) * this.fractionWeight(vPlus, beta, vMax, logRange, p);
        }
        if (!(w > 0)) return 0;
        this.isr.emitFractions(stream, sqrtS, vMinus, vPlus, isr);
        for (let redraws = 0; !this.photonsWithinCone(isr); redraws++) {
          if (redraws === MAX_REJECTIONS) throw rejectionLimitError(`${this.process}: ISR photon angles`, `largest angle to the beam ${this.settings.maxIsrPhotonAngleRad} rad`);
          this.isr.emitFractions(stream, sqrtS, vMinus, vPlus, isr);
        }
      }
      if (this.settings.keepCollinearSPrime === true && isr.nPhotons === 2) restoreCollinearSPrime(isr, sqrtS);
      if (!isr.physical || isr.sPrime < this.sMin) return 0;
      // The rate is the structure-function convolution ∫D(v₋)D(v₊)σ₀(s(1 − v₋)(1 − v₊)): σ₀ is
      // evaluated at the collinear s′, the final state is built at the photons' actual s′ (equal to
      // it with `keepCollinearSPrime`).
      sRate = s * (1 - vMinus) * (1 - vPlus);
    } else {
      isr.nPhotons = 0;
      isr.systemE = sqrtS;
      isr.systemPx = 0;
      isr.systemPy = 0;
      isr.systemPz = 0;
      isr.sPrime = s;
      isr.physical = true;
    }
    return w * this.hard.sampleCos(stream, sRate, isr.sPrime, isr.systemPz / isr.systemE);
  }

  /** The radiator a biased trial draws from its hard density: e⁻ ISR, e⁺ ISR or FSR with c₋, c₊, c_f. */
  private drawComponent(stream: RandomStream): Component {
    const u = stream.uniform();
    if (u < this.isrShare) return Component.isrMinus;
    if (u < 2 * this.isrShare) return Component.isrPlus;
    if (u < 2 * this.isrShare + this.fsrShare) return Component.fsr;
    return Component.none;
  }

  /**
   * The ISR of a biased trial: both energy fractions and photon angles, the photon of the trial's
   * component (if an ISR one) from the hard density, the other as without bias. Fills the emission,
   * sets `isrBiasSum` = c₀ + c₋ρ₋ + c₊ρ₊ and returns D(v₋)D(v₊)/(q(v₋)q(v₊)) (0 above v_max).
   * Where the hard region is empty for these beams (v_lo ≥ v_max), h is taken equal to the
   * unbiased density: ρ = 1, and the component draws as without bias.
   */
  private biasedIsr(bias: HardRadiationBias, stream: RandomStream, sqrtS: number, beta: number, vMax: number, logRange: number, p: number): number {
    const beamE = 0.5 * sqrtS;
    const hard = this.hardRegion.set(beamE, bias.isrMinPtGeV, this.settings.minPhotonFraction, beta, vMax, logRange, p);
    const minHard = hard && this.component === Component.isrMinus;
    const plusHard = hard && this.component === Component.isrPlus;
    const vMinus = minHard ? this.hardRegion.sampleFraction(stream, beta) : this.sampleFraction(stream, beta, logRange, p);
    const vPlus = plusHard ? this.hardRegion.sampleFraction(stream, beta) : this.sampleFraction(stream, beta, logRange, p);
    this.fractions[0] = vMinus;
    this.fractions[1] = vPlus;
    const weight = this.fractionWeight(vMinus, beta, vMax, logRange, p) * this.fractionWeight(vPlus, beta, vMax, logRange, p);
    if (!(weight > 0)) return 0;
    const out = this.isrOut;
    const xMin = this.settings.minPhotonFraction;
    beginEmission(out, sqrtS);
    let rhoMinus = hard ? 0 : 1;
    let rhoPlus = hard ? 0 : 1;
    if (vMinus >= xMin) {
      const t = minHard ? this.hardRegion.sampleT(stream, vMinus) : this.isr.sampleEmissionT(stream, beamE);
      addIsrPhoton(stream, out, sqrtS, 1, vMinus, t);
      if (hard) rhoMinus = this.hardRegion.ratio(vMinus, t);
    }
    if (vPlus >= xMin) {
      const t = plusHard ? this.hardRegion.sampleT(stream, vPlus) : this.isr.sampleEmissionT(stream, beamE);
      addIsrPhoton(stream, out, sqrtS, -1, vPlus, t);
      if (hard) rhoPlus = this.hardRegion.ratio(vPlus, t);
    }
    finishEmission(out);
    this.isrBiasSum = this.unbiasedShare + this.isrShare * (rhoMinus + rhoPlus);
    return weight;
  }

  /** True if every ISR photon is within the settings' cone around its own beam. */
  private photonsWithinCone(isr: IsrEmission): boolean {
    if (this.minIsrCos === -1) return true;
    for (let i = 0; i < isr.nPhotons; i++) {
      if (isr.emitter[i] * isr.photonPz[i] < this.minIsrCos * isr.photonE[i]) return false;
    }
    return true;
  }

  /** v from q(v) = p·D(v) + (1 − p)/((1 − v)L) on [0, v_max] (the D channel may exceed v_max). */
  private sampleFraction(stream: RandomStream, beta: number, logRange: number, p: number): number {
    if (stream.uniform() < p) return this.isr.sampleFraction(stream, beta);
    return -Math.expm1(-logRange * stream.uniform());
  }

  /** D(v)/q(v), zero above v_max. */
  private fractionWeight(v: number, beta: number, vMax: number, logRange: number, p: number): number {
    if (v > vMax) return 0;
    const d = electronStructureFunction(v, beta);
    return d / (p * d + (1 - p) / ((1 - v) * logRange));
  }

  /**
   * Both fractions with the resonance channel (`ResonanceChannel`): a beam k (either with
   * probability ½) draws v_k from q; the other draws from q, or with probability c from ρ(v | v_k),
   * under which s(1 − v_k)(1 − v) follows the truncated Cauchy density. The pair's proposal is
   *   g = (1 − c)q(v₋)q(v₊) + (c/2)[q(v₋)ρ(v₊ | v₋) + q(v₊)ρ(v₋ | v₊)],
   * and the returned weight D(v₋)D(v₊)/g (0 above v_max); the fractions go to `fractions`.
   */
  private resonantFractions(stream: RandomStream, beta: number, vMax: number, logRange: number, p: number, s: number): number {
    const c = this.resonanceShare;
    const first = this.sampleFraction(stream, beta, logRange, p);
    const second = stream.uniform() < c ? this.sampleResonant(stream, s * (1 - first)) : this.sampleFraction(stream, beta, logRange, p);
    const minusFirst = stream.uniform() < 0.5;
    const vMinus = minusFirst ? first : second;
    const vPlus = minusFirst ? second : first;
    this.fractions[0] = vMinus;
    this.fractions[1] = vPlus;
    if (!(vMinus <= vMax && vPlus <= vMax)) return 0;
    const dMinus = electronStructureFunction(vMinus, beta);
    const dPlus = electronStructureFunction(vPlus, beta);
    const qMinus = p * dMinus + (1 - p) / ((1 - vMinus) * logRange);
    const qPlus = p * dPlus + (1 - p) / ((1 - vPlus) * logRange);
    const g = (1 - c) * qMinus * qPlus + 0.5 * c * (qMinus * this.resonantDensity(vPlus, s * (1 - vMinus)) + qPlus * this.resonantDensity(vMinus, s * (1 - vPlus)));
    return (dMinus * dPlus) / g;
  }

  /** v with x = sRest(1 − v) from the Cauchy density of the resonance truncated to [s′_min, sRest]. */
  private sampleResonant(stream: RandomStream, sRest: number): number {
    if (!(sRest > this.sMin)) return 1;
    const lo = Math.atan((this.sMin - this.resonanceM2) / this.resonanceMG);
    const hi = Math.atan((sRest - this.resonanceM2) / this.resonanceMG);
    const x = this.resonanceM2 + this.resonanceMG * Math.tan(lo + (hi - lo) * stream.uniform());
    return Math.min(1, Math.max(0, 1 - x / sRest));
  }

  /** ρ(v | ·): the density in v of `sampleResonant` for this sRest. */
  private resonantDensity(v: number, sRest: number): number {
    if (!(sRest > this.sMin)) return 0;
    const x = sRest * (1 - v);
    if (x < this.sMin) return 0;
    const mg = this.resonanceMG;
    const lo = Math.atan((this.sMin - this.resonanceM2) / mg);
    const hi = Math.atan((sRest - this.resonanceM2) / mg);
    const d = x - this.resonanceM2;
    return (sRest * mg) / ((d * d + mg * mg) * (hi - lo));
  }

  /**
   * Builds the particles of the current trial in the c.m. frame (FSR included) into `cm`. With
   * generator cuts and FSR, the Born-level pair must pass the cuts first (returns false if not):
   * FSR may move events out of the acceptance but never brings in events from outside it, where
   * (e.g. near the Bhabha t-channel pole) the photon-recoil kinematics would carry weights that the
   * radiation model does not describe.
   */
  private buildEvent(stream: RandomStream): boolean {
    const isr = this.isrOut;
    const cm = this.cm;
    const hard = this.hard;
    const c = hard.cos;
    const sin = Math.sqrt(Math.max(0, (1 - c) * (1 + c)));
    const phi = 2 * Math.PI * stream.uniform();
    const nx = sin * Math.cos(phi);
    const ny = sin * Math.sin(phi);
    const mass = hard.fermionMass;
    const sqrtSPrime = Math.sqrt(isr.sPrime);
    // Hard-system rest frame → c.m.: boost by β = p_sys/E_sys.
    const g = isr.systemE / sqrtSPrime;
    this.boostGamma = g;
    this.boostK = boostCoefficient(g);
    this.boostX = isr.systemPx / isr.systemE;
    this.boostY = isr.systemPy / isr.systemE;
    this.boostZ = isr.systemPz / isr.systemE;
    const pdg = hard.fermionPdg;
    const f = this.fsrOut;
    const e = 0.5 * sqrtSPrime;
    const p = Math.sqrt(Math.max(0, e * e - mass * mass));
    if (this.fsrOn && hard.accepts !== undefined) {
      cm.clear();
      this.addBoosted(pdg, e, p * nx, p * ny, p * c);
      this.addBoosted(-pdg, e, -p * nx, -p * ny, -p * c);
      if (!hard.accepts(cm)) return false;
    }
    cm.clear();
    if (this.fsrOn) {
      const radiator = this.component === Component.fsr && this.hardFsr !== null ? this.hardFsr : this.fsr;
      radiator.radiate(stream, mass, sqrtSPrime, nx, ny, c, f);
    } else {
      f.nPhotons = 0;
      f.fermionE = e; f.fermionPx = p * nx; f.fermionPy = p * ny; f.fermionPz = p * c;
      f.antiE = e; f.antiPx = -p * nx; f.antiPy = -p * ny; f.antiPz = -p * c;
    }
    this.addBoosted(pdg, f.fermionE, f.fermionPx, f.fermionPy, f.fermionPz);
    this.addBoosted(-pdg, f.antiE, f.antiPx, f.antiPy, f.antiPz);
    for (let i = 0; i < isr.nPhotons; i++) cm.add(PDG.photon, isr.photonE[i], isr.photonPx[i], isr.photonPy[i], isr.photonPz[i]);
    if (f.nPhotons > 0) this.addBoosted(PDG.photon, f.photonE, f.photonPx, f.photonPy, f.photonPz);
    return true;
  }

  /** Adds a hard-system-frame particle to the c.m. event, boosted by the current system velocity. */
  private addBoosted(id: number, e: number, px: number, py: number, pz: number): void {
    const g = this.boostGamma;
    const bx = this.boostX, by = this.boostY, bz = this.boostZ;
    const bp = bx * px + by * py + bz * pz;
    const q = this.boostK * bp + g * e;
    this.cm.add(id, g * (e + bp), px + q * bx, py + q * by, pz + q * bz);
  }
}

function checkBias(process: string, bias: HardRadiationBias, settings: RadiativePairSettings, options: GeneratorOptions): void {
  if (!options.weighted) {
    throw new RangeError(
      `${process}: the hard-radiation bias needs weighted events (GeneratorOptions.weighted = true, --weighted): unweighting would give back the unbiased distribution at a lower efficiency`,
    );
  }
  if (settings.maxIsrPhotonAngleRad !== undefined) throw new RangeError(`${process}: the hard-radiation bias does not combine with a largest ISR photon angle`);
  if (!(bias.isrShare >= 0 && bias.fsrShare >= 0 && 2 * bias.isrShare + bias.fsrShare < 1)) {
    throw new RangeError(`${process}: the bias shares need isrShare, fsrShare >= 0 and 2·isrShare + fsrShare < 1 (got ${bias.isrShare}, ${bias.fsrShare})`);
  }
  if (!(bias.isrMinPtGeV > 0) || !(bias.fsrExponent > 0)) throw new RangeError(`${process}: the bias needs isrMinPtGeV > 0 and fsrExponent > 0`);
}

/** F_γ(x) = ∫₀ˣ γy^(γ−1)(1 − y + y²/2)dy = x^γ[1 − γx/(γ + 1) + γx²/(2(γ + 2))] (the FSR density of fsr.ts, unnormalised). */
export function fsrCumulative(x: number, gamma: number): number {
  return Math.pow(x, gamma) * (1 - (gamma * x) / (gamma + 1) + (gamma * x * x) / (2 * (gamma + 2)));
}

/**
 * The normalised density of t = 1 − β_e cosθ that `InitialStateRadiation.sampleEmissionT` draws,
 * R(t)/(t·Z) on [1 − β_e, 1 + β_e], with R(t) = 1 + β_e² − m²(2 − t)/(2t) − m²t/(2(2 − t)),
 * m² = m_e²/E² = 1 − β_e², and Z = ∫R/t dt = (1 + β_e²)·ln((1 + β_e)/(1 − β_e)) − 2β_e.
 */
export function dipoleAngleDensity(t: number, beamEnergy: number): number {
  const m2 = (ELECTRON_MASS * ELECTRON_MASS) / (beamEnergy * beamEnergy);
  const oneMinusBeta = m2 / (1 + Math.sqrt(1 - m2));
  const beta = 1 - oneMinusBeta;
  if (!(t >= oneMinusBeta && t <= 1 + beta)) return 0;
  const z = (1 + beta * beta) * (Math.log(1 + beta) - Math.log(oneMinusBeta)) - 2 * beta;
  return dipoleNumerator(t, beta, m2) / (t * z);
}

/** R(t) of `dipoleAngleDensity`. */
function dipoleNumerator(t: number, beta: number, m2: number): number {
  const s = 2 - t;
  return 1 + beta * beta - (m2 * s) / (2 * t) - (m2 * t) / (2 * s);
}

/** ∫ₐᵇ D(v)dv of the structure function D of isr.ts: (1 + 3β/8)(b^(β/2) − a^(β/2)) − (β/4)(2(b − a) − (b² − a²)/2). */
function structureFunctionIntegral(a: number, b: number, beta: number): number {
  const h = 0.5 * beta;
  return (1 + 0.375 * beta) * (Math.pow(b, h) - Math.pow(a, h)) - 0.25 * beta * (2 * (b - a) - 0.5 * (b * b - a * a));
}

/**
 * The hard wide-angle density of one ISR photon for the current beams (see the file comment):
 * v from q(v)/Q on [v_lo, v_max], v_lo = max(p_T,min/E_beam, the emission cut), then
 * t log-uniform on [t_lo(v), t_hi(v)] = 1 ∓ β_e cosθ₀, sinθ₀ = p_T,min/(v·E_beam).
 */
class HardIsrRegion {
  private beamE = 0;
  private minPt = 0;
  private vLo = 0;
  private vMax = 0;
  /** Masses of the two channels of q restricted to [v_lo, v_max], and their sum Q (0: not yet computed). */
  private massD = 0;
  private q = 0;
  /** β of the structure function, p and L of the unbiased proposal q (for Q). */
  private beta = 0;
  private p = 0;
  private logRange = 0;
  private logOneMinusLo = 0;
  private logOneMinusMax = 0;
  private m2 = 0;
  private oneMinusBeta = 0;
  private betaE = 0;
  /** Z of the exact dipole density. */
  private z = 0;
  /** The t range of the last `setAngles`. */
  private tLo = 0;
  private tHi = 0;

  /** Sets the region for these beams; false if it is empty (v_lo ≥ v_max). */
  set(beamE: number, minPt: number, minFraction: number, beta: number, vMax: number, logRange: number, p: number): boolean {
    this.beamE = beamE;
    this.minPt = minPt;
    this.vLo = Math.max(minPt / beamE, minFraction);
    this.vMax = vMax;
    if (!(this.vLo < vMax)) return false;
    this.beta = beta;
    this.p = p;
    this.logRange = logRange;
    this.q = 0;
    const m2 = (ELECTRON_MASS * ELECTRON_MASS) / (beamE * beamE);
    this.m2 = m2;
    this.oneMinusBeta = m2 / (1 + Math.sqrt(1 - m2));
    this.betaE = 1 - this.oneMinusBeta;
    this.z = (1 + this.betaE * this.betaE) * (Math.log(1 + this.betaE) - Math.log(this.oneMinusBeta)) - 2 * this.betaE;
    return true;
  }

  /** Q and the masses of the two channels (computed when first needed for these beams). */
  private setMasses(): void {
    this.massD = this.p * structureFunctionIntegral(this.vLo, this.vMax, this.beta);
    this.logOneMinusLo = Math.log1p(-this.vLo);
    this.logOneMinusMax = Math.log1p(-this.vMax);
    this.q = this.massD + ((1 - this.p) * (this.logOneMinusLo - this.logOneMinusMax)) / this.logRange;
  }

  /** v from q(v)/Q on [v_lo, v_max]: the channel by its mass, then D by rejection from its leading power, or ln(1 − v) uniform. */
  sampleFraction(stream: RandomStream, beta: number): number {
    if (this.q === 0) this.setMasses();
    if (stream.uniform() * this.q < this.massD) {
      const h = 0.5 * beta;
      const a = Math.pow(this.vLo, h);
      const b = Math.pow(this.vMax, h);
      const norm = 2 * (1 + 0.375 * beta);
      for (let proposals = 0; ; proposals++) {
        if (proposals === MAX_REJECTIONS) throw rejectionLimitError('hard ISR fraction', `v in [${this.vLo}, ${this.vMax}], β = ${beta}`);
        const u = a + (b - a) * stream.uniform();
        const v = Math.pow(u, 1 / h);
        // D(v) over its leading term (1 + 3β/8)(β/2)v^(β/2 − 1): 1 − (2 − v)v^(1 − β/2)/(2(1 + 3β/8)), with v^(1 − β/2) = v/u.
        if (stream.uniform() * norm < norm - ((2 - v) * v) / u) return v;
      }
    }
    return -Math.expm1(this.logOneMinusLo + (this.logOneMinusMax - this.logOneMinusLo) * stream.uniform());
  }

  /** t log-uniform on [t_lo(v), t_hi(v)]. */
  sampleT(stream: RandomStream, v: number): number {
    this.setAngles(v);
    return this.tLo * Math.pow(this.tHi / this.tLo, stream.uniform());
  }

  /** ρ = h(v, t)/(q(v)·f(t)) = Z/(Q·ln(t_hi/t_lo)·R(t)) inside the region, 0 outside. */
  ratio(v: number, t: number): number {
    if (!(v >= this.vLo && v <= this.vMax)) return 0;
    this.setAngles(v);
    if (!(t >= this.tLo && t <= this.tHi)) return 0;
    if (this.q === 0) this.setMasses();
    return this.z / (this.q * Math.log(this.tHi / this.tLo) * dipoleNumerator(t, this.betaE, this.m2));
  }

  /** t_lo = 1 − β_e cosθ₀ = (1 − β_e) + β_e(1 − cosθ₀) and t_hi = 1 + β_e cosθ₀ for sinθ₀ = p_T,min/(v·E_beam). */
  private setAngles(v: number): void {
    const s0 = Math.min(1, this.minPt / (v * this.beamE));
    const cos0 = Math.sqrt((1 - s0) * (1 + s0));
    this.tLo = this.oneMinusBeta + (this.betaE * s0 * s0) / (1 + cos0);
    this.tHi = 1 + this.betaE * cos0;
  }
}

/** Starts an ISR emission at c.m. energy √s without photons (as InitialStateRadiation.emitFractions does). */
function beginEmission(out: IsrEmission, sqrtS: number): void {
  out.nPhotons = 0;
  out.systemE = sqrtS;
  out.systemPx = 0;
  out.systemPy = 0;
  out.systemPz = 0;
}

/**
 * Adds the photon of one beam (side +1: e⁻, −1: e⁺) with energy fraction v at the given
 * t = 1 − β_e cosθ to its beam and a uniform azimuth: the kinematics of InitialStateRadiation's
 * emission, with the angle given instead of drawn.
 */
function addIsrPhoton(stream: RandomStream, out: IsrEmission, sqrtS: number, side: number, v: number, t: number): void {
  const beamEnergy = 0.5 * sqrtS;
  const m2OverE2 = (ELECTRON_MASS * ELECTRON_MASS) / (beamEnergy * beamEnergy);
  const betaE = Math.sqrt(1 - m2OverE2);
  const omega = v * beamEnergy;
  const cos = Math.min(1, (1 - t) / betaE);
  const oneMinusCos = Math.max(0, (t - m2OverE2 / (1 + betaE)) / betaE);
  const sin = Math.sqrt(oneMinusCos * (1 + cos));
  const phi = 2 * Math.PI * stream.uniform();
  const k = out.nPhotons++;
  out.emitter[k] = side;
  out.photonE[k] = omega;
  out.photonPx[k] = omega * sin * Math.cos(phi);
  out.photonPy[k] = omega * sin * Math.sin(phi);
  out.photonPz[k] = side * omega * cos;
  out.systemE -= omega;
  out.systemPx -= out.photonPx[k];
  out.systemPy -= out.photonPy[k];
  out.systemPz -= out.photonPz[k];
}

/**
 * Rescales the softer of two ISR photons (direction kept) so that the hard system has the collinear
 * s′ = s − 2√s(ω₁ + ω₂) + 4ω₁ω₂ (`RadiativePairSettings.keepCollinearSPrime`).
 */
function restoreCollinearSPrime(out: IsrEmission, sqrtS: number): void {
  const soft = out.photonE[0] <= out.photonE[1] ? 0 : 1;
  const hard = 1 - soft;
  const ws = out.photonE[soft];
  const wh = out.photonE[hard];
  if (!(ws > 0)) return;
  const cos = (out.photonPx[0] * out.photonPx[1] + out.photonPy[0] * out.photonPy[1] + out.photonPz[0] * out.photonPz[1]) / (ws * wh);
  const r = (sqrtS - 2 * wh) / (sqrtS - wh * (1 - cos));
  const d = 1 - r;
  out.systemE += d * ws;
  out.systemPx += d * out.photonPx[soft];
  out.systemPy += d * out.photonPy[soft];
  out.systemPz += d * out.photonPz[soft];
  out.photonE[soft] *= r;
  out.photonPx[soft] *= r;
  out.photonPy[soft] *= r;
  out.photonPz[soft] *= r;
  finishEmission(out);
}

/** The hard system's s′ and physicality (as InitialStateRadiation's emission). */
function finishEmission(out: IsrEmission): void {
  out.sPrime = out.systemE * out.systemE - out.systemPx * out.systemPx - out.systemPy * out.systemPy - out.systemPz * out.systemPz;
  out.physical = out.systemE > 0 && out.sPrime > 0;
}

function sumOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
