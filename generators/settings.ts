import { z } from 'zod';
import { MumuSettings } from './mumu.js';
import { EeSettings } from './ee.js';
import { SignalSettings } from './signal.js';
import { TautauSettings } from './tautau.js';
import { EemumuSettings } from './eemumu.js';
import { PipiSettings } from './pipi.js';
import { EeeeSettings } from './eeee.js';

/**
 * The `generators` section of a scenario: one key per process, each with the settings that its
 * generator file defines (and defaults for). Use `.prefault({})` so inner defaults apply.
 */
export const GeneratorsSettings = z.strictObject({
  mumu: MumuSettings.prefault({}),
  ee: EeSettings.prefault({}),
  signal: SignalSettings.prefault({}),
  tautau: TautauSettings.prefault({}),
  eemumu: EemumuSettings.prefault({}),
  pipi: PipiSettings.prefault({}),
  eeee: EeeeSettings.prefault({}),
});

export type GeneratorsSettings = z.infer<typeof GeneratorsSettings>;
