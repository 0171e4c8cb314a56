import normal from '@stdlib/stats-base-dists-normal';
import { describe, expect, it } from 'vitest';
import { leeToysPlot, localSignificancePlot, toySurvivalSteps } from '../../../src/report/plots/significance.js';
import { checkBalanced, pixelOf, seriesD, ticks, vertices } from './svgParse.js';

/** The README's default-scenario excess: 2.8σ local at 7.56 GeV/c²; c₀ = 3 as `lee` uses by default. */
const global = {
  maxLocalSignificance: 2.8368,
  massGeV: 7.5624,
  toys: 4,
  globalSignificanceToys: 0.43,
  globalSignificanceGrossVitells: 0.32,
  c0: 3,
  meanUpCrossings: 4.5,
  toyMaxLocalSignificance: [2.9, 2.1, 2.5, 3.3],
};

describe('toySurvivalSteps(toyMax)', () => {
  it('falls by 1/n at each toy, in order, and stops at 1/n', () => {
    expect(toySurvivalSteps([3, 1, 2])).toEqual({ z: [0, 1, 1, 2, 2, 3, 3], fraction: [1, 1, 2 / 3, 2 / 3, 1 / 3, 1 / 3, 1 / 3] });
  });
});

describe('localSignificancePlot', () => {
  it('draws Z(M) on a linear axis and prints the local and global significance of the largest excess', () => {
    const svg = localSignificancePlot([7, 7.5624, 8], [0.5, 2.8368, 1], global);
    checkBalanced(svg);
    const v = vertices(seriesD(svg, 'local-significance'));
    expect(v[1][1]).toBeCloseTo(pixelOf(ticks(svg, 'y'), 2.8368, false), 1);
    expect(svg).toContain('largest: 2.84σ local at 7.56 GeV/c²');
    expect(svg).toContain('global: 0.43σ (4 toys), 0.32σ (Gross–Vitells)');
  });
});

describe('leeToysPlot', () => {
  const svg = leeToysPlot(global);

  it('draws the Gross–Vitells curve Φ(−Z) + ⟨N(c₀)⟩e^{−(Z² − c₀)/2} at the pixels of its log axis', () => {
    checkBalanced(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
    const v = vertices(seriesD(svg, 'gross-vitells'));
    const x = ticks(svg, 'x');
    const y = ticks(svg, 'y');
    // The curve is sampled at 201 points from 0 to Z_end = max(4, 2.84 + 1) = 4; sample 180 is Z = 3.6.
    expect(v).toHaveLength(201);
    expect(v[180][0]).toBeCloseTo(pixelOf(x, 3.6, false), 1);
    const p = normal.cdf(-3.6, 0, 1) + 4.5 * Math.exp(-(3.6 * 3.6 - 3) / 2);
    expect(v[180][1]).toBeCloseTo(pixelOf(y, p, true), 1);
  });

  it('draws the toys as a step down to 1/n, the observed Z_max as a vertical line', () => {
    const toys = vertices(seriesD(svg, 'toys'));
    const y = ticks(svg, 'y');
    expect(toys[toys.length - 1][1]).toBeCloseTo(pixelOf(y, 1 / 4, true), 1);
    const line = /data-series="observed-max" d="M([\d.]+),/.exec(svg);
    expect(Number(line?.[1])).toBeCloseTo(pixelOf(ticks(svg, 'x'), 2.8368, false), 1);
  });
});
