import { z } from 'zod';
import { PDG } from '../../src/physics/constants.js';
import { defineStage } from '../stage.js';

/**
 * Electron identification from E/p, the energy of the track's matched ECL cluster over its momentum
 * (the paper: electrons "are identified primarily by comparing momenta with energies of associated
 * ECL depositions, with a similar likelihood-ratio method"). electronID = L_e/(L_e + L_other) with
 * L_e a Gaussian in E/p around the electron peak and L_other an exponential (muons and pions leave
 * a small fraction of their energy). A track without a matched cluster has electronID = 0.
 */
export const electronId = defineStage(
  'electronId',
  {
    /** E/p of electrons: Gaussian mean and width. */
    electronEOverP: z
      .strictObject({
        mean: z.number().positive().default(1),
        sigma: z.number().positive().default(0.05),
      })
      .prefault({}),
    /** Mean E/p of muons and hadrons (exponential). */
    otherEOverPMean: z.number().positive().default(0.25),
  },
  [{ name: 'electronIdEfficiency', numerator: 'electronsIdentified', denominator: 'electrons' }],
  (settings) => {
    const { mean, sigma } = settings.electronEOverP;
    const otherMean = settings.otherEOverPMean;
    // L_other/L_e = exp(½z² − (E/p)/μ) · √(2π)σ/μ: the ratio takes one exponential.
    const ratioScale = (Math.sqrt(2 * Math.PI) * sigma) / otherMean;
    let clusterEnergyOfTrack = new Float64Array(16);

    return (batch, { truth }) => {
      const nTracks = batch.trackTruth.length;
      const trackElectronId = new Float64Array(nTracks);
      const counts = { electrons: 0, electronsIdentified: 0, others: 0, othersAsElectrons: 0 };
      const { trackOffsets, trackTruth, trackPx, trackPy, trackPz, clusterOffsets, clusterTrack, clusterEnergy } = batch;
      const { offsets, pdg } = truth;
      for (let i = 0; i < batch.nEvents; i++) {
        const t0 = trackOffsets[i];
        const nt = trackOffsets[i + 1] - t0;
        if (nt > clusterEnergyOfTrack.length) clusterEnergyOfTrack = new Float64Array(2 * nt);
        for (let t = 0; t < nt; t++) clusterEnergyOfTrack[t] = 0;
        for (let c = clusterOffsets[i]; c < clusterOffsets[i + 1]; c++) {
          const t = clusterTrack[c];
          if (t >= 0) clusterEnergyOfTrack[t] += clusterEnergy[c];
        }
        const first = offsets[i];
        for (let t = 0; t < nt; t++) {
          const row = t0 + t;
          const energy = clusterEnergyOfTrack[t];
          let value = 0;
          if (energy > 0) {
            const px = trackPx[row];
            const py = trackPy[row];
            const pz = trackPz[row];
            const p = Math.sqrt(px * px + py * py + pz * pz);
            const eOverP = energy / p;
            const z = (eOverP - mean) / sigma;
            value = 1 / (1 + ratioScale * Math.exp(0.5 * z * z - eOverP / otherMean));
          }
          trackElectronId[row] = value;
          const isElectron = Math.abs(pdg[first + trackTruth[row]]) === PDG.electron;
          if (isElectron) {
            counts.electrons++;
            if (value > 0.5) counts.electronsIdentified++;
          } else {
            counts.others++;
            if (value > 0.5) counts.othersAsElectrons++;
          }
        }
      }
      return { batch: { ...batch, trackElectronId }, counts };
    };
  },
);
