/**
 * Hard bounds on the loops of the generators. A loop that draws until it succeeds (hit-or-miss
 * unweighting, rejection sampling) runs forever if the region it draws from holds nothing to accept;
 * with these bounds it stops with an error that names the loop instead.
 */

/**
 * An event that takes more trials than this stops its batch with an error. The generators'
 * unweighting efficiencies are 0.1–0.9 (a few trials per event), so a working generator stays
 * six orders of magnitude below it.
 */
export const MAX_TRIALS_PER_EVENT = 10_000_000;

/**
 * A rejection sampler that draws more proposals than this for one value throws. The samplers here
 * accept with probability ≥ 1/2 or close to 1 inside their domains; only arguments outside them
 * (a NaN, a range that holds no accepted value) reach the bound.
 */
export const MAX_REJECTIONS = 1_000_000;

/** The error of a rejection sampler that reached MAX_REJECTIONS; `detail` gives its arguments. */
export function rejectionLimitError(sampler: string, detail: string): RangeError {
  return new RangeError(`${sampler}: no value accepted in ${MAX_REJECTIONS} proposals (${detail})`);
}

/**
 * Counts the trials of the event being made, throws once they pass `limit`, and keeps the largest
 * count any event took (reported as GenerationStats.maxTrialsPerEvent).
 */
export class EventTrials {
  private current = 0;
  /** The most trials one event has taken so far. */
  most = 0;

  constructor(
    private readonly process: string,
    private readonly limit = MAX_TRIALS_PER_EVENT,
  ) {}

  /** Starts a batch: trials of an event a failed batch left unfinished do not count. */
  startBatch(): void {
    this.current = 0;
  }

  /** Counts one trial of the current event. */
  count(): void {
    if (++this.current > this.limit) {
      this.current = 0;
      throw new RangeError(`${this.process}: no event in ${this.limit} trials; the generator cuts or the unweighting maximum leave no phase space to accept`);
    }
  }

  /** The current event is made. */
  event(): void {
    if (this.current > this.most) this.most = this.current;
    this.current = 0;
  }
}
