/**
 * A luminosity projection of the scan: every template's expected yield scaled by r = L_proj/L_templates
 * (signal and backgrounds; their shapes, the selection and the trigger mix are those of the
 * templates), the Monte Carlo variance by r² (the same samples, so the same relative uncertainty) or
 * set to zero (samples assumed much larger than the projected data). The paper's relative systematic
 * uncertainties are kept as they are, which makes a projection conservative where they dominate.
 */
import type { TemplateSet } from '../runner/templates/build.js';
import type { LuminosityProjection } from '../scenario/luminosity.js';

export function projectTemplates(set: TemplateSet, projection: LuminosityProjection | null): TemplateSet {
  if (projection === null) return set;
  const r = projection.totalFb / set.luminosity_fb;
  const variance = projection.monteCarloUncertainty === 'none' ? 0 : r * r;
  const scale = (values: Float64Array, factor: number): Float64Array => values.map((v) => v * factor);
  return {
    ...set,
    luminosity_fb: projection.totalFb,
    backgrounds: set.backgrounds.map((b) => ({
      ...b,
      expected_events: b.expected_events * r,
      // MC luminosity over data luminosity: unchanged samples over r times the data; unlimited without MC variance
      mc_luminosity_ratio: variance === 0 ? Number.POSITIVE_INFINITY : b.mc_luminosity_ratio / r,
      sumw: scale(b.sumw, r),
      sumw2: scale(b.sumw2, variance),
    })),
    signals: set.signals.map((s) => ({ ...s, sumw: scale(s.sumw, r), sumw2: scale(s.sumw2, variance) })),
  };
}
