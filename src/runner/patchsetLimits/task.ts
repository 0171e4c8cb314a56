import { FitError, modelFromWorkspace, type PatchInputs, patchedWorkspace, type TestStatistic, upperLimit, WorkspaceError } from '../../fit/index.js';

/**
 * One signal point of a published likelihood: the background-only workspace with one patch of its
 * patchset, and its asymptotic CLs upper limit on the POI.
 */

export interface PatchLimitSetup {
  readonly inputs: PatchInputs;
  readonly measurement?: string;
  readonly cl: number;
  readonly testStat: TestStatistic;
}

/** The limit of one patch, or why there is none (`input`: the patched workspace is invalid; `fit`: a fit failed). */
export type PatchLimit =
  | {
      readonly name: string;
      readonly values: readonly (number | string)[];
      readonly obs: number;
      /** Expected limits at −2σ, −1σ, median, +1σ, +2σ (pyhf's order). */
      readonly exp: readonly number[];
      readonly evaluations: number;
      readonly ignoredParameters: readonly string[];
      readonly measurement: string;
    }
  | { readonly name: string; readonly values: readonly (number | string)[]; readonly error: string; readonly kind: 'input' | 'fit' };

export function patchLimit(setup: PatchLimitSetup, index: number): PatchLimit {
  const patchset = setup.inputs.patchset;
  if (patchset === undefined) throw new RangeError('patchLimit needs a patchset');
  const { name, values } = patchset.patchset.patches[index].metadata;
  try {
    const { workspace, label } = patchedWorkspace(setup.inputs, name, setup.measurement);
    let built;
    try {
      built = modelFromWorkspace(workspace, { measurement: setup.measurement });
    } catch (error) {
      if (error instanceof WorkspaceError) throw new WorkspaceError(`${label}: ${error.message}`);
      throw error;
    }
    const r = upperLimit(built.model, built.data, { cl: setup.cl, testStat: setup.testStat, calculator: 'asymptotic' });
    if (![r.obs, ...r.exp].every(Number.isFinite)) return { name, values, error: `the upper limit came out as ${[r.obs, ...r.exp].join(', ')}`, kind: 'fit' };
    return { name, values, obs: r.obs, exp: r.exp, evaluations: r.evaluations, ignoredParameters: built.model.ignoredParameters, measurement: built.measurement };
  } catch (error) {
    if (error instanceof WorkspaceError) return { name, values, error: error.message, kind: 'input' };
    if (error instanceof FitError) return { name, values, error: error.message, kind: 'fit' };
    throw error;
  }
}
