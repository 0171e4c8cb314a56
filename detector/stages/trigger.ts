import { z } from 'zod';
import { EclRegion, TriggerBit } from '../../src/events/recoBatch.js';
import { recoilAgainstTracks } from '../../src/events/trackKinematics.js';
import { MUON_MASS } from '../../src/physics/constants.js';
import { compileForm, Kinematics, ProbabilityForm } from '../forms.js';
import { DrawBuffer } from '../draws.js';
import { DEG, defineStage } from '../stage.js';

/**
 * Level-1 trigger bits. Two-track trigger: a pair of tracks with θ in the window and an azimuthal
 * opening angle above the event's data-taking period's threshold (90° in 2019, 30° in 2020), firing
 * with the measured efficiency (89 → 93% rising with M²recoil, the paper), taken as a function of
 * the squared recoil mass against all tracks (muon hypothesis, nominal initial state). ECL trigger:
 * cluster energy in the barrel and forward endcap above 1 GeV (the paper's reference trigger).
 * Bhabha veto: two clusters, each above an energy in the c.m. frame, back to back in the c.m. frame.
 * Events are never dropped: the bits are set and the selection decides.
 */
export const trigger = defineStage(
  'trigger',
  {
    twoTrack: z
      .strictObject({
        /** Polar window of both tracks, degrees (the paper: [37, 120]°). */
        thetaMinDeg: z.number().min(0).max(180).default(37),
        thetaMaxDeg: z.number().min(0).max(180).default(120),
        /** Efficiency once the pair condition holds (the paper: 89% → 93% with M²recoil over 0–81 GeV²). */
        efficiency: ProbabilityForm.default({ form: 'piecewiseLinear', axis: 'recoilMass2', x: [0, 81], y: [0.89, 0.93] }),
      })
      .prefault({}),
    ecl: z
      .strictObject({
        /** Energy in the barrel + forward endcap, GeV (the paper: 1 GeV). */
        minEnergyGeV: z.number().nonnegative().default(1),
      })
      .prefault({}),
    bhabhaVeto: z
      .strictObject({
        /** Both clusters above this c.m. energy, GeV. */
        minClusterEnergyCMGeV: z.number().nonnegative().default(3),
        /** Largest deviation from back to back in the c.m. frame, degrees. */
        maxAcollinearityDeg: z.number().min(0).max(180).default(10),
      })
      .prefault({}),
  },
  [
    { name: 'twoTrackEfficiency', numerator: 'twoTrack', denominator: 'events' },
    { name: 'eclEfficiency', numerator: 'ecl', denominator: 'events' },
  ],
  (settings, env) => {
    const cosThetaMin = Math.cos(settings.twoTrack.thetaMinDeg * DEG);
    const cosThetaMax = Math.cos(settings.twoTrack.thetaMaxDeg * DEG);
    const efficiency = compileForm(settings.twoTrack.efficiency);
    const cosMinDeltaPhi = Float64Array.from(env.periods, (p) => Math.cos(p.twoTrackTriggerMinDeltaPhi));
    const eclMin = settings.ecl.minEnergyGeV;
    const vetoMinE = settings.bhabhaVeto.minClusterEnergyCMGeV;
    const cosVeto = Math.cos(Math.PI - settings.bhabhaVeto.maxAcollinearityDeg * DEG);
    const P = env.frame.total;
    // Smallest lab energy a massless cluster of c.m. energy E* can have: E*·√((1 − β)/(1 + β)).
    const beta = Math.sqrt(env.frame.betaCM.x ** 2 + env.frame.betaCM.y ** 2 + env.frame.betaCM.z ** 2);
    const vetoMinLabE = vetoMinE * Math.sqrt((1 - beta) / (1 + beta));
    const m = env.frame.toCM.m;
    const k = new Kinematics();
    const recoil = new Float64Array(4);
    const draws = new DrawBuffer();
    // c.m. energy and direction of each cluster of the event being processed
    let cmE = new Float64Array(16);
    let cmX = new Float64Array(16);
    let cmY = new Float64Array(16);
    let cmZ = new Float64Array(16);

    return (batch, { stream }) => {
      draws.reset(stream);
      const n = batch.nEvents;
      const bits = new Uint8Array(n);
      const counts = { events: n, twoTrackGeometry: 0, twoTrack: 0, ecl: 0, bhabhaVeto: 0, fired: 0 };
      const { trackOffsets, trackPx, trackPy, trackPz, clusterOffsets, clusterEnergy, clusterTheta, clusterPhi, clusterRegion } = batch;
      for (let i = 0; i < n; i++) {
        let word = 0;
        const t0 = trackOffsets[i];
        const t1 = trackOffsets[i + 1];
        // θ window and Δφ through cosines: cosθ = pz/p, cos Δφ = pT,a·pT,b/(pT,a pT,b).
        const cosDeltaPhiMax = cosMinDeltaPhi[batch.period[i]];
        let pair = false;
        for (let a = t0; a < t1 && !pair; a++) {
          const pta = Math.sqrt(trackPx[a] * trackPx[a] + trackPy[a] * trackPy[a]);
          const cosA = trackPz[a] / Math.sqrt(pta * pta + trackPz[a] * trackPz[a]);
          if (cosA > cosThetaMin || cosA < cosThetaMax) continue;
          for (let b = a + 1; b < t1; b++) {
            const ptb = Math.sqrt(trackPx[b] * trackPx[b] + trackPy[b] * trackPy[b]);
            const cosB = trackPz[b] / Math.sqrt(ptb * ptb + trackPz[b] * trackPz[b]);
            if (cosB > cosThetaMin || cosB < cosThetaMax) continue;
            if (trackPx[a] * trackPx[b] + trackPy[a] * trackPy[b] < cosDeltaPhiMax * pta * ptb) {
              pair = true;
              break;
            }
          }
        }
        if (pair) {
          counts.twoTrackGeometry++;
          k.recoilMass2 = recoilAgainstTracks(batch, t0, t1, P, MUON_MASS, recoil);
          if (draws.uniform() < efficiency(k)) {
            word |= TriggerBit.twoTrack;
            counts.twoTrack++;
          }
        }

        const c0 = clusterOffsets[i];
        const nc = clusterOffsets[i + 1] - c0;
        if (nc > cmE.length) {
          cmE = new Float64Array(2 * nc);
          cmX = new Float64Array(2 * nc);
          cmY = new Float64Array(2 * nc);
          cmZ = new Float64Array(2 * nc);
        }
        let eclEnergy = 0;
        for (let c = 0; c < nc; c++) {
          const e = clusterEnergy[c0 + c];
          const region = clusterRegion[c0 + c];
          if (region === EclRegion.barrel || region === EclRegion.forward) eclEnergy += e;
          if (e < vetoMinLabE) {
            cmE[c] = 0;
            continue;
          }
          const s = Math.sin(clusterTheta[c0 + c]);
          const px = e * s * Math.cos(clusterPhi[c0 + c]);
          const py = e * s * Math.sin(clusterPhi[c0 + c]);
          const pz = e * Math.cos(clusterTheta[c0 + c]);
          cmE[c] = m[0] * e + m[1] * px + m[2] * py + m[3] * pz;
          cmX[c] = m[4] * e + m[5] * px + m[6] * py + m[7] * pz;
          cmY[c] = m[8] * e + m[9] * px + m[10] * py + m[11] * pz;
          cmZ[c] = m[12] * e + m[13] * px + m[14] * py + m[15] * pz;
        }
        if (eclEnergy > eclMin) {
          word |= TriggerBit.ecl;
          counts.ecl++;
        }
        let veto = false;
        for (let a = 0; a < nc && !veto; a++) {
          if (cmE[a] < vetoMinE) continue;
          for (let b = a + 1; b < nc; b++) {
            if (cmE[b] < vetoMinE) continue;
            const cos = (cmX[a] * cmX[b] + cmY[a] * cmY[b] + cmZ[a] * cmZ[b]) / (cmE[a] * cmE[b]);
            if (cos <= cosVeto) {
              veto = true;
              break;
            }
          }
        }
        if (veto) {
          word |= TriggerBit.bhabhaVeto;
          counts.bhabhaVeto++;
        }
        if (word & TriggerBit.twoTrack && !veto) counts.fired++;
        bits[i] = word;
      }
      return { batch: { ...batch, trigger: bits }, counts };
    };
  },
);
