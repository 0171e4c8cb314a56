import { z } from 'zod';

/**
 * The `generators` section of a scenario: one key per process, each with the settings that its
 * generator file defines (and defaults for). Use `.prefault({})` so inner defaults apply.
 */
export const GeneratorsSettings = z.strictObject({});

export type GeneratorsSettings = z.infer<typeof GeneratorsSettings>;
