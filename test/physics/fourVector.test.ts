import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boost, boostCoefficient, dot, type FourVector, mass, mass2, onShell, openingAngle, rotate, theta, type ThreeVector } from '../../src/physics/fourVector.js';
import { LorentzTransform } from '../../src/physics/lorentzTransform.js';

const momentumComponent = fc.double({ min: -20, max: 20, noNaN: true });
const massValue = fc.double({ min: 0, max: 10, noNaN: true });
// Energies below 1 keV are excluded: their squares underflow towards denormal numbers.
const particle = fc
  .tuple(massValue, momentumComponent, momentumComponent, momentumComponent)
  .map(([m, x, y, z]) => onShell(m, x, y, z))
  .filter((p) => p.E > 1e-6);
/** Velocities with |β| up to 0.99 (γ ≈ 7), well beyond the SuperKEKB boost. */
const velocityArb = fc
  .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }))
  .filter(([x, y, z]) => Math.hypot(x, y, z) > 1e-3)
  .map(([x, y, z, b]): ThreeVector => {
    const n = Math.hypot(x, y, z);
    return { x: (b * x) / n, y: (b * y) / n, z: (b * z) / n };
  });

function relativeDistance(a: FourVector, b: FourVector): number {
  const scale = Math.max(Math.abs(a.E), Math.abs(b.E), 1e-300);
  return Math.max(Math.abs(a.E - b.E), Math.abs(a.px - b.px), Math.abs(a.py - b.py), Math.abs(a.pz - b.pz)) / scale;
}

describe('boost(p, β)', () => {
  it('boost(boost(p, β), −β) returns p to 1e-12 relative', () => {
    fc.assert(
      fc.property(particle, velocityArb, (p, beta) => {
        // Act
        const back = boost(boost(p, beta), { x: -beta.x, y: -beta.y, z: -beta.z });
        // Assert
        expect(relativeDistance(back, p)).toBeLessThan(1e-12);
      }),
    );
  });

  it('leaves the invariant mass unchanged', () => {
    fc.assert(
      fc.property(particle, velocityArb, (p, beta) => {
        const q = boost(p, beta);
        expect(Math.abs(mass2(q) - mass2(p))).toBeLessThan(1e-9 * (q.E * q.E + 1));
      }),
    );
  });

  it('gives a particle at rest the velocity β (E = γm, p = γmβ)', () => {
    const beta = { x: 0.3, y: -0.2, z: 0.5 };
    const gamma = 1 / Math.sqrt(1 - (0.09 + 0.04 + 0.25));
    const q = boost({ E: 2, px: 0, py: 0, pz: 0 }, beta);
    expect(q.E).toBeCloseTo(2 * gamma, 14);
    expect(q.px).toBeCloseTo(2 * gamma * 0.3, 14);
    expect(q.py).toBeCloseTo(2 * gamma * -0.2, 14);
    expect(q.pz).toBeCloseTo(2 * gamma * 0.5, 14);
  });

  it('rejects |β| ≥ 1', () => {
    expect(() => boost({ E: 1, px: 0, py: 0, pz: 0 }, { x: 0, y: 0, z: 1 })).toThrow(/below 1/);
  });
});

describe('boostCoefficient(γ)', () => {
  it('is (γ − 1)/β² where that is well conditioned, and its limit 1/2 + 3β²/8 at small β where that form cancels', () => {
    for (const beta of [0.1, 0.5, 0.9, 0.999]) {
      const gamma = 1 / Math.sqrt(1 - beta * beta);
      expect(boostCoefficient(gamma)).toBeCloseTo((gamma - 1) / (beta * beta), 12);
    }
    // Series of (γ − 1)/β² = 1/2 + 3β²/8 + …; at β = 1e-9 the direct form gives 0 (γ rounds to 1).
    const beta = 1e-9;
    const gamma = 1 / Math.sqrt(1 - beta * beta);
    expect((gamma - 1) / (beta * beta)).toBe(0);
    expect(Math.abs(boostCoefficient(gamma) - (0.5 + (3 / 8) * beta * beta))).toBeLessThan(1e-15);
  });
});

