import { z } from 'zod';
import { DetectorSettings } from '../../detector/settings.js';
import { GeneratorsSettings } from '../../generators/registry.js';
import { BeamsSection } from './beams.js';
import { FitSection } from './fit.js';
import { LuminositySection } from './luminosity.js';
import { PunziNetSection } from './punziNet.js';
import { SelectionSection } from './selection.js';
import { TemplatesSection } from './templates.js';

/**
 * A scenario file: one top-level key per section. Each section's schema lives beside the code that
 * uses it (generators/, detector/) or here; this composes them. Defaults live only in the schemas.
 */
export const ScenarioSchema = z.strictObject({
  name: z.string().min(1).describe('short name of the scenario'),
  description: z.string().default('').describe('what the scenario is for'),
  extends: z
    .string()
    .optional()
    .describe('a scenario file (relative to this one) whose keys this one starts from: mappings merge key by key, lists and values are replaced'),
  seed: z.int().nonnegative().describe('master seed: every random stream is derived from (seed, purpose, index)'),
  luminosity: LuminositySection,
  beams: BeamsSection.prefault({}),
  generators: GeneratorsSettings.prefault({}),
  detector: DetectorSettings.prefault({}),
  selection: SelectionSection.prefault({}),
  punziNet: PunziNetSection.prefault({}),
  fit: FitSection.prefault({}),
  templates: TemplatesSection.prefault({}),
});

/** A loaded scenario, in the library's units (GeV, cm, rad, fractions). */
export type Scenario = z.output<typeof ScenarioSchema>;

/** A scenario as written in a file (units in the keys: Deg, Mrad, MeV, Percent). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
