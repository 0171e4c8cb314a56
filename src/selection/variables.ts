import type { RecoBatch } from '../events/recoBatch.js';
import { fourMass2, subtractTrack } from '../events/trackKinematics.js';
import type { CollisionFrame } from '../physics/beams.js';
import { ELECTRON_MASS, MUON_MASS } from '../physics/constants.js';

/**
 * The analysis variables of the paper (PRL 130, 231801), one column per variable, one row per
 * event. Recoil quantities use the two measured tracks and the nominal initial state
 * (`CollisionFrame.total`); the c.m. frame is the collision frame of the nominal beams, z along the
 * e⁻ beam. Events without exactly two tracks from the interaction point have NaN kinematics.
 *
 * The four Punzi-net inputs (the paper, p. 3; all in the c.m. frame):
 * - `muonPtThrustCM`: transverse momentum of a muon with respect to the dimuon thrust axis
 *   (Brandt et al., Phys. Lett. 12, 57 (1964); Farhi, PRL 39, 1587 (1977)). For two particles the
 *   thrust axis is along p₁ − p₂ if p₁·p₂ < 0, else along p₁ + p₂, and both muons have the same
 *   transverse momentum to it, |p₁ × p₂| / max(|p₁ − p₂|, |p₁ + p₂|);
 * - `highMuonPtWrtLowCM`, `highMuonPlWrtLowCM`: transverse and longitudinal momentum of the
 *   higher-energy muon with respect to the direction of the lower-energy one;
 * - `dimuonPtCM`: transverse momentum of the dimuon system (equal to the c.m. transverse recoil
 *   momentum of the selection's cut, since the nominal initial state has no c.m. momentum).
 */

/** Which particle each of the two tracks is taken to be when its energy is computed. */
export type MassHypothesis = 'mumu' | 'emu' | 'ee';

/** Number of Punzi-net inputs (the paper's four variables). */
export const PUNZI_FEATURE_COUNT = 4;

/** Settings the variables need: what a track from the IP is, and the photon cone around the recoil. */
export interface VariableSettings {
  /** Largest |d0| of a track from the interaction point, cm. */
  readonly trackD0MaxCm: number;
  /** Largest |z0|, cm. */
  readonly trackZ0MaxCm: number;
  /** Half-angle of the cone around the lab recoil direction in which photons are counted, rad. */
  readonly recoilConeHalfAngle: number;
}

export interface AnalysisVariables {
  readonly nEvents: number;
  /** Event weights (the batch's). */
  readonly weight: Float64Array;
  /** Trigger bits (the batch's `trigger`). */
  readonly trigger: Uint8Array;
  /** Track rows of the two tracks from the IP (−1 unless there are exactly two), A the higher c.m. energy. */
  readonly trackA: Int32Array;
  readonly trackB: Int32Array;
  /** 1 if the two tracks have opposite charges. */
  readonly oppositeCharge: Uint8Array;
  /** Muon and electron likelihood ratios of the two tracks. */
  readonly muonIdA: Float64Array;
  readonly muonIdB: Float64Array;
  readonly electronIdA: Float64Array;
  readonly electronIdB: Float64Array;
  /** Lab transverse momenta of the two tracks, GeV/c. */
  readonly ptLabA: Float64Array;
  readonly ptLabB: Float64Array;
  /** M²recoil, GeV²/c⁴. */
  readonly m2Recoil: Float64Array;
  /** Polar angle of the recoil momentum to the detector axis (lab) and to the c.m. z axis, rad. */
  readonly thetaRecoilLab: Float64Array;
  readonly thetaRecoilCM: Float64Array;
  /** Opening angle of the two tracks in the c.m. frame, rad. */
  readonly openingAngleCM: Float64Array;
  /** Total energy of all photon candidates (clusters without a track), lab, GeV. */
  readonly photonEnergySum: Float64Array;
  /** Photon candidates inside the recoil cone, and the largest energy among them (0 if none), GeV. */
  readonly photonsInRecoilCone: Uint16Array;
  readonly photonEnergyMaxInRecoilCone: Float64Array;
  /** The Punzi-net inputs (see the file comment), GeV/c. */
  readonly muonPtThrustCM: Float64Array;
  readonly highMuonPtWrtLowCM: Float64Array;
  readonly highMuonPlWrtLowCM: Float64Array;
  readonly dimuonPtCM: Float64Array;
  /** Punzi-net output, filled by the network's evaluation (NaN until then). */
  readonly networkOutput: Float64Array;
}

