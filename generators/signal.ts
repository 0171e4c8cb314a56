import { z } from 'zod';
import { EventBatchBuilder, type EventBatch } from '../src/events/eventBatch.js';
import { EventBeams } from '../src/physics/beams.js';
import { ALPHA_EM_0, GEV2_TO_PB, MUON_MASS, PDG } from '../src/physics/constants.js';
import { createStream, type RandomStream } from '../src/random/stream.js';
import { defineProcess } from './processDefinition.js';
import type { EventGenerator, GenerationStats, GeneratorOptions } from './process.js';
import { BreitWigner } from './shared/breitWigner.js';
import { RunningAlphaTable } from './shared/vacuumPolarization.js';
import { CMEvent } from './shared/cmEvent.js';
import { WeightSums } from './shared/weightTally.js';
import { EventTrials } from './shared/trialLimits.js';
import { InitialStateRadiation, IsrEmission, ISR_SOFT_VIRTUAL_FACTOR, electronStructureFunction, radiatorBeta } from './shared/isr.js';
import { muonPairZPrimeMatrixElement2, type SignalInvariants } from './shared/muonPairZPrimeAmplitude.js';
import { ThreeBodyPhaseSpace, ThreeBodyPoint } from './shared/phaseSpace.js';
import { zPrimeInvisibleBranchingFraction } from './shared/zPrimeWidths.js';
import { boostCoefficient } from '../src/physics/fourVector.js';

/**
 * The signal e⁺e⁻ → γ* → μ⁺μ⁻Z′ of the L_μ − L_τ model (Z′ radiated from either muon, exact
 * tree-level |M|² with the muon mass, muonPairZPrimeAmplitude.ts), Z′ stable and invisible.
 *
 * One trial, in the c.m. frame of the (possibly energy-smeared) beams, e⁻ along +z:
 * 1. each beam radiates a fraction v of its energy drawn from q(v) = p·D(v) + (1 − p)/((1 − v)L)
 *    (D the Kuraev–Fadin structure function of isr.ts; the second term follows the 1/s′ rise of the
 *    hard cross section), weight D(v)/q(v), photon angles from the dipole current; the O(α)
 *    soft-plus-virtual constant 1 + (α/π)(π²/3 − 1/2) of the radiator multiplies the rate
 *    (Kuraev–Fadin, Sov. J. Nucl. Phys. 41, 466 (1985)), as in the μμ(γ) generator;
 * 2. the Z′ mass is fixed, or drawn from a Breit–Wigner of width Γ = widthRatio·M (breitWigner.ts);
 * 3. μ⁻μ⁺Z′ is drawn in the rest frame of the hard system by the multi-channel phase space
 *    (phaseSpace.ts), the beam axis being the reduced e⁻ momentum seen in that frame;
 * 4. the weight is |M|²/(2s′) dΦ₃ in pb; events are boosted to the c.m. and to the lab.
 * σ ∝ g′² exactly. Unweighting: hit-or-miss against w_max, the largest weight of a deterministic
 * warm-up (seed, "signal/warmup", 0) times a safety factor; trials above w_max are counted and
 * their events keep the weight w/w_max (> 1), so the sample stays unbiased.
 *
 * With a width (the paper's Γ = 0.1 M benchmark), the sample is what the paper fits: signal
 * templates of Breit–Wigner shape, normalised to the cross section at the pole. The Z′ mass of each
 * event is drawn from the Breit–Wigner and the kinematics are unweighted at that mass against
 * w_max·σ_env(M), σ_env a warm-up table of σ(M), so the events' Z′ mass follows the line shape
 * exactly; the reported σ is σ(M₀), estimated from trials at the pole mass. (The physical
 * off-shell rate ∫ρ(M²)σ(M) dM² differs from it, strongly at high M₀ where σ(M) falls steeply
 * across the line; the paper's templates, and so this sample, do not follow it.) Weighted events
 * are not offered in this mode.
 */

const MASS_GRID_SPACINGS = ['log', 'linear'] as const;

