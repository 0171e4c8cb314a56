/**
 * Background templates after the search selection (Belle II, PRL 130, 231801 (2023), p. 2–3):
 * effective selected events per CPU second, N_eff = (Σw)²/Σw² over the events that pass the default
 * scenario's detector and selection (without the Punzi-net), for μμ(γ) and ττ(γ), unbiased (today's
 * unweighted production, and weighted) against the template biases (generators/mumu.ts
 * `hardRadiationBias`, generators/tautau.ts `channelBias`) with and without the fiducial
 * requirement. CPU time is the process's user + system time of generation, detector and
 * selection (the warm-up, once per generator, is reported apart). No floor: the figure to watch is
 * the gain over the unweighted unbiased sample.
 */
import { findProcess } from '../generators/index.js';
import type { GeneratorOptions } from '../generators/process.js';
import { ALPHA_EM_0 } from '../src/physics/constants.js';
import { createStream } from '../src/random/index.js';
import { scenarioDetector } from '../src/runner/scenarioDetector.js';
import { defaultScenarioPath, loadScenario } from '../src/scenario/index.js';
import { applySelection, sampleSelection } from '../src/selection/index.js';
import type { BenchSuite } from './harness.js';

const BATCH = 10_000;

/** CPU seconds (user + system) of this process. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

interface Case {
  readonly label: string;
  readonly settings: object;
  readonly weighted: boolean;
  readonly events: number;
}

function measureCase(processName: string, c: Case, baseline: number | null): number {
  const scenario = loadScenario(defaultScenarioPath());
  const detector = scenarioDetector(scenario);
  const selection = sampleSelection('signal', scenario.selection);
  const options: GeneratorOptions = { beams: scenario.beams, beamEnergySpread: true, isr: true, alphaEM: ALPHA_EM_0, weighted: c.weighted };
  const definition = findProcess(processName);
  if (definition === undefined) throw new RangeError(`no process ${processName}`);
  const t0 = cpuSeconds();
  const generator = definition.createFromInput({ ...scenario.generators[definition.name], ...c.settings }, options, scenario.seed);
  const warmup = cpuSeconds() - t0;
  let generation = 0;
  let reconstruction = 0;
  let selected = 0;
  let sumW = 0;
  let sumW2 = 0;
  for (let k = 0; k * BATCH < c.events; k++) {
    const a = cpuSeconds();
    const truth = generator.generate(Math.min(BATCH, c.events - k * BATCH), createStream(scenario.seed, processName, k));
    const b = cpuSeconds();
    const { batch } = detector.reconstruct(truth, scenario.seed, k);
    const { passed } = applySelection(batch, detector.env.frame, scenario.selection, selection);
    reconstruction += cpuSeconds() - b;
    generation += b - a;
    for (let i = 0; i < batch.nEvents; i++) {
      if (passed[i] !== selection.steps.length) continue;
      selected++;
      sumW += batch.weight[i];
      sumW2 += batch.weight[i] * batch.weight[i];
    }
  }
  const nEff = sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
  const rate = nEff / (generation + reconstruction);
  const stats = generator.stats();
  const gain = baseline === null ? '' : `  gain ${(rate / baseline).toFixed(1)}x`;
  console.log(
    `  ${`${processName} ${c.label}`.padEnd(34)} σ ${stats.sigmaPb.toPrecision(5).padStart(8)} pb  selected ${(selected / c.events).toExponential(2)}  ` +
      `N_eff ${nEff.toFixed(0).padStart(6)}  cpu ${generation.toFixed(1)} + ${reconstruction.toFixed(1)} s (warm-up ${warmup.toFixed(1)} s)  ` +
      `${rate.toFixed(0).padStart(6)} N_eff/s${gain}`,
  );
  return rate;
}

function runProcess(processName: string, cases: readonly Case[]): void {
  let baseline: number | null = null;
  for (const c of cases) {
    const rate = measureCase(processName, c, baseline);
    baseline ??= rate;
  }
}

export const templateBiasSuite: BenchSuite = {
  title: 'templates: effective selected events per CPU second, biased vs unbiased (mumu, tautau)',
  run() {
    const mumuBias = { hardRadiationBias: { enabled: true } };
    const mumuFiducial = { fiducial: { enabled: true } };
    runProcess('mumu', [
      { label: 'unbiased, unweighted', settings: {}, weighted: false, events: 400_000 },
      { label: 'unbiased, weighted', settings: {}, weighted: true, events: 400_000 },
      { label: 'hardRadiationBias', settings: mumuBias, weighted: true, events: 200_000 },
      { label: 'fiducial', settings: mumuFiducial, weighted: true, events: 50_000 },
      { label: 'hardRadiationBias + fiducial', settings: { ...mumuBias, ...mumuFiducial }, weighted: true, events: 50_000 },
    ]);
    const tauBias = { channelBias: { enabled: true } };
    const tauFiducial = { fiducial: { enabled: true } };
    runProcess('tautau', [
      { label: 'unbiased, unweighted', settings: {}, weighted: false, events: 100_000 },
      { label: 'unbiased, weighted', settings: {}, weighted: true, events: 100_000 },
      { label: 'channelBias', settings: tauBias, weighted: true, events: 50_000 },
      { label: 'fiducial', settings: tauFiducial, weighted: true, events: 50_000 },
      { label: 'channelBias + fiducial', settings: { ...tauBias, ...tauFiducial }, weighted: true, events: 50_000 },
    ]);
  },
};
