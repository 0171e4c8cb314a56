/**
 * e⁺e⁻ → e⁺e⁻μ⁺μ⁻ importance sampling towards the paper's selection (EemumuSettings.selectionBias):
 * effective selected events N_eff = (Σw)²/Σw² after the generator-level fiducial cut, the default
 * scenario's detector and the search sample's selection (PRL 130, 231801, pp. 2–3), per CPU second,
 * for the unbiased generator (unweighted, as the templates make it today) and the biased one
 * (weighted), run through the template chain exactly as src/runner/templates/sample.ts does.
 */
import { EemumuSettings } from '../generators/eemumu.js';
import { findProcess } from '../generators/index.js';
import { ALPHA_EM_0 } from '../src/physics/constants.js';
import { scenarioBeamEnergySpread } from '../src/runner/beamEnergySpread.js';
import { scenarioDetector } from '../src/runner/scenarioDetector.js';
import { runTemplateSample, type TemplateAxes } from '../src/runner/templates/sample.js';
import { defaultScenarioPath, loadScenario } from '../src/scenario/index.js';
import { sampleSelection } from '../src/selection/index.js';
import type { BenchSuite } from './harness.js';


export interface SelectedRate {
  /** σ of the generator (pb) and its Monte Carlo error. */
  readonly sigmaPb: number;
  readonly sigmaErrPb: number;
  /** σ after fiducial cut, detector and selection (pb), and its Monte Carlo error. */
  readonly selectedPb: number;
  readonly selectedErrPb: number;
  /** Effective selected events (Σw)²/Σw². */
  readonly nEff: number;
  readonly cpuSeconds: number;
  readonly generated: number;
}

/**
 * Runs `events` eeμμ events with the scenario's generator settings and `overrides` through the
 * template chain of the default scenario and measures the selected yield and N_eff per CPU second.
 */
export function measureSelectedRate(overrides: Readonly<Record<string, unknown>>, weighted: boolean, events: number, stream: string): SelectedRate {
  const scenario = loadScenario(defaultScenarioPath());
  const detector = scenarioDetector(scenario);
  const selection = sampleSelection('signal', scenario.selection);
  const axes: TemplateAxes = { m2Edges: Float64Array.of(-100, 200), thetaCMEdges: Float64Array.of(0, Math.PI) };
  const definition = findProcess('eemumu');
  if (definition === undefined) throw new Error('eemumu is not a registered process');
  const options = { beams: scenario.beams, beamEnergySpread: scenarioBeamEnergySpread(scenario, 'eemumu'), isr: true, alphaEM: ALPHA_EM_0, weighted };
  const start = process.cpuUsage();
  const generator = definition.createFromInput(EemumuSettings.parse({ ...scenario.generators.eemumu, ...overrides }), options, scenario.seed);
  const result = runTemplateSample(generator, { stream, events, seed: scenario.seed }, detector, scenario.selection, selection, scenario.templates.fiducial, axes);
  const used = process.cpuUsage(start);
  const cell = 1 + 3; // the one regular cell of the 1 × 1 plane: ix = 1, iy = 1, stride 3
  const sumw = result.hist.sumw[cell];
  const sumw2 = result.hist.sumw2[cell];
  const scale = result.sigmaPb / result.cutflow.totalWeight;
  return {
    sigmaPb: result.sigmaPb,
    sigmaErrPb: result.sigmaErrPb,
    selectedPb: sumw * scale,
    selectedErrPb: Math.sqrt(sumw2) * scale,
    nEff: sumw2 > 0 ? (sumw * sumw) / sumw2 : 0,
    cpuSeconds: (used.user + used.system) / 1e6,
    generated: events,
  };
}

export const eemumuBiasSuite: BenchSuite = {
  title: 'eemumu bias: effective selected events (Σw)²/Σw² per CPU second after detector and selection, EPA unbiased vs selectionBias, and the exact model with its fiducial requirement',
  run() {
    const L = loadScenario(defaultScenarioPath()).luminosity.totalFb;
    const runs = [
      { label: 'EPA unbiased (unweighted)', rate: measureSelectedRate({ model: 'equivalentPhoton' }, false, 400_000, 'bench/eemumu') },
      { label: 'EPA selectionBias (weighted)', rate: measureSelectedRate({ model: 'equivalentPhoton', selectionBias: { enabled: true } }, true, 200_000, 'bench/eemumu-bias') },
      { label: 'exact, fiducial (weighted)', rate: measureSelectedRate({ model: 'exact', exact: { fiducial: { enabled: true } } }, true, 100_000, 'bench/eemumu-exact') },
    ];
    const perSecond = runs.map(({ rate }) => rate.nEff / rate.cpuSeconds);
    runs.forEach(({ label, rate }, i) => {
      // MC/data luminosity after selection: N_eff over the data's expected selected events σ_sel·L.
      const lumiRatio = rate.nEff / (rate.selectedPb * L * 1000);
      console.log(
        `  ${label.padEnd(26)} σ ${(rate.sigmaPb / 1e3).toFixed(3)} ± ${(rate.sigmaErrPb / 1e3).toFixed(3)} nb   selected ${rate.selectedPb.toFixed(2)} ± ${rate.selectedErrPb.toFixed(2)} pb   ` +
          `N_eff ${rate.nEff.toFixed(0)} in ${rate.cpuSeconds.toFixed(1)} CPU s: ${perSecond[i].toFixed(1)} /CPU s   MC/data luminosity ${(lumiRatio / rate.cpuSeconds).toExponential(2)} per CPU s`,
      );
    });
    console.log(`  gain in N_eff per CPU second: ${(perSecond[1] / perSecond[0]).toFixed(1)}x`);
  },
};