export const SignalSettings = z.strictObject({
  /** Z′ mass in GeV (the paper scans 0.01–8.5 GeV and quotes results below 9 GeV). */
  massGeV: z.number().min(0.001).max(10).default(1),
  /** Γ/M of the Z′: 0 = narrow; 0.1 is the paper's second benchmark (Breit–Wigner mass). */
  widthRatio: z.number().min(0).max(0.5).default(0),
  /**
   * Whether runs of this scenario smear the beam energies for the signal (the default of
   * GeneratorOptions.beamEnergySpread that the runner and the command line take; `--beam-spread`
   * overrides it). Off by default, as the paper's MadGraph signal: its M²recoil resolution,
   * 0.06 GeV² at M² = 80 GeV², is below the 0.09 GeV² that the 5 MeV spread of √s alone would give.
   */
  beamEnergySpread: z.boolean().default(false),
  /** Z′ coupling to muons (and τ, ν_μ, ν_τ); σ ∝ g′². */
  gPrime: z.number().positive().max(10).default(1),
  /** Breit–Wigner window |M − M₀| < n·Γ (MadGraph run_card `bwcutoff`, default 15). */
  bwCutoff: z.number().positive().max(1000).default(15),
  /**
   * Lowest invariant mass √s′ of the μμZ′ system after ISR, GeV (as the μμ(γ) generator: below
   * ~1 GeV the O(β) radiator is outside its validity); the kinematic limit 2m_μ + M applies as well.
   */
  minSqrtSPrimeGeV: z.number().gt(2 * MUON_MASS).max(10).default(1),
  /** ISR photons with a smaller fraction of the beam energy are not emitted. */
  minPhotonFraction: z.number().positive().max(1e-2).default(1e-6),
  /** Trials of the warm-up (channel weights and maximum weight). */
  warmupTrials: z.number().int().min(1000).max(1e7).default(100_000),
  /**
   * w_max is the smallest weight such that the warm-up weights above it carry at most this fraction
   * of σ in their excess Σ(w − w_max) (0: the warm-up maximum). Events above w_max keep the weight
   * w/w_max > 1, so the sample stays unbiased; rare radiative-return configurations (two hard ISR
   * photons at wide angles, s′ ≪ s) would otherwise set w_max and cut the efficiency threefold.
   */
  overweightTolerance: z.number().min(0).max(0.05).default(1e-3),
  /** The maximum weight is the value above times this factor. */
  maxWeightSafety: z.number().min(1).max(10).default(1.05),
  /**
   * The photon coupling of the hard process. The virtual photon carries q² = s′, so both of its
   * vertices take the running α(s′) (1/α ≈ 132.1 at 10.58 GeV), as the μμ(γ) and ττ(γ) Born do:
   * σ is 7.6% above α(0) at √s = 10.58 GeV and the g′ limits 3.7% stronger. false: the fixed α
   * (α(0), or `--alpha-em`). A MadGraph UFO with the SM default aEWM1 = 127.9 (α(M_Z)) gives
   * 14.8% above α(0).
   */
  vacuumPolarization: z.boolean().default(true),
  /** Masses of the `xsec` table. */
  xsec: z
    .strictObject({
      /** Explicit masses in GeV; when given, the grid below is ignored. */
      massesGeV: z.array(z.number().min(0.001).max(10)).min(1).optional(),
      /** Regular grid from `fromGeV` to `toGeV` with `points` points, log or linear spacing. */
      grid: z
        .strictObject({
          fromGeV: z.number().min(0.001).max(10).default(0.01),
          toGeV: z.number().min(0.001).max(10).default(9),
          points: z.number().int().min(1).max(10_000).default(40),
          spacing: z.enum(MASS_GRID_SPACINGS).default('log'),
        })
        .refine((g) => g.points === 1 || g.toGeV > g.fromGeV, { message: 'toGeV must exceed fromGeV', path: ['toGeV'] })
        .prefault({}),
      /** Trials per mass for σ (after the warm-up). */
      trialsPerMass: z.number().int().min(1000).max(1e9).default(200_000),
    })
    .prefault({}),
});

export type SignalSettings = z.infer<typeof SignalSettings>;

