import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { FitError, fit, type Model, minimizerFor, modelFromWorkspace, readWorkspace, type TestStatistic, TEST_STATISTICS, WorkspaceError } from '../../fit/index.js';
import { InputError } from '../errors.js';
import { parseSeed, SEED_OPTION_HELP } from '../scenarioOption.js';
import type { RegisterCommand } from './index.js';

/** Reads a pyhf workspace file and builds the model of one measurement; bad input → InputError. */
export function loadWorkspaceModel(path: string, measurement: string | undefined): { model: Model; data: Float64Array; measurement: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read workspace ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return modelFromWorkspace(readWorkspace(text), { measurement });
  } catch (error) {
    if (error instanceof WorkspaceError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

/** Parses a finite number flag, else an InputError naming it. */
export function parseNumberFlag(flag: string, text: string, check: (v: number) => boolean = () => true, range = ''): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || !check(v)) throw new InputError(`${flag} ${text} is not allowed${range === '' ? ': must be a number' : `: ${range}`}`);
  return v;
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

export { parseSeed, SEED_OPTION_HELP };

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
  program
    .command('fit')
    .description('maximum-likelihood fit of a pyhf JSON workspace: best-fit values and uncertainties')
    .argument('<workspace>', 'pyhf JSON workspace')
    .option('--measurement <name>', 'measurement to fit (default: the first)')
    .option('--mu <value>', 'fix the parameter of interest at this value (a conditional fit)')
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--json', 'print the results as JSON to stdout')
    .action((path: string, options: { measurement?: string; mu?: string; seed?: string; json?: boolean }) => {
      if (options.seed !== undefined) parseSeed(options.seed);
      const { model, data, measurement } = loadWorkspaceModel(path, options.measurement);
      const mu = options.mu === undefined ? undefined : parseNumberFlag('--mu', options.mu);
      if (mu !== undefined && model.poiIndex < 0) throw new InputError('--mu given, but the measurement has no parameter of interest');
      const r = fit(model, data, { fixPoi: mu });
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
      if (!r.converged) process.stderr.write(`zprime-mc: warning: the fit did not converge (${r.status}); do not use these values\n`);
    });
};
