import { join } from 'node:path';
import { mean, quantileSorted, standardDeviation } from 'simple-statistics';
import { writeAtomically } from '../../report/writeAtomically.js';
import { DEFAULT_C0, LEE_TOY_PURPOSE, lookElsewhereFromToys, ScanFitError, scanQ0 } from '../../scan/lookElsewhere.js';
import { type LeeToyRange, leeToyRanges } from '../../scan/parallel.js';
import { jobHash } from '../../runner/shards/partFile.js';
import { leeFromPart, leePayload } from '../../runner/shards/scanPayloads.js';
import { shardRange } from '../../runner/shards/shardSet.js';
import { type DataSetFlags, dataSetCells, pseudoDataIndex } from '../dataSetOption.js';
import { InputError, RunFailedError } from '../errors.js';
import { parseInteger, parseNumber } from '../flags.js';
import { progressBar, showsProgress } from '../progress.js';
import { absolutePath, jobFlags, type MergeSource, type ShardFlags, shardPlan } from '../shardOptions.js';
import { commandShardFolder, runCommandShards, shardNote } from '../shardedRun.js';
import { obtainScanTemplates, type TemplatesFlags } from './templates.run.js';

/**
 * `zprime-mc lee --toys N`: the global significance of the largest local excess of the scan on a
 * data set (as `observe`: pseudo-data set 0 by default), from N background-only toys of the whole
 * scan and from the Gross–Vitells up-crossing formula, both printed.
 */

export interface LeeFlags extends TemplatesFlags, DataSetFlags, ShardFlags {
  toys?: string;
  c0?: string;
  maxFailedFraction?: string;
}

/** Mean, standard deviation and quantiles of the toys' largest local significance (simple-statistics). */
function toySummary(values: Float64Array) {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return { mean: mean(sorted), standard_deviation: standardDeviation(sorted), median: quantileSorted(sorted, 0.5), quantile_0_90: quantileSorted(sorted, 0.9), quantile_0_99: quantileSorted(sorted, 0.99) };
}

/** The shard task of the look-elsewhere toys. */
export const LEE_TASK = 'lee';

/**
 * The toys run as shards of about LEE_TOYS_PER_SHARD toys each (a number fixed by --toys, not by
 * the threads), each written to `<out>/shards/lee/` when done: `--resume` picks up where a killed
 * run stopped.
 */
const LEE_TOYS_PER_SHARD = 10;

