/**
 * Backgrounds e+e- → π+π-(γ) and e+e- → e+e-e+e-: unweighted events per second on one core (ISR
 * and beam-energy spread on, as in production), with the unweighting efficiency and σ. Floor:
 * 200 k events/s, as for the other backgrounds.
 */
import { createEeeeGenerator, EeeeSettings } from '../generators/eeee.js';
import { createPipiGenerator, PipiSettings } from '../generators/pipi.js';
import type { GeneratorOptions } from '../generators/process.js';
import { SUPERKEKB_Y4S } from '../src/physics/beams.js';
import { ALPHA_EM_0 } from '../src/physics/constants.js';
import { runUnweighted } from './backgrounds-tautau-eemumu.bench.js';
import type { BenchSuite } from './harness.js';

export const pipiEeeeSuite: BenchSuite = {
  title: 'backgrounds: e+e- -> pi+pi-(gamma) and e+e- -> e+e-e+e- unweighted events',
  run() {
    const options: GeneratorOptions = { beams: SUPERKEKB_Y4S, beamEnergySpread: true, isr: true, alphaEM: ALPHA_EM_0, weighted: false };
    runUnweighted('pipi: form factor, ISR radiative return, beam spread', 'pipi', createPipiGenerator(PipiSettings.parse({}), options, 1));
    runUnweighted('eeee: EPA with Q², gamma gamma -> e+e-, W > 0.5 GeV, beam spread', 'eeee', createEeeeGenerator(EeeeSettings.parse({}), options, 1));
  },
};