/** The two track masses (GeV/c²) of a hypothesis; for `emu` the track with the higher electron ID is the electron. */
function trackMasses(hypothesis: MassHypothesis, electronIdFirst: number, electronIdSecond: number): readonly [number, number] {
  if (hypothesis === 'mumu') return [MUON_MASS, MUON_MASS];
  if (hypothesis === 'ee') return [ELECTRON_MASS, ELECTRON_MASS];
  return electronIdFirst >= electronIdSecond ? [ELECTRON_MASS, MUON_MASS] : [MUON_MASS, ELECTRON_MASS];
}

/** A tie-break of two tracks of equal c.m. energy that depends on their momenta, not on their order. */
function labOrder(px: Float64Array, py: Float64Array, pz: Float64Array, r: number, t: number): boolean {
  if (pz[r] !== pz[t]) return pz[r] > pz[t];
  if (px[r] !== px[t]) return px[r] > px[t];
  return py[r] !== py[t] ? py[r] > py[t] : r < t;
}

/** Computes every analysis variable of a reconstructed batch. */
export function analysisVariables(batch: RecoBatch, frame: CollisionFrame, settings: VariableSettings, hypothesis: MassHypothesis = 'mumu'): AnalysisVariables {
  const n = batch.nEvents;
  const column = () => new Float64Array(n).fill(Number.NaN);
  const v: AnalysisVariables = {
    nEvents: n,
    weight: batch.weight,
    trigger: batch.trigger,
    trackA: new Int32Array(n).fill(-1),
    trackB: new Int32Array(n).fill(-1),
    oppositeCharge: new Uint8Array(n),
    muonIdA: column(),
    muonIdB: column(),
    electronIdA: column(),
    electronIdB: column(),
    ptLabA: column(),
    ptLabB: column(),
    m2Recoil: column(),
    thetaRecoilLab: column(),
    thetaRecoilCM: column(),
    openingAngleCM: column(),
    photonEnergySum: new Float64Array(n),
    photonsInRecoilCone: new Uint16Array(n),
    photonEnergyMaxInRecoilCone: new Float64Array(n),
    muonPtThrustCM: column(),
    highMuonPtWrtLowCM: column(),
    highMuonPlWrtLowCM: column(),
    dimuonPtCM: column(),
    networkOutput: column(),
  };
  const { trackOffsets, trackD0, trackZ0, trackPx, trackPy, trackPz } = batch;
  const { clusterOffsets, clusterTrack, clusterEnergy, clusterTheta, clusterPhi } = batch;
  const d0Max = settings.trackD0MaxCm;
  const z0Max = settings.trackZ0MaxCm;
  const cosCone = Math.cos(settings.recoilConeHalfAngle);
  const initial = frame.total;
  const m = frame.toCM.m;
  const recoil = new Float64Array(4);

  for (let i = 0; i < n; i++) {
    // Photon candidates: clusters not matched to a track.
    let photonSum = 0;
    for (let c = clusterOffsets[i]; c < clusterOffsets[i + 1]; c++) if (clusterTrack[c] < 0) photonSum += clusterEnergy[c];
    v.photonEnergySum[i] = photonSum;

    let first = -1;
    let second = -1;
    let fromIP = 0;
    for (let t = trackOffsets[i]; t < trackOffsets[i + 1]; t++) {
      if (!(Math.abs(trackD0[t]) < d0Max && Math.abs(trackZ0[t]) < z0Max)) continue;
      if (fromIP === 0) first = t;
      else if (fromIP === 1) second = t;
      fromIP++;
    }
    if (fromIP !== 2) continue;

    const [massFirst, massSecond] = trackMasses(hypothesis, batch.trackElectronId[first], batch.trackElectronId[second]);
    // Both tracks in the c.m. frame; A is the higher-energy one there, and every quantity below is
    // computed in the order (A, B), so that it is exactly symmetric under the exchange of the tracks.
    const eFirstLab = Math.sqrt(trackPx[first] ** 2 + trackPy[first] ** 2 + trackPz[first] ** 2 + massFirst * massFirst);
    const eSecondLab = Math.sqrt(trackPx[second] ** 2 + trackPy[second] ** 2 + trackPz[second] ** 2 + massSecond * massSecond);
    const eFirst = m[0] * eFirstLab + m[1] * trackPx[first] + m[2] * trackPy[first] + m[3] * trackPz[first];
    const eSecond = m[0] * eSecondLab + m[1] * trackPx[second] + m[2] * trackPy[second] + m[3] * trackPz[second];
    const firstIsHigh = eFirst !== eSecond ? eFirst > eSecond : labOrder(trackPx, trackPy, trackPz, first, second);
    const a = firstIsHigh ? first : second;
    const b = firstIsHigh ? second : first;
    const massA = firstIsHigh ? massFirst : massSecond;
    const massB = firstIsHigh ? massSecond : massFirst;
    const eALab = firstIsHigh ? eFirstLab : eSecondLab;
    const eBLab = firstIsHigh ? eSecondLab : eFirstLab;
    const x1 = m[4] * eALab + m[5] * trackPx[a] + m[6] * trackPy[a] + m[7] * trackPz[a];
    const y1 = m[8] * eALab + m[9] * trackPx[a] + m[10] * trackPy[a] + m[11] * trackPz[a];
    const z1 = m[12] * eALab + m[13] * trackPx[a] + m[14] * trackPy[a] + m[15] * trackPz[a];
    const x2 = m[4] * eBLab + m[5] * trackPx[b] + m[6] * trackPy[b] + m[7] * trackPz[b];
    const y2 = m[8] * eBLab + m[9] * trackPx[b] + m[10] * trackPy[b] + m[11] * trackPz[b];
    const z2 = m[12] * eBLab + m[13] * trackPx[b] + m[14] * trackPy[b] + m[15] * trackPz[b];
    v.trackA[i] = a;
    v.trackB[i] = b;
    v.oppositeCharge[i] = batch.trackCharge[a] + batch.trackCharge[b] === 0 ? 1 : 0;
    v.muonIdA[i] = batch.trackMuonId[a];
    v.muonIdB[i] = batch.trackMuonId[b];
    v.electronIdA[i] = batch.trackElectronId[a];
    v.electronIdB[i] = batch.trackElectronId[b];
    v.ptLabA[i] = Math.hypot(trackPx[a], trackPy[a]);
    v.ptLabB[i] = Math.hypot(trackPx[b], trackPy[b]);

    // Recoil in the lab (M², θ, the photon cone) and in the c.m. frame (θ).
    recoil[0] = initial.E;
    recoil[1] = initial.px;
    recoil[2] = initial.py;
    recoil[3] = initial.pz;
    subtractTrack(batch, a, massA * massA, recoil);
    subtractTrack(batch, b, massB * massB, recoil);
    v.m2Recoil[i] = fourMass2(recoil);
    const recoilP = Math.hypot(recoil[1], recoil[2], recoil[3]);
    v.thetaRecoilLab[i] = Math.atan2(Math.hypot(recoil[1], recoil[2]), recoil[3]);
    // c.m. recoil = −(p_A + p_B)*: the nominal initial state is at rest there.
    const sx = x1 + x2;
    const sy = y1 + y2;
    const sz = z1 + z2;
    const dimuonPt = Math.hypot(sx, sy);
    v.thetaRecoilCM[i] = Math.atan2(dimuonPt, -sz);
    v.dimuonPtCM[i] = dimuonPt;
    const q2 = Math.hypot(x2, y2, z2);
    const dotCM = x1 * x2 + y1 * y2 + z1 * z2;
    const cx = y1 * z2 - z1 * y2;
    const cy = z1 * x2 - x1 * z2;
    const cz = x1 * y2 - y1 * x2;
    const cross = Math.hypot(cx, cy, cz);
    v.openingAngleCM[i] = Math.atan2(cross, dotCM);
    // Thrust axis of two particles: the longer of p₁ ± p₂.
    const sum = Math.hypot(sx, sy, sz);
    const difference = Math.hypot(x1 - x2, y1 - y2, z1 - z2);
    v.muonPtThrustCM[i] = cross / Math.max(sum, difference);
    v.highMuonPtWrtLowCM[i] = cross / q2;
    v.highMuonPlWrtLowCM[i] = dotCM / q2;

    let inCone = 0;
    let maxInCone = 0;
    if (recoilP > 0) {
      for (let c = clusterOffsets[i]; c < clusterOffsets[i + 1]; c++) {
        if (clusterTrack[c] >= 0) continue;
        const s = Math.sin(clusterTheta[c]);
        const cos = (s * Math.cos(clusterPhi[c]) * recoil[1] + s * Math.sin(clusterPhi[c]) * recoil[2] + Math.cos(clusterTheta[c]) * recoil[3]) / recoilP;
        if (cos >= cosCone) {
          inCone++;
          if (clusterEnergy[c] > maxInCone) maxInCone = clusterEnergy[c];
        }
      }
    }
    v.photonsInRecoilCone[i] = inCone;
    v.photonEnergyMaxInRecoilCone[i] = maxInCone;
  }
  return v;
}

/**
 * Writes the four Punzi-net inputs of the events `rows` into `features` (row-major, 4 per event),
 * in the order thrust pT, pT and pL of the high- to the low-energy muon, dimuon pT.
 */
export function punziFeatures(v: AnalysisVariables, rows: ArrayLike<number>, features: Float64Array): void {
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const o = PUNZI_FEATURE_COUNT * k;
    features[o] = v.muonPtThrustCM[i];
    features[o + 1] = v.highMuonPtWrtLowCM[i];
    features[o + 2] = v.highMuonPlWrtLowCM[i];
    features[o + 3] = v.dimuonPtCM[i];
  }
}
