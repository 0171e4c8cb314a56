import { describe, expect, it } from 'vitest';
import { checkFailedToys, expectedDocument } from '../../src/cli/commands/expected.run.js';
import { RunFailedError } from '../../src/cli/errors.js';
import { toyExpectedPoint } from '../../src/scan/toyExpected.js';
import { NO_SYSTEMATICS, syntheticTemplates } from '../scan/syntheticTemplates.js';

describe('toys that fail', () => {
  const set = syntheticTemplates(30, 15);
  const options = { toys: 20, seed: 4 };
  const good = toyExpectedPoint(set, 0, NO_SYSTEMATICS, options);
  // Hypothesis 1 as if 3 of its 20 toy fits had not converged (toys 2, 11 and 17).
  const base = toyExpectedPoint(set, 1, NO_SYSTEMATICS, options);
  const failing = { ...base, failedToys: 3, failedToyRecords: [2, 11, 17].map((index) => ({ index, pseudoData: [1, 2, 3] })) };

  it('are counted against all toys, 3 of 40 = 7.5%, and recorded in expected.json with their stream and pseudo-data', () => {
    expect(good.failedToys).toBe(0);
    expect(good.failedToyRecords).toEqual([]);
    const doc = expectedDocument({ scenario: 'synthetic', luminosity_fb: 1, sqrt_s_GeV: 10.58, unscanned_hypotheses: [] }, { points: [good, failing], failed: [] }, null, 4);
    expect(doc.failed_toys).toBe(3);
    expect(doc.failed_toy_fraction).toBe(3 / 40);
    expect(doc.failed_toy_records).toEqual([2, 11, 17].map((index) => ({ mass_GeV: base.massGeV, seed: 4, stream: 'scan/expected-toys/1', index, pseudo_data: [1, 2, 3] })));
  });

  it('stop a run only above --max-failed-fraction, naming the first failed toy', () => {
    expect(() => checkFailedToys([good, failing], 0.075, 4)).not.toThrow();
    expect(() => checkFailedToys([good, failing], 0.07, 4)).toThrow(RunFailedError);
    expect(() => checkFailedToys([good, failing], 0.07, 4)).toThrow(`3 of 40 toys failed (7.50%), more than --max-failed-fraction 0.07; the first: M = ${base.massGeV.toFixed(3)} GeV, toy 2 of stream (seed 4, scan/expected-toys/1)`);
    // Hypotheses not done yet do not count.
    expect(() => checkFailedToys([undefined, failing], 0.1, 4)).toThrow(/3 of 20 toys failed \(15\.0%\)/);
  });
});

describe('look-elsewhere toys that fail', () => {
  it('are left out of the global p-value and of ⟨N(c₀)⟩, and stop a run only above --max-failed-fraction', async () => {
    const { lookElsewhereFromToys } = await import('../../src/scan/lookElsewhere.js');
    const { checkFailedLeeToys } = await import('../../src/cli/commands/lee.run.js');
    const set = syntheticTemplates(30, 15);
    const observed = new Float64Array(set.grid.massGeV.length).fill(0);
    observed[2] = 4;
    // Five toys, toy 1 failed at hypothesis 3: of the four kept, toys 0 and 4 reach q0 = 4 → p = 2/4; crossings (1 + 0 + 2 + 1) / 4.
    const toys = { maxQ0: Float64Array.from([5, Number.NaN, 1, 0.5, 4]), upCrossings: Int32Array.from([1, 0, 0, 2, 1]), failedHypothesis: Int32Array.from([-1, 3, -1, -1, -1]) };
    const r = lookElsewhereFromToys(set, observed, toys, 3);
    expect(r.toys).toBe(4);
    expect(r.failedToys).toBe(1);
    expect(r.globalPToys).toBe(0.5);
    expect(r.meanUpCrossings).toBe(1);
    expect(Array.from(r.toyMaxLocalSignificance)).toEqual([Math.sqrt(5), 1, Math.sqrt(0.5), 2]);
    expect(() => checkFailedLeeToys(1, 5, 0.2)).not.toThrow();
    expect(() => checkFailedLeeToys(2, 5, 0.2)).toThrow(RunFailedError);
    expect(() => checkFailedLeeToys(2, 5, 0.2)).toThrow('2 of 5 look-elsewhere toys failed (40.0%; a q0 fit did not converge), more than --max-failed-fraction 0.2');
  });
});
