import type { Command } from 'commander';
import { upperLimit } from '../../fit/index.js';
import { createStream } from '../../random/index.js';
import { InputError } from '../errors.js';
import type { RegisterCommand } from './index.js';
import { upperLimitsOfPatchset } from './upperLimitAll.js';
import { parseInteger, parseNumber } from '../flags.js';
import { parseSeed, SEED_OPTION_HELP } from '../scenarioOption.js';
import { loadWorkspaceModel, parseCalc, parseTestStat, reportingFitErrors, requireFinite, type PatchFlags, patchOptions } from '../workspaceOptions.js';

/** What `zprime-mc upper-limit --json` prints. */
export interface UpperLimitReport {
  readonly cl: number;
  readonly obs: number;
  /** Expected limits at −2σ, −1σ, median, +1σ, +2σ (pyhf's order). */
  readonly exp: readonly number[];
  readonly test_stat: string;
  readonly calctype: 'asymptotic' | 'toybased';
  /** Hypothesis tests evaluated while searching. */
  readonly evaluations: number;
  readonly ntoys?: number;
  readonly failed_toys?: number;
  readonly seed?: number;
}

export const registerUpperLimit: RegisterCommand = (program: Command) => {
  const [patchsetOption, patchOption, jsonPatchOption] = patchOptions();
  program
    .command('upper-limit')
    .description('CLs upper limit on the parameter of interest (90% CL by default), observed and expected band')
    .argument('<workspace>', 'pyhf JSON workspace (may be gzipped)')
    .option('--cl <level>', 'confidence level', '0.9')
    .option('--test-stat <name>', 'qtilde (default) or q', 'qtilde')
    .option('--calc <type>', 'asymptotic (default) or toybased', 'asymptotic')
    .option('--toys <n>', 'toys per hypothesis and tested value for --calc toybased', '1000')
    .option('--measurement <name>', 'measurement to use (default: the first)')
    .option('--seed <n>', `${SEED_OPTION_HELP}; default 0`)
    .option('--json', 'print the results as JSON to stdout')
    .option('--all', 'with --patchset: the limit of every patch (the whole signal grid of a published analysis), asymptotic')
    .option('--workers <n>', 'worker threads for --all (default: the number of cores); the results do not depend on it')
    .addOption(patchsetOption)
    .addOption(patchOption)
    .addOption(jsonPatchOption)
    .action((path: string, options: { cl: string; testStat: string; calc: string; toys: string; measurement?: string; seed?: string; json?: boolean; all?: boolean; workers?: string } & PatchFlags) => {
      const cl = parseNumber('--cl', options.cl, 'between 0 and 1', (v) => v > 0 && v < 1);
      const testStat = parseTestStat(options.testStat, ['qtilde', 'q']);
      const calc = parseCalc(options.calc);
      if (options.all === true) return upperLimitsOfPatchset(path, options, cl, testStat, calc);
      if (options.workers !== undefined) throw new InputError('--workers is for --all only');
      const ntoys = parseInteger('--toys', options.toys, 1, 10_000_000, 'pseudo-experiments');
      const seed = options.seed === undefined ? 0 : parseSeed(options.seed);
      const { model, data } = loadWorkspaceModel(path, options.measurement, options);
      if (model.poiIndex < 0) throw new InputError(`${path}: the measurement has no parameter of interest`);
      const tty = calc === 'toybased' && process.stderr.isTTY;
      const r = reportingFitErrors(() =>
        upperLimit(model, data, {
          cl,
          testStat,
          calculator: calc,
          ntoys,
          sources: (h, i) => createStream(seed, `upper-limit-toys-${h}`, i),
          onProgress: tty ? (n) => process.stderr.write(`\r${n} values of ${model.poiName} tested with ${ntoys} toys each`) : undefined,
        }),
      );
      if (tty) process.stderr.write('\n');
      requireFinite(`the upper limit on ${model.poiName}`, [r.obs, ...r.exp]);
      const report: UpperLimitReport = {
        cl,
        obs: r.obs,
        exp: r.exp,
        test_stat: testStat,
        calctype: calc,
        evaluations: r.evaluations,
        ...(calc === 'toybased' ? { ntoys, failed_toys: r.failedToys ?? 0, seed } : {}),
      };
      if (options.json === true) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        const f = (v: number): string => v.toPrecision(6);
        process.stdout.write(
          [
            `${Math.round(cl * 1000) / 10}% CL upper limit on ${model.poiName} (${testStat}, ${calc})`,
            `observed          ${f(r.obs)}`,
            `expected          -2σ ${f(r.exp[0])}  -1σ ${f(r.exp[1])}  median ${f(r.exp[2])}  +1σ ${f(r.exp[3])}  +2σ ${f(r.exp[4])}`,
          ].join('\n') + '\n',
        );
      }
    });
};
