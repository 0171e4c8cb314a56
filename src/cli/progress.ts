import { SingleBar } from 'cli-progress';

/**
 * A progress bar for one stage of a run, on stderr, with time left; silent off a terminal or when
 * `enabled` is false (--json, --quiet).
 */
export interface StageProgress {
  update(done: number, total: number): void;
  stop(): void;
}

export function showsProgress(flags: { readonly json?: boolean; readonly quiet?: boolean }): boolean {
  return process.stderr.isTTY === true && flags.json !== true && flags.quiet !== true;
}

export function stageProgress(stage: string, unit: string, enabled: boolean): StageProgress {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({ format: `${stage.padEnd(10)} {bar} {value}/{total} ${unit}, {eta_formatted} left`, stream: process.stderr, etaBuffer: 50 });
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}


/** A progress bar on stderr with count, rate and time left; silent when `show` is false (no terminal, or --json). */
export interface ProgressBar {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

export function progressBar(label: string, unit: string, show: boolean): ProgressBar {
  if (!show) return { start: () => {}, update: () => {}, stop: () => {} };
  const bar = new SingleBar({ format: `${label} {bar} {value}/{total} ${unit} | {rate}/s | {eta_formatted} left`, stream: process.stderr, etaBuffer: 50 });
  let startedMs = 0;
  return {
    start(total) {
      startedMs = performance.now();
      bar.start(total, 0, { rate: '-' });
    },
    update(done) {
      const seconds = (performance.now() - startedMs) / 1000;
      bar.update(done, { rate: seconds > 0 ? (done / seconds).toPrecision(3) : '-' });
    },
    stop: () => bar.stop(),
  };
}
