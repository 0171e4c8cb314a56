import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGES, DetectorSettings, stageEfficiencies } from '../../detector/index.js';
import { EventBatchBuilder, Status } from '../../src/events/eventBatch.js';
import { CLUSTER_COLUMNS, TRACK_COLUMNS, type RecoBatch } from '../../src/events/recoBatch.js';
import { CHARGED_PION_MASS, ELECTRON_MASS, MUON_MASS } from '../../src/physics/constants.js';
import { createStream } from '../../src/random/stream.js';
import { detector, env, muonPairs } from './gun.js';

const COLUMNS = ['weight', 'period', 'trigger', 'vertexX', 'vertexY', 'vertexZ', 'trackOffsets', 'clusterOffsets', ...TRACK_COLUMNS, ...CLUSTER_COLUMNS] as const;

function bytes(batch: RecoBatch): Buffer {
  return Buffer.concat(COLUMNS.map((c) => Buffer.from(batch[c].buffer, batch[c].byteOffset, batch[c].byteLength)));
}

const particle = fc.record({
  pdg: fc.constantFrom(13, -13, 211, -211, 11, -11, 22, 12),
  p: fc.double({ min: 0.01, max: 6, noNaN: true }),
  cosTheta: fc.double({ min: -0.999, max: 0.999, noNaN: true }),
  phi: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
});
const events = fc.array(fc.record({ weight: fc.double({ min: 0.01, max: 10, noNaN: true }), particles: fc.array(particle, { maxLength: 5 }) }), { minLength: 1, maxLength: 20 });

function build(list: { weight: number; particles: { pdg: number; p: number; cosTheta: number; phi: number }[] }[]) {
  const builder = new EventBatchBuilder(list.length, 4);
  for (const e of list) {
    builder.beginEvent(e.weight, 11.006, 0.45662, 0, 2.99942);
    for (const q of e.particles) {
      const mass = { 11: ELECTRON_MASS, 13: MUON_MASS, 211: CHARGED_PION_MASS }[Math.abs(q.pdg)] ?? 0;
      const s = Math.sqrt(1 - q.cosTheta * q.cosTheta);
      builder.addParticle(q.pdg, Status.final, -1, Math.hypot(q.p, mass), q.p * s * Math.cos(q.phi), q.p * s * Math.sin(q.phi), q.p * q.cosTheta);
    }
  }
  return builder.build();
}

