import { CHARGED_PION_MASS, ELECTRON_MASS, MUON_MASS } from '../src/physics/constants.js';

/**
 * What the detector needs to know about a generator particle: its charge and mass by PDG number.
 * Long-lived charged particles that reach the tracker are e, μ, π, K, p; the photon is the only
 * neutral one the ECL model showers. K⁰_L and neutrons are not simulated (they do not enter the
 * μμ + missing-energy final state of the analysis).
 */

/** K± mass in GeV/c² (PDG 2022: 493.677 MeV). */
const KAON_MASS = 0.493677;
/** Proton mass in GeV/c² (PDG 2022: 938.27208816 MeV). */
const PROTON_MASS = 0.93827208816;

/** The species the tracker sees: PDG number (particle; the antiparticle has the opposite sign), charge of the particle, mass. */
const SPECIES: readonly (readonly [pdg: number, charge: number, mass: number])[] = [
  [11, -1, ELECTRON_MASS], // e⁻, μ⁻: leptons have negative charge for positive codes
  [13, -1, MUON_MASS],
  [211, 1, CHARGED_PION_MASS],
  [321, 1, KAON_MASS],
  [2212, 1, PROTON_MASS],
];

/**
 * Charge and mass by PDG number, as tables indexed by pdg + TABLE_HALF for |pdg| < TABLE_HALF: the
 * stages look them up for every particle, and a table load has no branch to mispredict on the
 * random order of species in an event (a switch has).
 */
const TABLE_HALF = 4096;
const CHARGE_TABLE = new Int8Array(2 * TABLE_HALF);
const MASS_TABLE = new Float64Array(2 * TABLE_HALF);
for (const [pdg, charge, mass] of SPECIES) {
  CHARGE_TABLE[TABLE_HALF + pdg] = charge;
  CHARGE_TABLE[TABLE_HALF - pdg] = -charge;
  MASS_TABLE[TABLE_HALF + pdg] = mass;
  MASS_TABLE[TABLE_HALF - pdg] = mass;
}

/** Electric charge in units of e of a long-lived particle seen by the tracker, 0 otherwise. */
export function trackCharge(pdg: number): number {
  const index = pdg + TABLE_HALF;
  return index >= 0 && index < 2 * TABLE_HALF ? CHARGE_TABLE[index] : 0;
}

/** Mass in GeV/c² of a particle the detector tracks (0 for anything else, photons included). */
export function trackMass(pdg: number): number {
  const index = pdg + TABLE_HALF;
  return index >= 0 && index < 2 * TABLE_HALF ? MASS_TABLE[index] : 0;
}
