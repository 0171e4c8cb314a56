import { z } from 'zod';

/**
 * The `detector` section of a scenario: every number of the parametric Belle II model, with its
 * source; the code of the stages holds none.
 */
export const DetectorSettings = z.strictObject({});

export type DetectorSettings = z.infer<typeof DetectorSettings>;
