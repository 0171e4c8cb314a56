import { readFileSync, writeFileSync } from 'node:fs';
import { defaultScenarioPath } from '../../src/scenario/index.js';

/** Writes the default scenario with its templates section replaced by `templates` (the YAML lines under `templates:`). */
export function writeScenarioWithTemplates(path: string, templates: string): void {
  const defaultText = readFileSync(defaultScenarioPath(), 'utf8');
  if (!defaultText.includes('\ntemplates:\n')) throw new Error('the default scenario has no templates section: update this test helper');
  writeFileSync(path, `${defaultText.slice(0, defaultText.indexOf('\ntemplates:\n'))}\ntemplates:\n${templates}`);
}

/**
 * Writes the default scenario with its templates section replaced by a quick one: hypotheses from 2
 * to 2.2 GeV (three near 2 GeV) and small samples, so that commands built on templates run in seconds.
 */
export function writeQuickScenario(path: string, sizes: { readonly signalEventsPerMass: number; readonly mumuEvents: number }): void {
  writeScenarioWithTemplates(
    path,
    `  minMassGeV: 2
  maxMassGeV: 2.2
  resolutionMassesGeV: [1.5, 2, 2.5]
  resolutionEventsPerMass: 2000
  signalEventsPerMass: ${sizes.signalEventsPerMass}
  backgrounds:
    mumu: { events: ${sizes.mumuEvents} }
    tautau: { events: 20000 }
    eemumu: { events: 20000 }
`,
  );
}
