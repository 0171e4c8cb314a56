import { z } from 'zod';
import { type EventBatch, type EventBatchBuilder, Status } from '../src/events/eventBatch.js';
import { EventBeams } from '../src/physics/beams.js';
import { ALPHA_EM_0, ELECTRON_MASS, GEV2_TO_PB, PDG, TAU_MASS, TAU_WIDTH } from '../src/physics/constants.js';
import { LorentzTransform } from '../src/physics/lorentzTransform.js';
import { createStream, type RandomStream } from '../src/random/stream.js';
import { TabulatedDensity } from '../src/random/tabulatedDensity.js';
import { defineProcess } from './processDefinition.js';
import type { EventGenerator, GenerationStats, GeneratorOptions } from './process.js';
import { leptonPairBornSigma } from './shared/born.js';
import { electronStructureFunction, InitialStateRadiation, IsrEmission, ISR_SOFT_VIRTUAL_FACTOR, radiatorBeta } from './shared/isr.js';
import { azimuth, composeInto, type MutableAngle, type MutableDirection, setBoostFromRest } from './shared/lorentzInPlace.js';
import { TauPairSpinMatrix } from './shared/tauPairSpin.js';
import { TAU_CHANNEL_NAMES, TauBranchingSettings, TauDecayer, TauDecayProducts } from './shared/tauDecays.js';
import { RunningAlphaTable } from './shared/vacuumPolarization.js';
import { hitOrMissBatch, WeightTally } from './shared/weightTally.js';
import { MAX_REJECTIONS, rejectionLimitError } from './shared/trialLimits.js';

/**
 * e⁺e⁻ → τ⁺τ⁻(γ): the Born γ* → τ⁺τ⁻ with the τ mass at the s′ left by initial-state radiation
 * from both beams (Kuraev–Fadin structure functions, generators/shared/isr.ts), running α(s′),
 * the full τ spin correlations of γ* → τ⁺τ⁻, and polarised τ decays (generators/shared/tauDecays.ts).
 * Reference total: KKMC's 0.919 nb at the Υ(4S) (Belle II Physics Book, PTEP 2019, 123C01, arXiv:1808.10567). Not included: FSR from the τ
 * (a +0.2% effect on σ, (3α/4π)), the Z (γ–Z interference: A_FB ≈ −0.8%, P_τ ≈ 0 at 10.58 GeV).
 *
 * Spin correlations: the spin density matrix R₀₀ + h⁻ᵀCh⁺ of generators/shared/tauPairSpin.ts with the
 * decays' polarimeter vectors h∓: the τ⁻ decays unpolarised (no single-τ polarisation from γ
 * exchange), then the τ⁺ with the polarisation P⁺ = Cᵀh⁻/R₀₀ it has given that decay.
 *
 * For background templates after the search selection (Belle II, PRL 130, 231801 (2023), p. 2–3:
 * two tracks identified as muons, both with pT > 0.4 GeV/c in the trigger's [37°, 120°]), two
 * options, both off by default:
 * - `channelBias`: each τ draws its decay channel from the given probabilities q instead of the
 *   branching fractions B, the event weight carrying B/q per τ (exact: the channel of either τ,
 *   polarised or not, has the marginal B whatever the other τ did, so only the choice is reweighted);
 *   weighted events only;
 * - `fiducial`: zero weight unless the final state has a positive and a negative charged particle,
 *   each with lab θ in [thetaMinDeg, thetaMaxDeg] and lab pT above ptMinGeV. Every track comes from
 *   a charged final-state particle, with its charge; a selected event has exactly two tracks (all
 *   tracks pass the IP requirement: the τ flight, βγcτ ≈ 0.2 mm, is far below |d0| < 0.5 cm), of
 *   opposite charges, both in the trigger window and above 0.4 GeV/c. Their particles are such a
 *   pair up to the tracking resolution (the defaults' margins are stated at
 *   `TautauFiducialSettings`): the requirement removes only events the selection cannot keep. σ is
 *   then the fiducial cross section. This asks for a charge pair rather than one prong per τ,
 *   which would drop the (rare) selected events whose two tracks come from one three-prong τ.
 */

