/**
 * The loop of every scan over the mass hypotheses: one point per hypothesis, in mass order. A window
 * whose fit fails (no convergence, or CLs above α up to the POI's bound) is recorded with its reason
 * and the scan goes on, as a failed toy is: one window never costs the whole scan.
 */
import { FitError } from '../fit/index.js';
import type { TemplateSet } from '../runner/templates/build.js';

export interface FailedHypothesis {
  readonly massGeV: number;
  readonly reason: string;
}

export interface ScanPoints<P> {
  readonly points: readonly P[];
  readonly failed: readonly FailedHypothesis[];
}

export function overHypotheses<P>(set: TemplateSet, point: (k: number) => P, onProgress?: (done: number, total: number) => void): ScanPoints<P> {
  const n = set.grid.massGeV.length;
  const points: P[] = [];
  const failed: FailedHypothesis[] = [];
  for (let k = 0; k < n; k++) {
    try {
      points.push(point(k));
    } catch (error) {
      if (!(error instanceof FitError)) throw error;
      failed.push({ massGeV: set.grid.massGeV[k], reason: error.message });
    }
    onProgress?.(k + 1, n);
  }
  return { points, failed };
}
