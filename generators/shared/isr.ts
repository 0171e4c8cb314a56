import { ALPHA_EM_0, ELECTRON_MASS } from '../../src/physics/constants.js';
import type { RandomStream } from '../../src/random/stream.js';
import { MAX_REJECTIONS, rejectionLimitError } from './trialLimits.js';

/**
 * Initial-state radiation in the structure-function approach.
 *
 * Each beam radiates a fraction v of its energy with the electron structure function of
 * Kuraev & Fadin (Sov. J. Nucl. Phys. 41 (1985) 466), to O(β) with exponentiation:
 *   D(v) = (β/2) v^(β/2 − 1) (1 + 3β/8) − (β/4)(2 − v),   β = (2α/π)(ln(s/m_e²) − 1),
 * normalised so that ∫₀¹ D dv = 1. The convolution of the two beams' D reproduces the
 * Kuraev–Fadin radiator W(x, s) = β x^(β−1)(1 + 3β/4) − β(1 − x/2) + O(β²) (E. A. Kuraev, V. S. Fadin, Sov. J. Nucl. Phys. 41, 466 (1985); docs/references.md §10).
 * The radiated energy goes into one photon per beam whose angle to its beam follows the eikonal
 * (dipole) current of the e⁺e⁻ pair, partitioned between the two emitters, with the electron mass
 * kept: photons are not exactly collinear and can reach the detector.
 *
 * Everything is in the c.m. frame of the beams, e⁻ along +z, e⁺ along −z.
 */

/** The result of one emission; reused from call to call (no allocation per event). */
export class IsrEmission {
  /** Number of explicit photons (0, 1 or 2). */
  nPhotons = 0;
  /** Photon four-momenta, c.m. frame, GeV; entries [0, nPhotons). */
  readonly photonE = new Float64Array(2);
  readonly photonPx = new Float64Array(2);
  readonly photonPy = new Float64Array(2);
  readonly photonPz = new Float64Array(2);
  /** Which beam emitted each photon: +1 for e⁻ (moving +z), −1 for e⁺. */
  readonly emitter = new Int8Array(2);
  /** Four-momentum left for the hard process, c.m. frame, GeV. */
  systemE = 0;
  systemPx = 0;
  systemPy = 0;
  systemPz = 0;
  /** Invariant mass squared of the hard process, GeV². */
  sPrime = 0;
  /**
   * False when the two photons took more than the available energy (system energy or s′ ≤ 0),
   * which happens in a fraction O(β²) of emissions: the caller gives such points zero weight, as it
   * does for s′ below its own threshold.
   */
  physical = true;
}

/**
 * The soft-plus-virtual constant of the radiator, 1 + (α/π)(π²/3 − 1/2) (Kuraev–Fadin, Sov. J. Nucl. Phys. 41, 466 (1985)):
 * the O(α) rate factor that multiplies a cross section generated with these structure functions.
 * Real and virtual photons couple with α(0) whatever the coupling of the hard process.
 */
export const ISR_SOFT_VIRTUAL_FACTOR = 1 + (ALPHA_EM_0 / Math.PI) * ((Math.PI * Math.PI) / 3 - 0.5);

/** β = (2α/π)(ln(s/m_e²) − 1), the collinear-radiation exponent (0.08769 at √s = 10.58 GeV with α(0)). */
export function radiatorBeta(sqrtS: number, alpha: number): number {
  return ((2 * alpha) / Math.PI) * (2 * Math.log(sqrtS / ELECTRON_MASS) - 1);
}

/**
 * Kuraev–Fadin radiator W(x, s) at O(β) with exponentiation: the probability density that a
 * fraction x of √s² is lost, s' = s(1 − x) (Kuraev–Fadin, docs/references.md §10, without the O(β²) terms).
 */
export function kuraevFadinRadiator(x: number, sqrtS: number, alpha: number): number {
  const beta = radiatorBeta(sqrtS, alpha);
  return beta * Math.pow(x, beta - 1) * (1 + 0.75 * beta) - beta * (1 - 0.5 * x);
}

/** Electron structure function D(v) of one beam (fraction v of its energy radiated). */
export function electronStructureFunction(v: number, beta: number): number {
  return 0.5 * beta * Math.pow(v, 0.5 * beta - 1) * (1 + 0.375 * beta) - 0.25 * beta * (2 - v);
}

export interface IsrSettings {
  /** Fine-structure constant used for the radiation, α(0) by default. */
  readonly alpha: number;
  /**
   * Fractions of the beam energy below this are not emitted as explicit photons (v is set to 0).
   * 1e-6 is 5 keV at √s = 10.58 GeV, far below any detector threshold.
   */
  readonly minPhotonFraction: number;
}

export class InitialStateRadiation {
  constructor(readonly settings: IsrSettings) {}

