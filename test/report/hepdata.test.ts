import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { hepdataSubmission } from '../../src/report/hepdata.js';
import type { ExpectedResults, ObservedResults } from '../../src/report/results.js';
import { muonAnomalyBand } from '../../src/scan/couplings.js';
import { hepdataErrors } from './hepdataSchema.js';

/** Two hypotheses of the README's table (median, ±1σ; ±2σ widened by the same factor again). */
const rows = [
  { mass: 2.1, band: [0.569, 0.84, 1.24, 1.88, 2.85], g: 6.4e-3 },
  { mass: 4.0, band: [0.32, 0.49, 0.75, 1.18, 1.857], g: 1.2e-2 },
];
const expected: ExpectedResults = {
  scenario: 'belle2-2023',
  luminosity_fb: 79.7,
  calculator: 'asymptotic',
  points: rows.map((r) => ({
    mass_GeV: r.mass,
    theta_bins: 5,
    signal_efficiency: 0.1,
    sigma_gprime1_fb: r.band[2] / (r.g * r.g),
    sigma_ul_fb: { exp: r.band },
    gprime_ul: { fully_invisible: { exp: r.band.map((s) => Math.sqrt(s / (r.band[2] / (r.g * r.g)))) }, vanilla: { exp: r.band.map((s) => 1.4 * Math.sqrt(s / (r.band[2] / (r.g * r.g)))) } },
    g_minus_2_band_gprime: [...muonAnomalyBand(r.mass)] as [number, number],
  })),
  g_minus_2_excluded_GeV: { fully_invisible: [[2.1, 4]], vanilla: [] },
};
const observed: ObservedResults = {
  scenario: 'belle2-2023',
  luminosity_fb: 79.7,
  data: 'pseudo-data-0.json',
  calculator: 'asymptotic',
  points: expected.points.map((p) => ({
    mass_GeV: p.mass_GeV,
    sigma_ul_fb: { obs: p.sigma_ul_fb.exp[2] * 1.2, exp: p.sigma_ul_fb.exp },
    gprime_ul: { fully_invisible: { obs: p.gprime_ul.fully_invisible.exp[2] * 1.1, exp: p.gprime_ul.fully_invisible.exp }, vanilla: { obs: p.gprime_ul.vanilla.exp[2] * 1.1, exp: p.gprime_ul.vanilla.exp } },
    sigma_hat_fb: 0.2,
    local_significance: 0.7,
    local_p0: 0.242,
  })),
  max_local_significance: { mass_GeV: 2.1, significance: 0.7 },
};

describe('hepdataSubmission(expected, observed)', () => {
  const files = hepdataSubmission(expected, observed);

  it('writes submission.yaml and one data file per table that HEPData’s schemas 1.1.1 accept', () => {
    expect([...files.keys()]).toEqual(['submission.yaml', 'sigma_upper_limits.yaml', 'gprime_upper_limits_fully_invisible.yaml', 'gprime_upper_limits_vanilla.yaml', 'local_significance.yaml']);
    expect(hepdataErrors(files)).toEqual([]);
    expect(parseAllDocuments(files.get('submission.yaml') ?? '')).toHaveLength(5);
  });

  it('the schema check fails on a table that breaks the format (so the test above can fail)', () => {
    const broken = new Map(files);
    broken.set('sigma_upper_limits.yaml', (files.get('sigma_upper_limits.yaml') ?? '').replace('independent_variables:', 'independent_variable:'));
    expect(hepdataErrors(broken).join('\n')).toMatch(/sigma_upper_limits\.yaml: must have required property 'independent_variables'/);
  });

  it('gives M_Z′ in GeV/c^2 and the median σ·B limit in fb with its ±1σ, ±2σ bands as asymmetric errors, and the observed limit', () => {
    const table = parse(files.get('sigma_upper_limits.yaml') ?? '');
    expect(table.independent_variables[0]).toEqual({ header: { name: "M(Z')", units: 'GeV/c^2' }, values: [{ value: 2.1 }, { value: 4 }] });
    const [exp, obs] = table.dependent_variables;
    expect(exp.header.units).toBe('fb');
    expect(exp.qualifiers).toContainEqual({ name: 'CL', value: '90%' });
    expect(exp.qualifiers).toContainEqual({ name: 'Luminosity', value: 79.7, units: 'fb^-1' });
    expect(exp.values[0].value).toBe(1.24);
    expect(exp.values[0].errors[0].label).toBe('1 sigma');
    expect(exp.values[0].errors[0].asymerror.minus).toBeCloseTo(0.84 - 1.24, 12);
    expect(exp.values[0].errors[0].asymerror.plus).toBeCloseTo(1.88 - 1.24, 12);
    expect(exp.values[0].errors[1].asymerror.plus).toBeCloseTo(2.85 - 1.24, 12);
    expect(obs.values.map((v: { value: number }) => v.value)).toEqual([1.24 * 1.2, 0.75 * 1.2]);
  });

  it('the g′ tables carry the (g − 2)_μ band of src/scan/couplings and no units on g′', () => {
    const table = parse(files.get('gprime_upper_limits_fully_invisible.yaml') ?? '');
    expect(table.dependent_variables[0].header).toEqual({ name: "Expected upper limit on g'" });
    expect(table.dependent_variables[0].values[0].value).toBeCloseTo(6.4e-3, 12);
    expect(table.dependent_variables[3].values[1].value).toBe(muonAnomalyBand(4)[1]);
  });

  it('without observed results: the expected tables only, still valid', () => {
    const only = hepdataSubmission(expected);
    expect([...only.keys()]).toEqual(['submission.yaml', 'sigma_upper_limits.yaml', 'gprime_upper_limits_fully_invisible.yaml', 'gprime_upper_limits_vanilla.yaml']);
    expect(hepdataErrors(only)).toEqual([]);
  });
});
