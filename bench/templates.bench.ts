/**
 * Templates of the default scenario: Monte Carlo luminosity after the full selection per CPU
 * second for each background, the CPU time of one signal hypothesis, and the projected time of the
 * whole default template set on 2 cores with every background at 5× the data luminosity after
 * selection (the floor: 10 minutes, issue "selection/templates").
 */
import { scenarioDetector } from '../src/runner/scenarioDetector.js';
import { runTemplateSample, type TemplateAxes } from '../src/runner/templates/sample.js';
import { backgroundGenerator, signalGenerator } from '../src/runner/templates/tasks.js';
import { massGrid, resolutionCurveFromPoints } from '../src/scan/massGrid.js';
import { defaultScenarioPath, loadScenario } from '../src/scenario/index.js';
import { sampleSelection } from '../src/selection/index.js';
import type { BenchSuite } from './harness.js';

function cpuSeconds(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

export const templatesSuite: BenchSuite = {
  title: 'templates: MC luminosity after selection per CPU second, and the default template set projected on 2 cores',
  run() {
    const scenario = loadScenario(defaultScenarioPath());
    const detector = scenarioDetector(scenario);
    const t = scenario.templates;
    const L = scenario.luminosity.totalFb;
    const selection = sampleSelection('signal', scenario.selection);
    const axes: TemplateAxes = { m2Edges: Float64Array.of(-10, 100), thetaCMEdges: Float64Array.of(0, Math.PI) };
    let projected = 0;
    for (const process of Object.keys(t.backgrounds)) {
      const events = 200_000;
      let ratio = 0;
      const seconds = cpuSeconds(() => {
        const generator = backgroundGenerator(scenario, process);
        const result = runTemplateSample(generator, { stream: `bench/${process}`, events, seed: scenario.seed }, detector, scenario.selection, selection, t.fiducial, axes);
        const scale = (result.sigmaPb * L * 1000) / result.cutflow.totalWeight;
        const cell = 1 + 3; // the one regular cell of the 1 × 1 plane: ix = 1, iy = 1, stride 3
        const sumw = result.hist.sumw[cell] * scale;
        const sumw2 = result.hist.sumw2[cell] * scale * scale;
        ratio = sumw2 > 0 ? sumw / sumw2 : 0;
      });
      const perSecond = ratio / seconds;
      const needed = perSecond > 0 ? 5 / perSecond : Number.POSITIVE_INFINITY;
      projected += needed;
      console.log(`  ${process.padEnd(8)} ${(events / seconds / 1e3).toFixed(1).padStart(7)} k generated events/CPU s   MC/data luminosity after selection ${perSecond.toExponential(2)} per CPU s   5x needs ${needed.toFixed(0)} CPU s`);
    }
    const curve = resolutionCurveFromPoints([{ m2_GeV2: 0, sigma_m2_GeV2: 0.02 }, { m2_GeV2: 9, sigma_m2_GeV2: 0.27 }, { m2_GeV2: 80, sigma_m2_GeV2: 0.067 }]);
    const hypotheses = massGrid(curve).massGeV.length;
    const masses = [0.5, 3, 7];
    const perMass = masses.map((massGeV) =>
      cpuSeconds(() => {
        const generator = signalGenerator(scenario, massGeV);
        runTemplateSample(generator, { stream: `bench/signal/${massGeV}`, events: t.signalEventsPerMass, seed: scenario.seed }, detector, scenario.selection, selection, t.fiducial, axes);
      }),
    );
    const meanPerMass = perMass.reduce((a, b) => a + b, 0) / perMass.length;
    projected += meanPerMass * hypotheses;
    console.log(`  signal   ${meanPerMass.toFixed(2)} CPU s per hypothesis (${t.signalEventsPerMass} events, warm-up included) x ${hypotheses} hypotheses = ${(meanPerMass * hypotheses).toFixed(0)} CPU s`);
    const minutes = projected / 2 / 60;
    console.log(`  default template set projected on 2 cores: ${minutes.toFixed(1)} min  (floor 10 min: ${minutes <= 10 ? 'ok' : 'BELOW'})`);
  },
};