/** The masses (GeV) of a grid: `points` values from `fromGeV` to `toGeV`, log or linear. */
export function massGrid(fromGeV: number, toGeV: number, points: number, spacing: 'log' | 'linear'): number[] {
  if (points === 1) return [fromGeV];
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const f = i / (points - 1);
    out.push(spacing === 'log' ? fromGeV * Math.pow(toGeV / fromGeV, f) : fromGeV + (toGeV - fromGeV) * f);
  }
  return out;
}

/** The masses of the `xsec` table from the settings. */
export function xsecMasses(settings: SignalSettings): number[] {
  const x = settings.xsec;
  return x.massesGeV ?? massGrid(x.grid.fromGeV, x.grid.toGeV, x.grid.points, x.grid.spacing);
}

/** Probability p of the structure-function channel of q(v); the rest goes to the 1/(1 − v) channel. */
const SOFT_CHANNEL_PROBABILITY = 0.9;
/** PDG numbers of the hard final state, in the order of the phase-space point. */
const HARD_PARTICLE_IDS = [PDG.muon, PDG.antimuon, PDG.zPrime] as const;
/** Smallest Z′ mass a Breit–Wigner may reach, GeV. */
const BREIT_WIGNER_FLOOR_GEV = 0.001;
/**
 * The Breit–Wigner stops this far below √s − 2m_μ, GeV: σ(M) vanishes at that limit, and masses
 * closer to it would take ever more trials to unweight.
 */
const BREIT_WIGNER_MARGIN_GEV = 0.05;
/**
 * Fractions of the (1 + cos²θ) orientation channel tried in the warm-up: near 1 suits light Z′
 * (radiation collinear to the muons keeps the γ* → μμ angular distribution), lower values heavy ones.
 */
const POLAR_FRACTION_CANDIDATES = [0.95, 0.7, 0.4] as const;
/** Grid points of the envelope σ_env(M) across the Breit–Wigner window. */
const ENVELOPE_POINTS = 24;

export class SignalGenerator implements EventGenerator {
  readonly process = 'signal';
  private readonly beams: EventBeams;
  private readonly isr: InitialStateRadiation;
  private readonly isrOut = new IsrEmission();
  private readonly phaseSpace = new ThreeBodyPhaseSpace(MUON_MASS);
  private readonly point = new ThreeBodyPoint();
  private readonly invariants: SignalInvariants = { s: 0, p1k: 0, p2k: 0, rp1: 0, rp2: 0 };
  private readonly breitWigner: BreitWigner | null;
  private readonly massGeV: number;
  private readonly widthGeV: number;
  private readonly sMin: number;
  /** α(s′) of the hard process, or null for the fixed options.alphaEM. */
  private readonly hardAlpha: RunningAlphaTable | null;
  private readonly rateFactor: number;
  private readonly nominalSqrtS: number;
  /** Z′ mass of the current trial, GeV. */
  private zMass = 0;
  /**
   * With a Breit–Wigner: ln M and ln σ(M) on a grid across its window (from the warm-up), the
   * envelope σ_env(M) of the per-mass unweighting; null for a narrow Z′ (σ_env ≡ 1).
   */
  private envelopeLogMass: Float64Array | null = null;
  private envelopeLogSigma: Float64Array | null = null;
  /** w_max of the unweighting, in units of σ_env(M) (pb for a narrow Z′). */
  private maxWeight = 0;
  /** ⟨w/σ_env(M)⟩ of the final warm-up round. */
  private meanRatio = 0;
  /** σ and its Monte Carlo error from every trial (warm-up included). */
  private readonly sums = new WeightSums();
  private accepted = 0;
  private overweight = 0;
  private unweightTrials = 0;
  /** Trials of each event (with a Breit–Wigner: those at the event's mass); bounded by MAX_TRIALS_PER_EVENT. */
  private readonly eventTrials = new EventTrials('signal');
  /** Beam axis of the current trial in the hard-system rest frame (unit vector). */
  private axisX = 0;
  private axisY = 0;
  private axisZ = 1;
  /** The current event in the c.m. frame: μ⁻, μ⁺, Z′, photons. */
  private readonly cm = new CMEvent(5);

