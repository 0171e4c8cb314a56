/**
 * Fit-core benchmarks on the paper's largest window: 20 M²recoil bins × 5 θ bins with per-bin Gaussian
 * shape nuisances on signal and background (204 parameters). Floors from the fit-core issue: fit
 * ≤ 200 µs, asymptotic hypotest ≤ 1 ms, 90% CL limit with band ≤ 20 ms, toy-based limit with 1000
 * toys ≤ 20 s, on one core.
 *
 * Each figure is given as wall-clock time and as the process's CPU time (`process.cpuUsage`, user +
 * system): on a shared machine other jobs inflate the first, not the second. Both are medians over
 * rounds; the floor status is shown for both.
 */
import { AsymptoticCalculator, fit, Model, ToyCalculator, upperLimit, windowModel } from '../src/fit/index.js';
import { createStream } from '../src/random/index.js';
import { type BenchSuite, formatDuration } from './harness.js';

/** A 20×5 window: a Gaussian signal peak over a smooth background, observed = Poisson-fluctuated background. */
export function benchWindow(nM = 20, nTheta = 5): ReturnType<typeof windowModel> {
  const signal: number[] = [];
  const background: number[] = [];
  const observed: number[] = [];
  const rs = createStream(11, 'bench-fit-window', 0);
  const frac = Array.from({ length: nTheta }, (_, t) => Math.exp(-0.4 * t));
  const norm = frac.reduce((a, b) => a + b, 0);
  for (let i = 0; i < nM; i++) {
    for (let t = 0; t < nTheta; t++) {
      const s = (25 * Math.exp(-((i - 9.5) ** 2) / (2 * 1.5 ** 2)) * frac[t]) / norm;
      const b = (40 + 1.5 * i) * (0.6 + 0.1 * t);
      signal.push(s);
      background.push(b);
      observed.push(rs.poisson(b));
    }
  }
  return windowModel({
    signal,
    background,
    observed,
    nTheta,
    signalShapeUncertainty: 0.1, // PRL 130, 231801: 10% signal shape
    backgroundShapeUncertainty: 0.086, // 8.6% background shape (middle M² range)
    signalEfficiencyUncertainty: 0.065, // 6.5% signal efficiency
    lumiUncertainty: 0.01, // 1% luminosity
  });
}

/**
 * A model shaped like a published search likelihood: `nBins` bins over two channels, three background
 * samples with `nHisto` shape systematics (histosys, shared across samples and channels), a normsys
 * per sample and a staterror per bin; a signal with μ and lumi. Observed = Poisson-fluctuated background.
 */
export function benchHistosysModel(nBins = 40, nHisto = 20): { model: Model; data: Float64Array } {
  const rs = createStream(12, 'bench-fit-histosys', 0);
  const half = nBins / 2;
  const channels = ['cr', 'sr'].map((name, ci) => {
    const samples = ['ttbar', 'wjets', 'other'].map((sample, si) => {
      const nominal = Array.from({ length: half }, (_, b) => (30 + 10 * si) * Math.exp(-b / (8 + 4 * ci)) + 2);
      const modifiers = Array.from({ length: nHisto }, (_, h) => {
        const slope = (0.04 * ((h % 5) + 1)) / 5;
        return {
          name: `shape_${h}`,
          type: 'histosys' as const,
          data: {
            hi_data: nominal.map((v, b) => v * (1 + slope * Math.cos(b + h + si))),
            lo_data: nominal.map((v, b) => v * (1 - 0.8 * slope * Math.cos(b + h + si))),
          },
        };
      });
      return {
        name: sample,
        data: nominal,
        modifiers: [
          ...modifiers,
          { name: `xsec_${sample}`, type: 'normsys' as const, data: { hi: 1.05 + 0.02 * si, lo: 0.94 - 0.01 * si } },
          { name: `stat_${name}`, type: 'staterror' as const, data: nominal.map((v) => 0.03 * v) },
        ],
      };
    });
    const signal = Array.from({ length: half }, (_, b) => (ci === 1 ? 8 * Math.exp(-((b - half / 2) ** 2) / 8) : 0.1));
    samples.push({ name: 'signal', data: signal, modifiers: [{ name: 'mu', type: 'normfactor', data: null } as never, { name: 'lumi', type: 'lumi', data: null } as never] });
    return { name, samples };
  });
  const model = new Model(channels, { poi: 'mu', parameters: [{ name: 'lumi', auxdata: [1], sigmas: [0.017], bounds: [[0.5, 1.5]], inits: [1] }] });
  const main = model.expectedMain(model.suggestedInit).map((v) => rs.poisson(v));
  return { model, data: Float64Array.from([...main, ...model.auxdata]) };
}

