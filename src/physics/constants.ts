/**
 * Physical constants in GeV units (ħ = c = 1), with their sources.
 * Masses: PDG 2022 as tabulated by scikit-hep/particle `mass_width_2022.mcd`.
 */

/** Electron mass in GeV/c² (PDG 2022: 0.51099895000 MeV). */
export const ELECTRON_MASS = 0.00051099895;
/** Muon mass in GeV/c² (PDG 2022: 105.6583755 ± 0.0000023 MeV). */
export const MUON_MASS = 0.1056583755;
/** Tau mass in GeV/c² (PDG 2022: 1776.86 ± 0.12 MeV). */
export const TAU_MASS = 1.77686;
/** Charged-pion mass in GeV/c² (PDG 2022: 139.57039 MeV). */
export const CHARGED_PION_MASS = 0.13957039;
/** Neutral-pion mass in GeV/c² (PDG 2022: 134.9768 MeV). */
export const NEUTRAL_PION_MASS = 0.1349768;
/** ρ(770) mass in GeV/c² (PDG 2022: 775.26 MeV). */
export const RHO_MASS = 0.77526;
/** ρ(770) width in GeV (PDG 2022: 149.1 MeV). */
export const RHO_WIDTH = 0.1491;
/** τ total width in GeV (PDG 2022: 2.267e-12 GeV, i.e. τ lifetime 290.3 fs). */
export const TAU_WIDTH = 2.267e-12;

/** Fine-structure constant at zero momentum transfer, α(0) = 1/137.035999084 (CODATA 2018). */
export const ALPHA_EM_0 = 1 / 137.035999084;
/** The α of the MadGraph L_μ − L_τ UFO model used for the Belle II signal, 1/127.9 (`aEWM1 = 127.9`). */
export const ALPHA_EM_MADGRAPH = 1 / 127.9;

/** (ħc)² in GeV²·pb: 1 GeV⁻² = 0.3893793721 mb = 3.893793721e8 pb (PDG 2022, physical constants table). */
export const GEV2_TO_PB = 0.3893793721e9;

/** Speed of light in m/ns (exact). */
export const SPEED_OF_LIGHT_M_PER_NS = 0.299792458;
/**
 * Curvature constant: pT [GeV/c] = BENDING_CONSTANT · B [T] · R [m] for a unit charge
 * (0.299792458 GeV/(T·m), from c in SI units).
 */
export const BENDING_CONSTANT = 0.299792458;

/** PDG Monte Carlo particle numbers used in this project. */
export const PDG = {
  electron: 11,
  positron: -11,
  electronNeutrino: 12,
  muon: 13,
  antimuon: -13,
  muonNeutrino: 14,
  tau: 15,
  antitau: -15,
  tauNeutrino: 16,
  photon: 22,
  zPrime: 9900023,
  pi0: 111,
  piPlus: 211,
  piMinus: -211,
  rho0: 113,
  rhoPlus: 213,
  rhoMinus: -213,
} as const;
