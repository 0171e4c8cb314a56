import type { RandomStream } from '../../src/random/stream.js';
import { MAX_REJECTIONS, rejectionLimitError } from './trialLimits.js';
import { boostCoefficient } from '../../src/physics/fourVector.js';

/**
 * Final-state radiation from a charged fermion pair, in the rest frame of the pair's parent
 * (mass M), in the spirit of PHOTOS (Barberio & Wąs, Comput. Phys. Commun. 79 (1994) 291):
 *
 * - photon energy fraction x = 2ω/M from the exponentiated leading-log density
 *   D(x) = γ x^(γ−1)(1 − x + x²/2)/N, with the mass-exact exponent
 *   γ = (2α/π)[(1 + β²)/(2β)·ln((1 + β)/(1 − β)) − 1] (the angle-integrated eikonal current of the
 *   pair, → (2α/π)(ln(M²/m²) − 1) for m → 0) and the collinear splitting factor
 *   (1 + z²)/2 with z = 1 − x; N = ∫₀¹ γx^(γ−1)(1 − x + x²/2)dx normalises D to one, so the
 *   radiation conserves probability (the inclusive O(α) correction 1 + 3α/4π is applied by the
 *   caller to the rate);
 * - photon direction from the eikonal current with the fermion mass kept,
 *   ω²|J|² = 4β²(1 − c²)/(1 − β²c²)², c the cosine to the fermion;
 * - kinematics: the photon is placed in the parent frame, the fermion pair recoils with mass²
 *   M²(1 − x) and keeps the Born axis in its own rest frame. Energy and momentum are conserved
 *   and both fermions stay on their mass shell by construction; the soft limit gives back the Born
 *   configuration and a photon collinear with either fermion takes the fraction x of its energy.
 *
 * One photon per pair carries the radiated energy (the collinear-exponentiated approximation).
 */

/** Result of one radiation step, parent rest frame, GeV; reused between calls. */
export class FsrEmission {
  /** 1 if a photon was emitted, else 0. */
  nPhotons = 0;
  /** Fermion (ℓ⁻, e⁻) four-momentum. */
  fermionE = 0;
  fermionPx = 0;
  fermionPy = 0;
  fermionPz = 0;
  /** Antifermion (ℓ⁺, e⁺) four-momentum. */
  antiE = 0;
  antiPx = 0;
  antiPy = 0;
  antiPz = 0;
  /** Photon four-momentum (valid when nPhotons = 1). */
  photonE = 0;
  photonPx = 0;
  photonPy = 0;
  photonPz = 0;
}

export interface FsrSettings {
  /** Fine-structure constant of the emission. */
  readonly alpha: number;
  /** Photons with x = 2ω/M below this are not emitted (default 1e-6, 5 keV at 10.58 GeV). */
  readonly minPhotonFraction: number;
}

/** The FSR exponent γ(β) = (2α/π)[(1 + β²)/(2β)·ln((1 + β)/(1 − β)) − 1] for a pair of velocity β in its rest frame. */
export function fsrExponent(beta: number, oneMinusBeta: number, alpha: number): number {
  return ((2 * alpha) / Math.PI) * (((1 + beta * beta) / (2 * beta)) * Math.log((1 + beta) / oneMinusBeta) - 1);
}

/** N(γ) = ∫₀¹ γx^(γ−1)(1 − x + x²/2)dx = 1 − γ/(γ + 1) + γ/(2(γ + 2)). */
export function fsrNormalisation(gamma: number): number {
  return 1 - gamma / (gamma + 1) + gamma / (2 * (gamma + 2));
}

/** The normalised photon energy-fraction density D(x) of the algorithm (for tests and plots). */
export function fsrFractionDensity(x: number, gamma: number): number {
  return (gamma * Math.pow(x, gamma - 1) * (1 - x + 0.5 * x * x)) / fsrNormalisation(gamma);
}

export class FinalStateRadiation {
  constructor(readonly settings: FsrSettings) {}

