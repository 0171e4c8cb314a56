import { SingleBar } from 'cli-progress';

/**
 * A progress bar on stderr for one stage of a run: count, rate and time left; silent off a terminal
 * or when `show` is false (--json, --quiet). `start` sets the total; `update` may also give it, and
 * starts the bar on its first call when `start` was not called.
 */
export interface ProgressBar {
  start(total: number): void;
  update(done: number, total?: number): void;
  stop(): void;
}

/** Whether a command shows progress bars: on a terminal, without --json or --quiet. */
export function showsProgress(flags: { readonly json?: boolean; readonly quiet?: boolean }): boolean {
  return process.stderr.isTTY === true && flags.json !== true && flags.quiet !== true;
}

export function progressBar(label: string, unit: string, show: boolean): ProgressBar {
  if (!show) return { start: () => {}, update: () => {}, stop: () => {} };
  const bar = new SingleBar({ format: `${label.padEnd(10)} {bar} {value}/{total} ${unit} | {rate}/s | {eta_formatted} left`, stream: process.stderr, etaBuffer: 50 });
  let startedMs: number | null = null;
  const start = (total: number, done = 0) => {
    startedMs = performance.now();
    bar.start(total, done, { rate: '-' });
  };
  return {
    start,
    update(done, total) {
      if (startedMs === null) start(total ?? done, done);
      else if (total !== undefined) bar.setTotal(total);
      const seconds = (performance.now() - (startedMs ?? 0)) / 1000;
      bar.update(done, { rate: seconds > 0 ? (done / seconds).toPrecision(3) : '-' });
    },
    stop() {
      if (startedMs !== null) bar.stop();
      startedMs = null;
    },
  };
}
