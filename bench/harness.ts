/**
 * Minimal throughput harness: runs a body repeatedly until a time budget is spent and reports
 * operations per second (median of several rounds). Benchmarks are never part of `npm test`.
 */
export interface BenchResult {
  readonly name: string;
  /** Operations per second (median over rounds). */
  readonly opsPerSecond: number;
  /** Seconds per operation (median over rounds). */
  readonly secondsPerOp: number;
  readonly rounds: number;
}

export interface BenchCase {
  readonly name: string;
  /** Operations performed by one call of `run` (e.g. the number of draws in a batch). */
  readonly opsPerCall: number;
  /** One call of the measured work; its return value is kept alive so the work is not optimised away. */
  readonly run: () => unknown;
  /** Time budget per round in seconds (default 0.5). */
  readonly secondsPerRound?: number;
  /** Number of timed rounds (default 5). */
  readonly rounds?: number;
}

let sink: unknown;

export function measure(bench: BenchCase): BenchResult {
  const secondsPerRound = bench.secondsPerRound ?? 0.5;
  const rounds = bench.rounds ?? 5;
  // Warm-up lets the JIT compile the hot path before timing.
  const warmupEnd = performance.now() + 200;
  while (performance.now() < warmupEnd) sink = bench.run();
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let calls = 0;
    const start = performance.now();
    let now = start;
    while (now - start < secondsPerRound * 1000) {
      sink = bench.run();
      calls++;
      now = performance.now();
    }
    rates.push((calls * bench.opsPerCall) / ((now - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  const opsPerSecond = rates[Math.floor(rates.length / 2)];
  if (sink === Symbol.for('never')) console.log('unreachable');
  return { name: bench.name, opsPerSecond, secondsPerOp: 1 / opsPerSecond, rounds };
}

/** Formats a rate with an SI prefix, e.g. `52.3 M/s`. */
export function formatRate(opsPerSecond: number): string {
  if (opsPerSecond >= 1e6) return `${(opsPerSecond / 1e6).toFixed(1)} M/s`;
  if (opsPerSecond >= 1e3) return `${(opsPerSecond / 1e3).toFixed(1)} k/s`;
  return `${opsPerSecond.toFixed(1)} /s`;
}

/** Formats a duration per operation, e.g. `135 µs`. */
export function formatDuration(seconds: number): string {
  if (seconds < 1e-6) return `${(seconds * 1e9).toFixed(0)} ns`;
  if (seconds < 1e-3) return `${(seconds * 1e6).toFixed(1)} µs`;
  if (seconds < 1) return `${(seconds * 1e3).toFixed(2)} ms`;
  return `${seconds.toFixed(2)} s`;
}

export interface BenchSuite {
  readonly title: string;
  /** Runs the suite's benchmarks and prints one line per figure. */
  readonly run: () => Promise<void> | void;
}

export function report(result: BenchResult, floor?: { readonly opsPerSecond: number; readonly label: string }): void {
  const status = floor === undefined ? '' : result.opsPerSecond >= floor.opsPerSecond ? `  (floor ${floor.label}: ok)` : `  (floor ${floor.label}: BELOW)`;
  console.log(`  ${result.name.padEnd(48)} ${formatRate(result.opsPerSecond).padStart(12)}  ${formatDuration(result.secondsPerOp).padStart(10)}/op${status}`);
}
