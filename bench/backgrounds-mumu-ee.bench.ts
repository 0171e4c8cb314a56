/**
 * Backgrounds e+e- → μ+μ-(γ) and e+e- → e+e-(γ): unweighted events per second on one core (ISR,
 * FSR, running α and beam-energy spread on, as in production), with the unweighting efficiency and σ.
 * Floor: 300 k events/s for μμ(γ) (issue 3); none for ee(γ).
 */
import { createEeGenerator, EeSettings } from '../generators/ee.js';
import { createMumuGenerator, MumuSettings } from '../generators/mumu.js';
import type { EventGenerator, GeneratorOptions } from '../generators/process.js';
import { SUPERKEKB_Y4S } from '../src/physics/beams.js';
import { ALPHA_EM_0 } from '../src/physics/constants.js';
import { createStream } from '../src/random/index.js';
import { type BenchSuite, measure, report } from './harness.js';

const EVENTS_PER_CALL = 10_000;

function run(name: string, process: string, generator: EventGenerator, floor?: number): void {
  let batch = 0;
  const result = measure({
    name,
    opsPerCall: EVENTS_PER_CALL,
    run: () => generator.generate(EVENTS_PER_CALL, createStream(1, process, batch++)),
  });
  report(result, floor === undefined ? undefined : { opsPerSecond: floor, label: `${floor / 1000} k/s` });
  const stats = generator.stats();
  console.log(
    `    unweighting efficiency ${stats.unweightingEfficiency.toFixed(3)}, overweight fraction ${stats.overweightFraction.toExponential(1)}, σ = ${stats.sigmaPb.toPrecision(5)} ± ${stats.sigmaErrPb.toPrecision(2)} pb`,
  );
}

export const mumuEeSuite: BenchSuite = {
  title: 'backgrounds: e+e- -> mu+mu-(gamma) and e+e- -> e+e-(gamma) unweighted events',
  run() {
    const options: GeneratorOptions = { beams: SUPERKEKB_Y4S, beamEnergySpread: true, isr: true, alphaEM: ALPHA_EM_0, weighted: false };
    run('mumu: ISR, FSR, gamma/Z Born, running alpha, beam spread', 'mumu', createMumuGenerator(MumuSettings.parse({}), options, 1), 300_000);
    run('ee: Bhabha 10-170 deg, E > 0.15 GeV, ISR, FSR, beam spread', 'ee', createEeGenerator(EeSettings.parse({}), options, 1));
  },
};
