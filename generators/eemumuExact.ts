import { z } from 'zod';
import type { EventBatch, EventBatchBuilder } from '../src/events/eventBatch.js';
import { EventBeams } from '../src/physics/beams.js';
import { ELECTRON_MASS, GEV2_TO_PB, MUON_MASS, PDG } from '../src/physics/constants.js';
import { createStream, type RandomStream } from '../src/random/stream.js';
import { TabulatedDensity } from '../src/random/tabulatedDensity.js';
import { MumuFiducialSettings, MuonPairFiducial, muonPairFiducialDescription } from './mumu.js';
import type { EventGenerator, GenerationStats, GeneratorOptions } from './process.js';
import { CMEvent } from './shared/cmEvent.js';
import { MultiperipheralAmplitude } from './shared/multiperipheralAmplitude.js';
import { breitWheelerDSigmaDCos, breitWheelerSigma, sampleBreitWheelerCos, twoPhotonDSigmaDLnTau } from './shared/twoPhoton.js';
import { TwoPhotonKinematics, twoPhotonPhaseSpaceFactor } from './shared/twoPhotonKinematics.js';
import { hitOrMissBatch, WeightTally } from './shared/weightTally.js';
import { toleratedMaximum } from './signal.js';

/**
 * e⁺e⁻ → e⁺e⁻μ⁺μ⁻ with the exact tree-level matrix element of the multiperipheral (two-photon)
 * diagrams, both photons off shell, electron and muon masses kept (multiperipheralAmplitude.ts).
 * The bremsstrahlung, conversion and annihilation diagrams of the full process (Berends,
 * Daverveldt, Kleiss, Nucl. Phys. B253 (1985) 441) are not included.
 *
 * One trial, in the c.m. frame of the (possibly energy-smeared) beams, e⁻ along +z, draws the
 * variables of twoPhotonKinematics.ts from densities that follow the peaks of |M|²:
 *   1. τ = x₁x₂ (xᵢ = ωᵢ/E_beam the photon energy fractions) from the equivalent-photon
 *      dσ/d ln τ with Q²max = W² (Budnev ⊗ Breit–Wheeler, twoPhoton.ts), ln x₁ uniform on [ln τ, 0]:
 *      the 1/W² rise of σ_γγ and the dω/ω of both photon spectra;
 *   2. each Qᵢ² log-uniform over its whole kinematic range [Q²min, Q²max] (the 1/Q² of both
 *      t-channel propagators, up to spectators at any angle), the azimuths uniform;
 *   3. the μ⁻ direction in the μ⁺μ⁻ frame about the photon axis from Breit–Wheeler mixed with a
 *      uniform share (twoPhoton.ts, BreitWheelerMixture): the t- and u-channel muon propagators.
 * The weight is ¼Σ|M|² dΦ₄/(flux · proposal density) in pb, with the true W of the four-momenta
 * (W > `minMassGeV`). Unweighting: hit-or-miss against w_max, the tolerated maximum of the
 * deterministic warm-up (as the signal's, signal.ts `toleratedMaximum`) times a safety factor;
 * trials above w_max keep the weight w/w_max > 1, so the sample stays unbiased.
 * With `fiducial`, trials whose muons cannot pass the selection (mumu.ts, MumuFiducialSettings)
 * have weight 0 before |M|² is evaluated: σ is then the fiducial cross section. The proposal then
 * becomes a mixture that prefers the fiducial region (`fiducialSampling`; each part a share of the
 * density of steps 1–3, so no region loses its probability and the weights stay exact):
 *   ln τ: (1 − a)·(the table) + a·(the table above W = highMassGeV), both muons needing pT ≳ 0.35 GeV/c;
 *   ln x₁: (1 − r)·uniform on [ln τ, 0] + r·uniform where the μμ c.m. rapidity ln x₁ − ½ ln τ is
 *         within ±centralRapidity, the muons being central;
 *   Q₁², Q₂²: (1 − c)·(both log-uniform) + c·(both log-uniform up to the cap min(Q²max, κτs),
 *         κ = virtualityCapFactor, one photon, either with probability ½, above max(q₀², Q²min)):
 *         the dimuon c.m. pT > 0.25 GeV/c needs a spectator's |k⃗| ≳ 0.25 GeV, and Q² beyond ~τs
 *         leaves no mass for the pair;
 *   cos θ*: Breit–Wheeler + a uniform share + a share g uniform in the window |cos θ*| ≤ c(y, W)
 *         where both muons can reach the acceptance: rapidities y ± artanh(β cos θ*) within ±η₀
 *         (the lab polar window seen from the c.m. frame) and ½Wβ sin θ* above the pT floor.
 * No initial-state radiation (AAFH has none either).
 */