  /**
   * Radiates from a fermion pair of mass `mass` each, made back to back in the rest frame of a
   * parent of mass `parentMass`, the fermion along the unit vector (nx, ny, nz). Fills `out` with
   * the fermion, antifermion and photon in that frame.
   */
  radiate(stream: RandomStream, mass: number, parentMass: number, nx: number, ny: number, nz: number, out: FsrEmission): FsrEmission {
    const r = (4 * mass * mass) / (parentMass * parentMass); // 1 − β²
    const beta = Math.sqrt(1 - r);
    const oneMinusBeta = r / (1 + beta);
    const gamma = fsrExponent(beta, oneMinusBeta, this.settings.alpha);
    const xMax = 1 - r; // the pair keeps at least its threshold mass
    let x: number;
    let proposals = 0;
    do {
      if (proposals++ === MAX_REJECTIONS) throw rejectionLimitError('FSR photon fraction', `fermion mass ${mass} GeV, parent mass ${parentMass} GeV`);
      x = Math.pow(stream.uniform(), 1 / gamma);
    } while (stream.uniform() > 1 - x + 0.5 * x * x || x >= xMax);
    if (x < this.settings.minPhotonFraction) {
      this.backToBack(0.5 * parentMass, beta * 0.5 * parentMass, nx, ny, nz, out);
      out.nPhotons = 0;
      return out;
    }

    // Photon angle to the fermion axis: proposal ∝ 1/(1 − β²c²), ln(1 ∓ βc) uniform, then accept
    // with (1 − c²)/(1 − β²c²) ≤ 1.
    let c: number;
    let sin: number;
    const logLo = Math.log(oneMinusBeta);
    const logHi = Math.log(1 + beta);
    for (proposals = 0; ; proposals++) {
      if (proposals === MAX_REJECTIONS) throw rejectionLimitError('FSR photon angle', `β = ${beta}`);
      const t = Math.exp(logLo + (logHi - logLo) * stream.uniform()); // t = 1 − βc, density ∝ 1/t
      const oneMinusC = (t - oneMinusBeta) / beta; // without cancellation near c = 1
      const onePlusC = (1 + beta - t) / beta;
      const oneMinusC2 = oneMinusC * onePlusC;
      const side = stream.uniform() < 0.5 ? 1 : -1; // which fermion's collinear pole the proposal follows
      if (stream.uniform() * (t * (2 - t)) < oneMinusC2) {
        c = side * (1 - oneMinusC);
        sin = Math.sqrt(Math.max(0, oneMinusC2));
        break;
      }
    }
    const phi = 2 * Math.PI * stream.uniform();

    // Orthonormal frame (e1, e2, n).
    let ax: number, ay: number, az: number;
    if (Math.abs(nz) < 0.9) {
      ax = -ny; ay = nx; az = 0; // n × z
    } else {
      ax = 0; ay = -nz; az = ny; // n × x
    }
    const an = Math.hypot(ax, ay, az);
    ax /= an; ay /= an; az /= an;
    const bx = ny * az - nz * ay;
    const by = nz * ax - nx * az;
    const bz = nx * ay - ny * ax;
    const omega = 0.5 * x * parentMass;
    const cp = Math.cos(phi);
    const sp = Math.sin(phi);
    const kx = omega * (c * nx + sin * (cp * ax + sp * bx));
    const ky = omega * (c * ny + sin * (cp * ay + sp * by));
    const kz = omega * (c * nz + sin * (cp * az + sp * bz));
    out.nPhotons = 1;
    out.photonE = omega;
    out.photonPx = kx;
    out.photonPy = ky;
    out.photonPz = kz;

    // The pair: mass² M²(1 − x), moving with −k; Born axis n in its rest frame.
    const pairE = parentMass - omega;
    const pairMass = parentMass * Math.sqrt(1 - x);
    const eStar = 0.5 * pairMass;
    const pStar = Math.sqrt(Math.max(0, eStar * eStar - mass * mass));
    this.backToBack(eStar, pStar, nx, ny, nz, out);
    // Boost by v = −k/pairE (γ = pairE/pairMass).
    const g = pairE / pairMass;
    const vx = -kx / pairE;
    const vy = -ky / pairE;
    const vz = -kz / pairE;
    boostInto(out, g, vx, vy, vz, true);
    boostInto(out, g, vx, vy, vz, false);
    return out;
  }

  private backToBack(e: number, p: number, nx: number, ny: number, nz: number, out: FsrEmission): void {
    out.fermionE = e;
    out.fermionPx = p * nx;
    out.fermionPy = p * ny;
    out.fermionPz = p * nz;
    out.antiE = e;
    out.antiPx = -p * nx;
    out.antiPy = -p * ny;
    out.antiPz = -p * nz;
  }
}

/** Boosts the fermion (or antifermion) of `out` in place by velocity v with Lorentz factor g. */
function boostInto(out: FsrEmission, g: number, vx: number, vy: number, vz: number, fermion: boolean): void {
  const e = fermion ? out.fermionE : out.antiE;
  const px = fermion ? out.fermionPx : out.antiPx;
  const py = fermion ? out.fermionPy : out.antiPy;
  const pz = fermion ? out.fermionPz : out.antiPz;
  const vp = vx * px + vy * py + vz * pz;
  const k = boostCoefficient(g);
  const eOut = g * (e + vp);
  const f = k * vp + g * e;
  if (fermion) {
    out.fermionE = eOut;
    out.fermionPx = px + f * vx;
    out.fermionPy = py + f * vy;
    out.fermionPz = pz + f * vz;
  } else {
    out.antiE = eOut;
    out.antiPx = px + f * vx;
    out.antiPy = py + f * vy;
    out.antiPz = pz + f * vz;
  }
}
