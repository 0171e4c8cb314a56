import { z } from 'zod';
import { degToRad } from './units.js';

/**
 * The offline selection of the paper (PRL 130, 231801, pages 2–3), in the library's units (GeV,
 * cm, rad). θrecoil is the lab polar angle of the recoil momentum to the detector axis.
 */
export interface SelectionSettings {
  /** Maximum |d0| (transverse distance of closest approach) of a track, cm. */
  readonly trackD0MaxCm: number;
  /** Maximum |z0| (longitudinal distance of closest approach) of a track, cm. */
  readonly trackZ0MaxCm: number;
  /** Minimum muon likelihood ratio L_μ/ΣL of both tracks. */
  readonly muonIdMin: number;
  /** Minimum lab transverse momentum of each muon, GeV/c. */
  readonly muonPtMinGeV: number;
  /** Events with a c.m. opening angle between the muons above this are rejected, rad. */
  readonly dimuonOpeningAngleCMMax: number;
  readonly thetaRecoilLab: {
    /** M²recoil (GeV²/c⁴) below which the low-mass window applies, above which the high-mass one. */
    readonly m2RecoilBoundaryGeV2: number;
    /** Below the boundary: θrecoil in [min, max] (the ECL barrel) outside the gap (gapMin, gapMax), rad. */
    readonly lowMass: { readonly min: number; readonly max: number; readonly gapMin: number; readonly gapMax: number };
    /** Above the boundary: θrecoil below max, rad. */
    readonly highMass: { readonly max: number };
  };
  readonly photonVeto: {
    /** Maximum total energy of all photons, GeV. */
    readonly totalEnergyMaxGeV: number;
    /** No photon may lie within this angle of the recoil momentum, rad. */
    readonly recoilConeHalfAngle: number;
  };
  /** Minimum transverse recoil momentum in the c.m. frame, GeV/c. */
  readonly recoilPtCMMinGeV: number;
  /** Minimum Punzi-net output. */
  readonly punziNetOutputMin: number;
  /** Minimum electron likelihood ratio L_e/ΣL of a track taken as an electron (eμ and ee control samples). */
  readonly electronIdMin: number;
  /** μμγ control sample: the photon in the recoil cone must have at least this energy, GeV. */
  readonly controlPhotonEnergyMinGeV: number;
}

const angleDeg = z.number().min(0).max(180);

/** The `selection` section; every default is the paper's value (PRL 130, 231801). */
export const SelectionSection = z
  .strictObject({
    trackD0MaxCm: z.number().positive().default(0.5).describe('|d0| < 0.5 cm (paper: transverse projection of the distance of closest approach)'),
    trackZ0MaxCm: z.number().positive().default(2.0).describe('|z0| < 2.0 cm (paper: longitudinal projection)'),
    muonIdMin: z.number().min(0).max(1).default(0.5).describe('muon likelihood ratio > 0.5 (paper)'),
    muonPtMinGeV: z.number().nonnegative().default(0.4).describe('muon transverse momentum > 0.4 GeV/c (paper)'),
    dimuonOpeningAngleCMMaxDeg: angleDeg.default(179).describe('reject events with a c.m. dimuon opening angle > 179 degrees (paper)'),
    thetaRecoilLab: z
      .strictObject({
        m2RecoilBoundaryGeV2: z.number().default(4).describe('the windows change at M2recoil = 4 GeV^2/c^4 (paper)'),
        lowMass: z
          .strictObject({
            minDeg: angleDeg.default(34).describe('ECL barrel acceptance [34, 123] degrees (paper)'),
            maxDeg: angleDeg.default(123),
            gapMinDeg: angleDeg.default(89).describe('reject theta_recoil in [89, 91] degrees: 1.5 mm gap in the ECL (paper)'),
            gapMaxDeg: angleDeg.default(91),
          })
          .prefault({}),
        highMass: z
          .strictObject({ maxDeg: angleDeg.default(123).describe('theta_recoil < 123 degrees above the boundary (paper)') })
          .prefault({}),
      })
      .prefault({}),
    photonVeto: z
      .strictObject({
        totalEnergyMaxGeV: z.number().nonnegative().default(0.5).describe('total photon energy < 0.5 GeV (paper)'),
        recoilConeHalfAngleDeg: angleDeg.default(15).describe('no photon within 15 degrees of the recoil momentum (paper)'),
      })
      .prefault({}),
    recoilPtCMMinGeV: z.number().nonnegative().default(0.5).describe('c.m. transverse recoil momentum > 0.5 GeV/c (paper)'),
    punziNetOutputMin: z.number().min(0).max(1).default(0.5).describe('Punzi-net output > 0.5 (paper)'),
    electronIdMin: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('electron likelihood ratio > 0.5 for the e-mu and ee control samples (the paper: "a similar likelihood-ratio method"; 0.5 as for muons)'),
    controlPhotonEnergyMinGeV: z
      .number()
      .nonnegative()
      .default(1)
      .describe('mu-mu-gamma control sample: a photon above 1 GeV within the recoil cone (paper)'),
  })
  .superRefine((s, ctx) => {
    const low = s.thetaRecoilLab.lowMass;
    const path = ['thetaRecoilLab', 'lowMass'];
    if (!(low.minDeg < low.maxDeg)) ctx.addIssue({ code: 'custom', path: [...path, 'maxDeg'], input: low.maxDeg, message: `must be > minDeg (${low.minDeg})` });
    if (!(low.gapMinDeg <= low.gapMaxDeg)) ctx.addIssue({ code: 'custom', path: [...path, 'gapMaxDeg'], input: low.gapMaxDeg, message: `must be >= gapMinDeg (${low.gapMinDeg})` });
  })
  .transform(
    (s): SelectionSettings => ({
      trackD0MaxCm: s.trackD0MaxCm,
      trackZ0MaxCm: s.trackZ0MaxCm,
      muonIdMin: s.muonIdMin,
      muonPtMinGeV: s.muonPtMinGeV,
      dimuonOpeningAngleCMMax: degToRad(s.dimuonOpeningAngleCMMaxDeg),
      thetaRecoilLab: {
        m2RecoilBoundaryGeV2: s.thetaRecoilLab.m2RecoilBoundaryGeV2,
        lowMass: {
          min: degToRad(s.thetaRecoilLab.lowMass.minDeg),
          max: degToRad(s.thetaRecoilLab.lowMass.maxDeg),
          gapMin: degToRad(s.thetaRecoilLab.lowMass.gapMinDeg),
          gapMax: degToRad(s.thetaRecoilLab.lowMass.gapMaxDeg),
        },
        highMass: { max: degToRad(s.thetaRecoilLab.highMass.maxDeg) },
      },
      photonVeto: {
        totalEnergyMaxGeV: s.photonVeto.totalEnergyMaxGeV,
        recoilConeHalfAngle: degToRad(s.photonVeto.recoilConeHalfAngleDeg),
      },
      recoilPtCMMinGeV: s.recoilPtCMMinGeV,
      punziNetOutputMin: s.punziNetOutputMin,
      electronIdMin: s.electronIdMin,
      controlPhotonEnergyMinGeV: s.controlPhotonEnergyMinGeV,
    }),
  );