export const EemumuExactSettings = z.strictObject({
  /** Trials of the warm-up that finds the unweighting maximum. */
  warmupTrials: z.number().int().min(1000).max(1e8).default(200_000).describe('trials of the warm-up that finds the unweighting maximum (exact model)'),
  /** w_max: the smallest weight whose warm-up excess Σ(w − w_max) is at most this fraction of σ. */
  overweightTolerance: z.number().min(0).max(0.05).default(3e-3).describe('fraction of sigma the warm-up weights may carry above the unweighting maximum (exact model)'),
  /** The maximum weight is the tolerated maximum times this factor. */
  maxWeightSafety: z.number().min(1).max(10).default(1.1).describe('the unweighting maximum is the tolerated warm-up maximum times this factor (exact model)'),
  /** Probability d that the μ⁻ cos θ* is drawn uniformly instead of from Breit–Wheeler, in [0, 1). */
  uniformAngleShare: z.number().min(0).lt(1, { message: 'must be below 1: the Breit–Wheeler peaks need a non-zero probability' }).default(0.3),
  /** Generator-level muon requirement (the μμ(γ) one): zero weight for events the selection cannot keep. */
  fiducial: MumuFiducialSettings.prefault({}),
  /** Proposal densities towards the fiducial region, used when `fiducial` is enabled (EemumuFiducialSampling). */
  fiducialSampling: z
    .strictObject({
      /** W threshold (GeV) of the second ln τ component. */
      highMassGeV: z.number().gt(2 * MUON_MASS).max(10).default(0.8),
      /** Probability a of the ln τ component above highMassGeV, in [0, 1). */
      highMassShare: z.number().min(0).lt(1, { message: 'must be below 1: the masses below highMassGeV need a non-zero probability' }).default(0.8),
      /** Half-width Y of the c.m. rapidity window of the μμ system of the second ln x₁ component. */
      centralRapidity: z.number().positive().max(10).default(0.9),
      /** Probability r of the ln x₁ component inside the window, in [0, 1). */
      centralShare: z.number().min(0).lt(1, { message: 'must be below 1: the rapidities outside the window need a non-zero probability' }).default(0.8),
      /** Lower end q₀² (GeV²) of the log-uniform component of one photon's Q². */
      q0SquaredGeV2: z.number().positive().max(100).default(0.04),
      /** Probability c that one photon (either with probability ½) draws Q² above q₀², in [0, 1). */
      highQ2Share: z.number().min(0).lt(1, { message: 'must be below 1: the region below q0SquaredGeV2 needs a non-zero probability' }).default(0.8),
      /** Upper end of the Q² components (the part c), as a multiple of 4ω₁ω₂ = τs: larger Q² leaves no mass for the pair. */
      virtualityCapFactor: z.number().positive().max(100).default(3),
      /** Probability of the uniform cos θ* (muons transverse to the photon axis), in [0, 1); replaces uniformAngleShare. */
      uniformAngleShare: z.number().min(0).lt(1, { message: 'must be below 1: the Breit–Wheeler peaks need a non-zero probability' }).default(0.3),
      /** Probability g of cos θ* uniform inside the window where both muons reach the lab acceptance, in [0, 1). */
      acceptanceAngleShare: z.number().min(0).lt(1).default(0.5),
      /** Half-width η₀ of the c.m. pseudorapidity window both muons must reach (the lab polar window seen from the c.m. frame, with a margin). */
      acceptanceRapidity: z.number().positive().max(10).default(1),
    })
    .refine((b) => b.uniformAngleShare + b.acceptanceAngleShare < 1, { message: 'uniformAngleShare + acceptanceAngleShare must be below 1: the Breit–Wheeler peaks need a non-zero probability', path: ['acceptanceAngleShare'] })
    .prefault({}),
});

