import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileForm, Form, Kinematics, ProbabilityForm } from '../../detector/forms.js';
import { ecl } from '../../detector/stages/ecl.js';

function at(fields: Partial<Kinematics>): Kinematics {
  return Object.assign(new Kinematics(), fields);
}

describe('forms', () => {
  it('quadratureTerms gives σ(pT)/pT = 0.0011·pT ⊕ 0.0025/β (Belle II Physics Book, PTEP 2019, 123C01)', () => {
    const f = compileForm(
      Form.parse({
        form: 'quadratureTerms',
        terms: [
          { coefficient: 0.0011, axis: 'pt', power: 1 },
          { coefficient: 0.0025, axis: 'beta', power: -1 },
        ],
      }),
    );
    // pT = 2 GeV/c, β = 0.8: √(0.0022² + 0.003125²) = 0.0038218
    expect(f(at({ pt: 2, beta: 0.8 }))).toBeCloseTo(Math.hypot(0.0022, 0.003125), 12);
  });

  it("the ECL defaults reproduce basf2's photon resolution table (docs/references.md §2.2)", () => {
    // docs/references.md §2.2, evaluated from basf2 ECLCovarianceMatrixModule.cc: E [GeV] → (σE/E %, σθ mrad, σφ mrad) per region.
    const table = {
      forward: [
        [0.1, 3.17, 5.4, 13.8],
        [1, 2.04, 2.7, 7.0],
        [4, 1.97, 1.6, 4.1],
      ],
      barrel: [
        [0.1, 3.27, 7.8, 9.6],
        [1, 2.04, 3.9, 4.5],
        [4, 1.77, 2.5, 2.3],
      ],
      backward: [
        [0.1, 3.29, 8.7, 12.7],
        [1, 2.3, 4.3, 6.9],
        [4, 2.4, 2.9, 4.0],
      ],
    } as const;
    const settings = ecl.schema.parse({ type: 'ecl' });
    for (const region of ['forward', 'barrel', 'backward'] as const) {
      const r = settings.resolution[region];
      const [energy, theta, phi] = [r.sigmaEnergyPercent, r.sigmaThetaMrad, r.sigmaPhiMrad].map((f) => compileForm(f));
      for (const [E, sE, sT, sP] of table[region]) {
        const k = at({ energy: E });
        // The table is rounded to 0.01% and about 0.1 mrad (the barrel's 3.846 mrad at 1 GeV is printed as 3.9).
        expect(energy(k)).toBeCloseTo(sE, 1);
        expect(Math.abs(theta(k) - sT)).toBeLessThan(0.06);
        expect(Math.abs(phi(k) - sP)).toBeLessThan(0.06);
      }
    }
  });

  it('binned forms pick the bin [edge_k, edge_k+1) and clamp outside the edges', () => {
    const f = compileForm(Form.parse({ form: 'binned', axis: 'thetaDeg', edges: [0, 90, 180], values: [0.1, 0.2] }));
    expect([f(at({ thetaDeg: -5 })), f(at({ thetaDeg: 45 })), f(at({ thetaDeg: 90 })), f(at({ thetaDeg: 200 }))]).toEqual([0.1, 0.1, 0.2, 0.2]);
    const g = compileForm(
      Form.parse({ form: 'binned2d', xAxis: 'p', xEdges: [0, 1, 2], yAxis: 'thetaDeg', yEdges: [0, 90, 180], values: [[1, 2], [3, 4]] }),
    );
    expect([g(at({ p: 0.5, thetaDeg: 10 })), g(at({ p: 0.5, thetaDeg: 100 })), g(at({ p: 1.5, thetaDeg: 10 })), g(at({ p: 5, thetaDeg: 170 }))]).toEqual([1, 2, 3, 4]);
  });

  it('piecewiseLinear interpolates between its points and is constant beyond them', () => {
    const f = compileForm(Form.parse({ form: 'piecewiseLinear', axis: 'recoilMass2', x: [0, 81], y: [0.89, 0.93] }));
    expect(f(at({ recoilMass2: -3 }))).toBe(0.89);
    expect(f(at({ recoilMass2: 40.5 }))).toBeCloseTo(0.91, 14);
    expect(f(at({ recoilMass2: 100 }))).toBe(0.93);
  });

  it('a probability form stays in [0, 1] for every input (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (values, x) => {
          // Arrange
          const edges = Array.from({ length: values.length + 1 }, (_, i) => i * 10);
          const forms = [
            ProbabilityForm.parse({ form: 'binned', axis: 'p', edges, values }),
            ProbabilityForm.parse({ form: 'piecewiseLinear', axis: 'p', x: edges.slice(0, values.length), y: values }),
          ].map((f) => compileForm(f));
          // Act
          const results = forms.map((f) => f(at({ p: x })));
          // Assert
          return results.every((v) => v >= 0 && v <= 1);
        },
      ),
    );
  });

  it('a probability outside [0, 1] or a malformed table is refused when loaded', () => {
    expect(ProbabilityForm.safeParse({ form: 'constant', value: 1.2 }).error?.issues[0].message).toBe('probabilities must lie in [0, 1]');
    expect(Form.safeParse({ form: 'binned', axis: 'p', edges: [0, 1, 2], values: [1] }).success).toBe(false);
    expect(Form.safeParse({ form: 'binned', axis: 'p', edges: [0, 2, 1], values: [1, 2] }).success).toBe(false);
    expect(Form.safeParse({ form: 'constant', value: 1, extra: 2 }).success).toBe(false);
    expect(Form.safeParse({ form: 'binned', axis: 'rapidity', edges: [0, 1], values: [1] }).success).toBe(false);
  });
});
