/**
 * Fit-core benchmarks on the paper's largest window: 20 M²recoil bins × 5 θ bins with per-bin Gaussian
 * shape nuisances on signal and background (204 parameters). Floors from the fit-core issue: fit
 * ≤ 200 µs, asymptotic hypotest ≤ 1 ms, 90% CL limit with band ≤ 20 ms, toy-based limit with 1000
 * toys ≤ 20 s, on one core.
 */
import { AsymptoticCalculator, fit, ToyCalculator, upperLimit, windowModel } from '../src/fit/index.js';
import { createStream } from '../src/random/index.js';
import { type BenchSuite, formatDuration, measure, report } from './harness.js';

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

export const fitSuite: BenchSuite = {
  title: 'fit: 20×5 window, per-bin nuisances on signal and background (204 parameters)',
  run() {
    const { model, data } = benchWindow();
    report(measure({ name: 'unconditional fit', opsPerCall: 1, run: () => fit(model, data) }), { opsPerSecond: 1 / 200e-6, label: '≤ 200 µs' });
    report(measure({ name: 'conditional fit (mu = 0.5)', opsPerCall: 1, run: () => fit(model, data, { fixPoi: 0.5 }) }));
    report(measure({ name: 'asymptotic hypotest (q̃, band)', opsPerCall: 1, run: () => new AsymptoticCalculator(model, data).hypotest(0.5) }), {
      opsPerSecond: 1e3,
      label: '≤ 1 ms',
    });
    report(measure({ name: '90% CL upper limit with band (asymptotic)', opsPerCall: 1, run: () => upperLimit(model, data), rounds: 3 }), {
      opsPerSecond: 50,
      label: '≤ 20 ms',
    });
    const toyCalc = new ToyCalculator(model, data, { ntoys: 200, sources: (h, i) => createStream(1, `bench-toys-${h}`, i) });
    report(measure({ name: 'one toy (generate + q̃ fits), 200-toy batches', opsPerCall: 400, run: () => toyCalc.distributions(0.5), secondsPerRound: 1, rounds: 3 }));
    const t0 = performance.now();
    const r = upperLimit(model, data, { calculator: 'toybased', ntoys: 1000, sources: (h, i) => createStream(2, `bench-toys-${h}`, i) });
    const seconds = (performance.now() - t0) / 1000;
    const status = seconds <= 20 ? 'ok' : 'BELOW';
    console.log(
      `  ${'toy-based 90% CL limit, 1000 toys'.padEnd(48)} ${`${r.evaluations} μ values`.padStart(12)}  ${formatDuration(seconds).padStart(10)}/op  (floor ≤ 20 s: ${status})`,
    );
  },
};
