import { z } from 'zod';
import { EclRegion } from '../../src/events/recoBatch.js';
import { EclLayout } from '../eclGeometry.js';
import { DrawBuffer } from '../draws.js';
import { DEG, defineStage } from '../stage.js';

/**
 * Beam-background clusters: a Poisson number per event of clusters with no truth particle
 * (`clusterTruth` = −1), energies above the threshold falling exponentially, spread over the three
 * ECL regions with the given shares and uniformly in cosθ and φ inside each region. They enter the
 * photon veto and the ECL trigger like any unmatched cluster.
 */
export const eclBeamBackground = defineStage(
  'eclBeamBackground',
  {
    layout: EclLayout.prefault({}),
    /** Mean number of background clusters above the threshold per event. */
    meanClustersPerEvent: z.number().nonnegative().default(0.05),
    /** Cluster energy threshold, GeV (the paper's 100 MeV photon threshold). */
    thresholdGeV: z.number().nonnegative().default(0.1),
    /** Mean energy above the threshold (exponential spectrum), GeV. */
    meanEnergyAboveThresholdGeV: z.number().positive().default(0.05),
    /** Shares of the clusters in the forward endcap, barrel and backward endcap. */
    regionShares: z
      .strictObject({
        forward: z.number().nonnegative().default(0.4),
        barrel: z.number().nonnegative().default(0.2),
        backward: z.number().nonnegative().default(0.4),
      })
      .prefault({})
      .refine((s) => s.forward + s.barrel + s.backward > 0, 'regionShares: at least one share must be positive'),
  },
  [],
  (settings) => {
    const l = settings.layout;
    const shares = settings.regionShares;
    const total = shares.forward + shares.barrel + shares.backward;
    const forwardCut = shares.forward / total;
    const barrelCut = (shares.forward + shares.barrel) / total;
    const cosRange = (minDeg: number, maxDeg: number): [number, number] => [Math.cos(minDeg * DEG), Math.cos(maxDeg * DEG)];
    const ranges = [
      cosRange(l.forwardThetaMinDeg, l.forwardThetaMaxDeg),
      cosRange(l.barrelThetaMinDeg, l.barrelThetaMaxDeg),
      cosRange(l.backwardThetaMinDeg, l.backwardThetaMaxDeg),
    ];
    const crack = l.crackThetaDeg * DEG;
    const crackHalf = l.crackHalfWidthMrad * 1e-3;

    const mean = settings.meanClustersPerEvent;
    const expMinusMean = Math.exp(-mean);
    const meanEnergy = settings.meanEnergyAboveThresholdGeV;
    const draws = new DrawBuffer();

    return (batch, { stream }) => {
      draws.reset(stream);
      const n = batch.nEvents;
      // Poisson counts by inversion of the cumulative distribution: one uniform per event.
      const added = new Uint32Array(n);
      let extra = 0;
      for (let i = 0; i < n; i++) {
        const u = draws.uniform();
        let k = 0;
        let term = expMinusMean;
        let cumulative = term;
        while (u > cumulative && term > 0) {
          k++;
          term *= mean / k;
          cumulative += term;
        }
        added[i] = k;
        extra += k;
      }
      const old = batch.clusterOffsets;
      const size = old[n] + extra;
      const clusterOffsets = new Uint32Array(n + 1);
      const clusterTruth = new Int32Array(size);
      const clusterEnergy = new Float64Array(size);
      const clusterTheta = new Float64Array(size);
      const clusterPhi = new Float64Array(size);
      const clusterRegion = new Uint8Array(size);
      const clusterTrack = new Int32Array(size);
      const truthIn = batch.clusterTruth;
      const energyIn = batch.clusterEnergy;
      const thetaIn = batch.clusterTheta;
      const phiIn = batch.clusterPhi;
      const regionIn = batch.clusterRegion;
      const trackIn = batch.clusterTrack;
      let c = 0;
      for (let i = 0; i < n; i++) {
        for (let from = old[i]; from < old[i + 1]; from++, c++) {
          clusterTruth[c] = truthIn[from];
          clusterEnergy[c] = energyIn[from];
          clusterTheta[c] = thetaIn[from];
          clusterPhi[c] = phiIn[from];
          clusterRegion[c] = regionIn[from];
          clusterTrack[c] = trackIn[from];
        }
        for (let b = 0; b < added[i]; b++) {
          const u = draws.uniform();
          const region = u < forwardCut ? EclRegion.forward : u < barrelCut ? EclRegion.barrel : EclRegion.backward;
          const [cos0, cos1] = ranges[region - 1];
          let theta = Math.acos(cos1 + (cos0 - cos1) * draws.uniform());
          if (Math.abs(theta - crack) < crackHalf) theta = crack + Math.sign(theta - crack || 1) * crackHalf;
          clusterTruth[c] = -1;
          clusterTrack[c] = -1;
          clusterEnergy[c] = settings.thresholdGeV - meanEnergy * Math.log(draws.uniform()); // exponential spectrum
          clusterTheta[c] = theta;
          clusterPhi[c] = Math.PI * (2 * draws.uniform() - 1);
          clusterRegion[c] = region;
          c++;
        }
        clusterOffsets[i + 1] = c;
      }
      return {
        batch: { ...batch, clusterOffsets, clusterTruth, clusterEnergy, clusterTheta, clusterPhi, clusterRegion, clusterTrack },
        counts: { backgroundClusters: extra },
      };
    };
  },
);