/** Wall-clock and CPU seconds per operation (medians over rounds). */
interface Timing {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
}

let sink: unknown;

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs `body` (after a warm-up) for `rounds` rounds of about `secondsPerRound` each. */
function time(body: () => unknown, options: { rounds?: number; secondsPerRound?: number; opsPerCall?: number; warmupSeconds?: number } = {}): Timing {
  const rounds = options.rounds ?? 5;
  const budgetMs = (options.secondsPerRound ?? 0.5) * 1000;
  const opsPerCall = options.opsPerCall ?? 1;
  // the warm-up lets the JIT compile the hot path before timing
  const warmupMs = (options.warmupSeconds ?? 0.2) * 1000;
  const warmupEnd = performance.now() + warmupMs;
  while (performance.now() < warmupEnd) sink = body();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let calls = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let now = t0;
    do {
      sink = body();
      calls++;
      now = performance.now();
    } while (now - t0 < budgetMs);
    cpu.push(cpuSecondsSince(cpu0) / (calls * opsPerCall));
    wall.push((now - t0) / 1000 / (calls * opsPerCall));
  }
  if (sink === Symbol.for('never')) console.log('unreachable');
  return { wallSeconds: median(wall), cpuSeconds: median(cpu) };
}

function line(name: string, t: Timing, floor?: { seconds: number; label: string }, extra = ''): void {
  const status = (seconds: number): string => (floor === undefined ? '' : seconds <= floor.seconds ? 'ok' : 'BELOW');
  const floorText = floor === undefined ? '' : `  (floor ${floor.label}: wall ${status(t.wallSeconds)}, cpu ${status(t.cpuSeconds)})`;
  console.log(
    `  ${name.padEnd(46)} ${extra.padStart(12)}  wall ${formatDuration(t.wallSeconds).padStart(9)}/op  cpu ${formatDuration(t.cpuSeconds).padStart(9)}/op${floorText}`,
  );
}

export const fitSuite: BenchSuite = {
  title: 'fit: 20×5 window, per-bin nuisances on signal and background (204 parameters)',
  run() {
    const { model, data } = benchWindow();
    line('unconditional fit', time(() => fit(model, data)), { seconds: 200e-6, label: '≤ 200 µs' });
    line('conditional fit (mu = 0.5)', time(() => fit(model, data, { fixPoi: 0.5 })));
    line(
      'asymptotic hypotest (q̃, band)',
      time(() => new AsymptoticCalculator(model, data).hypotest(0.5)),
      { seconds: 1e-3, label: '≤ 1 ms' },
    );
    line('90% CL upper limit with band (asymptotic)', time(() => upperLimit(model, data)), { seconds: 20e-3, label: '≤ 20 ms' });
    const toyCalc = new ToyCalculator(model, data, { ntoys: 200, sources: (h, i) => createStream(1, `bench-toys-${h}`, i) });
    line(
      'one toy (generate + q̃ fits), 200-toy batches',
      time(() => toyCalc.distributions(0.5), { rounds: 3, secondsPerRound: 1, opsPerCall: 400 }),
    );
    let evaluations = 0;
    const toyLimit = time(
      () => {
        const r = upperLimit(model, data, { calculator: 'toybased', ntoys: 1000, sources: (h, i) => createStream(2, `bench-toys-${h}`, i) });
        evaluations = r.evaluations;
        return r;
      },
      { rounds: 1, secondsPerRound: 0, warmupSeconds: 0 },
    );
    line('toy-based 90% CL limit, 1000 toys', toyLimit, { seconds: 20, label: '≤ 20 s' }, `${evaluations} μ values`);
    const histosys = benchHistosysModel();
    console.log(`  histosys model: ${histosys.model.nMain} bins, ${histosys.model.nPars} parameters (20 histosys, 3 normsys, staterror per bin)`);
    line('histosys: fit, histosys profiled with the globals', time(() => fit(histosys.model, histosys.data)));
    line('histosys: fit, joint Newton over all parameters', time(() => fit(histosys.model, histosys.data, { profile: false })));
    line('histosys: asymptotic hypotest (q̃, band)', time(() => new AsymptoticCalculator(histosys.model, histosys.data).hypotest(1)));
  },
};
