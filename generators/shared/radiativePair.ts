import { EventBatchBuilder, type EventBatch } from '../../src/events/eventBatch.js';
import { EventBeams } from '../../src/physics/beams.js';
import { ALPHA_EM_0, GEV2_TO_PB, PDG } from '../../src/physics/constants.js';
import { createStream, type RandomStream } from '../../src/random/stream.js';
import type { EventGenerator, GenerationStats, GeneratorOptions } from '../process.js';
import { CMEvent } from './cmEvent.js';
import { WeightSums } from './weightTally.js';
import { EventTrials, MAX_REJECTIONS, rejectionLimitError } from './trialLimits.js';
import { FinalStateRadiation, FsrEmission } from './fsr.js';
import { InitialStateRadiation, IsrEmission, ISR_SOFT_VIRTUAL_FACTOR, electronStructureFunction, radiatorBeta } from './isr.js';

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
 *    1 + (α/π)(π²/3 − 1/2) (physics.md §11; with ISR), and by the inclusive final-state
 *    correction 1 + 3α/(4π) (Schwinger's; with FSR), whose real emission fsr.ts distributes;
 * 4. FSR dresses the pair, everything is boosted to the c.m. and then to the lab.
 * The trial weight is in pb; ⟨w⟩ over trials is σ. Unweighting accepts a trial with probability
 * w/w_max, w_max being the largest weight of a warm-up run (seed, "<process>/warmup", 0) times a
 * safety factor; trials above w_max are counted (overweight fraction) and kept with weight 1.
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
}


export class RadiativePairGenerator implements EventGenerator {
  private readonly beams: EventBeams;
  private readonly isr: InitialStateRadiation;
  private readonly fsr: FinalStateRadiation;
  private readonly isrOut = new IsrEmission();
  private readonly fsrOut = new FsrEmission();
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

  constructor(
    readonly process: string,
    private readonly hard: PairHardProcess,
    private readonly settings: RadiativePairSettings,
    private readonly options: GeneratorOptions,
    seed: number,
    /** Process-specific entries of `describe()`. */
    private readonly facts: Record<string, number | string | boolean | null> = {},
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
    const needsEvent = this.hard.accepts !== undefined;
    let made = 0;
    let batchTrials = 0;
    let batchSumW = 0;
    const eventTrials = this.eventTrials;
    eventTrials.startBatch();
    while (made < nEvents) {
      eventTrials.count();
      let w = this.trial(stream);
      if (w > 0 && needsEvent && !(this.buildEvent(stream) && this.hard.accepts?.(this.cm) === true)) w = 0;
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
      ...this.facts,
    };
  }

  private warmUp(stream: RandomStream): void {
    let max = 0;
    for (let i = 0; i < this.settings.warmupTrials; i++) {
      let w = this.trial(stream);
      if (w > 0 && this.hard.accepts !== undefined && !(this.buildEvent(stream) && this.hard.accepts(this.cm))) w = 0;
      this.record(w);
      if (w > max) max = w;
    }
    this.maxWeight = max * this.settings.maxWeightSafety;
  }

  private record(w: number): void {
    this.sums.add(w);
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
    if (opts.isr) {
      const beta = radiatorBeta(sqrtS, ALPHA_EM_0);
      const vMax = 1 - this.sMin / s;
      if (!(vMax > 0)) return 0;
      const logRange = -Math.log1p(-vMax);
      // p balances the two channels' largest weights, 1/p (v → 0) and D(1)L/(1 − p) (v → 1).
      const p = 1 / (1 + electronStructureFunction(1, beta) * logRange);
      const vMinus = this.sampleFraction(stream, beta, logRange, p);
      const vPlus = this.sampleFraction(stream, beta, logRange, p);
      w *= this.fractionWeight(vMinus, beta, vMax, logRange, p) * this.fractionWeight(vPlus, beta, vMax, logRange, p);
      if (!(w > 0)) return 0;
      this.isr.emitFractions(stream, sqrtS, vMinus, vPlus, isr);
      for (let redraws = 0; !this.photonsWithinCone(isr); redraws++) {
        if (redraws === MAX_REJECTIONS) throw rejectionLimitError(`${this.process}: ISR photon angles`, `largest angle to the beam ${this.settings.maxIsrPhotonAngleRad} rad`);
        this.isr.emitFractions(stream, sqrtS, vMinus, vPlus, isr);
      }
      if (!isr.physical || isr.sPrime < this.sMin) return 0;
      // The rate is the structure-function convolution ∫D(v₋)D(v₊)σ₀(s(1 − v₋)(1 − v₊)): σ₀ is
      // evaluated at the collinear s′, the final state is built at the photons' actual s′.
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
    this.boostK = (g * g) / (g + 1);
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
      this.fsr.radiate(stream, mass, sqrtSPrime, nx, ny, c, f);
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

function sumOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
