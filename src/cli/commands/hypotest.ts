import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { hypotest } from '../../fit/index.js';
import { createStream } from '../../random/index.js';
import { InputError } from '../errors.js';
import type { RegisterCommand } from './index.js';
import { parseInteger, parseNumber } from '../flags.js';
import { parseSeed, SEED_OPTION_HELP } from '../scenarioOption.js';
import { loadWorkspaceModel, parseCalc, parseTestStat, parsePoiValue, reportingFitErrors, requireFinite, type PatchFlags, patchOptions } from '../workspaceOptions.js';

/**
 * What `zprime-mc hypotest --json` prints; key names and band order follow pyhf (`pyhf cls`). As in
 * pyhf's `infer.hypotest`, `cls_obs`/`cls_exp` hold CLs for the exclusion statistics and, for q₀, the
 * discovery p-value p₀ = CL_{s+b} and its expected band (pyhf returns CLsb_obs and CLsb_exp there).
 */
export interface HypotestReport {
  /** The tested POI value (0 for q₀, which always tests μ = 0). */
  readonly mu: number;
  readonly test_stat: string;
  readonly calctype: 'asymptotic' | 'toybased';
  /** pyhf's `CLs_obs`: CLs, or p₀ = CL_{s+b} for q₀. */
  readonly cls_obs: number;
  /** pyhf's `CLs_exp` at −2σ, −1σ, median, +1σ, +2σ: CLs, or CL_{s+b} for q₀. */
  readonly cls_exp: readonly number[];
  readonly clsb_obs: number;
  readonly clb_obs: number;
  readonly clsb_exp: readonly number[];
  readonly clb_exp: readonly number[];
  /** For q₀: the discovery p-value (pyhf returns CL_{s+b} first for q₀) and its expected band. */
  readonly p0_obs?: number;
  readonly p0_exp?: readonly number[];
  readonly ntoys?: number;
  readonly failed_toys?: number;
  readonly seed?: number;
}

export const registerHypotest: RegisterCommand = (program: Command) => {
  const [patchsetOption, patchOption, jsonPatchOption] = patchOptions();
  program
    .command('hypotest')
    .description('CLs, CLs+b, CLb and the expected CLs band at one value of the parameter of interest')
    .argument('<workspace>', 'pyhf JSON workspace (may be gzipped)')
    .requiredOption('--mu <value>', 'value of the parameter of interest to test')
    .option('--test-stat <name>', 'qtilde (default), q, mu, mutilde or q0', 'qtilde')
    .option('--calc <type>', 'asymptotic (default) or toybased', 'asymptotic')
    .option('--toys <n>', 'toys per hypothesis for --calc toybased', '2000')
    .option('--measurement <name>', 'measurement to use (default: the first)')
    .option('--seed <n>', `${SEED_OPTION_HELP}; default 0`)
    .option('--json', 'print the results as JSON to stdout')
    .addOption(patchsetOption)
    .addOption(patchOption)
    .addOption(jsonPatchOption)
    .action((path: string, options: { mu: string; testStat: string; calc: string; toys: string; measurement?: string; seed?: string; json?: boolean } & PatchFlags) => {
      const testStat = parseTestStat(options.testStat);
      const muGiven = parseNumber('--mu', options.mu, 'a number');
      const mu = testStat === 'q0' ? 0 : muGiven;
      const calc = parseCalc(options.calc);
      const ntoys = parseInteger('--toys', options.toys, 1, 10_000_000, 'pseudo-experiments');
      const seed = options.seed === undefined ? 0 : parseSeed(options.seed);
      const { model, data } = loadWorkspaceModel(path, options.measurement, options);
      if (model.poiIndex < 0) throw new InputError(`${path}: the measurement has no parameter of interest`);
      if (muGiven !== mu) process.stderr.write(`zprime-mc: warning: q0 tests ${model.poiName} = 0; --mu ${options.mu} is ignored, as pyhf does\n`);
      else parsePoiValue(options.mu, model);
      const bar = calc === 'toybased' && process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: 'toys {bar} {value}/{total} {eta}s' }) : undefined;
      bar?.start(2 * ntoys, 0);
      const r = reportingFitErrors(() =>
        hypotest(model, data, mu, {
          testStat,
          calculator: calc,
          ntoys,
          sources: (h, i) => createStream(seed, `hypotest-toys-${h}`, i),
          onProgress: bar === undefined ? undefined : (done) => bar.update(done),
        }),
      );
      bar?.stop();
      requireFinite(`the hypothesis test at ${model.poiName} = ${mu}`, [r.clsObs, r.clsbObs, r.clbObs, ...r.clsExp, ...r.clsbExp, ...r.clbExp]);
      const report: HypotestReport = {
        mu,
        test_stat: testStat,
        calctype: calc,
        cls_obs: testStat === 'q0' ? r.clsbObs : r.clsObs,
        cls_exp: testStat === 'q0' ? r.clsbExp : r.clsExp,
        clsb_obs: r.clsbObs,
        clb_obs: r.clbObs,
        clsb_exp: r.clsbExp,
        clb_exp: r.clbExp,
        ...(testStat === 'q0' ? { p0_obs: r.clsbObs, p0_exp: r.clsbExp } : {}),
        ...('ntoys' in r ? { ntoys: r.ntoys, failed_toys: r.failedToys, seed } : {}),
      };
      if (options.json === true) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        const f = (v: number): string => v.toPrecision(6);
        const band = (b: readonly number[]): string => `-2σ ${f(b[0])}  -1σ ${f(b[1])}  median ${f(b[2])}  +1σ ${f(b[3])}  +2σ ${f(b[4])}`;
        const lines = [`${testStat} at ${model.poiName} = ${mu} (${calc}${'ntoys' in r ? `, ${r.ntoys} toys per hypothesis, seed ${seed}` : ''})`];
        if (testStat === 'q0') {
          lines.push(`p0 observed       ${f(r.clsbObs)}   (CLb ${f(r.clbObs)})`, `p0 expected       ${band(r.clsbExp)}`);
        } else {
          lines.push(`CLs observed      ${f(r.clsObs)}   (CLs+b ${f(r.clsbObs)}, CLb ${f(r.clbObs)})`, `CLs expected      ${band(r.clsExp)}`);
        }
        if ('failedToys' in r && r.failedToys > 0) lines.push(`warning: ${r.failedToys} toys dropped because their fits did not converge`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
    });
};