/**
 * Decay-channel probabilities of the channel bias. Defaults: about B·√ε, ε the probability that an
 * event with a τ in that channel passes the search selection (default scenario: ε ≈ 5·10⁻² for μ,
 * 3·10⁻³ for π, 5·10⁻⁴ for ρ, 2·10⁻⁴ for e, 5·10⁻⁵ for the rest), the proposal that minimises the
 * variance of the selected yield per event for a weight that factorises over the two τ.
 */
export const TauChannelBiasSettings = z
  .strictObject({
    enabled: z.boolean().default(false).describe('draw tau decay channels from these probabilities, weight B/q per tau (templates after the selection); needs weighted events'),
    electron: z.number().min(0.001).max(1).default(0.04).describe('probability of tau -> e nu nu'),
    muon: z.number().min(0.001).max(1).default(0.7).describe('probability of tau -> mu nu nu'),
    pion: z.number().min(0.001).max(1).default(0.12).describe('probability of tau -> pi nu'),
    rho: z.number().min(0.001).max(1).default(0.1).describe('probability of tau -> rho nu'),
    other: z.number().min(0.001).max(1).default(0.04).describe('probability of the other channels (the 3 pi model)'),
  })
  .refine((b) => Math.abs(b.electron + b.muon + b.pion + b.rho + b.other - 1) < 1e-9, {
    message: 'electron + muon + pion + rho + other must sum to 1',
  });

/**
 * The ττ(γ) fiducial requirement (see the file comment). Defaults against the selection: the
 * trigger window [37°, 120°] less 1°, the 0.4 GeV/c track cut less 0.05 GeV/c. A particle outside
 * needs a track-angle error of at least 1° = 17.5 mrad, or a pT error of 13%, to be selected; with
 * the default detector (σθ = 0.5 mrad ⊕ 1 mrad·GeV/(pβ), σ(pT)/pT = 0.0011·pT ⊕ 0.0025/β) the
 * worst case, a pion of p = pT = 0.35 GeV/c, has σθ = 3.1 mrad (5.6σ) and σ(pT)/pT < 0.3% (> 40σ).
 */
export const TautauFiducialSettings = z.strictObject({
  enabled: z.boolean().default(false).describe('keep only events with a positive and a negative charged particle in the window (zero weight otherwise): sigma becomes the fiducial sigma'),
  thetaMinDeg: z.number().min(0).max(180).default(36).describe('lab polar angle of both charged particles at least this, deg (the trigger window starts at 37)'),
  thetaMaxDeg: z.number().min(0).max(180).default(121).describe('lab polar angle at most this, deg (the trigger window ends at 120)'),
  ptMinGeV: z.number().min(0).max(5).default(0.35).describe('lab transverse momentum above this, GeV/c (the selection cuts at 0.4)'),
});

export type TautauFiducialSettings = z.infer<typeof TautauFiducialSettings>;

export const TautauSettings = z.strictObject({
  /** Branching fractions of the explicit τ decay channels (PDG 2022); the rest is "other". */
  branchingFractions: TauBranchingSettings.prefault({}),
  /** τ spin correlations of γ* → τ⁺τ⁻; false decays both τ unpolarised. */
  spinCorrelations: z.boolean().default(true).describe('tau spin correlations of gamma* -> tau+tau-; false: both taus decay unpolarised'),
  /** Running α(s′) in the Born (vacuum polarisation); false: the fixed α of the options. */
  vacuumPolarization: z.boolean().default(true).describe("running alpha(s') in the Born; false: the fixed alpha"),
  /** τ decay vertices displaced by the flight length (cτ = 87.0 µm); false: all at the origin. */
  displacedVertices: z.boolean().default(true).describe('tau decay vertices displaced by the tau flight (c tau = 87.0 um)'),
  /** Photons with a smaller fraction of the beam energy are not emitted. */
  minPhotonFraction: z.number().positive().max(1e-2).default(1e-6).describe('ISR photons with a smaller fraction of the beam energy are not emitted'),
  /** Trials of the warm-up that estimates σ before any event is generated. */
  warmupTrials: z.number().int().min(1000).max(1e8).default(100_000).describe('trials of the warm-up run that estimates sigma'),
  /** Importance sampling of the τ decay channels (weighted events only). */
  channelBias: TauChannelBiasSettings.prefault({}),
  /** Generator-level requirement, looser than the search selection: σ becomes the fiducial σ. */
  fiducial: TautauFiducialSettings.prefault({}),
});

