import { ELECTRON_MASS } from './constants.js';
import { boostCoefficient, type FourVector, type ThreeVector, velocity } from './fourVector.js';
import { LorentzTransform } from './lorentzTransform.js';

/**
 * SuperKEKB beam settings in the Belle II frame: z is the solenoid axis pointing along the e⁻ (HER)
 * beam ("forward"), both beams lie in the x–z plane and have +x momentum (the 83 mrad crossing).
 * Defaults are basf2's `beamparameters.py` preset "Y4S"; the scenario file carries the values.
 */
export interface BeamSettings {
  /** e⁻ (high-energy ring) beam energy in GeV (basf2 Y4S preset: 7.004). */
  readonly herEnergy: number;
  /** e⁺ (low-energy ring) beam energy in GeV (basf2 Y4S preset: 4.002). */
  readonly lerEnergy: number;
  /** Angle of the e⁻ momentum to +z, in the x–z plane towards +x, in rad (basf2: 0.0415). */
  readonly herAngle: number;
  /** Angle of the e⁺ momentum to −z, in the x–z plane towards +x, in rad (basf2: 0.0415, i.e. θ = π − 0.0415). */
  readonly lerAngle: number;
  /** Gaussian energy spread of the e⁻ beam in GeV (basf2: 5.13 MeV). */
  readonly herEnergySpread: number;
  /** Gaussian energy spread of the e⁺ beam in GeV (basf2: 2.375 MeV). */
  readonly lerEnergySpread: number;
}

/** basf2 `generators/scripts/beamparameters.py`, preset "Y4S" (docs/references.md §1.1). */
export const SUPERKEKB_Y4S: BeamSettings = {
  herEnergy: 7.004,
  lerEnergy: 4.002,
  herAngle: 0.0415,
  lerAngle: 0.0415,
  herEnergySpread: 0.00513,
  lerEnergySpread: 0.002375,
};

/** Four-momentum of the e⁻ (HER) beam in the lab for a beam energy in GeV. */
export function herFourMomentum(settings: BeamSettings, energy = settings.herEnergy): FourVector {
  const p = Math.sqrt(energy * energy - ELECTRON_MASS * ELECTRON_MASS);
  return { E: energy, px: p * Math.sin(settings.herAngle), py: 0, pz: p * Math.cos(settings.herAngle) };
}

/** Four-momentum of the e⁺ (LER) beam in the lab for a beam energy in GeV. */
export function lerFourMomentum(settings: BeamSettings, energy = settings.lerEnergy): FourVector {
  const p = Math.sqrt(energy * energy - ELECTRON_MASS * ELECTRON_MASS);
  return { E: energy, px: p * Math.sin(settings.lerAngle), py: 0, pz: -p * Math.cos(settings.lerAngle) };
}

/**
 * The c.m. frame of one pair of beam energies and its relation to the lab.
 *
 * The c.m. frame is reached from the lab by the boost −β (β = P/E of the total four-momentum),
 * followed by the rotation that puts the e⁻ beam on +z; so in the c.m. frame the e⁻ moves along
 * +z and the e⁺ along −z, θ* is measured from the e⁻ direction, and generators can work there
 * with head-on beams. `toLab` is the exact inverse.
 *
 * @example
 * const frame = new CollisionFrame(SUPERKEKB_Y4S);
 * frame.sqrtS;      // 10.579557836806245 GeV (the head-on 2√(E_H E_L) would be 10.5887)
 * frame.betaGamma;  // 0.2867769160085007
 * frame.betaCM;     // { x: 0.04148808860333723, y: 0, z: 0.2725254668103653 }: 8.66° from +z, in x–z
 * frame.labToCM(frame.her); // E = √s/2 = 5.2897789 GeV, pz = √(E² − m_e²), px = py = 0 (to rounding)
 */
export class CollisionFrame {
  /** e⁻ beam four-momentum in the lab, GeV. */
  readonly her: FourVector;
  /** e⁺ beam four-momentum in the lab, GeV. */
  readonly ler: FourVector;
  /** Total initial four-momentum in the lab, GeV. */
  readonly total: FourVector;
  /** Exact c.m. energy √s in GeV. */
  readonly sqrtS: number;
  /** Velocity of the c.m. frame in the lab. */
  readonly betaCM: ThreeVector;
  /** Lorentz factor γ of the c.m. frame in the lab. */
  readonly gammaCM: number;
  /** |β|γ of the c.m. frame in the lab (Belle II quotes 0.28). */
  readonly betaGamma: number;
  /** Lab → c.m. transformation. */
  readonly toCM: LorentzTransform;
  /** c.m. → lab transformation. */
  readonly toLab: LorentzTransform;