export async function runLeeCommand(flags: LeeFlags, merge?: MergeSource): Promise<void> {
  if (flags.toys === undefined) throw new InputError('--toys is required: the number of background-only toys of the whole scan (e.g. 1000)');
  const toys = parseInteger('--toys', flags.toys, 1, 10_000_000, 'background-only toys of the scan');
  const c0 = flags.c0 === undefined ? DEFAULT_C0 : parseNumber('--c0', flags.c0, 'a q0 level > 0', (v) => v > 0);
  const maxFailed = flags.maxFailedFraction === undefined ? 1 : parseNumber('--max-failed-fraction', flags.maxFailedFraction, 'a fraction from 0 to 1 of the toys', (v) => v >= 0 && v <= 1);
  const index = pseudoDataIndex(flags);
  const plan = shardPlan(flags, Math.ceil(toys / LEE_TOYS_PER_SHARD), merge);
  const { scenario, folder, set, workers, key } = await obtainScanTemplates(flags);
  const data = dataSetCells(flags, index, set, scenario.seed);
  const count = plan.count ?? merge?.count ?? 1;
  const dir = commandShardFolder(folder, LEE_TASK, merge);
  const name = { job: jobHash(LEE_TASK, { templates: key, projection: scenario.luminosity.projection, fit: scenario.fit, seed: scenario.seed, toys, c0 }), task: LEE_TASK, count };
  const job = { command: 'lee', flags: jobFlags({ scenario: absolutePath(flags.scenario), seed: flags.seed, out: absolutePath(folder), toys: flags.toys, c0: flags.c0, maxFailedFraction: flags.maxFailedFraction, data: absolutePath(flags.data), pseudoData: flags.pseudoData }) };
  const bar = progressBar('lee', 'toys', showsProgress(flags));
  const outcome = await runCommandShards<LeeToyRange>({
    dir,
    name,
    job,
    mode: plan.mode,
    compute: async (indices, done) => {
      const ranges = indices.map((i) => shardRange(toys, i, count));
      bar.start(ranges.reduce((a, [first, end]) => a + end - first, 0));
      let finished = 0;
      let failed = 0;
      try {
        await leeToyRanges(set, scenario.fit, { seed: scenario.seed, c0 }, ranges, workers, (r, range) => {
          done(indices[r], range);
          finished += range.end - range.first;
          failed += range.failedHypothesis.reduce((a, h) => a + (h >= 0 ? 1 : 0), 0);
          checkFailedLeeToys(failed, finished, maxFailed);
        }, (n) => bar.update(n));
      } finally {
        bar.stop();
      }
    },
    encode: leePayload,
    decode: (part) => leeFromPart(part, shardRange(toys, part.name.index, count)),
  });
  const note = shardNote('lee', outcome, count, dir);
  if (note !== '') process.stderr.write(`${note}\n`);
  if (plan.mode.kind === 'one') {
    if (flags.json === true) process.stdout.write(`${JSON.stringify({ part: outcome.written, shard: plan.mode.index, shards: count })}\n`);
    else process.stdout.write(`wrote ${outcome.written} (shard ${plan.mode.index} of ${count}); join the parts with zprime-mc merge ${dir}\n`);
    return;
  }
  const statistics = joinLeeRanges(toys, outcome.payloads);
  const failedRecords = Array.from(statistics.failedHypothesis).flatMap((k, t) => (k < 0 ? [] : [{ mass_GeV: set.grid.massGeV[k], seed: scenario.seed, stream: LEE_TOY_PURPOSE, index: t }]));
  checkFailedLeeToys(failedRecords.length, toys, maxFailed);
  const r = lookElsewhereFromToys(set, observedScanQ0(set, scenario.fit, data), statistics, c0);
  const document = {
    scenario: scenario.name,
    data: flags.data ?? `pseudo-data ${index}`,
    max_local_significance: r.maxLocalSignificance,
    mass_GeV: r.massGeV,
    local_p0: r.localP0,
    global_significance_toys: r.globalSignificanceToys,
    global_p_toys: r.globalPToys,
    global_p_toys_error: r.globalPToysError,
    global_significance_gross_vitells: r.globalSignificanceGrossVitells,
    global_p_gross_vitells: r.globalPGrossVitells,
    gross_vitells_c0: r.c0,
    mean_up_crossings_c0: r.meanUpCrossings,
    toys: r.toys,
    failed_toys: r.failedToys,
    failed_toy_fraction: r.failedToys / toys,
    // The pseudo-data of a failed toy is drawn again from its stream (seed, stream, index).
    failed_toy_records: failedRecords,
    toy_max_local_significance_summary: toySummary(r.toyMaxLocalSignificance),
    toy_max_local_significance: Array.from(r.toyMaxLocalSignificance),
  };
  writeAtomically(join(folder, 'lee.json'), `${JSON.stringify(document)}\n`);
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify(document)}\n`);
    return;
  }
  const lines = [
    `largest local excess: ${r.maxLocalSignificance.toFixed(2)} sigma (p0 = ${r.localP0.toExponential(2)}) at M = ${r.massGeV.toFixed(3)} GeV`,
    `global, ${r.toys} toys: p = ${r.globalPToys.toPrecision(3)} +- ${r.globalPToysError.toPrecision(2)}, ${r.globalSignificanceToys.toFixed(2)} sigma`,
    `toys' largest local significance: median ${document.toy_max_local_significance_summary.median.toFixed(2)} sigma, 90% of toys below ${document.toy_max_local_significance_summary.quantile_0_90.toFixed(2)} sigma`,
    `global, Gross-Vitells (<N(${r.c0})> = ${r.meanUpCrossings.toPrecision(3)} up-crossings): p = ${r.globalPGrossVitells.toPrecision(3)}, ${r.globalSignificanceGrossVitells.toFixed(2)} sigma`,
    `the two differ by ${(Math.abs(r.globalPGrossVitells - r.globalPToys) / Math.max(r.globalPToysError, 1e-12)).toFixed(1)} toy standard errors in p (Gross-Vitells is an upper bound, tight for large excesses)`,
    `wrote ${join(folder, 'lee.json')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The toys of every shard, in toy order. */
function joinLeeRanges(toys: number, ranges: readonly LeeToyRange[]) {
  const maxQ0 = new Float64Array(toys);
  const upCrossings = new Int32Array(toys);
  const failedHypothesis = new Int32Array(toys);
  for (const range of ranges) {
    maxQ0.set(range.maxQ0, range.first);
    upCrossings.set(range.upCrossings, range.first);
    failedHypothesis.set(range.failedHypothesis, range.first);
  }
  return { maxQ0, upCrossings, failedHypothesis };
}

/** A RunFailedError when more than `limit` of the `toys` finished so far failed; the finished shards are kept. */
export function checkFailedLeeToys(failed: number, toys: number, limit: number): void {
  const fraction = toys > 0 ? failed / toys : 0;
  if (fraction <= limit) return;
  throw new RunFailedError(`${failed} of ${toys} look-elsewhere toys failed (${(100 * fraction).toPrecision(3)}%; a q0 fit did not converge), more than --max-failed-fraction ${limit}; the finished shards are kept (--resume)`);
}

/** q₀ of the data set of the scan: a fit that does not converge here is a failed run (exit 1), not a failed toy. */
function observedScanQ0(set: Parameters<typeof scanQ0>[0], fit: Parameters<typeof scanQ0>[1], data: Float64Array): Float64Array {
  try {
    return scanQ0(set, fit, data);
  } catch (error) {
    if (error instanceof ScanFitError) throw new RunFailedError(`the q0 fit of the data set at M = ${set.grid.massGeV[error.hypothesis].toFixed(3)} GeV did not converge: ${error.message}`);
    throw error;
  }
}
