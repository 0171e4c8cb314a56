import { describe, expect, it } from 'vitest';
import { templateKey } from '../../src/runner/templates/file.js';
import { expectedPoint } from '../../src/scan/expected.js';
import { projectTemplates } from '../../src/scan/projection.js';
import { loadScenario } from '../../src/scenario/index.js';
import { NO_SYSTEMATICS, syntheticTemplates } from './syntheticTemplates.js';

describe('luminosity projections', () => {
  it('four times the luminosity halves the limit without systematics (σ_μ ∝ 1/√L)', () => {
    const set = syntheticTemplates(1e3, 1e2);
    const projected = projectTemplates(set, { totalFb: 4 * set.luminosity_fb, monteCarloUncertainty: 'none' });
    expect(projected.luminosity_fb).toBe(4);
    expect(expectedPoint(projected, 1, NO_SYSTEMATICS).sigmaLimitFb[2] / expectedPoint(set, 1, NO_SYSTEMATICS).sigmaLimitFb[2]).toBeCloseTo(0.5, 2);
  });

  it('the shipped scenarios load; the projections extend belle2-2023 and share its template key, belle2-2020 does not', () => {
    const base = loadScenario('scenarios/belle2-2023.yaml');
    const key = (s: typeof base) => templateKey(s, 'v', null);
    for (const [file, lumi] of [['scenarios/belle2-1ab.yaml', 1000], ['scenarios/belle2-50ab.yaml', 50000]] as const) {
      const s = loadScenario(file);
      expect(s.luminosity.projection?.totalFb).toBe(lumi);
      expect(key(s)).toBe(key(base));
    }
    const early = loadScenario('scenarios/belle2-2020.yaml');
    expect(early.luminosity.totalFb).toBe(0.276);
    expect(early.detector).toEqual(base.detector);
    expect(key(early)).not.toBe(key(base));
  });
});
