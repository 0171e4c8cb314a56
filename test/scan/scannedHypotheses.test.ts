/**
 * Hypotheses without enough signal Monte Carlo are left out of the scan. The rule's reason: with n
 * effective Monte Carlo events the per-bin signal nuisances (relative width 1/√nᵢ) can remove the
 * whole signal for Δ(−2 ln L) = Σ nᵢ = n, so q̃μ(Asimov) ≤ n for every μ, while the +2σ expected
 * 90% CL limit needs q̃μ = (Φ⁻¹(1 − 0.1·Φ(−2)) + 2)² = 10.85 (arXiv:1007.1727, Eq. (65)).
 */
import normal from '@stdlib/stats-base-dists-normal';
import { describe, expect, it } from 'vitest';
import { FitError } from '../../src/fit/index.js';
import type { TemplateSet } from '../../src/runner/templates/build.js';
import { expectedLimits, expectedWindowLimit } from '../../src/scan/expected.js';
import { scannedHypotheses, windowSignalMonteCarloEvents } from '../../src/scan/scannedHypotheses.js';
import { searchWindow } from '../../src/scan/windows.js';
import { NO_SYSTEMATICS, syntheticTemplates } from './syntheticTemplates.js';

/** The synthetic templates with hypothesis k's signal made of about `events` Monte Carlo events (each cell's Σw² = w·s/events). */
function withSignalEvents(set: TemplateSet, events: ReadonlyMap<number, number>): TemplateSet {
  return {
    ...set,
    signals: set.signals.map((signal, k) => {
      const n = events.get(k);
      if (n === undefined) return signal;
      const total = signal.sumw.reduce((a, w) => a + w, 0);
      const sumw = n === 0 ? new Float64Array(signal.sumw.length) : signal.sumw;
      return { ...signal, sumw, sumw2: sumw.map((w) => (w * total) / n) };
    }),
  };
}

describe('scannedHypotheses', () => {
  const base = syntheticTemplates(100, 10);
  const set = withSignalEvents(base, new Map([[0, 5], [2, 0], [3, 40]]));

  it('counts (Σw)²/Σw² of the window: 5 and 40 events as built, 0 without signal, unbounded without Monte Carlo variance', () => {
    // the window holds the Gaussian's ±10σ, all but 1e-20 of it, so its count is the built one
    expect(1 - (normal.cdf(10, 0, 1) - normal.cdf(-10, 0, 1))).toBeLessThan(1e-15);
    expect(windowSignalMonteCarloEvents(set, 0, NO_SYSTEMATICS)).toBeCloseTo(5, 6);
    expect(windowSignalMonteCarloEvents(set, 3, NO_SYSTEMATICS)).toBeCloseTo(40, 6);
    expect(windowSignalMonteCarloEvents(set, 2, NO_SYSTEMATICS)).toBe(0);
    expect(windowSignalMonteCarloEvents(set, 1, NO_SYSTEMATICS)).toBe(Number.POSITIVE_INFINITY);
  });

  it('the rule follows the bound q̃μ ≤ n: no +2σ limit with 5 events, every limit with 40', () => {
    expect(() => expectedWindowLimit(searchWindow(set, 0, NO_SYSTEMATICS.thetaBinning), NO_SYSTEMATICS)).toThrow(FitError);
    const band = expectedWindowLimit(searchWindow(set, 3, NO_SYSTEMATICS.thetaBinning), NO_SYSTEMATICS);
    for (const limit of band) expect(Number.isFinite(limit) && limit > 0).toBe(true);
  });

  it('leaves out the hypotheses below fit.minSignalMonteCarloEvents and keeps the others with their windows unchanged', () => {
    // Act
    const { set: scanned, unscanned } = scannedHypotheses(set, NO_SYSTEMATICS);
    // Assert
    expect(unscanned.map((u) => u.massGeV)).toEqual([set.grid.massGeV[0], set.grid.massGeV[2]]);
    expect(unscanned[0].signalMonteCarloEvents).toBeCloseTo(5, 6);
    expect(unscanned[1].signalMonteCarloEvents).toBe(0);
    const kept = Array.from(set.grid.massGeV.keys()).filter((k) => k !== 0 && k !== 2);
    expect(Array.from(scanned.grid.massGeV)).toEqual(kept.map((k) => set.grid.massGeV[k]));
    kept.forEach((k, j) => expect(searchWindow(scanned, j, NO_SYSTEMATICS.thetaBinning)).toEqual({ ...searchWindow(set, k, NO_SYSTEMATICS.thetaBinning), hypothesis: j }));
    expect(expectedLimits(scanned, NO_SYSTEMATICS)).toEqual({ points: expect.any(Array), failed: [] });
    expect(expectedLimits(scanned, NO_SYSTEMATICS).points).toHaveLength(kept.length);
  });

  it('a window whose fit fails is recorded with its reason and the scan goes on', () => {
    // Arrange: only the 5-event hypothesis is short of Monte Carlo, and nothing is left out
    const short = withSignalEvents(base, new Map([[0, 5]]));
    // Act
    const { points, failed } = expectedLimits(short, { ...NO_SYSTEMATICS, minSignalMonteCarloEvents: 0 });
    // Assert
    expect(failed.map((f) => f.massGeV)).toEqual([short.grid.massGeV[0]]);
    expect(failed[0].reason).toMatch(/CLs stays above α up to the search's ceiling/);
    expect(points.map((p) => p.massGeV)).toEqual(Array.from(short.grid.massGeV.slice(1)));
  });

  it('a lower threshold scans more: 4 keeps the 5-event hypothesis, and a set with enough everywhere is returned as it is', () => {
    expect(scannedHypotheses(set, { ...NO_SYSTEMATICS, minSignalMonteCarloEvents: 4 }).unscanned.map((u) => u.massGeV)).toEqual([set.grid.massGeV[2]]);
    const full = scannedHypotheses(base, NO_SYSTEMATICS);
    expect(full.set).toBe(base);
    expect(full.unscanned).toEqual([]);
  });
});
