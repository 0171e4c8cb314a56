import { CollisionFrame, SUPERKEKB_Y4S } from '../src/physics/beams.js';
import { createStream } from '../src/random/stream.js';
import { type BenchSuite, measure, report } from './harness.js';

const BATCH = 1 << 16;

/** Random draws and Lorentz transformations on one core (issue floors: 50 M uniform/s, 20 M normal/s, 20 M boosts/s). */
export const coreSuite: BenchSuite = {
  title: 'core: random streams and Lorentz transformations (one core)',
  run() {
    const stream = createStream(1, 'bench', 0);
    const out = new Float64Array(BATCH);
    report(measure({ name: 'uniform() draws', opsPerCall: BATCH, run: () => stream.fillUniform(out) }), { opsPerSecond: 50e6, label: '50 M/s' });
    report(measure({ name: 'normal() draws', opsPerCall: BATCH, run: () => stream.fillNormal(out) }), { opsPerSecond: 20e6, label: '20 M/s' });
    for (const mean of [3, 50, 1e6]) {
      report(
        measure({
          name: `poisson(${mean}) draws`,
          opsPerCall: BATCH,
          run: () => {
            for (let i = 0; i < BATCH; i++) out[i] = stream.poisson(mean);
            return out;
          },
        }),
      );
    }
    const frame = new CollisionFrame(SUPERKEKB_Y4S);
    const E = new Float64Array(BATCH);
    const px = new Float64Array(BATCH);
    const py = new Float64Array(BATCH);
    const pz = new Float64Array(BATCH);
    for (let i = 0; i < BATCH; i++) {
      px[i] = stream.normal();
      py[i] = stream.normal();
      pz[i] = stream.normal();
      E[i] = Math.sqrt(0.011 + px[i] ** 2 + py[i] ** 2 + pz[i] ** 2);
    }
    // Alternating c.m. → lab and lab → c.m. keeps the numbers bounded over many rounds.
    let forward = true;
    report(
      measure({
        name: 'c.m. ↔ lab transformations of typed-array columns',
        opsPerCall: BATCH,
        run: () => {
          (forward ? frame.toLab : frame.toCM).applyToColumns(E, px, py, pz);
          forward = !forward;
          return E;
        },
      }),
      { opsPerSecond: 20e6, label: '20 M/s' },
    );
  },
};
