/**
 * Punzi-net benchmarks on the paper's 4-8-4-1 network: forward and forward + backward throughput
 * (events/s), and the time of one training epoch of each phase on 1e6 events with 50 mass
 * hypotheses whose windows (±2σ, one σ apart, as the paper's scan) put every background event in
 * about four windows. Floor: one Punzi epoch on 1e6 events ≤ 0.5 s, so that the full schedule
 * (150 BCE + 500 Punzi epochs) of an O(1e6)-event training stays well under 10 minutes.
 *
 * Each figure is wall-clock and process CPU time (`process.cpuUsage`, user + system), medians over
 * rounds: on a shared machine other jobs inflate the first, not the second.
 */
import { createStream } from '../src/random/stream.js';
import {
  buildWindows,
  identityStandardisation,
  PunziNetwork,
  punziLossFromOutputs,
  resolveSettings,
  standardisationOf,
  type TrainingData,
  trainBce,
  trainPunzi,
} from '../src/selection/punziNet/index.js';
import { type BenchSuite, formatDuration, formatRate } from './harness.js';

const N = 1_000_000;
const N_HYPOTHESES = 50;

interface Timing {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
}

let sink: unknown;
const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Wall and CPU seconds of one call of `body` (medians over `rounds` calls after one warm-up call). */
function time(body: () => unknown, rounds = 3): Timing {
  sink = body();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    sink = body();
    wall.push((performance.now() - t0) / 1000);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1e6);
  }
  if (sink === Symbol.for('never')) console.log('unreachable');
  return { wallSeconds: median(wall), cpuSeconds: median(cpu) };
}

function rateLine(name: string, events: number, t: Timing): void {
  console.log(`  ${name.padEnd(58)} wall ${formatRate(events / t.wallSeconds).padStart(10)}  cpu ${formatRate(events / t.cpuSeconds).padStart(10)}  (events)`);
}

function durationLine(name: string, t: Timing, floor?: { seconds: number; label: string }): void {
  const status = (s: number): string => (floor === undefined ? '' : s <= floor.seconds ? 'ok' : 'BELOW');
  const floorText = floor === undefined ? '' : `  (floor ${floor.label}: wall ${status(t.wallSeconds)}, cpu ${status(t.cpuSeconds)})`;
  console.log(`  ${name.padEnd(58)} wall ${formatDuration(t.wallSeconds).padStart(10)}  cpu ${formatDuration(t.cpuSeconds).padStart(10)}${floorText}`);
}

/** 1e6 events: 20% signal spread over 50 hypotheses, features ~ N(0.3 ± 0.1) shifted for signal, masses uniform. */
function benchData(): TrainingData {
  const rs = createStream(1, 'bench-punzi-net', 0);
  const sigma = 1; // window half-width 2σ, hypotheses σ apart
  const features = new Float64Array(N * 4);
  const labels = new Uint8Array(N);
  const weights = new Float64Array(N);
  const value = new Float64Array(N);
  const hypothesis = new Int32Array(N).fill(-1);
  for (let k = 0; k < N; k++) {
    const signal = rs.uniform() < 0.2;
    for (let i = 0; i < 4; i++) features[k * 4 + i] = 0.3 + 0.1 * rs.normal() + (signal ? 0.05 : 0);
    labels[k] = signal ? 1 : 0;
    if (signal) {
      const h = rs.integer(N_HYPOTHESES);
      hypothesis[k] = h;
      value[k] = rs.gaussian(h * sigma, sigma);
      weights[k] = 0.4;
    } else {
      value[k] = rs.uniformIn(-2 * sigma, (N_HYPOTHESES + 1) * sigma);
      weights[k] = 0.1;
    }
  }
  const low = Float64Array.from({ length: N_HYPOTHESES }, (_, i) => (i - 2) * sigma);
  const high = Float64Array.from({ length: N_HYPOTHESES }, (_, i) => (i + 2) * sigma);
  const windows = buildWindows({ value, labels, hypothesis, low, high, nGenerated: new Float64Array(N_HYPOTHESES).fill((0.2 * N) / N_HYPOTHESES) });
  return { features, nFeatures: 4, labels, weights, windows };
}

/**
 * A plain loop-based forward + backward pass over the flat parameters (Math.tanh, Math.exp, one
 * event at a time), the straightforward way to write the kernels, for comparison.
 */