describe('LorentzTransform', () => {
  it('a composed boost and rotation preserves the Minkowski product of any two vectors', () => {
    fc.assert(
      fc.property(particle, particle, velocityArb, fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), (a, b, beta, angle) => {
        const t = LorentzTransform.boost(beta).compose(LorentzTransform.rotation({ x: 1, y: 2, z: 3 }, angle));
        const scale = (a.E + 1) * (b.E + 1) * 1e-10;
        expect(Math.abs(dot(t.apply(a), t.apply(b)) - dot(a, b))).toBeLessThan(scale * 100);
      }),
    );
  });

  it('inverse() undoes the transformation', () => {
    fc.assert(
      fc.property(particle, velocityArb, fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), (p, beta, angle) => {
        const t = LorentzTransform.rotation({ x: 0, y: 1, z: 0 }, angle).compose(LorentzTransform.boost(beta));
        expect(relativeDistance(t.inverse().apply(t.apply(p)), p)).toBeLessThan(1e-12);
      }),
    );
  });

  it('the matrix boost equals the scalar boost', () => {
    fc.assert(
      fc.property(particle, velocityArb, (p, beta) => {
        expect(relativeDistance(LorentzTransform.boost(beta).apply(p), boost(p, beta))).toBeLessThan(1e-13);
      }),
    );
  });

  it('applyToColumns(E, px, py, pz) equals apply() row by row', () => {
    const t = LorentzTransform.boost({ x: 0.04, y: 0, z: 0.27 });
    const ps = [onShell(0.105, 1, 2, 3), onShell(0, -1, 0.5, 4), onShell(1.777, 0, 0, -2)];
    const E = Float64Array.from(ps, (p) => p.E);
    const px = Float64Array.from(ps, (p) => p.px);
    const py = Float64Array.from(ps, (p) => p.py);
    const pz = Float64Array.from(ps, (p) => p.pz);
    t.applyToColumns(E, px, py, pz);
    ps.forEach((p, i) => {
      const q = t.apply(p);
      expect([E[i], px[i], py[i], pz[i]]).toEqual([q.E, q.px, q.py, q.pz]);
    });
  });

  it('rotationBetween(a, b) maps the direction a onto b', () => {
    fc.assert(
      fc.property(particle, particle, (a, b) => {
        fc.pre(Math.hypot(a.px, a.py, a.pz) > 1e-3 && Math.hypot(b.px, b.py, b.pz) > 1e-3);
        const r = LorentzTransform.rotationBetween({ x: a.px, y: a.py, z: a.pz }, { x: b.px, y: b.py, z: b.pz });
        expect(openingAngle(r.apply(a), b)).toBeLessThan(1e-7);
      }),
    );
  });
});

describe('mass(p)', () => {
  it('is signed for spacelike vectors instead of NaN', () => {
    expect(mass({ E: 1, px: 2, py: 0, pz: 0 })).toBeCloseTo(-Math.sqrt(3), 15);
    expect(mass({ E: 5, px: 3, py: 0, pz: 0 })).toBe(4);
  });
});

describe('rotate(p, axis, angle)', () => {
  it('rotating +x by π/2 about +z gives +y (right-handed)', () => {
    const q = rotate({ E: 1, px: 1, py: 0, pz: 0 }, { x: 0, y: 0, z: 1 }, Math.PI / 2);
    expect(q.px).toBeCloseTo(0, 15);
    expect(q.py).toBeCloseTo(1, 15);
  });

  it('preserves |p| and the polar angle about the z axis', () => {
    fc.assert(
      fc.property(particle, fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), (p, angle) => {
        const q = rotate(p, { x: 0, y: 0, z: 1 }, angle);
        expect(Math.abs(theta(q) - theta(p))).toBeLessThan(1e-12);
        expect(Math.abs(mass2(q) - mass2(p))).toBeLessThan(1e-9 * (p.E * p.E + 1));
      }),
    );
  });
});
