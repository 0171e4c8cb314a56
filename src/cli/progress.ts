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
