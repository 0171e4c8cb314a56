import type { Command } from 'commander';
import { fit, minimizerFor } from '../../fit/index.js';
import { InputError, RunFailedError } from '../errors.js';
import { loadWorkspaceModel, type PatchFlags, parsePoiValue, patchOptions } from '../workspaceOptions.js';
import { parseSeed, SEED_OPTION_HELP } from '../scenarioOption.js';
import type { RegisterCommand } from './index.js';

/** What `zprime-mc fit --json` prints. */
export interface FitReport {
  readonly measurement: string;
  readonly par_names: readonly string[];
  /** Best-fit values in pyhf's parameter order. */
  readonly bestfit: readonly number[];
  /** Uncertainties from the inverse Hessian (0 for fixed parameters). */
  readonly uncertainty: readonly number[];
  readonly twice_nll: number;
  readonly converged: boolean;
  readonly status: string;
  readonly iterations: number;
  readonly edm: number;
  /** The POI value the fit was conditioned on, if any. */
  readonly fixed_poi: number | null;
}

export const registerFit: RegisterCommand = (program: Command) => {
  const [patchsetOption, patchOption, jsonPatchOption] = patchOptions();
  program
    .command('fit')
    .description('maximum-likelihood fit of a pyhf JSON workspace: best-fit values and uncertainties')
    .argument('<workspace>', 'pyhf JSON workspace (may be gzipped)')
    .option('--measurement <name>', 'measurement to fit (default: the first)')
    .option('--mu <value>', 'fix the parameter of interest at this value (a conditional fit)')
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--json', 'print the results as JSON to stdout')
    .addOption(patchsetOption)
    .addOption(patchOption)
    .addOption(jsonPatchOption)
    .action((path: string, options: { measurement?: string; mu?: string; seed?: string; json?: boolean } & PatchFlags) => {
      if (options.seed !== undefined) parseSeed(options.seed);
      const { model, data, measurement } = loadWorkspaceModel(path, options.measurement, options);
      if (options.mu !== undefined && model.poiIndex < 0) throw new InputError('--mu given, but the measurement has no parameter of interest');
      const mu = options.mu === undefined ? undefined : parsePoiValue(options.mu, model);
      const r = fit(model, data, { fixPoi: mu });
      if (!r.converged) throw new RunFailedError(`the fit did not converge (${r.status}, EDM ${r.edm.toExponential(2)}); no result printed`);
      const fixedMask = new Uint8Array(model.nPars);
      if (mu !== undefined) fixedMask[model.poiIndex] = 1;
      const { errors } = minimizerFor(model).covariance(r.pars, data, fixedMask);
      const report: FitReport = {
        measurement,
        par_names: model.parameterNames,
        bestfit: [...r.pars],
        uncertainty: [...errors],
        twice_nll: r.twiceNll,
        converged: r.converged,
        status: r.status,
        iterations: r.iterations,
        edm: r.edm,
        fixed_poi: mu ?? null,
      };
      if (options.json === true) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        const width = Math.max(9, ...model.parameterNames.map((n) => n.length));
        const lines = [`measurement ${measurement}: ${r.converged ? 'converged' : `NOT CONVERGED (${r.status})`}, 2·NLL = ${r.twiceNll.toFixed(6)}, ${r.iterations} iterations`];
        lines.push(`${'parameter'.padEnd(width)}  ${'value'.padStart(14)}  ${'error'.padStart(12)}`);
        model.parameterNames.forEach((n, i) => lines.push(`${n.padEnd(width)}  ${r.pars[i].toPrecision(8).padStart(14)}  ${errors[i].toPrecision(4).padStart(12)}`));
        process.stdout.write(`${lines.join('\n')}\n`);
      }
    });
};