function loopForwardBackward(net: PunziNetwork, x: Float64Array, n: number, grad: Float64Array): void {
  const sizes = net.layerSizes;
  const p = net.parameters;
  const L = sizes.length - 1;
  const acts = sizes.map((s) => new Float64Array(s));
  const deltas = sizes.map((s) => new Float64Array(s));
  const off: number[] = [];
  for (let l = 0, o = 0; l < L; l++) {
    off.push(o);
    o += sizes[l] * sizes[l + 1] + sizes[l + 1];
  }
  for (let e = 0; e < n; e++) {
    for (let i = 0; i < sizes[0]; i++) acts[0][i] = x[e * sizes[0] + i];
    let z = 0;
    for (let l = 0; l < L; l++) {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      for (let j = 0; j < nOut; j++) {
        let s = p[off[l] + nIn * nOut + j];
        for (let i = 0; i < nIn; i++) s += p[off[l] + j * nIn + i] * acts[l][i];
        if (l + 1 < L) acts[l + 1][j] = Math.tanh(s);
        else z = s;
      }
    }
    const o = 1 / (1 + Math.exp(-z));
    deltas[L][0] = o - 0.5;
    for (let l = L - 1; l >= 0; l--) {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      deltas[l].fill(0);
      for (let j = 0; j < nOut; j++) {
        const d = deltas[l + 1][j];
        grad[off[l] + nIn * nOut + j] += d;
        for (let i = 0; i < nIn; i++) {
          grad[off[l] + j * nIn + i] += d * acts[l][i];
          deltas[l][i] += p[off[l] + j * nIn + i] * d;
        }
      }
      if (l > 0) for (let i = 0; i < nIn; i++) deltas[l][i] *= 1 - acts[l][i] * acts[l][i];
    }
  }
}

export const punziNetSuite: BenchSuite = {
  title: 'Punzi-net: 4-8-4-1 network, 1e6 events, 50 mass hypotheses (one core)',
  run() {
    const data = benchData();
    const net = PunziNetwork.initial({ seed: 2, standardisation: standardisationOf(data.features, 4) });
    const k = net.kernels;
    const { mean } = net.standardisation;
    const out = new Float64Array(N);
    const grad = new Float64Array(net.nParameters);
    const gOut = new Float64Array(N);
    punziLossFromOutputs(net.predict(data.features, out), data.weights, data.windows, {}, gOut);
    let memberships = 0;
    for (const m of [data.windows.signal, data.windows.background]) memberships += m.indices.length;
    console.log(`  (${(memberships / N).toFixed(2)} window memberships per event)`);

    rateLine('forward (predict)', N, time(() => net.predict(data.features, out)));
    rateLine('forward + backward, BCE, batches of 4096 (fused)', N, time(() => {
      for (let s = 0; s < N; s += 4096) k.bce(net.parameters, mean, net.invStd, data.features, data.labels, data.weights, 1e-3, s, Math.min(N, s + 4096), grad);
    }));
    rateLine('forward + backward, Punzi output gradient (fused)', N, time(() => k.outputGradient(net.parameters, mean, net.invStd, data.features, gOut, 0, N, grad)));
    const cache = new Float64Array(N * k.cacheStride);
    rateLine('forward, keeping activations', N, time(() => k.forwardCaching(net.parameters, mean, net.invStd, data.features, 0, N, out, cache)));
    rateLine('backward from kept activations', N, time(() => k.outputGradientCached(net.parameters, mean, net.invStd, data.features, cache, gOut, 0, N, grad)));
    const raw = new PunziNetwork(net.layerSizes, Float64Array.from(net.parameters), identityStandardisation(4));
    rateLine('reference: plain loops with Math.tanh (forward + backward)', N, time(() => loopForwardBackward(raw, data.features, N, grad), 1));

    const settings = resolveSettings();
    // epoch times from the progress callback (median of the intervals between epochs), so that the
    // per-call set-up (checks, working-set copy) is not counted
    const epochTiming = (run: (onProgress: () => void) => unknown): Timing => {
      const wall: number[] = [];
      const cpu: number[] = [];
      let t0 = performance.now();
      let c0 = process.cpuUsage();
      let started = false;
      const mark = (): void => {
        const t = performance.now();
        const c = process.cpuUsage();
        if (started) {
          wall.push((t - t0) / 1000);
          cpu.push((c.user - c0.user + c.system - c0.system) / 1e6);
        }
        started = true;
        t0 = t;
        c0 = c;
      };
      sink = run(mark);
      return { wallSeconds: median(wall), cpuSeconds: median(cpu) };
    };
    const punzi = epochTiming((onProgress) => trainPunzi(net.clone(), data, { ...settings.punzi, epochs: 6 }, { onProgress }));
    durationLine('one Punzi-loss epoch (full batch, activations kept)', punzi, { seconds: 0.5, label: '≤ 0.5 s' });
    durationLine(
      'one Punzi-loss epoch (activations recomputed)',
      epochTiming((onProgress) => trainPunzi(net.clone(), data, { ...settings.punzi, epochs: 6 }, { onProgress, activationCacheBytes: 0 })),
    );
    const bceEpoch = epochTiming((onProgress) => trainBce(net.clone(), data, { ...settings.bce, epochs: 4 }, 1, onProgress));
    durationLine('one BCE epoch (shuffle, 245 batches of 4096)', bceEpoch);
    const schedule = (t: Timing, b: Timing): Timing => ({
      wallSeconds: settings.bce.epochs * b.wallSeconds + settings.punzi.epochs * t.wallSeconds,
      cpuSeconds: settings.bce.epochs * b.cpuSeconds + settings.punzi.epochs * t.cpuSeconds,
    });
    durationLine('full schedule, 150 BCE + 500 Punzi epochs (estimate)', schedule(punzi, bceEpoch), { seconds: 600, label: '≤ 10 min' });
  },
};
