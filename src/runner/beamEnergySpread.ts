import type { Scenario } from '../scenario/index.js';

/**
 * Whether a scenario smears the beam energies for a process: its `generators.<process>.beamEnergySpread`
 * where the process has that setting (the signal: off, as the paper's MadGraph sample), else on.
 */
export function scenarioBeamEnergySpread(scenario: Scenario, process: string): boolean {
  const settings = (scenario.generators as Record<string, unknown>)[process];
  if (typeof settings === 'object' && settings !== null && 'beamEnergySpread' in settings && typeof settings.beamEnergySpread === 'boolean') {
    return settings.beamEnergySpread;
  }
  return true;
}