export type EemumuExactSettings = z.infer<typeof EemumuExactSettings>;

const LN_TAU_POINTS = 240;
/** Margin on s for the proposal's lowest τ, so beam-energy spread cannot push W below its range. */
const S_MARGIN = 1.01;
const TWO_PI = 2 * Math.PI;
/** The Q² cap stays at least this factor above Q²min, so the capped densities never collapse. */
const CAP_MARGIN = 1.5;
/** The acceptance window asks for this fraction of the muon pT floor (the pair's pT adds to it). */
const PT_WINDOW_MARGIN = 0.8;
/** Windows narrower than this are not used: the uniform parts cover them. */
const MIN_WINDOW = 0.05;

/** Q² log-uniform on [lo, hi] from a uniform u. */
function logUniform(lo: number, hi: number, u: number): number {
  return lo * Math.exp(Math.log(hi / lo) * u);
}

/** The log-uniform density on [lo, hi] at v (0 outside). */
function logUniformDensity(v: number, lo: number, hi: number): number {
  return v >= lo && v <= hi ? 1 / (v * Math.log(hi / lo)) : 0;
}

export class EemumuExactGenerator implements EventGenerator {
  readonly process = 'eemumu';
  private readonly beams: EventBeams;
  private readonly lnTauProposal: TabulatedDensity;
  /** The ln τ table above highMassGeV (fiducial sampling), else undefined. */
  private readonly highMassProposal: TabulatedDensity | undefined;
  private readonly highMassShare: number = 0;
  private readonly centralShare: number = 0;
  private readonly centralRapidity: number = 0;
  private readonly highQ2Share: number = 0;
  private readonly q0Squared: number = 0;
  private readonly virtualityCap: number = Infinity;
  private readonly acceptanceAngleShare: number = 0;
  private readonly acceptanceRapidity: number = 0;
  private readonly muonPtMin: number;
  /** The cos θ* proposal density of the last `sampleCos`. */
  private cosDensity = 0;
  /** Probability d of the uniform cos θ* on [−1, 1]. */
  private readonly uniformAngleShare: number;
  private readonly amplitude = new MultiperipheralAmplitude(ELECTRON_MASS, MUON_MASS);
  private readonly kinematics = new TwoPhotonKinematics(ELECTRON_MASS, MUON_MASS);
  private readonly filter: MuonPairFiducial | null;
  private readonly tally: WeightTally;
  private readonly range = new Float64Array(2);
  /** The current trial's final state in the c.m. frame: μ⁻, μ⁺, e⁻, e⁺. */
  private readonly cm = new CMEvent(4);

