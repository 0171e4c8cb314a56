import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { scenarioDetector } from '../../runner/scenarioDetector.js';
import { type CachedTemplates, scenarioTemplates, shardedTemplates, type TemplateShards, TEMPLATES_TASK } from '../../runner/templates/cache.js';
import { templateKey } from '../../runner/templates/file.js';
import type { TemplateSet } from '../../runner/templates/build.js';
import { TemplateChecksumError } from '../../runner/templates/file.js';
import { scannedHypotheses, type UnscannedHypothesis } from '../../scan/scannedHypotheses.js';
import { projectTemplates } from '../../scan/projection.js';
import { extendedScenarioFiles, type Scenario } from '../../scenario/index.js';
import { InputError } from '../errors.js';
import { parseInteger } from '../flags.js';
import { loadNetworkOption, loadScenarioOption } from '../scenarioOption.js';
import { templateCodeHash } from '../../runner/templates/codeHash.js';
import { packageVersion } from '../version.js';
import { absolutePath, jobFlags, type MergeSource, type ShardFlags, shardPlan } from '../shardOptions.js';
import { commandShardFolder, withShardErrors } from '../shardedRun.js';

/**
 * `zprime-mc templates`: every background and every signal mass hypothesis through generator,
 * detector and selection into (M²recoil, θrecoil c.m.) templates (src/runner/templates), written to
 * `<out>/templates.json` and reused while nothing they depend on changes.
 */

/** The code version in the templates' cache key: the package version and a hash of the template code. */
export function templateCodeVersion(): string {
  return `${packageVersion()}+${templateCodeHash().slice(0, 16)}`;
}

export interface TemplatesFlags {
  scenario?: string;
  seed?: string;
  out?: string;
  workers?: string;
  json?: boolean;
  /** No progress bars. */
  quiet?: boolean;
}

/** What `templates --json` prints: the file and the figures of each sample, not the cells. */
export function templatesSummary(result: CachedTemplates) {
  const set: TemplateSet = result.set;
  return {
    path: result.path,
    key: result.key,
    reused: result.reused,
    scenario: set.scenario,
    luminosity_fb: set.luminosity_fb,
    punzi_net: set.punzi_net,
    hypotheses: set.grid.massGeV.length,
    m2_bins: set.axes.m2Edges.length - 1,
    theta_cm_bins: set.axes.thetaCMEdges.length - 1,
    backgrounds: set.backgrounds.map((b) => ({
      process: b.process,
      sigma_pb: b.sigma_pb,
      events_generated: b.events_generated,
      efficiency: b.efficiency,
      expected_events: b.expected_events,
      mc_luminosity_ratio: b.mc_luminosity_ratio,
    })),
    signals: set.signals.map((s) => ({ mass_GeV: s.mass_GeV, sigma_pb: s.sigma_pb, efficiency: s.efficiency, events_generated: s.events_generated })),
  };
}

function table(summary: ReturnType<typeof templatesSummary>): string {
  const lines = [
    `${summary.reused ? 'reused' : 'wrote'} ${summary.path} (key ${summary.key.slice(0, 12)})`,
    `${summary.hypotheses} mass hypotheses, ${summary.m2_bins} M2recoil bins x ${summary.theta_cm_bins} theta_cm bins, ${summary.luminosity_fb} fb^-1, Punzi-net ${summary.punzi_net === null ? 'not applied (no trained network beside the scenario: zprime-mc train)' : summary.punzi_net.slice(0, 12)}`,
    '',
    `${'background'.padEnd(12)}${'sigma [pb]'.padStart(12)}${'generated'.padStart(12)}${'efficiency'.padStart(12)}${'expected'.padStart(12)}${'MC/data lumi'.padStart(14)}`,
  ];
  for (const b of summary.backgrounds) {
    lines.push(`${b.process.padEnd(12)}${b.sigma_pb.toPrecision(5).padStart(12)}${b.events_generated.toExponential(2).padStart(12)}${b.efficiency.toExponential(3).padStart(12)}${b.expected_events.toPrecision(5).padStart(12)}${b.mc_luminosity_ratio.toPrecision(3).padStart(14)}`);
  }
  lines.push('', "signal efficiency after the selection (sigma at g' = 1):");
  const step = Math.max(1, Math.floor(summary.signals.length / 10));
  for (let k = 0; k < summary.signals.length; k += step) {
    const s = summary.signals[k];
    lines.push(`  M = ${s.mass_GeV.toFixed(3).padStart(6)} GeV  efficiency ${s.efficiency.toFixed(4)}  sigma ${s.sigma_pb.toPrecision(4)} pb`);
  }
  return lines.join('\n');
}

/**
 * The templates of the scenario named by the flags: read from `<out>/templates.json` when its key
 * matches, built otherwise (with a progress bar on a terminal). Prints nothing on stdout.
 */
/** The scenario, network, folder and threads that the template flags name. */
function templateInputs(flags: TemplatesFlags) {
  const { scenario, file } = loadScenarioOption(flags.scenario, flags.seed);
  const network = loadNetworkOption(file);
  const folder = flags.out ?? join('zprime-mc-out', scenario.name);
  const workers = flags.workers === undefined ? availableParallelism() : parseInteger('--workers', flags.workers, 1, 1024, 'worker threads');
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new InputError(`--out ${folder} is not allowed: cannot create the folder (${error instanceof Error ? error.message : String(error)})`);
  }
  return { scenario, file, network, folder, workers };
}