  constructor(
    readonly settings: SignalSettings,
    private readonly options: GeneratorOptions,
    seed: number,
  ) {
    this.beams = new EventBeams(options.beams);
    this.nominalSqrtS = this.beams.sqrtS;
    this.massGeV = settings.massGeV;
    this.widthGeV = settings.widthRatio * settings.massGeV;
    const ceiling = this.nominalSqrtS - 2 * MUON_MASS;
    if (!(settings.massGeV < ceiling)) {
      throw new RangeError(`signal: massGeV = ${settings.massGeV} GeV must be below √s − 2m_μ = ${ceiling.toFixed(4)} GeV`);
    }
    this.breitWigner =
      this.widthGeV > 0
        ? BreitWigner.withCutoff(settings.massGeV, this.widthGeV, settings.bwCutoff, BREIT_WIGNER_FLOOR_GEV, ceiling - BREIT_WIGNER_MARGIN_GEV)
        : null;
    if (this.breitWigner !== null && options.weighted) {
      throw new RangeError('signal: weighted events are not available with widthRatio > 0 (events follow the Breit–Wigner line shape only when unweighted)');
    }
    // Radiated photons couple with α(0); --alpha-em changes the hard process only.
    this.isr = new InitialStateRadiation({ alpha: ALPHA_EM_0, minPhotonFraction: settings.minPhotonFraction });
    this.sMin = settings.minSqrtSPrimeGeV * settings.minSqrtSPrimeGeV;
    // The table reaches above √s for the beam-energy spread (10σ of 5 MeV is 50 MeV).
    this.hardAlpha = settings.vacuumPolarization ? new RunningAlphaTable(Math.min(this.sMin, (2 * MUON_MASS + settings.massGeV) ** 2), (this.nominalSqrtS + 0.1) ** 2, options.alphaEM) : null;
    const isrFactor = options.isr ? ISR_SOFT_VIRTUAL_FACTOR : 1;
    this.rateFactor = isrFactor * GEV2_TO_PB;
    this.warmUp(createStream(seed, 'signal/warmup', 0));
  }

  /** w_max of the unweighting: pb for a narrow Z′, in units of σ_env(M) with a width. */
  get maximumWeight(): number {
    return this.maxWeight;
  }

  /** Current channel weights α of the phase space (after the warm-up's adaptation). */
  get channelWeights(): readonly number[] {
    return Array.from(this.phaseSpace.alpha);
  }

  generate(nEvents: number, stream: RandomStream): EventBatch {
    const builder = new EventBatchBuilder(nEvents, 4);
    const weighted = this.options.weighted;
    let made = 0;
    let batchTrials = 0;
    let batchSumW = 0;
    const bw = this.breitWigner;
    const eventTrials = this.eventTrials;
    eventTrials.startBatch();
    while (made < nEvents) {
      if (weighted || bw === null) {
        eventTrials.count();
        const w = this.trial(stream);
        this.record(w);
        batchTrials++;
        batchSumW += w;
        if (!(w > 0)) continue;
        if (weighted) {
          this.keep(builder, w);
        } else if (!this.unweight(stream, builder, w, 1)) {
          continue;
        }
        eventTrials.event();
        made++;
        continue;
      }
      // Breit–Wigner: σ is estimated at the pole mass; the mass of the event is drawn once and its
      // kinematics unweighted at that mass, so that the events' Z′ mass follows the line shape exactly.
      this.record(this.trialAtMass(stream, this.massGeV));
      const zMass = bw.sampleMass(stream);
      const envelope = this.envelope(zMass);
      for (;;) {
        eventTrials.count();
        const w = this.trialAtMass(stream, zMass);
        if (w > 0 && this.unweight(stream, builder, w, envelope)) break;
      }
      eventTrials.event();
      made++;
    }
    const batch = builder.build();
    if (weighted && made > 0) {
      // Kept weights are rescaled so that their mean is this batch's σ estimate over all trials.
      let kept = 0;
      for (let i = 0; i < batch.nEvents; i++) kept += batch.weight[i];
      const scale = batchSumW / batchTrials / (kept / made);
      for (let i = 0; i < batch.nEvents; i++) batch.weight[i] *= scale;
    }
    return batch;
  }

