import { readFileSync } from 'node:fs';
import { FitError, type Model, modelFromWorkspace, readWorkspace, type TestStatistic, TEST_STATISTICS, WorkspaceError } from '../fit/index.js';
import { InputError } from './errors.js';

/** What the sub-commands on pyhf JSON workspaces (`fit`, `hypotest`, `upper-limit`) share. */

/** Reads a pyhf workspace file and builds the model of one measurement; bad input → InputError. */
export function loadWorkspaceModel(path: string, measurement: string | undefined): { model: Model; data: Float64Array; measurement: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read workspace ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const loaded = modelFromWorkspace(readWorkspace(text), { measurement });
    warnIgnoredParameters(path, loaded.measurement, loaded.model.ignoredParameters);
    return loaded;
  } catch (error) {
    if (error instanceof WorkspaceError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

/** One stderr line naming the measurement's parameter settings that no modifier uses (pyhf ignores them too). */
function warnIgnoredParameters(path: string, measurement: string, names: readonly string[]): void {
  if (names.length === 0) return;
  const list = names.map((n) => `"${n}"`).join(', ');
  process.stderr.write(`zprime-mc: warning: ${path}: measurement "${measurement}" sets ${names.length === 1 ? 'parameter' : 'parameters'} ${list} that no modifier of the model uses; ignored, as pyhf does\n`);
}

/** Parses `--test-stat`. */
export function parseTestStat(text: string, allowed: readonly TestStatistic[] = TEST_STATISTICS): TestStatistic {
  const t = text === 'qmu_tilde' ? 'qtilde' : text === 'qmu' ? 'q' : text;
  const hit = allowed.find((a) => a === t);
  if (hit === undefined) throw new InputError(`--test-stat ${text} is not allowed: use one of ${allowed.join(', ')}`);
  return hit;
}

/** Parses `--calc` (pyhf's names `asymptotics`/`toybased` are accepted too). */
export function parseCalc(text: string): 'asymptotic' | 'toybased' {
  if (text === 'asymptotic' || text === 'asymptotics') return 'asymptotic';
  if (text === 'toybased' || text === 'toys') return 'toybased';
  throw new InputError(`--calc ${text} is not allowed: use asymptotic or toybased`);
}

/** Runs library code, turning a non-converged fit into a one-line error. */
export function reportingFitErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof FitError) throw new InputError(`fit failed: ${error.message}`);
    throw error;
  }
}