  constructor(settings: BeamSettings, herEnergy = settings.herEnergy, lerEnergy = settings.lerEnergy) {
    this.her = herFourMomentum(settings, herEnergy);
    this.ler = lerFourMomentum(settings, lerEnergy);
    const her = this.her;
    const ler = this.ler;
    this.total = { E: her.E + ler.E, px: her.px + ler.px, py: her.py + ler.py, pz: her.pz + ler.pz };
    const t = this.total;
    this.sqrtS = Math.sqrt(t.E * t.E - t.px * t.px - t.py * t.py - t.pz * t.pz);
    this.betaCM = velocity(t);
    const b = Math.hypot(this.betaCM.x, this.betaCM.y, this.betaCM.z);
    this.gammaCM = t.E / this.sqrtS;
    this.betaGamma = b * this.gammaCM;
    const unboost = LorentzTransform.boost({ x: -this.betaCM.x, y: -this.betaCM.y, z: -this.betaCM.z });
    const herCM = unboost.apply(her);
    const align = LorentzTransform.rotationBetween({ x: herCM.px, y: herCM.py, z: herCM.pz }, { x: 0, y: 0, z: 1 });
    this.toCM = align.compose(unboost);
    this.toLab = this.toCM.inverse();
  }

  /** Transforms a lab-frame four-vector to the c.m. frame. */
  labToCM(p: FourVector): FourVector {
    return this.toCM.apply(p);
  }

  /** Transforms a c.m.-frame four-vector to the lab. */
  cmToLab(p: FourVector): FourVector {
    return this.toLab.apply(p);
  }
}

/**
 * The c.m. → lab relation for beam energies that change event by event (the Gaussian energy
 * spread), updated in place: generators call `set()` once per event and allocate nothing.
 * It agrees with `new CollisionFrame(settings, herEnergy, lerEnergy)` to rounding.
 */
export class EventBeams {
  /** √s of the current beam energies, GeV. */
  sqrtS = 0;
  /** Total initial four-momentum in the lab, GeV. */
  totalE = 0;
  totalPx = 0;
  totalPy = 0;
  totalPz = 0;
  /** c.m. → lab transformation of the current beam energies. */
  readonly toLab = new LorentzTransform();
  private readonly sinHer: number;
  private readonly cosHer: number;
  private readonly sinLer: number;
  private readonly cosLer: number;

  constructor(readonly settings: BeamSettings) {
    this.sinHer = Math.sin(settings.herAngle);
    this.cosHer = Math.cos(settings.herAngle);
    this.sinLer = Math.sin(settings.lerAngle);
    this.cosLer = Math.cos(settings.lerAngle);
    this.set(settings.herEnergy, settings.lerEnergy);
  }

  set(herEnergy: number, lerEnergy: number): this {
    const me2 = ELECTRON_MASS * ELECTRON_MASS;
    const pH = Math.sqrt(herEnergy * herEnergy - me2);
    const pL = Math.sqrt(lerEnergy * lerEnergy - me2);
    const hx = pH * this.sinHer;
    const hz = pH * this.cosHer;
    const E = herEnergy + lerEnergy;
    const px = hx + pL * this.sinLer;
    const pz = hz - pL * this.cosLer;
    this.totalE = E;
    this.totalPx = px;
    this.totalPy = 0;
    this.totalPz = pz;
    this.sqrtS = Math.sqrt(E * E - px * px - pz * pz);
    const bx = px / E;
    const bz = pz / E;
    // e⁻ direction after the boost by −β (only its direction matters).
    const g = E / this.sqrtS;
    const k = boostCoefficient(g);
    const bp = -(bx * hx + bz * hz);
    const c = k * bp + g * herEnergy;
    const nx = hx - c * bx;
    const nz = hz - c * bz;
    const n = Math.hypot(nx, nz);
    // Rᵀ: the rotation about y that takes +z onto (nx, 0, nz); toLab = B(β) · Rᵀ.
    const cos = nz / n;
    const sin = nx / n;
    const m = this.toLab.setBoost(bx, 0, bz).m;
    for (let row = 0; row < 4; row++) {
      const a1 = m[4 * row + 1];
      const a3 = m[4 * row + 3];
      m[4 * row + 1] = a1 * cos - a3 * sin;
      m[4 * row + 3] = a1 * sin + a3 * cos;
    }
    return this;
  }
}