export type TautauSettings = z.infer<typeof TautauSettings>;

/** Share of the hard density h(v) in each beam's ISR-fraction proposal. */
const HARD_SHARE = 0.1;
/** Lower end of the hard density: v = 0.05 is s′ = 0.95s (with HARD_SHARE, the best unweighting efficiency found). */
const HARD_MIN_FRACTION = 0.05;
/** The unweighting maximum is the warm-up maximum times this factor. */
const MAX_WEIGHT_SAFETY = 1.05;

/** cτ of the τ in cm: ħc/Γ_τ with ħc = 1.973269804e-14 GeV·cm (PDG 2022) and Γ_τ = 2.267e-12 GeV: 87.0 µm. */
export const TAU_DECAY_LENGTH_CM = 1.973269804e-14 / TAU_WIDTH;

export class TautauGenerator implements EventGenerator {
  readonly process = 'tautau';
  private readonly beams: EventBeams;
  private readonly isr: InitialStateRadiation;
  private readonly emission = new IsrEmission();
  private readonly alpha: RunningAlphaTable | number;
  private readonly decayer: TauDecayer;
  private readonly tally: WeightTally;
  // Scratch.
  private readonly minusDecay = new TauDecayProducts();
  private readonly plusDecay = new TauDecayProducts();
  private readonly systemBoost = new LorentzTransform();
  private readonly systemToLab = new LorentzTransform();
  private readonly tauBoost = new LorentzTransform();
  private readonly tauToLab = new LorentzTransform();
  private readonly tauLab = new Float64Array(8); // (E, px, py, pz) of τ⁻ then τ⁺, lab
  private readonly hardFraction: TabulatedDensity;
  private readonly angle: MutableAngle = { cos: 1, sin: 0 };
  private readonly spin = new TauPairSpinMatrix();
  /** Beam axis n̂ in the τ⁺τ⁻ frame. */
  private readonly axis: MutableDirection = { x: 0, y: 0, z: 1 };
  /** Production axes x̂′, ŷ′, d̂ (τ⁻ direction) in the τ⁺τ⁻ frame, 3 components each. */
  private readonly axes = new Float64Array(9);
  /** Polarisation vector of the τ⁺ given the τ⁻ decay, τ⁺τ⁻-frame axes. */
  private readonly polarisation: MutableDirection = { x: 0, y: 0, z: 0 };
  private sPrime = 0;
  private fraction = 0;
  /** Channel bias or fiducial requirement: each trial is decayed (and its weight completed) before it is recorded. */
  private readonly extended: boolean;
  /** The fiducial window: cos θ bounds and pT² floor (lab). */
  private readonly fiducialCosMin: number;
  private readonly fiducialCosMax: number;
  private readonly fiducialPt2Min: number;

  constructor(
    readonly settings: TautauSettings,
    readonly options: GeneratorOptions,
    seed: number,
  ) {
    this.beams = new EventBeams(options.beams);
    // Radiated photons couple with α(0); --alpha-em changes the hard process only.
    this.isr = new InitialStateRadiation({ alpha: ALPHA_EM_0, minPhotonFraction: settings.minPhotonFraction });
    const threshold = 4 * TAU_MASS * TAU_MASS;
    // Above √s: the beam-energy spread (5 MeV) times 20.
    const sMax = (this.beams.sqrtS + 0.1) ** 2;
    this.alpha = settings.vacuumPolarization ? new RunningAlphaTable(threshold, sMax, options.alphaEM) : options.alphaEM;
    const bias = settings.channelBias;
    if (bias.enabled && !options.weighted) {
      throw new RangeError(
        'tautau: the decay-channel bias needs weighted events (GeneratorOptions.weighted = true, --weighted): unweighting would give back the branching fractions at a lower efficiency',
      );
    }
    this.decayer = new TauDecayer(settings.branchingFractions, bias.enabled ? bias : undefined);
    const fiducial = settings.fiducial;
    this.extended = bias.enabled || fiducial.enabled;
    this.fiducialCosMin = Math.cos((fiducial.thetaMinDeg * Math.PI) / 180);
    this.fiducialCosMax = Math.cos((fiducial.thetaMaxDeg * Math.PI) / 180);
    this.fiducialPt2Min = fiducial.ptMinGeV * fiducial.ptMinGeV;
    this.hardFraction = this.buildHardFraction(threshold);
    this.tally = new WeightTally(0, 'tautau');
    // The warm-up estimates σ and finds the largest weight; unweighting uses it with a 5% margin.
    const warmup = createStream(seed, 'tautau/warmup', 0);
    let max = 0;
    for (let i = 0; i < settings.warmupTrials; i++) {
      const w = this.extended ? this.fullTrial(warmup) : this.trial(warmup);
      this.tally.add(w);
      if (w > max) max = w;
    }
    this.tally.maxWeight = MAX_WEIGHT_SAFETY * max;
  }

