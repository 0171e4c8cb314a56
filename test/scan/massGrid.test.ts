import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { massGrid, resolutionAt, resolutionCurveFromPoints } from '../../src/scan/massGrid.js';

describe('mass hypotheses and M²recoil bins from the resolution curve', () => {
  it('a constant resolution σ gives uniform bins of width σ and hypotheses every σ from (0.01 GeV)² to (8.5 GeV)²', () => {
    const grid = massGrid(resolutionCurveFromPoints([{ m2_GeV2: 1, sigma_m2_GeV2: 0.25 }]));
    const n = Math.floor((8.5 ** 2 - 0.01 ** 2) / 0.25) + 1;
    expect(grid.massGeV.length).toBe(n);
    expect(grid.massGeV[0]).toBeCloseTo(0.01, 12);
    for (let k = 1; k < grid.m2Edges.length; k++) expect(grid.m2Edges[k] - grid.m2Edges[k - 1]).toBeCloseTo(0.25, 9);
    expect(grid.m2Edges.length).toBe(n + 20);
  });

  it('every hypothesis sits on an edge with ten bins on each side: its 20-bin window is centred on it (the paper)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ m2_GeV2: fc.double({ min: 0, max: 80, noNaN: true }), sigma_m2_GeV2: fc.double({ min: 0.03, max: 0.3, noNaN: true }) }), { minLength: 1, maxLength: 8 }), (points) => {
        const unique = points.filter((p, k) => points.findIndex((q) => q.m2_GeV2 === p.m2_GeV2) === k);
        const curve = resolutionCurveFromPoints(unique);
        const grid = massGrid(curve);
        grid.hypothesisEdge.forEach((j, k) => {
          expect(j).toBeGreaterThanOrEqual(10);
          expect(j + 10).toBeLessThan(grid.m2Edges.length);
          expect(grid.m2Edges[j]).toBeCloseTo(grid.massGeV[k] ** 2, 12);
          // One unit of resolution between neighbouring hypotheses.
          if (k > 0) expect(grid.m2Edges[j] - grid.m2Edges[j - 1]).toBeCloseTo(resolutionAt(curve, grid.m2Edges[j - 1]), 12);
        });
        expect(grid.massGeV.at(-1)).toBeLessThanOrEqual(8.5 * (1 + 1e-12));
      }),
      { numRuns: 50 },
    );
  });

  it('steps in mass follow ΔM ≈ σ(M²)/(2M): with the paper’s resolutions they run from a few MeV at 8.5 GeV to ~100 MeV at low mass', () => {
    // The paper: 0.23 GeV² at 9 GeV², 0.06 GeV² at 80 GeV²; a small-mass resolution of 0.02 GeV².
    const grid = massGrid(resolutionCurveFromPoints([{ m2_GeV2: 0, sigma_m2_GeV2: 0.02 }, { m2_GeV2: 9, sigma_m2_GeV2: 0.23 }, { m2_GeV2: 80, sigma_m2_GeV2: 0.06 }]));
    const last = grid.massGeV.length - 1;
    const stepTop = grid.massGeV[last] - grid.massGeV[last - 1];
    expect(stepTop).toBeCloseTo(grid.sigmaM2[last - 1] / (2 * grid.massGeV[last]), 4);
    expect(stepTop * 1000).toBeGreaterThan(3);
    expect(stepTop * 1000).toBeLessThan(6);
    expect((grid.massGeV[1] - grid.massGeV[0]) * 1000).toBeGreaterThan(100);
  });

  it('refuses a resolution curve with a non-positive width or two points at one M²', () => {
    expect(() => resolutionCurveFromPoints([{ m2_GeV2: 1, sigma_m2_GeV2: 0 }])).toThrow(/sigma 0: must be > 0/);
    expect(() => resolutionCurveFromPoints([{ m2_GeV2: 1, sigma_m2_GeV2: 0.1 }, { m2_GeV2: 1, sigma_m2_GeV2: 0.2 }])).toThrow(/two points at M2 = 1/);
  });
});
