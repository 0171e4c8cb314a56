import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStream, type RandomStream } from '../../../src/random/stream.js';
import { fastSigmoid, fastTanh } from '../../../src/selection/punziNet/fastMath.js';
import {
  membershipFromLists,
  PunziNetwork,
  punziLoss,
  punziLossFromOutputs,
  type PunziWindows,
  weightedBce,
  weightedBceFromOutputs,
} from '../../../src/selection/punziNet/index.js';

/** A small random problem: network, features, labels, weights and windows, all from one seed. */
interface Case {
  readonly net: PunziNetwork;
  readonly x: Float64Array;
  readonly labels: Uint8Array;
  readonly weights: Float64Array;
  readonly windows: PunziWindows;
}

/** A random case; every window holds signal and background (n is raised to 2·nHyp if needed). */
function randomCase(seed: number, layerSizes: number[], nEvents: number, nHyp: number): Case {
  const n = Math.max(nEvents, 2 * nHyp);
  const rs = createStream(seed, 'punzi-net-test/gradients', 0);
  const d = layerSizes[0];
  const x = new Float64Array(n * d);
  for (let k = 0; k < x.length; k++) x[k] = 0.3 + 0.2 * rs.normal();
  const mean = Float64Array.from({ length: d }, () => 0.3 + 0.05 * rs.normal());
  const std = Float64Array.from({ length: d }, () => rs.uniformIn(0.1, 0.3));
  const net = PunziNetwork.initial({ seed, layerSizes, standardisation: { mean, std } });
  const labels = Uint8Array.from({ length: n }, (_, k) => (k % 2 === 0 ? 1 : 0));
  const weights = Float64Array.from({ length: n }, () => rs.uniformIn(0.1, 2));
  const windows = randomWindows(rs, labels, nHyp, true);
  return { net, x, labels, weights, windows };
}

/**
 * Random windows: a signal event enters the window of a random hypothesis with probability 0.8, a
 * background event each window with probability 1/2. With `filled`, events 2i and 2i + 1 (signal,
 * background) are always in window i, so that no window has ε = 0 or B = 0.
 */
function randomWindows(rs: RandomStream, labels: Uint8Array, nHyp: number, filled = false): PunziWindows {
  const sig: number[][] = Array.from({ length: nHyp }, () => []);
  const bkg: number[][] = Array.from({ length: nHyp }, () => []);
  for (let k = 0; k < labels.length; k++) {
    if (filled && k < 2 * nHyp) {
      (labels[k] === 1 ? sig : bkg)[k >> 1].push(k);
      if (labels[k] === 0) for (let i = 0; i < nHyp; i++) if (i !== k >> 1 && rs.uniform() < 0.5) bkg[i].push(k);
      continue;
    }
    if (labels[k] === 1) {
      const h = rs.integer(nHyp);
      if (rs.uniform() < 0.8) sig[h].push(k);
    } else {
      for (let i = 0; i < nHyp; i++) if (rs.uniform() < 0.5) bkg[i].push(k);
    }
  }
  return { signal: membershipFromLists(sig), background: membershipFromLists(bkg), nGenerated: Float64Array.from({ length: nHyp }, () => 5 + rs.integer(20)) };
}

/**
 * Fourth-order central difference of f at x: [f(x − 2h) − 8f(x − h) + 8f(x + h) − f(x + 2h)]/(12h),
 * truncation error h⁴·f⁽⁵⁾/30.
 */
function centralDifference(f: (x: number) => number, x: number, h: number): number {
  return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);
}

/**
 * Fourth-order central differences of `f` at every parameter (h = 1e-3·max(1, |θ|): the truncation
 * error, O(h⁴), stays below 1e-10, and the rounding of f (up to ~1e5 fb when a window has no signal)
 * over 12h stays small). Returns the
 * largest |analytic − numeric| / (|analytic| + 1e-6·‖analytic‖∞): relative, except for components
 * a million times smaller than the largest, where rounding in f dominates the difference.
 */
