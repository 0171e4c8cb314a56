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

/** Electric charge in units of e of a long-lived particle seen by the tracker, 0 otherwise. */
export function trackCharge(pdg: number): number {
  switch (pdg) {
    case 11:
    case 13:
      return -1; // e⁻, μ⁻: leptons have negative PDG charge for positive codes
    case -11:
    case -13:
      return 1;
    case 211:
    case 321:
    case 2212:
      return 1;
    case -211:
    case -321:
    case -2212:
      return -1;
    default:
      return 0;
  }
}

/** Mass in GeV/c² of a particle the detector tracks (0 for anything else, photons included). */
export function trackMass(pdg: number): number {
  switch (Math.abs(pdg)) {
    case 11:
      return ELECTRON_MASS;
    case 13:
      return MUON_MASS;
    case 211:
      return CHARGED_PION_MASS;
    case 321:
      return KAON_MASS;
    case 2212:
      return PROTON_MASS;
    default:
      return 0;
  }
}