  /**
   * Hit-or-miss of a trial of weight w (pb) against w_max·σ_env; an accepted trial becomes an event
   * of weight max(1, w/(w_max σ_env)). Returns whether it was accepted.
   */
  private unweight(stream: RandomStream, builder: EventBatchBuilder, w: number, envelope: number): boolean {
    const limit = this.maxWeight * envelope;
    this.unweightTrials++;
    if (w > limit) this.overweight++;
    if (stream.uniform() * limit >= w) return false;
    this.keep(builder, Math.max(1, w / limit));
    return true;
  }

  private keep(builder: EventBatchBuilder, weight: number): void {
    this.buildEvent();
    this.cm.writeToLab(builder, this.beams, weight);
    this.accepted++;
  }

  /** Runs `nTrials` weighted trials without building events: refines σ only. */
  integrate(nTrials: number, stream: RandomStream): void {
    for (let i = 0; i < nTrials; i++) this.record(this.trial(stream));
  }

  stats(): GenerationStats {
    const mean = this.sums.sigmaPb;
    return {
      sigmaPb: mean,
      sigmaErrPb: this.sums.sigmaErrPb,
      trials: this.sums.trials,
      accepted: this.accepted,
      unweightingEfficiency: this.maxWeight > 0 ? (this.breitWigner === null ? mean : this.meanRatio) / this.maxWeight : 0,
      overweightFraction: this.unweightTrials > 0 ? this.overweight / this.unweightTrials : 0,
      maxTrialsPerEvent: this.eventTrials.most,
    };
  }

  describe(): Record<string, number | string | boolean | null> {
    return {
      mass_GeV: this.massGeV,
      width_GeV: this.widthGeV,
      width_ratio: this.settings.widthRatio,
      g_prime: this.settings.gPrime,
      invisible_branching_fraction_vanilla: zPrimeInvisibleBranchingFraction(this.massGeV),
      sqrt_s_GeV: this.nominalSqrtS,
      min_sqrt_s_prime_GeV: this.settings.minSqrtSPrimeGeV,
      max_weight_pb: this.maxWeight * this.envelope(this.massGeV),
      channel_weights: this.channelWeights.map((a) => a.toFixed(3)).join(','),
      polar_fraction: Number(this.phaseSpace.polarFraction.toFixed(3)),
    };
  }

  private record(w: number): void {
    this.sums.add(w);
  }

  /**
   * Warm-up: three rounds adapt the phase-space channel weights (Kleiss–Pittau: α_c ∝ α_c √W_c,
   * W_c = ⟨g_c w²/g⟩) and try three fractions of the (1 + cos²θ) orientation channel, keeping the
   * one of best unweighting efficiency; a final round finds w_max. Only the final round enters σ.
   */
  private warmUp(stream: RandomStream): void {
    const n = this.settings.warmupTrials;
    const adaptTrials = Math.max(1000, Math.floor(n / 4));
    const ps = this.phaseSpace;
    const p = this.point;
    const W = new Float64Array(3);
    const weights = new Float64Array(adaptTrials);
    let bestEfficiency = -1;
    let bestPolarFraction = ps.polarFraction;
    for (const polarFraction of POLAR_FRACTION_CANDIDATES) {
      ps.polarFraction = polarFraction;
      W.fill(0);
      let sumW = 0;
      for (let i = 0; i < adaptTrials; i++) {
        const w = this.trial(stream);
        weights[i] = w;
        sumW += w;
        if (!(w > 0)) continue;
        const g = ps.alpha[0] * p.channelDensity[0] + ps.alpha[1] * p.channelDensity[1] + ps.alpha[2] * p.channelDensity[2];
        for (let c = 0; c < 3; c++) W[c] += (p.channelDensity[c] * w * w) / g;
      }
      if (!(sumW > 0)) continue;
      const efficiency = sumW / adaptTrials / toleratedMaximum(weights, this.settings.overweightTolerance);
      if (efficiency > bestEfficiency) {
        bestEfficiency = efficiency;
        bestPolarFraction = polarFraction;
      }
      const alphas = [0, 1, 2].map((c) => ps.alpha[c] * Math.sqrt(W[c]));
      const sum = alphas[0] + alphas[1] + alphas[2];
      // a floor keeps every channel alive (its region may be rare in a finite warm-up)
      ps.setChannelWeights(Math.max(alphas[0] / sum, 0.02), Math.max(alphas[1] / sum, 0.02), Math.max(alphas[2] / sum, 0.02));
    }
    ps.polarFraction = bestPolarFraction;
    if (this.breitWigner !== null) this.buildEnvelope(stream, this.breitWigner, Math.max(1000, Math.floor(n / (2 * ENVELOPE_POINTS))));
    const ratios = new Float64Array(n);
    let sumRatio = 0;
    for (let i = 0; i < n; i++) {
      // σ is that of the pole mass (with a width: the normalisation of the Breit–Wigner templates).
      if (this.breitWigner !== null) this.record(this.trialAtMass(stream, this.massGeV));
      const w = this.trial(stream);
      if (this.breitWigner === null) this.record(w);
      ratios[i] = w / this.envelope(this.zMass);
      sumRatio += ratios[i];
    }
    this.meanRatio = sumRatio / n;
    this.maxWeight = toleratedMaximum(ratios, this.settings.overweightTolerance) * this.settings.maxWeightSafety;
  }

