import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario, ScenarioError } from '../../src/scenario/index.js';

// A section shaped like the detector's: a list of stages told apart by `type` (a discriminated
// union), one of them with a resolution given as one of several `form`s (nested plain unions).
const Form = z.union([
  z.strictObject({ form: z.literal('constant'), value: z.number() }),
  z.union([
    z.strictObject({ form: z.literal('binned'), edges: z.array(z.number()), values: z.array(z.number()) }),
    z.strictObject({ form: z.literal('quadrature'), a: z.number(), b: z.number() }),
  ]),
]);
const Stage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('tracking'), resolution: Form.default({ form: 'constant', value: 0.01 }) }),
  z.strictObject({ type: z.literal('ecl'), thresholdGeV: z.number().positive().default(0.1) }),
]);
const Section = z.strictObject({ stages: z.array(Stage) });

function message(data: unknown): string {
  const result = Section.safeParse(data, { reportInput: true });
  if (result.success) throw new Error('accepted');
  return formatIssue('f.yaml', result.error.issues[0], data, Section);
}

describe('formatIssue through unions', () => {
  it('a discriminator that matches no option lists the allowed values', () => {
    expect(message({ stages: [{ type: 'nosuch' }] })).toBe('f.yaml: stages[0].type = "nosuch" is not allowed: must be one of "tracking", "ecl"');
    expect(message({ stages: [{ thresholdGeV: 1 }] })).toBe('f.yaml: stages[0].type is missing: it is required (one of "tracking", "ecl")');
  });

  it('an unknown key in the chosen option lists that option’s keys', () => {
    expect(message({ stages: [{ type: 'ecl', typo: 1 }] })).toBe('f.yaml: stages[0].typo is not a known key: allowed keys of stages[0] are type, thresholdGeV');
    expect(message({ stages: [{ type: 'tracking', resolution: { form: 'quadrature', a: 1, b: 2, c: 3 } }] })).toBe(
      'f.yaml: stages[0].resolution.c is not a known key: allowed keys of stages[0].resolution are form, a, b',
    );
  });

  it('a form that matches no option lists every allowed form, through nested unions', () => {
    expect(message({ stages: [{ type: 'tracking', resolution: { form: 'gauss' } }] })).toBe(
      'f.yaml: stages[0].resolution.form = "gauss" is not allowed: must be one of "constant", "binned", "quadrature"',
    );
  });

  it('a bad value inside the form it was meant for is reported as such', () => {
    expect(message({ stages: [{ type: 'tracking', resolution: { form: 'constant', value: 'a' } }] })).toBe(
      'f.yaml: stages[0].resolution.value = "a" is not allowed: must be a number',
    );
    expect(message({ stages: [{ type: 'tracking', resolution: { form: 'binned', edges: [0, 1] } }] })).toBe(
      'f.yaml: stages[0].resolution.values is missing: it is required (a list)',
    );
    expect(message({ stages: [{ type: 'tracking', resolution: 5 }] })).toBe('f.yaml: stages[0].resolution = 5 is not allowed: must be a mapping (key: value)');
  });
});

describe('the detector section of a scenario', () => {
  const MINIMAL = 'name: m\nseed: 1\nluminosity: { totalFb: 1, periods: [{ name: p, luminosityFb: 1, twoTrackTriggerMinDeltaPhiDeg: 90 }] }\n';

  it('a stage of unknown type is one line naming the stage and the allowed types', () => {
    expect(() => parseScenario(`${MINIMAL}detector: { stages: [{ type: nosuch }] }\n`, 'x.yaml')).toThrow(
      /^x\.yaml: detector\.stages\[0\]\.type = "nosuch" is not allowed: must be one of "[a-zA-Z]+"(, "[a-zA-Z]+")*$/,
    );
  });

  it('messages are always one line', () => {
    expect(new ScenarioError('a\n  b').message).toBe('a b');
  });
});
