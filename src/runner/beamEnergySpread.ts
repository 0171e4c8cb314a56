import type { ProcessName } from '../../generators/registry.js';
import type { Scenario } from '../scenario/index.js';

/**
 * Whether a scenario smears the beam energies for a process: its `generators.<process>.beamEnergySpread`
 * where the process has that setting (the signal: off, as the paper's MadGraph sample), else on.
 */
export function scenarioBeamEnergySpread(scenario: Scenario, process: ProcessName): boolean {
  const settings = scenario.generators[process];
  return 'beamEnergySpread' in settings ? settings.beamEnergySpread : true;
}