  /**
   * The importance density h(v) of the hard ISR fractions, ∝ D(v)·σ_Born(s(1 − v)) on
   * [HARD_MIN_FRACTION, 1 − 4m_τ²/s] at the nominal √s: the radiative tail towards the τ-pair
   * threshold, where σ_Born is up to 4.6 times its value at √s.
   */
  private buildHardFraction(threshold: number): TabulatedDensity {
    const s = this.beams.sqrtS * this.beams.sqrtS;
    const beta = radiatorBeta(this.beams.sqrtS, ALPHA_EM_0);
    const vMax = 1 - threshold / s;
    const n = 800;
    const v = new Float64Array(n);
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      v[i] = HARD_MIN_FRACTION + ((vMax - HARD_MIN_FRACTION) * i) / (n - 1);
      d[i] = i === n - 1 ? 0 : electronStructureFunction(v[i], beta) * this.bornPb(s * (1 - v[i]));
    }
    return new TabulatedDensity(v, d);
  }

  /** h(v), normalised: the piecewise-linear density that `hardFraction` samples, on its uniform grid. */
  private hardDensity(v: number): number {
    const table = this.hardFraction;
    const x = table.x;
    const last = x.length - 1;
    const t = ((v - x[0]) / (x[last] - x[0])) * last;
    if (!(t >= 0 && t < last)) return 0;
    const i = Math.floor(t);
    const f = t - i;
    return ((1 - f) * table.density[i] + f * table.density[i + 1]) / table.integral;
  }

  /**
   * Samples one beam's radiated fraction v from g(v) = (1 − p)D(v) + p·h(v) and returns D(v)/g(v),
   * the factor of the event weight; v is left in `this.fraction`.
   */
  private sampleFraction(stream: RandomStream, beta: number): number {
    const v = stream.uniform() < HARD_SHARE ? this.hardFraction.sample(stream) : sampleStructureFunction(stream, beta);
    this.fraction = v;
    const h = this.hardDensity(v);
    if (!(h > 0)) return 1 / (1 - HARD_SHARE);
    const D = electronStructureFunction(v, beta);
    return D / ((1 - HARD_SHARE) * D + HARD_SHARE * h);
  }

  private bornPb(sPrime: number): number {
    const alpha = typeof this.alpha === 'number' ? this.alpha : this.alpha.at(sPrime);
    return leptonPairBornSigma(sPrime, TAU_MASS, alpha) * GEV2_TO_PB;
  }

  /**
   * Beam energies and ISR; returns the weight σ_Born(s′)·Π D(vᵢ)/g(vᵢ) in pb (0 below threshold).
   * The ISR fractions are drawn from a mixture of the structure function D(v) and a hard density
   * h(v) (see `buildHardFraction`), so that events near the τ-pair threshold are not rare trials
   * of large weight: the unweighting efficiency rises from 0.24 to 0.76.
   */
  private trial(stream: RandomStream): number {
    const b = this.options.beams;
    if (this.options.beamEnergySpread) {
      this.beams.set(stream.gaussian(b.herEnergy, b.herEnergySpread), stream.gaussian(b.lerEnergy, b.lerEnergySpread));
    }
    const sqrtS = this.beams.sqrtS;
    const em = this.emission;
    let ratio = 1;
    if (this.options.isr) {
      const beta = radiatorBeta(sqrtS, ALPHA_EM_0);
      ratio = this.sampleFraction(stream, beta);
      const vMinus = this.fraction;
      ratio *= this.sampleFraction(stream, beta);
      this.isr.emitFractions(stream, sqrtS, vMinus, this.fraction, em);
      if (!em.physical) return 0;
    } else {
      em.nPhotons = 0;
      em.systemE = sqrtS;
      em.systemPx = em.systemPy = em.systemPz = 0;
      em.sPrime = sqrtS * sqrtS;
    }
    this.sPrime = em.sPrime;
    if (!(this.sPrime > 4 * TAU_MASS * TAU_MASS)) return 0;
    return ratio * this.bornPb(this.sPrime) * (this.options.isr ? ISR_SOFT_VIRTUAL_FACTOR : 1);
  }

  generate(nEvents: number, stream: RandomStream): EventBatch {
    if (this.extended) {
      return hitOrMissBatch(nEvents, 14, stream, this.tally, this.options.weighted, (s) => this.fullTrial(s), (s, builder, w) => this.writeEvent(s, builder, w));
    }
    return hitOrMissBatch(nEvents, 14, stream, this.tally, this.options.weighted, (s) => this.trial(s), (s, builder, w) => this.buildEvent(s, builder, w));
  }

  /**
   * A trial with its decays (channel bias, fiducial requirement): the ISR and Born weight times the
   * channel weights B/q of both τ, zero outside the fiducial region; the event is left prepared.
   */
  private fullTrial(stream: RandomStream): number {
    const w = this.trial(stream);
    if (!(w > 0)) return 0;
    this.prepareEvent(stream);
    if (this.settings.fiducial.enabled && !this.inFiducialRegion()) return 0;
    return w * this.minusDecay.weight * this.plusDecay.weight;
  }

  /** True if the prepared event has a positive and a negative charged final-state particle in the fiducial window (lab). */
  private inFiducialRegion(): boolean {
    let positive = false;
    let negative = false;
    for (let side = 0; side < 2; side++) {
      const d = side === 0 ? this.minusDecay : this.plusDecay;
      for (let i = 0; i < d.n; i++) {
        if (d.status[i] !== Status.final) continue;
        const q = productCharge(d.pdg[i]);
        if (q === 0 || (q > 0 ? positive : negative)) continue;
        const pt2 = d.px[i] * d.px[i] + d.py[i] * d.py[i];
        if (!(pt2 > this.fiducialPt2Min)) continue;
        const cos = d.pz[i] / Math.sqrt(pt2 + d.pz[i] * d.pz[i]);
        if (cos > this.fiducialCosMin || cos < this.fiducialCosMax) continue;
        if (q > 0) positive = true;
        else negative = true;
      }
    }
    return positive && negative;
  }

  /** Production angles, spin-correlated decays, and the event record of the current trial. */
  private buildEvent(stream: RandomStream, builder: EventBatchBuilder, weight: number): void {
    this.prepareEvent(stream);
    this.writeEvent(stream, builder, weight);
  }

  /**
   * Production angles and spin-correlated decays of the current trial, everything then taken to the
   * lab: the ISR photons (in place), the τ four-momenta (`tauLab`) and the decay products (in place).
   * Frames: τ rest → τ⁺τ⁻ rest (pure boost along ±d̂) → beam c.m. (pure boost by P(τ⁺τ⁻)) → lab.
   */
  private prepareEvent(stream: RandomStream): void {
    const gamma = Math.sqrt(this.sPrime) / (2 * TAU_MASS);
    this.setBeamAxis();
    const cos = this.sampleProductionAxes(stream, gamma);
    // Decays: τ⁻ unpolarised, then τ⁺ with the polarisation it has given the τ⁻ decay.
    const minus = this.decayer.decayUnpolarised(stream, -1, this.minusDecay);
    const pol = this.polarisation;
    if (this.settings.spinCorrelations) this.setTauPlusPolarisation(minus, cos, gamma);
    else pol.x = pol.y = pol.z = 0;
    const plus = this.decayer.decay(stream, 1, pol.x, pol.y, pol.z, this.plusDecay);
    const em = this.emission;
    const beams = this.beams;
    const sqrtSPrime = Math.sqrt(this.sPrime);
    const kTau = Math.sqrt(Math.max(0, 0.25 * this.sPrime - TAU_MASS * TAU_MASS));
    const eTau = 0.5 * sqrtSPrime;
    setBoostFromRest(this.systemBoost, em.systemE, em.systemPx, em.systemPy, em.systemPz, sqrtSPrime);
    composeInto(this.systemToLab, beams.toLab, this.systemBoost);
    beams.toLab.applyToColumns(em.photonE, em.photonPx, em.photonPy, em.photonPz, 0, em.nPhotons);
    const tauLab = this.tauLab;
    const a = this.axes;
    // τ four-momenta in the lab: Λ·(m, 0⃗) is m times the first column of Λ = systemToLab ∘ τ boost.
    for (let side = 0; side < 2; side++) {
      const k = side === 0 ? kTau : -kTau;
      setBoostFromRest(this.tauBoost, eTau, k * a[6], k * a[7], k * a[8], TAU_MASS);
      composeInto(this.tauToLab, this.systemToLab, this.tauBoost);
      const t = this.tauToLab.m;
      tauLab[4 * side] = TAU_MASS * t[0];
      tauLab[4 * side + 1] = TAU_MASS * t[4];
      tauLab[4 * side + 2] = TAU_MASS * t[8];
      tauLab[4 * side + 3] = TAU_MASS * t[12];
      const products = side === 0 ? minus : plus;
      this.tauToLab.applyToColumns(products.E, products.px, products.py, products.pz, 0, products.n);
    }
  }

  /**
   * The beam axis n̂ in the τ⁺τ⁻ rest frame (`this.axis`): the difference of the unit directions of
   * the e⁻ and the e⁺ after their ISR photons, boosted by −P(τ⁺τ⁻) with
   * v⃗* = v⃗ + P⃗[(v⃗·P⃗)/(M(E + M)) − v⁰/M].
   */
  private setBeamAxis(): void {
    const em = this.emission;
    const M = Math.sqrt(this.sPrime);
    const sE = em.systemE, sX = em.systemPx, sY = em.systemPy, sZ = em.systemPz;
    const eBeam = 0.5 * this.beams.sqrtS;
    const pBeam = Math.sqrt(eBeam * eBeam - ELECTRON_MASS * ELECTRON_MASS);
    let mE = eBeam, mX = 0, mY = 0, mZ = pBeam; // e⁻
    let pE = eBeam, pX = 0, pY = 0, pZ = -pBeam; // e⁺
    for (let k = 0; k < em.nPhotons; k++) {
      if (em.emitter[k] > 0) {
        mE -= em.photonE[k]; mX -= em.photonPx[k]; mY -= em.photonPy[k]; mZ -= em.photonPz[k];
      } else {
        pE -= em.photonE[k]; pX -= em.photonPx[k]; pY -= em.photonPy[k]; pZ -= em.photonPz[k];
      }
    }
    const fm = (mX * sX + mY * sY + mZ * sZ) / (M * (sE + M)) - mE / M;
    const fp = (pX * sX + pY * sY + pZ * sZ) / (M * (sE + M)) - pE / M;
    mX += fm * sX; mY += fm * sY; mZ += fm * sZ;
    pX += fp * sX; pY += fp * sY; pZ += fp * sZ;
    const mN = Math.hypot(mX, mY, mZ);
    const pN = Math.hypot(pX, pY, pZ);
    const nx = mX / mN - pX / pN, ny = mY / mN - pY / pN, nz = mZ / mN - pZ / pN;
    const nn = Math.hypot(nx, ny, nz);
    this.axis.x = nx / nn;
    this.axis.y = ny / nn;
    this.axis.z = nz / nn;
  }

  /**
   * Samples the τ⁻ direction d̂ about the beam axis n̂, cos θ from R₀₀ ∝ 2 − β² + β²c² and φ
   * uniform, and sets the production axes `this.axes` = (x̂′, ŷ′, d̂): with (u, v) ⊥ n̂ and
   * w = cos φ u + sin φ v, d̂ = c n̂ + s w, x̂′ = s n̂ − c w (towards the e⁻), ŷ′ = d̂ × x̂′. Returns c.
   */
  private sampleProductionAxes(stream: RandomStream, gamma: number): number {
    const beta2 = 1 - 1 / (gamma * gamma);
    let c = 2 * stream.uniform() - 1;
    for (let proposals = 1; 2 * stream.uniform() >= 2 - beta2 + beta2 * c * c; proposals++) {
      if (proposals === MAX_REJECTIONS) throw rejectionLimitError('tautau: production angle', `γ = ${gamma}`);
      c = 2 * stream.uniform() - 1;
    }
    const s = Math.sqrt((1 - c) * (1 + c));
    const { x: nx, y: ny, z: nz } = this.axis;
    const useX = Math.abs(nz) > 0.9;
    let ux = useX ? 0 : -ny, uy = useX ? -nz : nx, uz = useX ? ny : 0; // (x̂ or ẑ) × n̂
    const un = Math.hypot(ux, uy, uz);
    ux /= un; uy /= un; uz /= un;
    const vx = ny * uz - nz * uy, vy = nz * ux - nx * uz, vz = nx * uy - ny * ux;
    const { cos: cphi, sin: sphi } = azimuth(stream, this.angle);
    const wx = cphi * ux + sphi * vx, wy = cphi * uy + sphi * vy, wz = cphi * uz + sphi * vz;
    const a = this.axes;
    a[6] = c * nx + s * wx; a[7] = c * ny + s * wy; a[8] = c * nz + s * wz;
    a[0] = s * nx - c * wx; a[1] = s * ny - c * wy; a[2] = s * nz - c * wz;
    a[3] = a[7] * a[2] - a[8] * a[1]; a[4] = a[8] * a[0] - a[6] * a[2]; a[5] = a[6] * a[1] - a[7] * a[0];
    return c;
  }

  /** `this.polarisation` = Cᵀh⁻/R₀₀ of the τ⁺, from the τ⁻ polarimeter vector (frame axes `this.axes`). */
  private setTauPlusPolarisation(minus: TauDecayProducts, cos: number, gamma: number): void {
    const m = this.spin.set(cos, gamma);
    const a = this.axes;
    const hx = minus.hx * a[0] + minus.hy * a[1] + minus.hz * a[2];
    const hy = minus.hx * a[3] + minus.hy * a[4] + minus.hz * a[5];
    const hz = minus.hx * a[6] + minus.hy * a[7] + minus.hz * a[8];
    const px = (hx * m.cxx + hz * m.cxz) / m.r00;
    const py = (hy * m.cyy) / m.r00;
    const pz = (hx * m.cxz + hz * m.czz) / m.r00;
    const pol = this.polarisation;
    pol.x = px * a[0] + py * a[3] + pz * a[6];
    pol.y = px * a[1] + py * a[4] + pz * a[7];
    pol.z = px * a[2] + py * a[5] + pz * a[8];
  }

  /** Writes the prepared event (ISR photons, τ⁻, τ⁺ and their decay products, lab frame). */
  private writeEvent(stream: RandomStream, builder: EventBatchBuilder, weight: number): void {
    const em = this.emission;
    const beams = this.beams;
    const tauLab = this.tauLab;
    builder.beginEvent(weight, beams.totalE, beams.totalPx, beams.totalPy, beams.totalPz);
    for (let k = 0; k < em.nPhotons; k++) builder.addParticle(PDG.photon, Status.final, -1, em.photonE[k], em.photonPx[k], em.photonPy[k], em.photonPz[k]);
    const indexMinus = builder.addParticle(PDG.tau, Status.decayed, -1, tauLab[0], tauLab[1], tauLab[2], tauLab[3]);
    const indexPlus = builder.addParticle(PDG.antitau, Status.decayed, -1, tauLab[4], tauLab[5], tauLab[6], tauLab[7]);
    this.addDecay(stream, builder, this.minusDecay, indexMinus, 0);
    this.addDecay(stream, builder, this.plusDecay, indexPlus, 4);
    builder.endEvent();
  }

  /** Appends the (lab-frame) products of one τ, at its decay vertex. */
  private addDecay(stream: RandomStream, builder: EventBatchBuilder, products: TauDecayProducts, tauIndex: number, labOffset: number): void {
    let vx = 0, vy = 0, vz = 0;
    if (this.settings.displacedVertices) {
      // Flight length βγcτ·Exp(1) along p̂: the vertex is (p⃗/m)·cτ·Exp(1).
      const f = (TAU_DECAY_LENGTH_CM * stream.exponential()) / TAU_MASS;
      vx = f * this.tauLab[labOffset + 1];
      vy = f * this.tauLab[labOffset + 2];
      vz = f * this.tauLab[labOffset + 3];
    }
    let first = -1;
    for (let i = 0; i < products.n; i++) {
      const mother = products.mother[i] < 0 ? tauIndex : first + products.mother[i];
      const index = builder.addParticle(products.pdg[i], products.status[i], mother, products.E[i], products.px[i], products.py[i], products.pz[i], vx, vy, vz);
      if (i === 0) first = index;
    }
  }

  stats(): GenerationStats {
    return this.tally.stats();
  }

  describe(): Record<string, number | string | boolean | null> {
    const b = this.settings.branchingFractions;
    const bias = this.settings.channelBias;
    const fiducial = this.settings.fiducial;
    return {
      ...(bias.enabled
        ? { channel_bias: `electron ${bias.electron}, muon ${bias.muon}, pion ${bias.pion}, rho ${bias.rho}, other ${bias.other} (weight B/q per tau)` }
        : {}),
      ...(fiducial.enabled
        ? {
            fiducial: true,
            fiducial_description:
              `a positive and a negative charged particle, each with lab theta in [${fiducial.thetaMinDeg}, ${fiducial.thetaMaxDeg}] deg and lab pT > ${fiducial.ptMinGeV} GeV/c; ` +
              'sigma is the fiducial cross section',
          }
        : {}),
      process_description: 'e+e- -> tau+tau-(gamma): Born with the tau mass, ISR, running alpha, tau spin correlations, polarised decays',
      spin_correlations: this.settings.spinCorrelations,
      vacuum_polarization: this.settings.vacuumPolarization,
      displaced_vertices: this.settings.displacedVertices,
      tau_decay_length_cm: TAU_DECAY_LENGTH_CM,
      branching_electron: b.electron,
      branching_muon: b.muon,
      branching_pion: b.pion,
      branching_rho: b.rho,
      branching_other: this.decayer.otherFraction,
      other_channel_model: 'tau -> a1 nu, a1 -> 3 pi (pi-pi-pi+ or pi-pi0pi0) flat in phase space',
      decay_channels: TAU_CHANNEL_NAMES.join(','),
      sigma_reference_kkmc_pb: 919,
    };
  }
}

