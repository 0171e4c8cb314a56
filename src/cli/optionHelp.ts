/**
 * Help texts and the names they list, for the command definitions that commander reads on every
 * start-up: nothing here imports the library, so that `zprime-mc --help` stays quick. Where a list
 * repeats one of the library's (the processes, the selections), a test checks that they agree.
 */

/** Help text of the `--scenario` option that every scenario-driven sub-command shares. */
export const SCENARIO_OPTION_HELP = 'scenario YAML file (default: the packaged scenarios/belle2-2023.yaml)';

/** Help text of the `--seed` option that every sub-command shares. */
export const SEED_OPTION_HELP = "master seed, a non-negative integer (default: the scenario's seed)";

/** The registered processes (generators/registry.ts), in the order the help lists them. */
export const PROCESS_NAMES: readonly string[] = ['signal', 'mumu', 'tautau', 'eemumu', 'ee', 'pipi', 'eeee'];

/** The offline selections of `simulate --selection` (src/selection/cuts.ts), the search sample first. */
export const SAMPLE_SELECTION_NAMES: readonly string[] = ['signal', 'mumugamma', 'emu', 'ee'];
