import { type EventBatch, type EventBatchBuilder, Status } from '../../src/events/eventBatch.js';
import { EventBeams } from '../../src/physics/beams.js';
import { ELECTRON_MASS, GEV2_TO_PB, PDG } from '../../src/physics/constants.js';
import { createStream, type RandomStream } from '../../src/random/stream.js';
import { TabulatedDensity } from '../../src/random/tabulatedDensity.js';
import type { EventGenerator, GenerationStats, GeneratorOptions } from '../process.js';
import { directionAboutAxis } from './directionAboutAxis.js';
import { boostRowFromRest } from './lorentzInPlace.js';
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
} from './twoPhoton.js';
import { hitOrMissBatch, WeightTally } from './weightTally.js';

/**
 * e⁺e⁻ → e⁺e⁻ℓ⁺ℓ⁻ by two-photon collisions (multiperipheral γγ → ℓ⁺ℓ⁻) in the equivalent-photon
 * approximation with the photon virtualities kept (twoPhoton.ts), for any lepton ℓ: the
 * equivalent-photon model of e⁺e⁻ → e⁺e⁻μ⁺μ⁻ (generators/eemumu.ts, whose file comment describes
 * the trial, the spectator kinematics and the selection bias) and e⁺e⁻ → e⁺e⁻e⁺e⁻
 * (generators/eeee.ts), with the lepton's mass and PDG number as parameters. With ℓ = e the produced pair and the spectators are
 * identical particles; the EPA keeps only the multiperipheral diagrams and no exchange interference.
 */

/** The lepton pair γγ → ℓ⁺ℓ⁻ and how the process reports itself. */
export interface TwoPhotonLepton {
  /** Process name (stream purposes, errors, `describe`). */
  readonly process: string;
  /** Lepton mass, GeV. */
  readonly mass: number;
  /** PDG number of ℓ⁻ (its antiparticle is −pdg). */
  readonly pdg: number;
  /** `describe().process_description`. */
  readonly description: string;
  /** AAFH's σ for the same W cut, pb (Belle II Physics Book, arXiv:1808.10567, Table of cross sections). */
  readonly aafhSigmaPb: number;
}

/**
 * Importance sampling towards the paper's selection (the fields of generators/eemumu.ts's
 * `EemumuSelectionBias`, with the same meaning and defaults).
 */
export interface TwoPhotonSelectionBias {
  readonly enabled: boolean;
  readonly highMassGeV: number;
  readonly highMassShare: number;
  readonly q0SquaredGeV2: number;
  readonly highQ2Share: number;
  readonly centralRapidity: number;
  readonly centralShare: number;
  readonly transverseShare: number;
}

/** The generator's settings (the fields of `EemumuSettings`). */
export interface TwoPhotonPairSettings {
  /** Smallest ℓ⁺ℓ⁻ invariant mass W in GeV (AAFH `minMass`). */
  readonly minMassGeV: number;
  /** Q²_max/W² of each photon. */
  readonly q2MaxOverW2: number;
  /** Trials of the warm-up that estimates σ. */
  readonly warmupTrials: number;
  readonly selectionBias: TwoPhotonSelectionBias;
}

/** Points of the ln τ table of the proposal. */
const LN_TAU_POINTS = 240;
/** Margin on s for the proposal's lowest τ, so beam-energy spread cannot push W below its range. */
const S_MARGIN = 1.01;

export class TwoPhotonPairGenerator implements EventGenerator {
  readonly process: string;
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
  /** Scratch: the ℓ⁻ direction in the ℓℓ rest frame. */
  private readonly direction = new Float64Array(3);

  private readonly leptonMass: number;

