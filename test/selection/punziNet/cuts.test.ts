import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStream } from '../../../src/random/stream.js';
import { linspace, membershipFromLists, optimalCut, punziSensitivity, type PunziWindows, sensitivityAtCut } from '../../../src/selection/punziNet/index.js';

function randomSample(seed: number, n: number, nHyp: number): { outputs: Float64Array; weights: Float64Array; windows: PunziWindows } {
  const rs = createStream(seed, 'punzi-net-test/cuts', 0);
  const outputs = Float64Array.from({ length: n }, () => rs.uniform());
  const weights = Float64Array.from({ length: n }, () => rs.uniformIn(0.01, 1));
  const sig: number[][] = Array.from({ length: nHyp }, () => []);
  const bkg: number[][] = Array.from({ length: nHyp }, () => []);
  for (let k = 0; k < n; k++) {
    if (rs.uniform() < 0.4) {
      sig[rs.integer(nHyp)].push(k);
      outputs[k] = Math.sqrt(outputs[k]); // signal-like: pushed towards 1
    } else {
      for (let i = 0; i < nHyp; i++) if (rs.uniform() < 0.5) bkg[i].push(k);
    }
  }
  return { outputs, weights, windows: { signal: membershipFromLists(sig), background: membershipFromLists(bkg), nGenerated: Float64Array.from({ length: nHyp }, () => 50) } };
}

describe('linspace(start, stop, num)', () => {
  it('reproduces numpy.linspace bit for bit (values from numpy 2.4.6)', () => {
    const t = linspace(0, 1, 200);
    expect(t[0]).toBe(0);
    expect(t[1]).toBe(0.005025125628140704);
    expect(t[20]).toBe(0.10050251256281408);
    expect(t[100]).toBe(0.5025125628140703);
    expect(t[198]).toBe(0.9949748743718593);
    expect(t[199]).toBe(1);
    expect(linspace(0.2, 0.9, 7)[3]).toBe(0.55);
  });
});

describe('sensitivityAtCut(outputs, weights, windows, cut) (fom.fixed_cut)', () => {
  it('counts events with o > cut (strictly): ε = n/N_gen·scaling, B = Σw·scaling', () => {
    const windows: PunziWindows = { signal: membershipFromLists([[0, 1, 2]]), background: membershipFromLists([[3, 4]]), nGenerated: new Float64Array([10]) };
    const outputs = new Float64Array([0.9, 0.5, 0.7, 0.6, 0.5]);
    const weights = new Float64Array([1, 1, 1, 2, 3]);
    const r = sensitivityAtCut(outputs, weights, windows, 0.5, { scaling: 0.9 });
    expect(r.efficiency[0]).toBeCloseTo(0.2 * 0.9, 15);
    expect(r.background[0]).toBeCloseTo(2 * 0.9, 15);
    expect(r.sensitivity[0]).toBeCloseTo(punziSensitivity(0.18, 1.8), 13);
  });
});

describe('optimalCut(outputs, weights, windows, options) (fom.optimal_cut)', () => {
  it('finds the same threshold and sensitivity as scanning the 200 thresholds one by one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1e9 }), (n, nHyp, seed) => {
        // Arrange
        const { outputs, weights, windows } = randomSample(seed, n, nHyp);
        // Act
        const r = optimalCut(outputs, weights, windows);
        // Assert: brute force, the first minimum as numpy.argmin
        for (let i = 0; i < nHyp; i++) {
          let best = Infinity;
          let bestCut = Number.NaN;
          for (const t of linspace(0, 1, 200)) {
            const s = sensitivityAtCut(outputs, weights, windows, t).sensitivity[i];
            if (s < best * (1 - 1e-12)) {
              best = s;
              bestCut = t;
            }
          }
          expect(r.cut[i]).toBe(bestCut);
          expect(r.sensitivity[i]).toBeCloseTo(best, 10);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('cuts just above the background when signal and background separate', () => {
    // background at o = 0.1, signal at 0.9: the first threshold ≥ 0.1 is linspace(0, 1, 200)[20]
    const windows: PunziWindows = { signal: membershipFromLists([[0, 1]]), background: membershipFromLists([[2, 3]]), nGenerated: new Float64Array([2]) };
    const r = optimalCut(new Float64Array([0.9, 0.9, 0.1, 0.1]), new Float64Array([1, 1, 5, 5]), windows);
    expect(r.cut[0]).toBe(0.10050251256281408);
    expect(r.efficiency[0]).toBe(1);
    expect(r.background[0]).toBe(0);
  });
});
