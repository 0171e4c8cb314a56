import { describe, expect, it } from 'vitest';
import { scenarioBeamEnergySpread } from '../../src/runner/beamEnergySpread.js';
import { resolutionCurve } from '../../src/runner/resolution.js';
import { scenarioDetector } from '../../src/runner/scenarioDetector.js';
import { ALPHA_EM_0 } from '../../src/physics/constants.js';
import { defaultScenarioPath, loadScenario } from '../../src/scenario/index.js';

describe('resolutionCurve on the default scenario', () => {
  it('follows the paper in the configuration the scan uses: 0.23 GeV² at M² = 9 GeV², 0.06 GeV² at 80 GeV² (±25%)', () => {
    // PRL 130, 231801, p. 2: "The signal M²recoil resolution ranges from a minimum of 0.06 GeV²/c⁴ at 80 GeV²/c⁴
    // to a maximum of 0.23 GeV²/c⁴ at 9 GeV²/c⁴." The default scenario generates the signal as the paper did,
    // without beam-energy spread.
    const scenario = loadScenario(defaultScenarioPath());
    expect(scenarioBeamEnergySpread(scenario, 'signal')).toBe(false);
    expect(scenarioBeamEnergySpread(scenario, 'mumu')).toBe(true);
    const curve = resolutionCurve(
      {
        masses: [3, Math.sqrt(80)],
        eventsPerMass: 20_000,
        options: { beams: scenario.beams, beamEnergySpread: scenarioBeamEnergySpread(scenario, 'signal'), isr: true, alphaEM: ALPHA_EM_0, weighted: false },
        signalSettings: scenario.generators.signal,
        seed: scenario.seed,
      },
      scenarioDetector(scenario),
    );
    const [at9, at80] = curve.points;
    expect(Math.abs(at9.sigma_m2_GeV2 / 0.23 - 1)).toBeLessThan(0.25);
    expect(Math.abs(at80.sigma_m2_GeV2 / 0.06 - 1)).toBeLessThan(0.25);
  });
});
