/**
 * Signal e+e- → μ+μ-Z′: unweighted events per second on one core (ISR and beam-energy spread on,
 * as in production), at Z′ masses across the search range, with the unweighting efficiency.
 * Floor: 50 k events/s (issue 3).
 */
import type { GeneratorOptions } from '../generators/process.js';
import { SignalGenerator, SignalSettings } from '../generators/signal.js';
import { SUPERKEKB_Y4S } from '../src/physics/beams.js';
import { ALPHA_EM_0 } from '../src/physics/constants.js';
import { createStream } from '../src/random/index.js';
import { type BenchSuite, measure, report } from './harness.js';

const EVENTS_PER_CALL = 5000;

export const signalSuite: BenchSuite = {
  title: 'signal: e+e- -> mu+mu- Z\' unweighted events',
  run() {
    const options: GeneratorOptions = { beams: SUPERKEKB_Y4S, beamEnergySpread: true, isr: true, alphaEM: ALPHA_EM_0, weighted: false };
    const cases: [number, number][] = [[0.1, 0], [2, 0], [8, 0], [2, 0.1]];
    for (const [massGeV, widthRatio] of cases) {
      const generator = new SignalGenerator(SignalSettings.parse({ massGeV, widthRatio }), options, 1);
      let batch = 0;
      const result = measure({
        name: `M = ${massGeV} GeV${widthRatio > 0 ? `, Γ/M = ${widthRatio}` : ''}, ISR + beam spread`,
        opsPerCall: EVENTS_PER_CALL,
        run: () => generator.generate(EVENTS_PER_CALL, createStream(1, 'signal', batch++)),
      });
      report(result, { opsPerSecond: 50_000, label: '50 k/s' });
      const stats = generator.stats();
      console.log(`    unweighting efficiency ${stats.unweightingEfficiency.toFixed(3)}, overweight fraction ${stats.overweightFraction.toExponential(1)}, σ = ${stats.sigmaPb.toPrecision(4)} ± ${stats.sigmaErrPb.toPrecision(2)} pb`);
    }
  },
};
