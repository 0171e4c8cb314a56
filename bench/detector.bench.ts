import { buildDetector, DetectorSettings } from '../detector/index.js';
import { findProcess } from '../generators/index.js';
import { Status, EventBatchBuilder, type EventBatch } from '../src/events/eventBatch.js';
import { CollisionFrame, SUPERKEKB_Y4S } from '../src/physics/beams.js';
import { ALPHA_EM_0, MUON_MASS } from '../src/physics/constants.js';
import { createStream } from '../src/random/stream.js';
import { type BenchSuite, measure, report } from './harness.js';

const EVENTS = 20_000;

/** Two back-to-back muons per event in the c.m. frame, isotropic, boosted to the lab (a particle gun). */
function muonPairGun(frame: CollisionFrame, n: number): EventBatch {
  const stream = createStream(1, 'bench/gun', 0);
  const builder = new EventBatchBuilder(n, 2);
  const E = frame.sqrtS / 2;
  const p = Math.sqrt(E * E - MUON_MASS * MUON_MASS);
  const P = frame.total;
  for (let i = 0; i < n; i++) {
    builder.beginEvent(1, P.E, P.px, P.py, P.pz);
    const c = stream.uniformIn(-1, 1);
    const s = Math.sqrt(1 - c * c);
    const phi = stream.uniformIn(-Math.PI, Math.PI);
    for (const sign of [1, -1]) {
      const lab = frame.cmToLab({ E, px: sign * p * s * Math.cos(phi), py: sign * p * s * Math.sin(phi), pz: sign * p * c });
      builder.addParticle(sign * 13, Status.final, -1, lab.E, lab.px, lab.py, lab.pz);
    }
  }
  return builder.build();
}

/** Events per second per core through the full default Belle II detector (issue 4 floor: 1 M/s for μμ(γ)). */
export const detectorSuite: BenchSuite = {
  title: 'detector: full Belle II chain (one core)',
  run() {
    const frame = new CollisionFrame(SUPERKEKB_Y4S);
    const periods = [
      { name: '2019', luminosityFb: 8.34, twoTrackTriggerMinDeltaPhi: Math.PI / 2 },
      { name: '2020', luminosityFb: 71.36, twoTrackTriggerMinDeltaPhi: Math.PI / 6 },
    ];
    const detector = buildDetector(DetectorSettings.parse({}), { frame, periods });
    const samples: [string, EventBatch][] = [['μμ particle gun (2 muons/event)', muonPairGun(frame, EVENTS)]];
    const mumu = findProcess('mumu');
    if (mumu !== undefined) {
      const generator = mumu.create({}, { beams: SUPERKEKB_Y4S, beamEnergySpread: true, isr: true, alphaEM: ALPHA_EM_0, weighted: false }, 1);
      samples.unshift(['μμ(γ) events from the mumu generator', generator.generate(EVENTS, createStream(1, 'mumu', 0))]);
    }
    let batchIndex = 0;
    for (const [name, truth] of samples) {
      report(
        measure({ name: `reconstruct ${name}`, opsPerCall: truth.nEvents, run: () => detector.reconstruct(truth, 1, batchIndex++) }),
        { opsPerSecond: 1e6, label: '1 M/s' },
      );
      // The same work timed by the process's CPU time, which other jobs on a shared machine do not inflate.
      const calls = 20;
      const start = process.cpuUsage();
      for (let c = 0; c < calls; c++) detector.reconstruct(truth, 1, batchIndex++);
      const used = process.cpuUsage(start);
      const seconds = (used.user + used.system) / 1e6;
      const rate = (calls * truth.nEvents) / seconds;
      report({ name: '  same, per CPU second', opsPerSecond: rate, secondsPerOp: 1 / rate, rounds: 1 }, { opsPerSecond: 1e6, label: '1 M/s' });
    }
  },
};