  constructor(
    readonly minMassGeV: number,
    readonly settings: EemumuExactSettings,
    readonly options: GeneratorOptions,
    seed: number,
  ) {
    this.beams = new EventBeams(options.beams);
    const nominalS = this.beams.sqrtS * this.beams.sqrtS;
    const lo = Math.log((minMassGeV * minMassGeV) / (nominalS * S_MARGIN));
    if (!(lo < 0)) throw new RangeError(`eemumu: minMassGeV = ${minMassGeV} GeV is not below √s = ${this.beams.sqrtS.toFixed(4)} GeV`);
    const grid = new Float64Array(LN_TAU_POINTS);
    const density = new Float64Array(LN_TAU_POINTS);
    for (let i = 0; i < LN_TAU_POINTS; i++) {
      grid[i] = lo * (1 - i / (LN_TAU_POINTS - 1));
      density[i] = twoPhotonDSigmaDLnTau(grid[i], nominalS, MUON_MASS, (w2) => w2, options.alphaEM, 128);
    }
    this.lnTauProposal = new TabulatedDensity(grid, density);
    const bias = settings.fiducial.enabled ? settings.fiducialSampling : undefined;
    if (bias !== undefined) {
      const hi = Math.log((bias.highMassGeV * bias.highMassGeV) / nominalS);
      if (!(hi < 0)) throw new RangeError(`eemumu: exact.fiducialSampling.highMassGeV = ${bias.highMassGeV} GeV is not below √s = ${this.beams.sqrtS.toFixed(4)} GeV`);
      const from = Math.max(lo, hi);
      const highGrid = new Float64Array(LN_TAU_POINTS);
      const highDensity = new Float64Array(LN_TAU_POINTS);
      for (let i = 0; i < LN_TAU_POINTS; i++) {
        highGrid[i] = from * (1 - i / (LN_TAU_POINTS - 1));
        highDensity[i] = this.lnTauProposal.pdf(highGrid[i]);
      }
      this.highMassProposal = new TabulatedDensity(highGrid, highDensity);
      this.highMassShare = bias.highMassShare;
      this.centralShare = bias.centralShare;
      this.centralRapidity = bias.centralRapidity;
      this.highQ2Share = bias.highQ2Share;
      this.q0Squared = bias.q0SquaredGeV2;
      this.virtualityCap = bias.virtualityCapFactor;
      this.acceptanceAngleShare = bias.acceptanceAngleShare;
      this.acceptanceRapidity = bias.acceptanceRapidity;
    }
    this.muonPtMin = settings.fiducial.muonPtMinGeV;
    this.uniformAngleShare = bias === undefined ? settings.uniformAngleShare : bias.uniformAngleShare;
    this.filter = settings.fiducial.enabled ? new MuonPairFiducial(settings.fiducial, options.beams) : null;
    this.tally = new WeightTally(0, 'eemumu');
    const warmup = createStream(seed, 'eemumu/warmup', 0);
    const weights = new Float64Array(settings.warmupTrials);
    for (let i = 0; i < weights.length; i++) {
      weights[i] = this.trial(warmup);
      this.tally.add(weights[i]);
    }
    const max = toleratedMaximum(weights, settings.overweightTolerance) * settings.maxWeightSafety;
    if (!(max > 0)) throw new RangeError(`eemumu: no warm-up trial of ${settings.warmupTrials} passed the cuts; raise warmupTrials or loosen fiducial`);
    this.tally.maxWeight = max;
  }