  constructor(
    readonly lepton: TwoPhotonLepton,
    readonly settings: TwoPhotonPairSettings,
    readonly options: GeneratorOptions,
    seed: number,
  ) {
    this.process = lepton.process;
    this.leptonMass = lepton.mass;
    this.beams = new EventBeams(options.beams);
    this.nominalS = this.beams.sqrtS * this.beams.sqrtS;
    const r = settings.q2MaxOverW2;
    this.q2Limit = (w2) => r * w2;
    const alpha = options.alphaEM;
    const lo = Math.log((settings.minMassGeV * settings.minMassGeV) / (this.nominalS * S_MARGIN));
    if (!(lo < 0)) throw new RangeError(`${lepton.process}: minMassGeV = ${settings.minMassGeV} GeV is not below √s = ${this.beams.sqrtS.toFixed(4)} GeV`);
    const grid = new Float64Array(LN_TAU_POINTS);
    const density = new Float64Array(LN_TAU_POINTS);
    for (let i = 0; i < LN_TAU_POINTS; i++) {
      grid[i] = lo * (1 - i / (LN_TAU_POINTS - 1));
      density[i] = twoPhotonDSigmaDLnTau(grid[i], this.nominalS, this.leptonMass, this.q2Limit, alpha, 128);
    }
    this.lnTauProposal = new TabulatedDensity(grid, density);
    const bias = settings.selectionBias.enabled ? settings.selectionBias : undefined;
    if (bias !== undefined) {
      if (!options.weighted) {
        throw new RangeError(
          `${lepton.process}: selectionBias needs weighted events (GeneratorOptions.weighted = true; in a scenario, templates.backgrounds.${lepton.process}.weighted: true); unweighted events would lose its gain`,
        );
      }
      const hi = Math.log((bias.highMassGeV * bias.highMassGeV) / this.nominalS);
      if (!(hi < 0)) throw new RangeError(`${lepton.process}: selectionBias.highMassGeV = ${bias.highMassGeV} GeV is not below √s = ${this.beams.sqrtS.toFixed(4)} GeV`);
      const from = Math.max(lo, hi);
      const highGrid = new Float64Array(LN_TAU_POINTS);
      const highDensity = new Float64Array(LN_TAU_POINTS);
      for (let i = 0; i < LN_TAU_POINTS; i++) {
        highGrid[i] = from * (1 - i / (LN_TAU_POINTS - 1));
        highDensity[i] = twoPhotonDSigmaDLnTau(highGrid[i], this.nominalS, this.leptonMass, this.q2Limit, alpha, 128);
      }
      this.highMassProposal = new TabulatedDensity(highGrid, highDensity);
      this.highMassShare = bias.highMassShare;
      this.virtuality = new VirtualityMixture(bias.q0SquaredGeV2, bias.highQ2Share);
      this.centralShare = bias.centralShare;
      this.centralRapidity = bias.centralRapidity;
      this.angle = new BreitWheelerMixture(bias.transverseShare);
    }
    this.sigmaQuadraturePb = twoPhotonCrossSection(this.nominalS, this.leptonMass, settings.minMassGeV, this.q2Limit, alpha) * GEV2_TO_PB;
    // The Q² mixture multiplies a weight by at most 1/(1 − c).
    const q2WeightMax = bias === undefined ? 1 : 1 / (1 - bias.highQ2Share);
    this.tally = new WeightTally(this.scanMaxWeight(lo) * q2WeightMax, lepton.process);
    const warmup = createStream(seed, `${lepton.process}/warmup`, 0);
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
    return (twoPhotonIntegrand(lnTau, lnX1, s, this.leptonMass, this.q2Limit, this.options.alphaEM) / proposal) * GEV2_TO_PB;
  }

  /** The density of the ln τ proposal: the EPA table, or with `selectionBias` its mixture with the part above the W threshold. */
  private lnTauDensity(lnTau: number): number {
    const high = this.highMassProposal;
    if (high === undefined) return this.lnTauProposal.pdf(lnTau);
    const a = this.highMassShare;
    return (1 - a) * this.lnTauProposal.pdf(lnTau) + a * high.pdf(lnTau);
  }

  /**
   * The window of the central ln x₁ component: the ℓℓ c.m. rapidity y = ln x₁ − ln τ/2 within
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

  // Scratch of `buildEvent`: k1x, k1y, k2x, k2y (GeV), and the rows e⁻, e⁺, ℓ⁻, ℓ⁺.
  private readonly k = new Float64Array(4);
  private readonly pE = new Float64Array(4);
  private readonly pX = new Float64Array(4);
  private readonly pY = new Float64Array(4);
  private readonly pZ = new Float64Array(4);

  /** Writes the event of the current (accepted) trial: its spectators, and the ℓ⁺ℓ⁻ decay angles. */
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
    // Rows 0–3 of the scratch columns: e⁻, e⁺ (c.m. frame), ℓ⁻, ℓ⁺ (ℓℓ rest frame first).
    const E = this.pE, px = this.pX, py = this.pY, pz = this.pZ;
    E[0] = e1; px[0] = k[0]; py[0] = k[1]; pz[0] = pz1;
    E[1] = e2; px[1] = k[2]; py[1] = k[3]; pz[1] = pz2;
    // ℓ⁺ℓ⁻ system and the photon axis (direction of q₁ = p₁ − p₁′ in the ℓℓ rest frame).
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
    // Boost q₁ by −P_ℓℓ: q⃗* = q⃗ + P⃗[(q⃗·P⃗)/(W(E + W)) − q⁰/W].
    const c0 = (q1X * sX + q1Y * sY + q1Z * sZ) / (w * (sE + w)) - q1E / w;
    const ax = q1X + c0 * sX;
    const ay = q1Y + c0 * sY;
    const az = q1Z + c0 * sZ;
    const r = (4 * this.leptonMass * this.leptonMass) / (w * w);
    const angle = this.angle;
    let eventWeight = weight;
    let cos: number;
    if (angle === undefined) cos = sampleBreitWheelerCos(stream, r);
    else {
      cos = angle.sample(stream, w * w, this.leptonMass, this.options.alphaEM);
      eventWeight *= angle.weight;
    }
    const phi = 2 * Math.PI * stream.uniform();
    const d = this.direction;
    directionAboutAxis(ax, ay, az, cos, phi, d);
    const dx = d[0], dy = d[1], dz = d[2];
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
    builder.addParticle(this.lepton.pdg, Status.final, -1, E[2], px[2], py[2], pz[2]);
    builder.addParticle(-this.lepton.pdg, Status.final, -1, E[3], px[3], py[3], pz[3]);
    builder.endEvent();
  }

  stats(): GenerationStats {
    return this.tally.stats();
  }

  describe(): Record<string, number | string | boolean | null> {
    return {
      process_description: this.lepton.description,
      min_mass_GeV: this.settings.minMassGeV,
      q2max_over_W2: this.settings.q2MaxOverW2,
      sigma_quadrature_pb: this.sigmaQuadraturePb,
      sigma_reference_aafh_pb: this.lepton.aafhSigmaPb,
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