  /**
   * σ(M) at the Breit–Wigner quantiles (i + ½)/K and at the ends of its window, `trials` trials
   * each; ln σ is interpolated linearly in ln M between them (flat beyond the grid).
   */
  private buildEnvelope(stream: RandomStream, bw: BreitWigner, trials: number): void {
    const masses = [bw.mMin];
    for (let i = 0; i < ENVELOPE_POINTS; i++) masses.push(bw.quantile((i + 0.5) / ENVELOPE_POINTS));
    masses.push(bw.mMax);
    const sigma = masses.map((mass) => {
      let sum = 0;
      for (let i = 0; i < trials; i++) sum += this.trialAtMass(stream, mass);
      return sum / trials;
    });
    // A grid point without any accepted trial (σ below reach, near the kinematic limit) takes the
    // smallest σ seen: the envelope then overestimates there, which costs trials, not correctness.
    const smallest = Math.min(...sigma.filter((x) => x > 0));
    this.envelopeLogMass = Float64Array.from(masses, Math.log);
    this.envelopeLogSigma = Float64Array.from(sigma, (x) => Math.log(x > 0 ? x : smallest));
  }

  /** σ_env(M) of the per-mass unweighting (1 for a narrow Z′). */
  private envelope(mass: number): number {
    const x = this.envelopeLogMass;
    const y = this.envelopeLogSigma;
    if (x === null || y === null) return 1;
    const u = Math.log(mass);
    if (u <= x[0]) return Math.exp(y[0]);
    const last = x.length - 1;
    if (u >= x[last]) return Math.exp(y[last]);
    let i = 0;
    while (x[i + 1] < u) i++;
    const f = (u - x[i]) / (x[i + 1] - x[i]);
    return Math.exp(y[i] + f * (y[i + 1] - y[i]));
  }

  /** One phase-space point with the Z′ mass fixed or drawn from the Breit–Wigner; weight in pb. */
  private trial(stream: RandomStream): number {
    return this.trialAtMass(stream, this.breitWigner === null ? this.massGeV : this.breitWigner.sampleMass(stream));
  }