  /** Draws one trial; returns its weight (pb), 0 outside phase space or the cuts, and keeps its final state in `cm`. */
  private trial(stream: RandomStream): number {
    const b = this.options.beams;
    if (this.options.beamEnergySpread) {
      this.beams.set(stream.gaussian(b.herEnergy, b.herEnergySpread), stream.gaussian(b.lerEnergy, b.lerEnergySpread));
    }
    const sqrtS = this.beams.sqrtS;
    const eBeam = 0.5 * sqrtS;
    const high = this.highMassProposal;
    const lnTau = high !== undefined && stream.uniform() < this.highMassShare ? high.sample(stream) : this.lnTauProposal.sample(stream);
    let lnX1 = lnTau * stream.uniform();
    // The central window of ln x₁ (fiducial sampling): [lo, lo + length] within [ln τ, 0].
    const windowLo = Math.max(lnTau, 0.5 * lnTau - this.centralRapidity);
    const windowLength = Math.min(0, 0.5 * lnTau + this.centralRapidity) - windowLo;
    if (high !== undefined && stream.uniform() < this.centralShare) lnX1 = windowLo + windowLength * stream.uniform();
    const omega1 = Math.exp(lnX1) * eBeam;
    const omega2 = Math.exp(lnTau - lnX1) * eBeam;
    if (!(eBeam - omega1 > ELECTRON_MASS && eBeam - omega2 > ELECTRON_MASS)) return 0;
    const kin = this.kinematics;
    const range = this.range;
    // Q² of each photon log-uniform on [Q²min, Q²max] (share 1 − c), or (fiducial sampling, share c)
    // both below the cap min(Q²max, κτs), one of them (either with probability ½) above q₀².
    const c = this.highQ2Share;
    const u = stream.uniform();
    const capTau = this.virtualityCap * Math.exp(lnTau) * sqrtS * sqrtS;
    kin.virtualityRange(eBeam, omega1, range);
    const min1 = range[0], max1 = range[1];
    const cap1 = Math.min(max1, Math.max(capTau, min1 * CAP_MARGIN));
    const lo1 = Math.max(this.q0Squared, min1);
    kin.virtualityRange(eBeam, omega2, range);
    const min2 = range[0], max2 = range[1];
    const cap2 = Math.min(max2, Math.max(capTau, min2 * CAP_MARGIN));
    const lo2 = Math.max(this.q0Squared, min2);
    // Where q₀² ≥ the cap the high part is the capped log-uniform density.
    const high1 = lo1 < cap1 ? lo1 : min1;
    const high2 = lo2 < cap2 ? lo2 : min2;
    let v1: number;
    let v2: number;
    if (u >= c) {
      v1 = logUniform(min1, max1, stream.uniform());
      v2 = logUniform(min2, max2, stream.uniform());
    } else if (u < 0.5 * c) {
      v1 = logUniform(high1, cap1, stream.uniform());
      v2 = logUniform(min2, cap2, stream.uniform());
    } else {
      v1 = logUniform(min1, cap1, stream.uniform());
      v2 = logUniform(high2, cap2, stream.uniform());
    }
    if (!kin.setSpectators(sqrtS, omega1, omega2, v1, v2, TWO_PI * stream.uniform(), TWO_PI * stream.uniform())) return 0;
    const w = kin.w;
    if (!(w > this.minMassGeV)) return 0;
    const w2 = w * w;
    const alpha = this.options.alphaEM;
    const windowCos = high === undefined ? 0 : this.acceptanceWindow(lnX1 - 0.5 * lnTau, w2);
    const cos = this.sampleCos(stream, w2, windowCos);
    const cosDensity = this.cosDensity;
    const beta = kin.setMuons(cos, TWO_PI * stream.uniform());
    const cm = this.cm;
    cm.clear();
    const { p3, p4, p5, p6 } = kin;
    cm.add(PDG.muon, p5[0], p5[1], p5[2], p5[3]);
    cm.add(PDG.antimuon, p6[0], p6[1], p6[2], p6[3]);
    cm.add(PDG.electron, p3[0], p3[1], p3[2], p3[3]);
    cm.add(PDG.positron, p4[0], p4[1], p4[2], p4[3]);
    if (this.filter !== null && !this.filter.accepts(cm, this.beams)) return 0;
    const me2 = this.amplitude.matrixElement2(kin, v1, v2, alpha);
    // Proposal density in (ω1, ω2, Q1², Q2², φ3, φ4, cos θ*, φ*): that of (ln τ, ln x₁) over ω1ω2, then the Q² mixture.
    let lnDensity = this.lnTauProposal.pdf(lnTau) / -lnTau;
    if (high !== undefined) {
      const a = this.highMassShare;
      const r = this.centralShare;
      const inside = lnX1 >= windowLo && lnX1 <= windowLo + windowLength ? r / windowLength : 0;
      lnDensity = ((1 - a) * this.lnTauProposal.pdf(lnTau) + a * high.pdf(lnTau)) * ((1 - r) / -lnTau + inside);
    }
    const q2Density =
      (1 - c) * logUniformDensity(v1, min1, max1) * logUniformDensity(v2, min2, max2) +
      0.5 * c * (logUniformDensity(v1, high1, cap1) * logUniformDensity(v2, min2, cap2) + logUniformDensity(v1, min1, cap1) * logUniformDensity(v2, high2, cap2));
    const density = (lnDensity / (omega1 * omega2)) * q2Density * (cosDensity / (TWO_PI * TWO_PI * TWO_PI));
    const pb = kin.beamMomentum;
    const flux = 4 * pb * sqrtS;
    return ((me2 * twoPhotonPhaseSpaceFactor(pb, beta)) / (flux * density)) * GEV2_TO_PB;
  }