describe('detector chain', () => {
  it('the same seed gives the same output bytes; another seed another output', () => {
    const truth = muonPairs(2000, [0.2, 5], [0.2, 2.9], createStream(41, 'gun', 0));
    const a = detector().reconstruct(truth, 41, 3).batch;
    const b = detector().reconstruct(truth, 41, 3).batch;
    const c = detector().reconstruct(truth, 42, 3).batch;
    expect(bytes(a).equals(bytes(b))).toBe(true);
    expect(bytes(a).equals(bytes(c))).toBe(false);
  });

  it('a batch gives the same bytes whatever the detector reconstructed before it (stages keep buffers between batches)', () => {
    // Arrange: a large batch with photons, electrons and pions, then a small one
    const large = build(
      Array.from({ length: 300 }, (_, i) => ({
        weight: 1,
        particles: [13, -13, 22, 11, -211, 22].map((pdg, k) => ({ pdg, p: 0.3 + ((i * 7 + k * 3) % 50) / 10, cosTheta: (((i * 13 + k * 29) % 199) - 99) / 100, phi: ((i + k * 17) % 63) / 10 - 3.1 })),
      })),
    );
    const small = muonPairs(50, [0.2, 5], [0.2, 2.9], createStream(43, 'gun', 0));
    // Act
    const reused = detector();
    reused.reconstruct(large, 43, 0);
    const after = reused.reconstruct(small, 43, 1).batch;
    const fresh = detector().reconstruct(small, 43, 1).batch;
    // Assert
    expect(bytes(after).equals(bytes(fresh))).toBe(true);
  });

  it('no stage changes the number of events or their weights (property)', () => {
    fc.assert(
      fc.property(events, fc.nat(1000), (list, seed) => {
        // Arrange
        const truth = build(list);
        // Act: the chain cut after each stage in turn
        const outputs = DEFAULT_STAGES.map((_, k) => detector({ stages: DEFAULT_STAGES.slice(0, k + 1) }).reconstruct(truth, seed, 0).batch);
        // Assert
        return outputs.every((b) => b.nEvents === truth.nEvents && b.weight.every((w, i) => w === truth.weight[i]) && b.trackOffsets.length === truth.nEvents + 1);
      }),
      { numRuns: 50 },
    );
  });

  it('reported efficiencies are probabilities in [0, 1] (property)', () => {
    fc.assert(
      fc.property(events, fc.nat(1000), (list, seed) => {
        const { cutflow } = detector().reconstruct(build(list), seed, 0);
        return cutflow.every((s) => Object.values(stageEfficiencies(s)).every((e) => Number.isNaN(e) || (e >= 0 && e <= 1)));
      }),
      { numRuns: 50 },
    );
  });

  it('a detector with perfect resolution and full acceptance returns the truth (property)', () => {
    const zero = { form: 'constant', value: 0 };
    const one = { form: 'constant', value: 1 };
    const region = { sigmaEnergyPercent: zero, sigmaThetaMrad: zero, sigmaPhiMrad: zero };
    const layout = { forwardThetaMinDeg: 0, forwardThetaMaxDeg: 30, barrelThetaMinDeg: 30, barrelThetaMaxDeg: 130, backwardThetaMinDeg: 130, backwardThetaMaxDeg: 180, crackHalfWidthMrad: 0 };
    const perfect = detector(
      {
        magneticFieldT: 1e-9, // tracks do not bend: every charged particle reaches every radius
        stages: [
          { type: 'beamSpot', sigmaXCm: 0, sigmaYCm: 0, sigmaZCm: 0 },
          {
            type: 'tracking',
            thetaMinDeg: 0,
            thetaMaxDeg: 180,
            minimumPathCm: 0,
            chamber: { innerZMinCm: -1e9, innerZMaxCm: 1e9, outerZMinCm: -1e9, outerZMaxCm: 1e9 },
            efficiency: one,
            ptResolution: zero,
            thetaResolution: zero,
            phiResolution: zero,
            d0Resolution: zero,
            z0Resolution: zero,
          },
          {
            type: 'ecl',
            layout,
            thresholdGeV: 0,
            conversionProbability: zero,
            photonVetoInefficiency: zero,
            merging: { angleMrad: 0 },
            resolution: { forward: region, barrel: region, backward: region },
          },
        ],
      },
      env,
    );
    fc.assert(
      fc.property(events, (list) => {
        // Arrange
        const truth = build(list);
        // Act
        const reco = perfect.reconstruct(truth, 1, 0).batch;
        // Assert: one track per charged particle with its momentum, one cluster per photon with its energy and direction
        for (let i = 0; i < truth.nEvents; i++) {
          const first = truth.offsets[i];
          let t = reco.trackOffsets[i];
          let c = reco.clusterOffsets[i];
          for (let j = first; j < truth.offsets[i + 1]; j++) {
            const id = Math.abs(truth.pdg[j]);
            if (id === 13 || id === 11 || id === 211) {
              if (reco.trackTruth[t] !== j - first) return false;
              const scale = Math.hypot(truth.px[j], truth.py[j], truth.pz[j]);
              if (Math.abs(reco.trackPx[t] - truth.px[j]) > 1e-12 * scale || Math.abs(reco.trackPy[t] - truth.py[j]) > 1e-12 * scale || Math.abs(reco.trackPz[t] - truth.pz[j]) > 1e-12 * scale) return false;
              if (reco.trackD0[t] !== 0 || Math.abs(reco.trackZ0[t]) !== 0) return false;
              t++;
            }
            if (id === 22) {
              while (reco.clusterTruth[c] !== j - first) c++;
              const theta = Math.atan2(Math.hypot(truth.px[j], truth.py[j]), truth.pz[j]);
              if (reco.clusterEnergy[c] !== truth.E[j] || Math.abs(reco.clusterTheta[c] - theta) > 1e-15) return false;
              if (Math.abs(reco.clusterPhi[c] - Math.atan2(truth.py[j], truth.px[j])) > 1e-15) return false;
            }
          }
          if (t !== reco.trackOffsets[i + 1]) return false;
        }
        return true;
      }),
      { numRuns: 100 },
    );
  });

  it('settings: every number has a default; unknown keys, bad values and duplicate names are refused on load', () => {
    const defaults = DetectorSettings.parse({});
    expect(defaults.magneticFieldT).toBe(1.5);
    expect(defaults.stages.map((s) => s.type)).toEqual(DEFAULT_STAGES.map((s) => s.type));
    const issue = (input: unknown) => {
      const r = DetectorSettings.safeParse(input);
      return r.success ? '' : `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`;
    };
    expect(issue({ stages: [{ type: 'tracking', thetaMinDegs: 17 }] })).toMatch(/^stages\.0: Unrecognized key: "thetaMinDegs"/);
    expect(issue({ stages: [{ type: 'tracking', efficiency: { form: 'constant', value: 1.5 } }] })).toBe('stages.0.efficiency: probabilities must lie in [0, 1]');
    expect(issue({ stages: [{ type: 'ecl' }, { type: 'ecl' }] })).toMatch(/^stages\.1\.name: stage name "ecl" is used twice/);
    expect(issue({ stages: [{ type: 'calorimeter' }] })).toMatch(/^stages\.0\.type: /);
    expect(DetectorSettings.safeParse({ stages: [{ type: 'ecl' }, { type: 'ecl', name: 'eclSecond' }] }).success).toBe(true);
  });
});
