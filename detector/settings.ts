import { z } from 'zod';
import { stageTypes } from './stages/index.js';

/**
 * The `detector` section of a scenario: every number of the parametric Belle II model, with its
 * source; the code of the stages holds none. `stages` lists the stage instances in the order they
 * run (Delphes' ExecutionPath); each entry is `{type, name?, ...settings}` and every setting left
 * out takes its default from the stage's schema. A type may appear several times under different
 * names.
 */
export const StageSettings = z.discriminatedUnion('type', [stageTypes[0].schema, ...stageTypes.slice(1).map((t) => t.schema)]);
export type StageSettings = z.infer<typeof StageSettings>;

/** The standard Belle II chain: beam spot → tracking → ECL (+ beam background) → PID → trigger. */
export const DEFAULT_STAGES = [
  { type: 'beamSpot' },
  { type: 'tracking' },
  { type: 'ecl' },
  { type: 'eclBeamBackground' },
  { type: 'muonId' },
  { type: 'electronId' },
  { type: 'trigger' },
] as const;

export const DetectorSettings = z.strictObject({
  /** Solenoid field, T (basf2 online book, 02-datataking.rst: 1.5 T). */
  magneticFieldT: z.number().positive().default(1.5),
  stages: z
    .array(StageSettings)
    .prefault([...DEFAULT_STAGES])
    .superRefine((stages, ctx) => {
      const seen = new Set<string>();
      stages.forEach((s, index) => {
        const name = s.name ?? s.type;
        if (seen.has(name)) {
          ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `stage name "${name}" is used twice; give each instance its own name` });
        }
        seen.add(name);
      });
    }),
});

export type DetectorSettings = z.infer<typeof DetectorSettings>;
