/**
 * The paper's search-window model as a pyhf workspace (PRL 130, 231801, p. 3: "Each fit is performed
 * in search windows of 20 M²recoil bins … Uncorrelated systematic uncertainties on the signal and
 * background shapes are included in the respective templates by introducing in each bin of the
 * template Gaussian nuisance parameters constrained by the corresponding uncertainties"; signal
 * efficiency 2.7–8.3%, luminosity 1%).
 *
 * pyhf expresses a Gaussian-constrained per-bin nuisance of one sample as a `staterror` modifier
 * whose name only that sample carries: γ_b multiplies the bin, with constraint Gaus(1 | γ_b, σ_b) and
 * σ_b the relative uncertainty (pyhf combines staterror only across samples with the *same* name).
 * `shapesys` would be Poisson-constrained instead, so it is not used here.
 *
 * Modifiers: signal — `mu` (normfactor, the POI), `signal_shape` (staterror), `signal_efficiency`
 * (normsys, hi/lo = 1 ± δ), `lumi`; background — `background_norm` (normfactor, free),
 * `background_shape` (staterror). Bins are flattened M²-major: bin = iM·nTheta + iθ.
 */
import { Model, modelFromWorkspace } from './model.js';
import type { Modifier, ParameterConfig, Workspace } from './workspace.js';
import { WorkspaceError } from './workspace.js';

/** Inputs of a window workspace. */
export interface WindowInput {
  /** Expected signal yield per bin at μ = 1. */
  readonly signal: ArrayLike<number>;
  /** Expected background yield per bin. */
  readonly background: ArrayLike<number>;
  /** Observed counts per bin (default: the background expectation, an Asimov data set). */
  readonly observed?: ArrayLike<number>;
  /** θ bins per M² bin (default 1); only recorded in the channel name. */
  readonly nTheta?: number;
  /** Relative per-bin signal shape uncertainty (one value, or one per bin); 0 omits the modifier. */
  readonly signalShapeUncertainty?: number | ArrayLike<number>;
  /** Relative per-bin background shape uncertainty (one value, or one per bin); 0 omits the modifier. */
  readonly backgroundShapeUncertainty?: number | ArrayLike<number>;
  /** Relative signal-efficiency uncertainty (normsys; default 0 = none). */
  readonly signalEfficiencyUncertainty?: number;
  /** Relative luminosity uncertainty (default 0.01, the paper's 1%; 0 = none). */
  readonly lumiUncertainty?: number;
  /** Bounds of the POI (default [0, 10], pyhf's normfactor default). */
  readonly poiBounds?: readonly [number, number];
  /** Channel name (default `window`). */
  readonly channel?: string;
}

function perBin(value: number | ArrayLike<number> | undefined, n: number, what: string): number[] {
  if (value === undefined) return new Array<number>(n).fill(0);
  if (typeof value === 'number') return new Array<number>(n).fill(value);
  if (value.length !== n) throw new WorkspaceError(`window: ${what} has ${value.length} values for ${n} bins`);
  return Array.from(value);
}

/**
 * Builds the pyhf workspace of one search window from arrays.
 *
 * @example
 * const ws = windowWorkspace({ signal: s, background: b, signalShapeUncertainty: 0.1, backgroundShapeUncertainty: 0.032 });
 */
export function windowWorkspace(input: WindowInput): Workspace {
  const n = input.signal.length;
  if (n === 0) throw new WorkspaceError('window: no bins');
  if (input.background.length !== n) throw new WorkspaceError(`window: background has ${input.background.length} bins, signal ${n}`);
  const signal = Array.from(input.signal);
  const background = Array.from(input.background);
  const observed = input.observed === undefined ? [...background] : Array.from(input.observed);
  if (observed.length !== n) throw new WorkspaceError(`window: observed has ${observed.length} bins, signal ${n}`);
  const sigRel = perBin(input.signalShapeUncertainty, n, 'signalShapeUncertainty');
  const bkgRel = perBin(input.backgroundShapeUncertainty, n, 'backgroundShapeUncertainty');
  for (const [name, arr] of [
    ['signal', signal],
    ['background', background],
    ['observed', observed],
    ['signalShapeUncertainty', sigRel],
    ['backgroundShapeUncertainty', bkgRel],
  ] as const) {
    arr.forEach((v, i) => {
      if (!(Number.isFinite(v) && v >= 0)) throw new WorkspaceError(`window: ${name}[${i}] = ${v} must be finite and ≥ 0`);
    });
  }
  const effUnc = input.signalEfficiencyUncertainty ?? 0;
  const lumiUnc = input.lumiUncertainty ?? 0.01;
  if (!(effUnc >= 0 && effUnc < 1)) throw new WorkspaceError(`window: signalEfficiencyUncertainty ${effUnc} must be in [0, 1)`);
  if (!(lumiUnc >= 0 && lumiUnc < 0.2)) throw new WorkspaceError(`window: lumiUncertainty ${lumiUnc} must be in [0, 0.2)`);

  const sigMods: Modifier[] = [{ name: 'mu', type: 'normfactor', data: null }];
  if (sigRel.some((v) => v > 0)) sigMods.push({ name: 'signal_shape', type: 'staterror', data: sigRel.map((r, i) => r * signal[i]) });
  if (effUnc > 0) sigMods.push({ name: 'signal_efficiency', type: 'normsys', data: { hi: 1 + effUnc, lo: 1 - effUnc } });
  if (lumiUnc > 0) sigMods.push({ name: 'lumi', type: 'lumi', data: null });
  const bkgMods: Modifier[] = [{ name: 'background_norm', type: 'normfactor', data: null }];
  if (bkgRel.some((v) => v > 0)) bkgMods.push({ name: 'background_shape', type: 'staterror', data: bkgRel.map((r, i) => r * background[i]) });

  const parameters: ParameterConfig[] = [{ name: 'mu', bounds: [[...(input.poiBounds ?? [0, 10])] as [number, number]] }];
  if (lumiUnc > 0) parameters.push({ name: 'lumi', auxdata: [1], sigmas: [lumiUnc], bounds: [[1 - 5 * lumiUnc, 1 + 5 * lumiUnc]], inits: [1] });
  const channel = input.channel ?? (input.nTheta !== undefined && input.nTheta > 1 ? `window_${n / input.nTheta}x${input.nTheta}` : 'window');
  return {
    channels: [
      {
        name: channel,
        samples: [
          { name: 'signal', data: signal, modifiers: sigMods },
          { name: 'background', data: background, modifiers: bkgMods },
        ],
      },
    ],
    observations: [{ name: channel, data: observed }],
    measurements: [{ name: 'window', config: { poi: 'mu', parameters } }],
    version: '1.0.0',
  };
}

/**
 * The model and observed data of a window (see {@link windowWorkspace}); the POI `mu` scales the
 * signal yields given, so a signal for σ = 1 fb gives limits in fb.
 *
 * @example
 * const { model, data } = windowModel({ signal: [1, 2, 4, 2, 1], background: [100, 100, 100, 100, 100], lumiUncertainty: 0 });
 * upperLimit(model, data).obs; // 6.868869180245142: the 90% CL CLs limit on the Asimov background-only data
 */
export function windowModel(input: WindowInput): { workspace: Workspace; model: Model; data: Float64Array } {
  const workspace = windowWorkspace(input);
  const { model, data } = modelFromWorkspace(workspace);
  return { workspace, model, data };
}
