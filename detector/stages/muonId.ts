import { z } from 'zod';
import { PDG } from '../../src/physics/constants.js';
import { compileForm, Kinematics, ProbabilityForm } from '../forms.js';
import { trackMass } from '../particles.js';
import { DrawBuffer } from '../draws.js';
import { DEG, defineStage } from '../stage.js';

/**
 * Muon identification. Above the KLM momentum threshold and inside the KLM's polar coverage a muon
 * penetrates the iron and is identified by its depth; below it, only drift-chamber and ECL
 * information is left (the paper: "penetration depth in the muon detector for momenta larger than
 * 0.7 GeV/c and … the drift chamber and ECL otherwise"). The probability that muonID > 0.5 is a map
 * in (p, θ) per species and per case (with / without KLM); the likelihood ratio itself is drawn on
 * the right side of 0.5, peaked towards 1 (identified) or 0 (not), so that the paper's cut at 0.5
 * reproduces the map exactly. Pion maps apply to all hadrons.
 */

/** A (p, θ) map binned like the paper's quoted performance: momentum bins, KLM barrel/endcap θ bins. */
function momentumMap(values: number[]) {
  return {
    form: 'binned2d' as const,
    xAxis: 'p' as const,
    xEdges: [0, 0.7, 1, 1.5, 2, 3, 11],
    yAxis: 'thetaDeg' as const,
    yEdges: [0, 36.1, 132.2, 180],
    values: values.map((v) => [v, v, v]),
  };
}

export const muonId = defineStage(
  'muonId',
  {
    /** When a track reaches the KLM (arXiv:2503.11351 and the paper: p > 0.7 GeV/c; KLM coverage ≈ 20°–155°, Belle II TDR arXiv:1011.0352). */
    klm: z
      .strictObject({
        minMomentumGeV: z.number().nonnegative().default(0.7),
        thetaMinDeg: z.number().min(0).max(180).default(20),
        thetaMaxDeg: z.number().min(0).max(180).default(155),
      })
      .prefault({}),
    /** P(muonID > 0.5) for muons reaching / not reaching the KLM (the paper: 93–99%). */
    muonEfficiency: z
      .strictObject({
        withKlm: ProbabilityForm.default(momentumMap([0.93, 0.95, 0.97, 0.98, 0.99, 0.99])),
        withoutKlm: ProbabilityForm.default({ form: 'constant', value: 0.93 }),
      })
      .prefault({}),
    /** P(muonID > 0.5) for hadrons (the paper: 80–97% of pions rejected). */
    pionMisId: z
      .strictObject({
        withKlm: ProbabilityForm.default(momentumMap([0.2, 0.1, 0.06, 0.04, 0.03, 0.03])),
        withoutKlm: ProbabilityForm.default({ form: 'constant', value: 0.2 }),
      })
      .prefault({}),
    /** P(muonID > 0.5) for electrons. */
    electronMisId: ProbabilityForm.default({ form: 'constant', value: 0.005 }),
  },
  [
    { name: 'muonIdEfficiency', numerator: 'muonsIdentified', denominator: 'muons' },
    { name: 'pionMisIdRate', numerator: 'hadronsAsMuons', denominator: 'hadrons' },
  ],
  (settings) => {
    const klmMinP = settings.klm.minMomentumGeV;
    const klmCosThetaMin = Math.cos(settings.klm.thetaMinDeg * DEG);
    const klmCosThetaMax = Math.cos(settings.klm.thetaMaxDeg * DEG);
    const muonWithKlm = compileForm(settings.muonEfficiency.withKlm);
    const muonWithoutKlm = compileForm(settings.muonEfficiency.withoutKlm);
    const pionWithKlm = compileForm(settings.pionMisId.withKlm);
    const pionWithoutKlm = compileForm(settings.pionMisId.withoutKlm);
    const electronMisId = compileForm(settings.electronMisId);
    const k = new Kinematics();
    const draws = new DrawBuffer();

    return (batch, { truth, stream }) => {
      draws.reset(stream);
      const nTracks = batch.trackTruth.length;
      const trackMuonId = new Float64Array(nTracks);
      const counts = { muons: 0, muonsReachingKlm: 0, muonsIdentified: 0, hadrons: 0, hadronsAsMuons: 0, electrons: 0, electronsAsMuons: 0 };
      const { trackOffsets, trackTruth, trackPx, trackPy, trackPz } = batch;
      const { offsets, pdg } = truth;
      for (let i = 0; i < batch.nEvents; i++) {
        const first = offsets[i];
        for (let t = trackOffsets[i]; t < trackOffsets[i + 1]; t++) {
          const id = Math.abs(pdg[first + trackTruth[t]]);
          const pt = Math.sqrt(trackPx[t] * trackPx[t] + trackPy[t] * trackPy[t]);
          const p = Math.sqrt(pt * pt + trackPz[t] * trackPz[t]);
          k.setFromCylindrical(trackMass(id), p, pt, trackPz[t]);
          const cosTheta = trackPz[t] / p;
          const reachesKlm = p > klmMinP && cosTheta <= klmCosThetaMin && cosTheta >= klmCosThetaMax;
          let probability: number;
          if (id === PDG.muon) {
            counts.muons++;
            if (reachesKlm) counts.muonsReachingKlm++;
            probability = reachesKlm ? muonWithKlm(k) : muonWithoutKlm(k);
          } else if (id === PDG.electron) {
            counts.electrons++;
            probability = electronMisId(k);
          } else {
            counts.hadrons++;
            probability = reachesKlm ? pionWithKlm(k) : pionWithoutKlm(k);
          }
          // One uniform decides and, rescaled to (0, 1) on its side of the probability, shapes the ratio.
          const u = draws.uniform();
          const identified = u < probability;
          const v = identified ? u / probability : (u - probability) / (1 - probability);
          trackMuonId[t] = identified ? 1 - 0.5 * v * v : 0.5 * v * v;
          if (identified) {
            if (id === PDG.muon) counts.muonsIdentified++;
            else if (id === PDG.electron) counts.electronsAsMuons++;
            else counts.hadronsAsMuons++;
          }
        }
      }
      return { batch: { ...batch, trackMuonId }, counts };
    };
  },
);