  /**
   * The half-width c of the cos θ* window in which both muons can reach the acceptance, for a
   * pair of c.m. rapidity y and mass² W²: the muon rapidities y ± artanh(β cos θ*) within ±η₀ and
   * the transverse momentum ½Wβ sin θ* above the floor (with a margin for the pair's pT);
   * 0 where there is no such window.
   */
  private acceptanceWindow(rapidity: number, w2: number): number {
    const room = this.acceptanceRapidity - Math.abs(rapidity);
    if (!(room > 0)) return 0;
    const beta = Math.sqrt(Math.max(0, 1 - (4 * MUON_MASS * MUON_MASS) / w2));
    const ptRatio = (2 * PT_WINDOW_MARGIN * this.muonPtMin) / (Math.sqrt(w2) * beta);
    const window = Math.min(1, Math.tanh(room) / beta, Math.sqrt(Math.max(0, 1 - ptRatio * ptRatio)));
    return window > MIN_WINDOW ? window : 0;
  }

  /**
   * Draws cos θ*: Breit–Wheeler (share 1 − d − g), uniform on [−1, 1] (share d) and, with a window
   * c > 0, uniform on [−c, c] (share g; without one that share is uniform on [−1, 1] too).
   * Sets `cosDensity`, the mixture's density at the draw.
   */
  private sampleCos(stream: RandomStream, w2: number, window: number): number {
    const alpha = this.options.alphaEM;
    const g = this.acceptanceAngleShare;
    const d = this.uniformAngleShare;
    const u = stream.uniform();
    const span = window > 0 ? window : 1;
    const cos = u < g ? span * (2 * stream.uniform() - 1) : u < g + d ? 2 * stream.uniform() - 1 : sampleBreitWheelerCos(stream, (4 * MUON_MASS * MUON_MASS) / w2);
    const pBW = breitWheelerDSigmaDCos(w2, cos, MUON_MASS, alpha) / breitWheelerSigma(w2, MUON_MASS, alpha);
    this.cosDensity = (1 - g - d) * pBW + 0.5 * d + (Math.abs(cos) <= span ? (0.5 * g) / span : 0);
    return cos;
  }

  generate(nEvents: number, stream: RandomStream): EventBatch {
    return hitOrMissBatch(nEvents, 4, stream, this.tally, this.options.weighted, (s) => this.trial(s), (_s, builder, w) => this.build(builder, w));
  }

  private build(builder: EventBatchBuilder, weight: number): void {
    this.cm.writeToLab(builder, this.beams, weight);
  }

  stats(): GenerationStats {
    return this.tally.stats();
  }

  describe(): Record<string, number | string | boolean | null> {
    const fiducial = this.settings.fiducial;
    return {
      process_description: 'e+e- -> e+e-mu+mu- (exact tree-level multiperipheral two-photon diagrams, masses kept)',
      model: 'exact',
      min_mass_GeV: this.minMassGeV,
      sigma_reference_aafh_pb: 18_900,
      isr_applied: false,
      fiducial: fiducial.enabled,
      ...(fiducial.enabled ? { fiducial_description: muonPairFiducialDescription(fiducial) } : {}),
    };
  }
}
