import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  FitError,
  type Model,
  modelFromWorkspace,
  parseJsonPatch,
  parsePatchset,
  patchedWorkspace,
  type PatchInputs,
  type TestStatistic,
  TEST_STATISTICS,
  type WorkspaceModel,
  WorkspaceError,
} from '../fit/index.js';
import { InputError, RunFailedError } from './errors.js';
import type { PatchFlags } from './patchOptions.js';

/** What the sub-commands on pyhf JSON workspaces (`fit`, `hypotest`, `upper-limit`) share. */

/** Reads a JSON file, gunzipping it first if it starts with the gzip magic bytes (HEPData likelihoods often ship as .json.gz). */
function readJson(path: string, what: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new InputError(`${path}: not a valid gzip file: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    throw new InputError(`${path}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs `work`, turning a WorkspaceError into an InputError (prefixed with `where`, if given). */
function naming<T>(where: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof WorkspaceError) throw new InputError(where === '' ? error.message : `${where}: ${error.message}`);
    throw error;
  }
}

/**
 * Reads the workspace, the patchset and the JSON patches named by the flags and validates the patch
 * files; `requirePatch` false allows `--patchset` without `--patch` (for `--all`).
 */
export function readPatchInputs(path: string, patches: PatchFlags, requirePatch = true): PatchInputs {
  if (patches.patch !== undefined && patches.patchset === undefined) throw new InputError(`--patch ${patches.patch} needs --patchset FILE (the patchset holding it)`);
  if (requirePatch && patches.patchset !== undefined && patches.patch === undefined) throw new InputError('--patchset needs --patch NAME (the signal point to apply)');
  const workspace = readJson(path, 'workspace');
  const psPath = patches.patchset;
  const patchset = psPath === undefined ? undefined : { label: psPath, patchset: naming(psPath, () => parsePatchset(readJson(psPath, 'patchset'))) };
  const jsonPatches = (patches.jsonPatch ?? []).map((file) => ({ label: file, patch: naming(file, () => parseJsonPatch(readJson(file, 'JSON patch'))) }));
  return { workspace, workspaceLabel: path, patchset, jsonPatches };
}

/** The model of one measurement of the patched workspace; bad input → InputError naming file, patch and field. */
export function buildWorkspaceModel(inputs: PatchInputs, patchName: string | undefined, measurement: string | undefined): WorkspaceModel {
  const { workspace, label } = naming('', () => patchedWorkspace(inputs, patchName, measurement));
  return naming(label, () => modelFromWorkspace(workspace, { measurement }));
}

/**
 * Reads a pyhf workspace file, applies the patchset patch and the JSON patches of `patches` (in that
 * order, as `pyhf patchset apply` then `pyhf cls -p` would), and builds the model of one measurement.
 * Bad input → InputError naming the file, the patch and the field.
 */
export function loadWorkspaceModel(path: string, measurement: string | undefined, patches: PatchFlags = {}): WorkspaceModel {
  const loaded = buildWorkspaceModel(readPatchInputs(path, patches), patches.patch, measurement);
  warnIgnoredParameters(path, loaded.measurement, loaded.model.ignoredParameters);
  return loaded;
}

/** One stderr line naming the measurement's parameter settings that no modifier uses (pyhf ignores them too). */
export function warnIgnoredParameters(path: string, measurement: string, names: readonly string[]): void {
  if (names.length === 0) return;
  const list = names.map((n) => `"${n}"`).join(', ');
  process.stderr.write(
    `zprime-mc: warning: ${path}: measurement "${measurement}" sets ${names.length === 1 ? 'parameter' : 'parameters'} ${list} that no modifier of the model uses; ignored, as pyhf does\n`,
  );
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

/** Runs library code, turning a non-converged fit into a one-line error with exit code 1. */
export function reportingFitErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof FitError) throw new RunFailedError(`fit failed: ${error.message}`);
    throw error;
  }
}

/**
 * `--mu` as a value of the model's POI: a number within the POI's bounds (pyhf's fits keep the POI
 * inside them, so a value outside is not a hypothesis the model can test).
 */
export function parsePoiValue(text: string, model: Model): number {
  const lo = model.lowerBounds[model.poiIndex];
  const hi = model.upperBounds[model.poiIndex];
  return parseNumberInRange(text, lo, hi, model.poiName ?? 'the POI');
}

function parseNumberInRange(text: string, lo: number, hi: number, name: string): number {
  const x = text.trim() === '' ? Number.NaN : Number(text);
  if (!(Number.isFinite(x) && x >= lo && x <= hi)) throw new InputError(`--mu ${text} is not allowed: must be a number within the bounds of ${name}, [${lo}, ${hi}]`);
  return x;
}

/** Throws a RunFailedError if a number about to be printed as a result is NaN or infinite. */
export function requireFinite(what: string, values: readonly number[]): void {
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RunFailedError(`${what} came out as ${bad}; no result printed`);
}
