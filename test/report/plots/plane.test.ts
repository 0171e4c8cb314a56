import { describe, expect, it } from 'vitest';
import { planePlot } from '../../../src/report/plots/plane.js';
import { checkBalanced } from './svgParse.js';

describe('planePlot', () => {
  // Two M² bins of 1 GeV²/c⁴ joined into one of 2, four θ bins merged in pairs: 1 × 2 display cells.
  const m2EdgesGeV2 = [0, 1, 2];
  const thetaEdgesRad = [0, Math.PI / 4, Math.PI / 2, (3 * Math.PI) / 4, Math.PI];
  const nx = 4;
  const cells = new Array<number>(nx * 6).fill(0);
  const put = (ix: number, iy: number, n: number) => {
    cells[ix + nx * iy] = n;
  };
  put(1, 1, 3);
  put(2, 2, 7);
  put(1, 3, 100);
  put(0, 1, 1e6); // underflow: left out

  it('joins cells, shades the fullest darkest, and leaves flows and empty cells out', () => {
    const svg = planePlot({ process: 'mumu', m2EdgesGeV2, thetaEdgesRad, cells });
    checkBalanced(svg);
    expect(svg).toContain('data-cells="2"');
    const group = /<g class="series" data-series="cells"[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '';
    const fills = [...group.matchAll(/<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="[^"]+" fill="(rgb\([^"]+\))"/g)].map((m) => ({ y: Number(m[1]), fill: m[2] }));
    // θ in [0°, 90°) holds 3 + 7 = 10 events, [90°, 180°) holds 100: the upper half (smaller y pixel) is the darker.
    const low = fills.find((r) => r.y > 150);
    const high = fills.find((r) => r.y < 150);
    const lightness = (rgb: string) => rgb.match(/\d+/g)?.map(Number).reduce((a, b) => a + b, 0) ?? 0;
    expect(fills).toHaveLength(2);
    expect(lightness(high?.fill ?? '')).toBeLessThan(lightness(low?.fill ?? ''));
    expect(svg).toContain('events per cell, 10 to 100 (log)');
  });

  it('refuses cells that do not fit the edges, naming the process', () => {
    expect(() => planePlot({ process: 'ee', m2EdgesGeV2, thetaEdgesRad, cells: [1, 2] })).toThrow('ee: 2 cells for 2 x 4 bins with flows');
  });
});