  /** One phase-space point at Z′ mass `zMass`: beams, ISR, μμZ′; returns its weight in pb (0 outside). */
  private trialAtMass(stream: RandomStream, zMass: number): number {
    this.zMass = zMass;
    const opts = this.options;
    const beams = this.beams;
    if (opts.beamEnergySpread) {
      const b = opts.beams;
      beams.set(stream.gaussian(b.herEnergy, b.herEnergySpread), stream.gaussian(b.lerEnergy, b.lerEnergySpread));
    }
    const sqrtS = beams.sqrtS;
    const s = sqrtS * sqrtS;
    let w = this.rateFactor;
    const isr = this.isrOut;
    if (opts.isr) {
      const beta = radiatorBeta(sqrtS, ALPHA_EM_0);
      const vMax = 1 - this.sMin / s;
      if (!(vMax > 0)) return 0;
      const logRange = -Math.log1p(-vMax);
      const vMinus = this.sampleFraction(stream, beta, logRange);
      const vPlus = this.sampleFraction(stream, beta, logRange);
      w *= this.fractionWeight(vMinus, beta, vMax, logRange) * this.fractionWeight(vPlus, beta, vMax, logRange);
      if (!(w > 0)) return 0;
      this.isr.emitFractions(stream, sqrtS, vMinus, vPlus, isr);
      if (!isr.physical || isr.sPrime < this.sMin) return 0;
    } else {
      isr.nPhotons = 0;
      isr.systemE = sqrtS;
      isr.systemPx = 0;
      isr.systemPy = 0;
      isr.systemPz = 0;
      isr.sPrime = s;
      isr.physical = true;
    }
    const sPrime = isr.sPrime;
    const point = this.point;
    this.setBeamAxis(sqrtS);
    this.phaseSpace.setPolarAxisComponents(this.axisX, this.axisY, this.axisZ);
    if (!this.phaseSpace.sample(stream, sPrime, this.zMass, point)) return 0;
    const m2 = MUON_MASS * MUON_MASS;
    const M2 = this.zMass * this.zMass;
    const sqrtSPrime = Math.sqrt(sPrime);
    const pp = point.p;
    const inv = this.invariants;
    inv.s = sPrime;
    inv.p1k = 0.5 * (point.s13 - m2 - M2);
    inv.p2k = 0.5 * (point.s23 - m2 - M2);
    // r = (0, √s′ n̂): r·p = −√s′ n̂·p⃗
    inv.rp1 = -sqrtSPrime * (this.axisX * pp[1] + this.axisY * pp[2] + this.axisZ * pp[3]);
    inv.rp2 = -sqrtSPrime * (this.axisX * pp[5] + this.axisY * pp[6] + this.axisZ * pp[7]);
    const alpha = this.hardAlpha === null ? opts.alphaEM : this.hardAlpha.at(sPrime);
    const me2 = muonPairZPrimeMatrixElement2(inv, MUON_MASS, M2, alpha, this.settings.gPrime);
    return w * (me2 / (2 * sPrime)) * point.weight;
  }

  /**
   * The e⁻ direction that annihilates, seen in the rest frame of the hard system: the e⁻ beam
   * minus its ISR photon, boosted by −β_sys (in that frame it is back to back with the e⁺ side).
   */
  private setBeamAxis(sqrtS: number): void {
    const isr = this.isrOut;
    const beamE = 0.5 * sqrtS;
    let e = beamE;
    let x = 0;
    let y = 0;
    let z = beamE; // the electron mass changes the direction by nothing
    for (let i = 0; i < isr.nPhotons; i++) {
      if (isr.emitter[i] !== 1) continue;
      e -= isr.photonE[i];
      x -= isr.photonPx[i];
      y -= isr.photonPy[i];
      z -= isr.photonPz[i];
    }
    const E = isr.systemE;
    const bx = -isr.systemPx / E, by = -isr.systemPy / E, bz = -isr.systemPz / E;
    const g = E / Math.sqrt(isr.sPrime);
    const k = boostCoefficient(g);
    const q = k * (bx * x + by * y + bz * z) + g * e;
    const nx = x + q * bx, ny = y + q * by, nz = z + q * bz;
    const n = Math.hypot(nx, ny, nz);
    this.axisX = nx / n;
    this.axisY = ny / n;
    this.axisZ = nz / n;
  }

  /** v from q(v) = p·D(v) + (1 − p)/((1 − v)L) on [0, v_max] (the D channel may exceed v_max). */
  private sampleFraction(stream: RandomStream, beta: number, logRange: number): number {
    if (stream.uniform() < SOFT_CHANNEL_PROBABILITY) return this.isr.sampleFraction(stream, beta);
    return -Math.expm1(-logRange * stream.uniform());
  }

