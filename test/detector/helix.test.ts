import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curvatureRadiusCm, exitRadiusCm } from '../../detector/helix.js';
import { tracking } from '../../detector/stages/tracking.js';

const chamber = tracking.schema.parse({ type: 'tracking' }).chamber;
const DEG = Math.PI / 180;

describe('helix', () => {
  it('curvatureRadiusCm: the pT needed to reach radius R is 0.3·B·R/2 (docs/references.md §2.1 table)', () => {
    // docs/references.md §2.1: CDC layer 0 (0.168 m) needs 0.038 GeV, layer 55 (1.111 m) 0.250 GeV, at 1.5 T.
    expect(2 * curvatureRadiusCm(0.038, 1.5)).toBeCloseTo(16.9, 0);
    expect(2 * curvatureRadiusCm(0.25, 1.5)).toBeCloseTo(111.2, 0);
  });

  it('exitRadiusCm: a stiff central track crosses the whole chamber; a curler stops at 2R', () => {
    expect(exitRadiusCm(curvatureRadiusCm(5, 1.5), 0, chamber)).toBe(chamber.outerRadiusCm);
    const radius = curvatureRadiusCm(0.15, 1.5);
    expect(exitRadiusCm(radius, 0, chamber)).toBeCloseTo(2 * radius, 10);
  });

  it('exitRadiusCm: straight tracks cross the outer layer only for 35.1° < θ < 123.1° (basf2 cdc/data/CDC.xml)', () => {
    // basf2 cdc/data/CDC.xml: acceptance of layer 55 by straight lines to its wire ends, atan(1111.4/1579) and 180° − atan(1111.4/724).
    const straight = Infinity;
    for (const [thetaDeg, full] of [
      [35.0, false],
      [35.3, true],
      [122.9, true],
      [123.3, false],
    ] as const) {
      const r = exitRadiusCm(straight, 1 / Math.tan(thetaDeg * DEG), chamber);
      expect(r >= chamber.outerRadiusCm - 1e-9).toBe(full);
    }
  });

  it('exitRadiusCm: the exit point lies on the endplate (z of the helix = z of the endplate there)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 5, noNaN: true }), fc.double({ min: 18, max: 34, noNaN: true }), (pt, thetaDeg) => {
        // Arrange
        const R = curvatureRadiusCm(pt, 1.5);
        const cot = 1 / Math.tan(thetaDeg * DEG);
        // Act
        const r = exitRadiusCm(R, cot, chamber);
        // Assert: s(r)·cotθ = zMax(r), the endplate interpolated between the inner and outer wire ends
        const z = 2 * R * Math.asin(r / (2 * R)) * cot;
        const zEnd = chamber.innerZMaxCm + ((chamber.outerZMaxCm - chamber.innerZMaxCm) * (r - chamber.innerRadiusCm)) / (chamber.outerRadiusCm - chamber.innerRadiusCm);
        return r <= chamber.outerRadiusCm && (r === chamber.innerRadiusCm || Math.abs(z - zEnd) < 1e-6);
      }),
    );
  });
});