  /** Samples the fraction v of one beam's energy radiated, from D(v) (exact, by acceptance–rejection). */
  sampleFraction(stream: RandomStream, beta: number): number {
    const halfBeta = 0.5 * beta;
    const norm = 2 * (1 + 0.375 * beta);
    const exponent = 1 / halfBeta;
    for (let proposals = 0; ; proposals++) {
      if (proposals === MAX_REJECTIONS) throw rejectionLimitError('ISR fraction', `β = ${beta}`);
      const u = stream.uniform();
      const v = Math.pow(u, exponent);
      // Target/proposal ratio of D(v) to (1 + 3β/8)(β/2)v^(β/2−1); always in (0, 1].
      // v^(1 − β/2) = v / v^(β/2) = v/u saves a second pow.
      const accept = 1 - ((2 - v) * (v / u)) / norm;
      if (stream.uniform() < accept) return v;
    }
  }

  /**
   * Samples t = 1 − β_e cosθ for a photon emitted by the beam particle of energy `beamEnergy`,
   * θ measured from that particle's direction: the eikonal current of the e⁺e⁻ dipole,
   * |J|² ∝ 2p₁·p₂/(p₁·k p₂·k) − m²/(p₁·k)² − m²/(p₂·k)², times the share (p₂·k)/(p₁·k + p₂·k)
   * attributed to emitter 1. Working with t keeps full precision at θ ~ m_e/E.
   */
  sampleEmissionT(stream: RandomStream, beamEnergy: number): number {
    const m2OverE2 = (ELECTRON_MASS * ELECTRON_MASS) / (beamEnergy * beamEnergy);
    const oneMinusBeta = m2OverE2 / (1 + Math.sqrt(1 - m2OverE2)); // 1 − β_e without cancellation
    const beta = 1 - oneMinusBeta;
    const logOnePlus = Math.log(1 + beta);
    const logOneMinus = Math.log(oneMinusBeta);
    const onePlusBeta2 = 1 + beta * beta;
    for (let proposals = 0; ; proposals++) {
      if (proposals === MAX_REJECTIONS) throw rejectionLimitError('ISR photon angle', `beam energy ${beamEnergy} GeV`);
      // Proposal ∝ 1/(1 − βc): ln t uniform between ln(1 − β) and ln(1 + β).
      const u = stream.uniform();
      const t = Math.exp((1 - u) * logOnePlus + u * logOneMinus);
      const s = 2 - t; // 1 + βc
      const ratio = onePlusBeta2 - (m2OverE2 * s) / (2 * t) - (m2OverE2 * t) / (2 * s);
      if (stream.uniform() * 2 < ratio) return t;
    }
  }

  /** Radiates from both beams at c.m. energy √s; fills `out`. */
  emit(stream: RandomStream, sqrtS: number, out: IsrEmission): IsrEmission {
    const beta = radiatorBeta(sqrtS, this.settings.alpha);
    this.begin(sqrtS, out);
    for (let side = 1; side >= -1; side -= 2) {
      const v = this.sampleFraction(stream, beta);
      if (v >= this.settings.minPhotonFraction) this.addPhoton(stream, sqrtS, side, v, out);
    }
    return this.finish(out);
  }

  /**
   * Radiates the given energy fractions, v₋ from the e⁻ and v₊ from the e⁺ beam, sampling only the
   * photon angles: for generators that sample v from their own importance density and weight the
   * event by D(v₋)D(v₊) over it.
   */
  emitFractions(stream: RandomStream, sqrtS: number, vMinus: number, vPlus: number, out: IsrEmission): IsrEmission {
    this.begin(sqrtS, out);
    if (vMinus >= this.settings.minPhotonFraction) this.addPhoton(stream, sqrtS, 1, vMinus, out);
    if (vPlus >= this.settings.minPhotonFraction) this.addPhoton(stream, sqrtS, -1, vPlus, out);
    return this.finish(out);
  }

  private begin(sqrtS: number, out: IsrEmission): void {
    out.nPhotons = 0;
    out.systemE = sqrtS;
    out.systemPx = 0;
    out.systemPy = 0;
    out.systemPz = 0;
  }

  /** Adds the photon of one beam (side +1: e⁻, −1: e⁺) carrying the fraction v of its energy. */
  private addPhoton(stream: RandomStream, sqrtS: number, side: number, v: number, out: IsrEmission): void {
    const beamEnergy = 0.5 * sqrtS;
    const m2OverE2 = (ELECTRON_MASS * ELECTRON_MASS) / (beamEnergy * beamEnergy);
    const betaE = Math.sqrt(1 - m2OverE2);
    const omega = v * beamEnergy;
    const t = this.sampleEmissionT(stream, beamEnergy);
    // cosθ = (1 − t)/β_e; sinθ from (1 − cosθ)(1 + cosθ) with 1 − cosθ = (t − (1 − β_e))/β_e.
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

  private finish(out: IsrEmission): IsrEmission {
    out.sPrime = out.systemE * out.systemE - out.systemPx * out.systemPx - out.systemPy * out.systemPy - out.systemPz * out.systemPz;
    out.physical = out.systemE > 0 && out.sPrime > 0;
    return out;
  }
}
