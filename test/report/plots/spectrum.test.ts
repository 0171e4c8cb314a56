import { describe, expect, it } from 'vitest';
import { displayBinning, recoilSpectrumPlot } from '../../../src/report/plots/recoilSpectrum.js';
import { checkBalanced, pixelOf, seriesD, ticks, vertices } from './svgParse.js';

describe('displayBinning(edges, minWidth)', () => {
  it('joins consecutive fine bins until each is at least minWidth wide; the last takes what is left', () => {
    const edges = [0, 0.4, 0.8, 1.2, 1.6, 2.0, 2.3];
    expect(displayBinning(edges, 1)).toEqual([0, 3, 6]);
    expect(displayBinning(edges, 0.1)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('recoilSpectrumPlot', () => {
  // Two backgrounds on four 0.5 GeV² bins, joined into two 1 GeV² display bins.
  const input = {
    m2EdgesGeV2: [0, 0.5, 1, 1.5, 2],
    backgrounds: [
      { process: 'mumu', events: [300, 100, 20, 10] },
      { process: 'tautau', events: [5, 5, 10, 10] },
    ],
    data: { label: 'Pseudo-data', events: [420, 0, 25, 14] },
  };
  const svg = recoilSpectrumPlot(input);

  it('stacks the backgrounds: the top layer is the total per GeV²/c⁴', () => {
    checkBalanced(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
    const y = ticks(svg, 'y');
    const top = vertices(seriesD(svg, 'background-tautau'));
    // First display bin: (300 + 100 + 5 + 5) events in 1 GeV²/c⁴.
    expect(top[0][1]).toBeCloseTo(pixelOf(y, 410, true), 1);
    expect(top[2][1]).toBeCloseTo(pixelOf(y, 50, true), 1);
    const bottom = vertices(seriesD(svg, 'background-mumu'));
    expect(bottom[2][1]).toBeCloseTo(pixelOf(y, 30, true), 1);
  });

  it('puts each data point at n per GeV²/c⁴ with a √n bar, and names the processes as the paper', () => {
    const d = seriesD(svg, 'data');
    const x = ticks(svg, 'x');
    const y = ticks(svg, 'y');
    const bars = [...d.matchAll(/M(-?[\d.]+),(-?[\d.]+)V(-?[\d.]+)/g)].map((m) => m.slice(1).map(Number));
    expect(bars).toHaveLength(2);
    expect(bars[0][0]).toBeCloseTo(pixelOf(x, 0.5, false), 1);
    expect(bars[0][1]).toBeCloseTo(pixelOf(y, 420 + Math.sqrt(420), true), 1);
    expect(bars[1][2]).toBeCloseTo(pixelOf(y, 39 - Math.sqrt(39), true), 1);
    expect(svg).toContain('μ<tspan baseline-shift="super" font-size="72%">+</tspan>μ<tspan baseline-shift="super" font-size="72%">−</tspan>(γ)');
  });

  it('refuses a background with the wrong number of bins, naming it', () => {
    expect(() => recoilSpectrumPlot({ ...input, backgrounds: [{ process: 'ee', events: [1] }] })).toThrow('background ee: 1 bins for 4 M2recoil bins');
  });
});
