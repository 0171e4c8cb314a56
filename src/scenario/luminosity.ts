import { z } from 'zod';
import { degToRad } from './units.js';

/** One data-taking period: its integrated luminosity and the trigger condition in force. */
export interface DataPeriod {
  readonly name: string;
  /** Integrated luminosity of the period in fb⁻¹. */
  readonly luminosityFb: number;
  /** Minimum azimuthal opening angle Δφ of the two-track trigger's track pair, in rad. */
  readonly twoTrackTriggerMinDeltaPhi: number;
}

/** The integrated luminosity of a scenario and its split into data-taking periods. */
export interface LuminositySettings {
  /** Total integrated luminosity in fb⁻¹ (the sum of the periods). */
  readonly totalFb: number;
  readonly periods: readonly DataPeriod[];
  /** A projection of the scan to another luminosity, or null. */
  readonly projection: LuminosityProjection | null;
}

/**
 * A projection: the scan's expected yields scaled from the templates' luminosity (totalFb, with its
 * periods' trigger mix) to `totalFb`, with the Monte Carlo variance of the templates scaled with them
 * (`asGenerated`: the samples as they are) or left out (`none`: as if the samples were large enough).
 */
export interface LuminosityProjection {
  readonly totalFb: number;
  readonly monteCarloUncertainty: 'asGenerated' | 'none';
}

const ProjectionSection = z.strictObject({
  totalFb: z.number().positive().describe('integrated luminosity in fb^-1 that the scan is projected to'),
  monteCarloUncertainty: z
    .enum(['asGenerated', 'none'])
    .default('asGenerated')
    .describe("the templates' Monte Carlo variance: scaled with the yields (asGenerated) or left out, as for samples much larger than the data (none)"),
});

const PeriodSection = z.strictObject({
  name: z.string().min(1).describe('name of the data-taking period, e.g. "2019"'),
  luminosityFb: z.number().positive().describe('integrated luminosity of the period in fb^-1'),
  twoTrackTriggerMinDeltaPhiDeg: z
    .number()
    .min(0)
    .max(180)
    .describe('two-track trigger: minimum azimuthal opening angle of the track pair in degrees (paper: 90 in 2019, 30 in 2020)'),
});

/**
 * The `luminosity` section: the total (as published) and the periods that make it up, each with its
 * own trigger condition. The periods must add up to the total, so that a split that is an assumption
 * cannot silently change the published luminosity.
 */
export const LuminositySection = z
  .strictObject({
    totalFb: z.number().positive().describe('total integrated luminosity in fb^-1 (paper: 79.7)'),
    periods: z.array(PeriodSection).min(1).describe('data-taking periods; their luminosities must add up to totalFb'),
    projection: ProjectionSection.optional().describe('scale the scan to another luminosity: the templates keep totalFb and its periods (their trigger mix), the fit sees projection.totalFb'),
  })
  .superRefine((lumi, ctx) => {
    const seen = new Set<string>();
    lumi.periods.forEach((period, i) => {
      if (seen.has(period.name)) ctx.addIssue({ code: 'custom', path: ['periods', i, 'name'], input: period.name, message: 'period names must be unique' });
      seen.add(period.name);
    });
    const sum = lumi.periods.reduce((s, p) => s + p.luminosityFb, 0);
    if (Math.abs(sum - lumi.totalFb) > 1e-9 * lumi.totalFb) {
      ctx.addIssue({
        code: 'custom',
        path: ['totalFb'],
        input: lumi.totalFb,
        message: `must equal the sum of periods[].luminosityFb, ${Number(sum.toPrecision(12))}`,
      });
    }
  })
  .transform(
    (lumi): LuminositySettings => ({
      totalFb: lumi.totalFb,
      periods: lumi.periods.map((p) => ({
        name: p.name,
        luminosityFb: p.luminosityFb,
        twoTrackTriggerMinDeltaPhi: degToRad(p.twoTrackTriggerMinDeltaPhiDeg),
      })),
      projection: lumi.projection ?? null,
    }),
  );
