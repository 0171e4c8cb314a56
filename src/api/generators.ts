/**
 * `zprime-mc/generators`: the event generators of the signal e⁺e⁻ → μ⁺μ⁻Z′ and of the μμ(γ),
 * ττ(γ), eeμμ and ee(γ) backgrounds. A generator is created once per (settings, seed), runs its
 * warm-up, then makes batches of lab-frame truth events from random streams; `stats()` gives σ in
 * pb with its Monte Carlo error. `findProcess(name).create(settings, options, seed)` creates any
 * registered process from its (validated) scenario section, `createFromInput(input, options, seed)`
 * from plain data, validated once; `zprime-mc/runner` has the scenario-level shortcuts
 * (`signalGenerator`, `backgroundGenerator`).
 */
export * from '../../generators/index.js';
export type { CrossSection, EventGenerator, GenerationStats, GeneratorOptions } from '../../generators/process.js';
export { GeneratorsSettings } from '../../generators/registry.js';
export { createSignalGenerator, parseSignalSettings, SignalGenerator, SignalSettings, signalProcess, xsecMasses } from '../../generators/signal.js';
export { createMumuGenerator, MumuSettings, mumuProcess, parseMumuSettings } from '../../generators/mumu.js';
export { parseTautauSettings, TautauGenerator, TautauSettings, tautauProcess } from '../../generators/tautau.js';
export { EemumuGenerator, EemumuSettings, eemumuProcess } from '../../generators/eemumu.js';
export { createEeGenerator, EeSettings, eeProcess } from '../../generators/ee.js';
export {
  gPrimeForAnomalousMoment,
  muonAnomalousMomentShift,
  zPrimeInvisibleBranchingFraction,
  zPrimeLeptonWidth,
  zPrimeNeutrinoWidth,
  zPrimeTotalWidth,
} from '../../generators/shared/zPrimeWidths.js';
