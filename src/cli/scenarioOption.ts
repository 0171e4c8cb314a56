import { loadScenarioNetwork } from '../runner/scenarioNetwork.js';
import type { TemplateNetwork } from '../runner/templates/build.js';
import { defaultScenarioPath, loadScenario, type Scenario, ScenarioError } from '../scenario/index.js';
import { PunziNetFileError } from '../selection/punziNet/file.js';
import { InputError } from './errors.js';

/** Parses `--seed`: a non-negative safe integer, else an InputError naming the flag. */
export function parseSeed(text: string): number {
  const seed = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(seed)) throw new InputError(`--seed ${text} is not allowed: must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`);
  return seed;
}

/**
 * Loads the scenario of `--scenario` (or the default one) and applies `--seed`; a bad file becomes an
 * InputError (one line, exit 2) carrying the scenario loader's message.
 */
export function loadScenarioOption(file: string | undefined, seed: string | undefined): { scenario: Scenario; file: string } {
  const path = file ?? defaultScenarioPath();
  try {
    const scenario = loadScenario(path);
    return { scenario: seed === undefined ? scenario : { ...scenario, seed: parseSeed(seed) }, file: path };
  } catch (error) {
    if (error instanceof ScenarioError) throw new InputError(error.message);
    throw error;
  }
}

/** The scenario's trained Punzi-net if one lies beside the scenario file; a bad file is an InputError naming it. */
export function loadNetworkOption(scenarioFile: string): TemplateNetwork | undefined {
  try {
    return loadScenarioNetwork(scenarioFile);
  } catch (error) {
    if (error instanceof PunziNetFileError) throw new InputError(error.message);
    throw error;
  }
}