function worstRelativeError(net: PunziNetwork, f: () => number, analytic: Float64Array): number {
  const p = net.parameters;
  let gmax = 0;
  for (const g of analytic) gmax = Math.max(gmax, Math.abs(g));
  let worst = 0;
  for (let j = 0; j < p.length; j++) {
    const theta = p[j];
    const numeric = centralDifference(
      (t) => {
        p[j] = t;
        return f();
      },
      theta,
      1e-3 * Math.max(1, Math.abs(theta)),
    );
    p[j] = theta;
    worst = Math.max(worst, Math.abs(numeric - analytic[j]) / (Math.abs(analytic[j]) + 1e-6 * gmax));
  }
  return worst;
}

const shapes = fc.record({
  d: fc.integer({ min: 1, max: 4 }),
  hidden: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 3 }),
  n: fc.integer({ min: 2, max: 40 }),
  nHyp: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

describe('weightedBce(network, features, labels, weights, gradient)', () => {
  it('gives ∂loss/∂θ equal to central finite differences for every parameter (random networks and samples)', () => {
    fc.assert(
      fc.property(shapes, ({ d, hidden, n, nHyp, seed }) => {
        // Arrange
        const c = randomCase(seed, [d, ...hidden, 1], n, nHyp);
        const grad = new Float64Array(c.net.nParameters);
        // Act
        weightedBce(c.net, c.x, c.labels, c.weights, grad);
        const worst = worstRelativeError(c.net, () => weightedBce(c.net, c.x, c.labels, c.weights), grad);
        // Assert
        expect(worst).toBeLessThan(1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('equals the cross-entropy of the predicted outputs (logit form = output form)', () => {
    const c = randomCase(11, [4, 8, 4, 1], 200, 2);
    const out = c.net.predict(c.x, new Float64Array(200));
    expect(weightedBce(c.net, c.x, c.labels, c.weights)).toBeCloseTo(weightedBceFromOutputs(out, c.labels, c.weights), 13);
  });
});

describe('weightedBceFromOutputs(outputs, labels, weights, gradient)', () => {
  it('gives ∂loss/∂o equal to central finite differences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1e9 }), (n, seed) => {
        const rs = createStream(seed, 'punzi-net-test/bce-outputs', 0);
        const out = Float64Array.from({ length: n }, () => rs.uniformIn(0.02, 0.98));
        const labels = Uint8Array.from({ length: n }, () => rs.integer(2));
        const weights = Float64Array.from({ length: n }, () => rs.uniformIn(0.1, 3));
        const g = new Float64Array(n);
        weightedBceFromOutputs(out, labels, weights, g);
        for (let k = 0; k < n; k++) {
          const o = out[k];
          const numeric = centralDifference(
            (t) => {
              out[k] = t;
              return weightedBceFromOutputs(out, labels, weights);
            },
            o,
            1e-4,
          );
          out[k] = o;
          expect(Math.abs(numeric - g[k])).toBeLessThanOrEqual(1e-6 * Math.abs(g[k]) + 1e-12);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('punziLoss(network, features, weights, windows, options, gradient)', () => {
  it('gives ∂loss/∂θ equal to central finite differences for every parameter (random networks, samples and windows)', () => {
    fc.assert(
      fc.property(shapes, fc.constantFrom(1, 0.9), fc.constantFrom(50, 79.7), ({ d, hidden, n, nHyp, seed }, scaling, luminosity) => {
        // Arrange
        const c = randomCase(seed, [d, ...hidden, 1], n, nHyp);
        const options = { scaling, luminosity };
        const grad = new Float64Array(c.net.nParameters);
        // Act
        punziLoss(c.net, c.x, c.weights, c.windows, options, grad);
        const worst = worstRelativeError(c.net, () => punziLoss(c.net, c.x, c.weights, c.windows, options).loss, grad);
        // Assert
        expect(worst).toBeLessThan(1e-6);
      }),
      { numRuns: 60 },
    );
  });
});

describe('punziLossFromOutputs(outputs, weights, windows, options, gradient)', () => {
  it('gives ∂loss/∂o equal to central finite differences, and 0 for events in no window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1e9 }), (n, nHyp, seed) => {
        const rs = createStream(seed, 'punzi-net-test/punzi-outputs', 0);
        const labels = Uint8Array.from({ length: n }, () => rs.integer(2));
        const windows = randomWindows(rs, labels, nHyp);
        const out = Float64Array.from({ length: n }, () => rs.uniformIn(0.05, 0.95));
        const weights = Float64Array.from({ length: n }, () => rs.uniformIn(0.1, 3));
        const g = new Float64Array(n);
        const { loss } = punziLossFromOutputs(out, weights, windows, {}, g);
        const used = new Set([...windows.signal.indices, ...windows.background.indices]);
        for (let k = 0; k < n; k++) {
          if (!used.has(k)) {
            expect(g[k]).toBe(0);
            continue;
          }
          const o = out[k];
          const numeric = centralDifference(
            (t) => {
              out[k] = t;
              return punziLossFromOutputs(out, weights, windows).loss;
            },
            o,
            1e-4,
          );
          out[k] = o;
          // rounding of the loss (which a window without signal makes ~1e5 fb) over 12h bounds the absolute term
          expect(Math.abs(numeric - g[k])).toBeLessThanOrEqual(1e-6 * Math.abs(g[k]) + 1e-11 * loss);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('takes ε = 1e-6 where no signal survives, with no ε-gradient there, as fom.punzi_sensitivity', () => {
    const windows: PunziWindows = { signal: membershipFromLists([[], [0]]), background: membershipFromLists([[1], [1]]), nGenerated: new Float64Array([10, 10]) };
    const out = new Float64Array([0.5, 0.25]);
    const weights = new Float64Array([1, 4]);
    const g = new Float64Array(2);
    const r = punziLossFromOutputs(out, weights, windows, {}, g);
    // window 0: ε = 0 → 1e-6, B = 1; window 1: ε = 0.05, B = 1
    expect(r.efficiency[0]).toBe(0);
    expect(r.sensitivity[0]).toBe(1.0 * (9 / 8 + (9 * 1.28155 ** 2) / 13 + 3 + (1.28155 / 2) * Math.sqrt(1.28155 ** 2 + 12 + 4)) / 1e-6 / 50);
    expect(r.efficiency[1]).toBe(0.05);
    // event 0 (signal of window 1 only) gets −s₁/ε₁ · 1/N / H
    expect(g[0]).toBeCloseTo(((-r.sensitivity[1] / 0.05) * (1 / 10)) / 2, 12);
  });
});

describe('kernels', () => {
  it('the generated forward pass equals a plain loop over fastTanh/fastSigmoid bit for bit', () => {
    const c = randomCase(5, [4, 8, 4, 1], 300, 1);
    const out = c.net.predict(c.x, new Float64Array(300));
    const sizes = c.net.layerSizes;
    const p = c.net.parameters;
    const { mean } = c.net.standardisation;
    for (let e = 0; e < 300; e++) {
      let a = Array.from({ length: 4 }, (_, i) => (c.x[e * 4 + i] - mean[i]) * c.net.invStd[i]);
      let off = 0;
      let z = 0;
      for (let l = 0; l + 1 < sizes.length; l++) {
        const nIn = sizes[l];
        const nOut = sizes[l + 1];
        const next: number[] = [];
        for (let j = 0; j < nOut; j++) {
          let s = p[off + nIn * nOut + j];
          for (let i = 0; i < nIn; i++) s += p[off + j * nIn + i] * a[i];
          next.push(s);
        }
        off += nIn * nOut + nOut;
        if (l + 2 < sizes.length) a = next.map(fastTanh);
        else z = next[0];
      }
      expect(out[e]).toBe(fastSigmoid(z));
    }
  });

  it('the Punzi backward pass from cached activations equals the recomputing one bit for bit', () => {
    const c = randomCase(6, [4, 8, 4, 1], 500, 3);
    const k = c.net.kernels;
    const out = new Float64Array(500);
    const cache = new Float64Array(500 * k.cacheStride);
    const gOut = new Float64Array(500);
    k.forwardCaching(c.net.parameters, c.net.standardisation.mean, c.net.invStd, c.x, 0, 500, out, cache);
    punziLossFromOutputs(out, c.weights, c.windows, {}, gOut);
    const g1 = new Float64Array(c.net.nParameters);
    const g2 = new Float64Array(c.net.nParameters);
    k.outputGradient(c.net.parameters, c.net.standardisation.mean, c.net.invStd, c.x, gOut, 0, 500, g1);
    k.outputGradientCached(c.net.parameters, c.net.standardisation.mean, c.net.invStd, c.x, cache, gOut, 0, 500, g2);
    expect(g2).toEqual(g1);
    expect(Array.from(out)).toEqual(Array.from(c.net.predict(c.x, new Float64Array(500))));
  });
});