/** A progress bar per stage of the build, on a terminal only. */
function templatesProgress(flags: TemplatesFlags) {
  const showProgress = process.stderr.isTTY === true && flags.json !== true && flags.quiet !== true;
  const bar = showProgress ? new SingleBar({ format: 'templates {bar} {percentage}% {stage}', stream: process.stderr }) : null;
  let current = '';
  return {
    progress: (stage: string, done: number, total: number) => {
      if (stage !== current) {
        bar?.stop();
        bar?.start(total, done, { stage });
        current = stage;
      }
      bar?.update(done, { stage });
    },
    stop: () => bar?.stop(),
  };
}

export async function obtainTemplates(flags: TemplatesFlags, shards?: (folder: string) => TemplateShards): Promise<{ scenario: Scenario; folder: string; result: CachedTemplates; workers: number }> {
  const { scenario, file, network, folder, workers } = templateInputs(flags);
  const bar = templatesProgress(flags);
  let result: CachedTemplates;
  try {
    result = await scenarioTemplates(scenario, scenarioDetector(scenario), folder, templateCodeVersion(), {
      workers,
      network,
      alsoLookIn: flags.out === undefined && shards === undefined ? baseScenarioFolders(file) : [],
      progress: bar.progress,
      ...(shards === undefined ? {} : { shards: shards(folder) }),
    });
  } catch (error) {
    if (error instanceof TemplateChecksumError) throw new InputError(error.message);
    throw error;
  } finally {
    bar.stop();
  }
  return { scenario, folder, result, workers };
}

/**
 * The default output folders of the scenarios that `file` extends: a scenario that changes only the
 * scan (a luminosity projection, the fit settings) has the same template key as its base and reuses
 * the base's templates instead of building its own.
 */
function baseScenarioFolders(file: string): string[] {
  return extendedScenarioFiles(file).map((base) => join('zprime-mc-out', loadScenarioOption(base, undefined).scenario.name));
}

/**
 * The templates as the scan sees them: {@link obtainTemplates}, then the scenario's luminosity
 * projection, if any, and only the hypotheses with enough signal Monte Carlo to fit (the others in
 * `unscanned`).
 */
export async function obtainScanTemplates(flags: TemplatesFlags): Promise<{ scenario: Scenario; folder: string; set: TemplateSet; unscanned: readonly UnscannedHypothesis[]; workers: number; path: string; reused: boolean; key: string }> {
  const { scenario, folder, result, workers } = await obtainTemplates(flags);
  const { set, unscanned } = scannedHypotheses(projectTemplates(result.set, scenario.luminosity.projection), scenario.fit);
  return { scenario, folder, set, unscanned, workers, path: result.path, reused: result.reused, key: result.key };
}

/** The flags of `templates`: those of every template reader, and the shards. */
export type TemplatesCommandFlags = TemplatesFlags & ShardFlags;

/**
 * `templates` as seeded shards: by default one shard per template task, each part written to
 * `<out>/shards/templates/` as it is done (and removed once templates.json is written), so that
 * `--resume` continues a killed build; `--shard i/N` builds one slice's part; `merge DIR` joins them.
 */
export async function runTemplatesCommand(flags: TemplatesCommandFlags, merge?: MergeSource): Promise<CachedTemplates | null> {
  const plan = shardPlan(flags, 0, merge);
  const count = plan.count === 0 ? null : (plan.count ?? merge?.count ?? null);
  const job = (folder: string) => ({ command: 'templates', flags: jobFlags({ scenario: absolutePath(flags.scenario), seed: flags.seed, out: absolutePath(folder) }) });
  const shards = (folder: string): TemplateShards => ({ dir: commandShardFolder(folder, TEMPLATES_TASK, merge), mode: plan.mode, count, job: job(folder) });
  if (plan.mode.kind === 'one') {
    const index = plan.mode.index;
    const { scenario, network, folder, workers } = templateInputs(flags);
    const bar = templatesProgress(flags);
    const key = templateKey(scenario, templateCodeVersion(), network?.hash ?? null);
    const target = shards(folder);
    let outcome;
    try {
      outcome = await withShardErrors(() => shardedTemplates(scenario, scenarioDetector(scenario), key, { workers, network, progress: bar.progress }, target));
    } finally {
      bar.stop();
    }
    if (flags.json === true) process.stdout.write(`${JSON.stringify({ part: outcome.written, shard: index, shards: outcome.count })}\n`);
    else process.stdout.write(`wrote ${outcome.written} (shard ${index} of ${outcome.count}); join the parts with zprime-mc merge ${target.dir}\n`);
    return null;
  }
  const { result } = await withShardErrors(() => obtainTemplates(flags, shards));
  const summary = templatesSummary(result);
  process.stdout.write(flags.json === true ? `${JSON.stringify(summary)}\n` : `${table(summary)}\n`);
  return result;
}