  /** D(v)/q(v), zero above v_max. */
  private fractionWeight(v: number, beta: number, vMax: number, logRange: number): number {
    if (v > vMax) return 0;
    const d = electronStructureFunction(v, beta);
    const q = SOFT_CHANNEL_PROBABILITY * d + (1 - SOFT_CHANNEL_PROBABILITY) / ((1 - v) * logRange);
    return d / q;
  }

  /** The particles of the current trial in the c.m. frame (μ⁻, μ⁺, Z′ boosted from the hard frame; photons). */
  private buildEvent(): void {
    const isr = this.isrOut;
    const pp = this.point.p;
    const E = isr.systemE;
    const bx = isr.systemPx / E, by = isr.systemPy / E, bz = isr.systemPz / E;
    const g = E / Math.sqrt(isr.sPrime);
    const k = boostCoefficient(g);
    const cm = this.cm;
    cm.clear();
    for (let i = 0; i < 3; i++) {
      const e = pp[4 * i], x = pp[4 * i + 1], y = pp[4 * i + 2], z = pp[4 * i + 3];
      const bp = bx * x + by * y + bz * z;
      const q = k * bp + g * e;
      cm.add(HARD_PARTICLE_IDS[i], g * (e + bp), x + q * bx, y + q * by, z + q * bz);
    }
    for (let i = 0; i < isr.nPhotons; i++) cm.add(PDG.photon, isr.photonE[i], isr.photonPx[i], isr.photonPy[i], isr.photonPz[i]);
  }
}

/**
 * The smallest T among the values such that Σ_{w > T} (w − T) ≤ tolerance · Σ w; with tolerance 0,
 * the maximum. Sorts `weights` in place.
 */
export function toleratedMaximum(weights: Float64Array, tolerance: number): number {
  weights.sort();
  let total = 0;
  for (const w of weights) total += w;
  const budget = tolerance * total;
  let above = 0; // Σ of the values above index k
  let best = weights[weights.length - 1];
  for (let k = weights.length - 1, count = 0; k >= 0; k--, count++) {
    const t = weights[k];
    if (above - count * t > budget) break;
    best = t;
    above += t;
  }
  return best;
}

export function createSignalGenerator(settings: SignalSettings, options: GeneratorOptions, seed: number): SignalGenerator {
  return new SignalGenerator(settings, options, seed);
}

/**
 * Checks the settings against the run options (beam energies, weighted events) and reports a
 * problem as a zod issue on the field, as a schema error would be: the command line maps it to its flag.
 */
export function parseSignalSettings(input: unknown, options: GeneratorOptions): SignalSettings {
  return checkSignalSettings(SignalSettings.parse(input ?? {}), options);
}

/** The checks of `parseSignalSettings` on settings already validated by the schema. */
export function checkSignalSettings(settings: SignalSettings, options: GeneratorOptions): SignalSettings {
  const ceiling = new EventBeams(options.beams).sqrtS - 2 * MUON_MASS;
  const issues: z.core.$ZodIssue[] = [];
  if (!(settings.massGeV < ceiling)) {
    issues.push({ code: 'custom', path: ['massGeV'], input: settings.massGeV, message: `must be below sqrt(s) - 2 m_mu = ${ceiling.toFixed(4)} GeV for these beams` });
  }
  if (settings.widthRatio > 0 && options.weighted) {
    issues.push({ code: 'custom', path: ['widthRatio'], input: settings.widthRatio, message: 'must be 0 for weighted events (with a width, events follow the Breit-Wigner line shape only when unweighted)' });
  }
  if (issues.length > 0) throw new z.ZodError(issues);
  return settings;
}

export const signalProcess = defineProcess(
  'signal',
  "e+e- -> mu+mu- Z' (L_mu - L_tau, Z' radiated from either muon, exact tree level), ISR, Breit-Wigner option",
  SignalSettings,
  (settings, options, seed) => createSignalGenerator(checkSignalSettings(settings, options), options, seed),
);
