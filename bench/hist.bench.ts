/**
 * Histogram fill rates from typed arrays: a 2-D (M²recoil, θrecoil c.m.) template with variable
 * M² bins, and the same with equal bins (arithmetic bin search), weighted fills.
 */
import { Axis, Hist2D } from '../src/hist/index.js';
import { createStream } from '../src/random/index.js';
import { type BenchSuite, measure, report } from './harness.js';

const N = 1 << 16;

function inputs(): { m2: Float64Array; theta: Float64Array; w: Float64Array } {
  const stream = createStream(1, 'bench/hist', 0);
  const m2 = new Float64Array(N);
  const theta = new Float64Array(N);
  const w = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    m2[k] = stream.uniformIn(-1, 82);
    theta[k] = stream.uniformIn(0, Math.PI);
    w[k] = stream.uniformIn(0.5, 1.5);
  }
  return { m2, theta, w };
}

/** 200 M² bins whose width grows with M² (as the paper's resolution-sized bins), 5 θ bins. */
function variableM2Axis(): Axis {
  const edges = Array.from({ length: 201 }, (_, i) => -0.5 + 81.5 * (i / 200) ** 1.5);
  return Axis.fromEdges(edges, 'M2recoil [GeV^2/c^4]');
}

export const histSuite: BenchSuite = {
  title: 'hist: 2-D histogram fills from typed arrays',
  run() {
    const { m2, theta, w } = inputs();
    const thetaAxis = Axis.uniform(5, 0, Math.PI, 'theta_recoil_cm [rad]');
    const variable = new Hist2D(variableM2Axis(), thetaAxis);
    report(measure({ name: 'Hist2D.fillN, 200 variable × 5 bins, weighted', opsPerCall: N, run: () => variable.fillN(m2, theta, w) }));
    const uniform = new Hist2D(Axis.uniform(200, -0.5, 81), thetaAxis);
    report(measure({ name: 'Hist2D.fillN, 200 equal × 5 bins, weighted', opsPerCall: N, run: () => uniform.fillN(m2, theta, w) }));
    const scalar = new Hist2D(variableM2Axis(), thetaAxis);
    report(
      measure({
        name: 'Hist2D.fill (one call per entry), variable bins',
        opsPerCall: N,
        run: () => {
          for (let k = 0; k < N; k++) scalar.fill(m2[k], theta[k], w[k]);
        },
      }),
    );
  },
};
