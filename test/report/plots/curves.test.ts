import { describe, expect, it } from 'vitest';
import { efficiencyPlot, resolutionPlot } from '../../../src/report/plots/curves.js';
import { checkBalanced, pixelOf, seriesD, ticks, vertices } from './svgParse.js';

describe('efficiencyPlot', () => {
  it('draws the efficiency at the pixel of its linear axes', () => {
    const svg = efficiencyPlot([1, 2, 4], [0.12, 0.15, 0.14]);
    checkBalanced(svg);
    const v = vertices(seriesD(svg, 'efficiency'));
    expect(v[1][0]).toBeCloseTo(pixelOf(ticks(svg, 'x'), 2, false), 1);
    expect(v[1][1]).toBeCloseTo(pixelOf(ticks(svg, 'y'), 0.15, false), 1);
  });
});

describe('resolutionPlot', () => {
  // The paper's resolutions: 0.23 GeV²/c⁴ at M²recoil = 9 and 0.06 at 80 GeV²/c⁴.
  const svg = resolutionPlot({
    points: [{ m2GeV2: 9, sigmaGeV2: 0.23, sigmaErrGeV2: 0.01 }, { m2GeV2: 80, sigmaGeV2: 0.06, sigmaErrGeV2: 0.005 }],
    curve: { m2GeV2: [9, 40, 80], sigmaGeV2: [0.23, 0.15, 0.06] },
  });

  it('puts each measured point with its error bar where the axes say', () => {
    checkBalanced(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
    const bars = [...seriesD(svg, 'measured').matchAll(/M(-?[\d.]+),(-?[\d.]+)V(-?[\d.]+)/g)].map((m) => m.slice(1).map(Number));
    const x = ticks(svg, 'x');
    const y = ticks(svg, 'y');
    expect(bars[1][0]).toBeCloseTo(pixelOf(x, 80, false), 1);
    expect(bars[1][1]).toBeCloseTo(pixelOf(y, 0.065, false), 1);
    expect(bars[1][2]).toBeCloseTo(pixelOf(y, 0.055, false), 1);
    expect(vertices(seriesD(svg, 'grid-curve'))[0][1]).toBeCloseTo(pixelOf(y, 0.23, false), 1);
  });
});
