/**
 * Backgrounds e+e- → τ+τ-(γ) and e+e- → e+e-μ+μ-: unweighted events per second on one core
 * (ISR and beam-energy spread on, as in production), with the unweighting efficiency and σ.
 * Floors: 200 k events/s each (issue 3); the exact e⁺e⁻μ⁺μ⁻ model 100 k events/s (issue 12).
 */
import { EemumuGenerator, EemumuSettings } from '../generators/eemumu.js';
import { EemumuExactGenerator, EemumuExactSettings } from '../generators/eemumuExact.js';
import type { EventGenerator, GeneratorOptions } from '../generators/process.js';
import { TautauGenerator, TautauSettings } from '../generators/tautau.js';
import { SUPERKEKB_Y4S } from '../src/physics/beams.js';
import { ALPHA_EM_0 } from '../src/physics/constants.js';
import { createStream } from '../src/random/index.js';
import { type BenchSuite, measure, report } from './harness.js';

const EVENTS_PER_CALL = 5000;

/** Times unweighted batches of a generator (wall clock and CPU time) and prints its efficiency and σ; `floor` in events/s. */
export function runUnweighted(name: string, processName: string, generator: EventGenerator, floor = 200_000, calls = 100): void {
  let batch = 0;
  const result = measure({
    name,
    opsPerCall: EVENTS_PER_CALL,
    run: () => generator.generate(EVENTS_PER_CALL, createStream(1, processName, batch++)),
  });
  const label = `${floor / 1000} k/s`;
  report(result, { opsPerSecond: floor, label });
  // The same work timed by the process's CPU time, which other jobs on a shared machine do not inflate.
  const start = process.cpuUsage();
  for (let c = 0; c < calls; c++) generator.generate(EVENTS_PER_CALL, createStream(1, processName, batch++));
  const used = process.cpuUsage(start);
  const rate = (calls * EVENTS_PER_CALL) / ((used.user + used.system) / 1e6);
  report({ name: '  same, per CPU second', opsPerSecond: rate, secondsPerOp: 1 / rate, rounds: 1 }, { opsPerSecond: floor, label });
  const stats = generator.stats();
  console.log(`    unweighting efficiency ${stats.unweightingEfficiency.toFixed(3)}, overweight fraction ${stats.overweightFraction.toExponential(1)}, σ = ${stats.sigmaPb.toPrecision(4)} ± ${stats.sigmaErrPb.toPrecision(2)} pb`);
}

export const tautauEemumuSuite: BenchSuite = {
  title: 'backgrounds: e+e- -> tau+tau-(gamma) and e+e- -> e+e-mu+mu- unweighted events',
  run() {
    const options: GeneratorOptions = { beams: SUPERKEKB_Y4S, beamEnergySpread: true, isr: true, alphaEM: ALPHA_EM_0, weighted: false };
    runUnweighted('tautau: ISR, spin correlations, decays, beam spread', 'tautau', new TautauGenerator(TautauSettings.parse({}), options, 1));
    runUnweighted('eemumu: EPA with Q², W > 0.5 GeV, beam spread', 'eemumu', new EemumuGenerator(EemumuSettings.parse({ model: 'equivalentPhoton' }), options, 1));
    // The exact model (issue 12 floor: 100 k/s), without cuts and with the templates' generator-level muon requirement.
    runUnweighted('eemumu exact: multiperipheral |M|², W > 0.5 GeV, beam spread', 'eemumu', new EemumuExactGenerator(0.5, EemumuExactSettings.parse({}), options, 1), 100_000, 20);
    runUnweighted('eemumu exact: with the muon fiducial requirement', 'eemumu', new EemumuExactGenerator(0.5, EemumuExactSettings.parse({ fiducial: { enabled: true } }), options, 1), 100_000, 1);
  },
};