/** Charge of a τ decay product from its PDG number: e∓, μ∓ (±11, ±13) and π± (±211); 0 for the rest. */
function productCharge(pdg: number): number {
  if (pdg === PDG.electron || pdg === PDG.muon || pdg === -PDG.piPlus) return -1;
  if (pdg === -PDG.electron || pdg === -PDG.muon || pdg === PDG.piPlus) return 1;
  return 0;
}

/**
 * Samples v from the electron structure function D(v) of generators/shared/isr.ts (the density of
 * `InitialStateRadiation.sampleFraction`): v = u^(2/β) samples (1 + 3β/8)(β/2)v^(β/2 − 1), accepted
 * with 1 − (2 − v)v^(1 − β/2)/(2(1 + 3β/8)), where v^(1 − β/2) = v/u saves a power.
 */
function sampleStructureFunction(stream: RandomStream, beta: number): number {
  const norm = 2 * (1 + 0.375 * beta);
  const exponent = 2 / beta;
  for (let proposals = 0; ; proposals++) {
    if (proposals === MAX_REJECTIONS) throw rejectionLimitError('tautau: ISR fraction', `β = ${beta}`);
    const u = stream.uniform();
    const v = Math.pow(u, exponent);
    if (stream.uniform() * norm < norm - ((2 - v) * v) / u) return v;
  }
}

/**
 * Checks the settings against the run options (the channel bias needs weighted events) and reports
 * a problem as a zod issue on the field, so that the command line names it.
 */
export function parseTautauSettings(input: unknown, options: GeneratorOptions): TautauSettings {
  return checkTautauSettings(TautauSettings.parse(input ?? {}), options);
}

/** The checks of `parseTautauSettings` on settings already validated by the schema. */
export function checkTautauSettings(settings: TautauSettings, options: GeneratorOptions): TautauSettings {
  if (settings.channelBias.enabled && !options.weighted) {
    throw new z.ZodError([
      {
        code: 'custom',
        path: ['channelBias', 'enabled'],
        input: true,
        message: 'needs weighted events (--weighted): unweighting would give back the branching fractions at a lower efficiency',
      },
    ]);
  }
  return settings;
}

export const tautauProcess = defineProcess(
  'tautau',
  'e+e- → τ+τ-(γ): ISR, running α, τ spin correlations, polarised τ → eνν, μνν, πν, ρν, 3πν',
  TautauSettings,
  (settings, options, seed) => new TautauGenerator(checkTautauSettings(settings, options), options, seed),
);
