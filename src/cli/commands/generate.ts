import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ZodError } from 'zod';
import { findProcess, processes } from '../../../generators/index.js';
import type { EventGenerator, GeneratorOptions } from '../../../generators/process.js';
import { CollisionFrame } from '../../physics/beams.js';
import { ALPHA_EM_0, ALPHA_EM_MADGRAPH } from '../../physics/constants.js';
import { createStream } from '../../random/stream.js';
import { csvHeader, formatCsvRows } from '../../report/csv.js';
import { formatLheEvents, formatLheInit, LHE_FOOTER, type LheRun } from '../../report/lhe.js';
import type { Scenario } from '../../scenario/index.js';
import { InputError } from '../errors.js';
import { loadScenarioOption, SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../scenarioOption.js';
import type { RegisterCommand } from './index.js';

/**
 * `zprime-mc generate`: truth events of one process, with σ ± its Monte Carlo error.
 *
 * Events are made in batches of BATCH_SIZE; batch k draws from the stream (seed, process, k), so the
 * events (and the output bytes) of a seed do not depend on how the work is split. The output file
 * is written to a temporary file beside it and renamed when complete: a failed run leaves nothing.
 */

/** Events per batch: fixed, so that batch k is the same whoever makes it. */
export const BATCH_SIZE = 10_000;
const MAX_EVENTS = 1_000_000_000;

export const ALPHA_EM_NOTE =
  "alpha_em is the photon coupling of the run; the default is alpha(0) = 1/137.036 (CODATA 2018). MadGraph's L_mu-L_tau model (the Belle II signal) uses 1/127.9, i.e. (137.036/127.9)^2 = 1.148 times larger photon-exchange rates";

/** What `generate --json` prints. */
export interface GenerateReport {
  readonly process: string;
  readonly mass_GeV: number | null;
  readonly sigma_pb: number;
  readonly sigma_err_pb: number;
  readonly events: number;
  readonly unweighting_efficiency: number;
  readonly overweight_fraction: number;
  readonly trials: number;
  readonly weighted: boolean;
  readonly isr: boolean;
  readonly beam_energy_spread: boolean;
  readonly alpha_em: number;
  readonly alpha_em_note: string;
  readonly seed: number;
  readonly sqrt_s_GeV: number;
  readonly batch_size: number;
  readonly format: 'lhe' | 'csv' | null;
  readonly out: string | null;
  readonly [fact: string]: number | string | boolean | null;
}

interface GenerateFlags {
  process?: string;
  scenario?: string;
  mass?: string;
  widthRatio?: string;
  events?: string;
  seed?: string;
  isr?: string;
  beamSpread?: string;
  alphaEm?: string;
  weighted?: boolean;
  format?: string;
  out?: string;
  json?: boolean;
}

/** A validated `generate` request. */
export interface GenerateRequest {
  readonly process: string;
  readonly events: number;
  readonly options: GeneratorOptions;
  readonly settings: unknown;
  readonly seed: number;
  readonly format: 'lhe' | 'csv' | null;
  readonly out: string | null;
}

function positiveInteger(flag: string, text: string, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new InputError(`${flag} ${text} is not allowed: must be an integer from 1 to ${max}`);
  return n;
}

function finiteNumber(flag: string, text: string, allowed: string, ok: (x: number) => boolean): number {
  const x = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(x) || !ok(x)) throw new InputError(`${flag} ${text} is not allowed: must be ${allowed}`);
  return x;
}

function onOff(flag: string, text: string | undefined, fallback: boolean): boolean {
  if (text === undefined) return fallback;
  if (text === 'on') return true;
  if (text === 'off') return false;
  throw new InputError(`${flag} ${text} is not allowed: must be on or off`);
}

/** Checks the flags and the scenario; throws InputError (one line) on anything wrong. */
export function resolveRequest(flags: GenerateFlags, scenario: Scenario): GenerateRequest {
  const names = processes.map((p) => p.name).join(', ');
  if (flags.process === undefined) throw new InputError(`--process is required: one of ${names}`);
  if (findProcess(flags.process) === undefined) throw new InputError(`--process ${flags.process} is not allowed: must be one of ${names}`);
  const process = flags.process;
  if (flags.events === undefined) throw new InputError('--events is required: the number of events to generate');
  const events = positiveInteger('--events', flags.events, MAX_EVENTS);
  if (process !== 'signal' && flags.mass !== undefined) throw new InputError(`--mass applies to --process signal only, not to ${process}`);
  if (process !== 'signal' && flags.widthRatio !== undefined) throw new InputError(`--width-ratio applies to --process signal only, not to ${process}`);
  const alphaEM = flags.alphaEm === undefined ? ALPHA_EM_0 : finiteNumber('--alpha-em', flags.alphaEm, 'a number between 0 and 1 (e.g. 0.0072973525693 = 1/137.036)', (x) => x > 0 && x < 1);
  let format: 'lhe' | 'csv' | null = null;
  if (flags.format !== undefined) {
    if (flags.format !== 'lhe' && flags.format !== 'csv') throw new InputError(`--format ${flags.format} is not allowed: must be lhe or csv`);
    format = flags.format;
  }
  const out = flags.out ?? null;
  if (out !== null) {
    if (format === null) {
      const ext = extname(out).toLowerCase();
      if (ext === '.lhe') format = 'lhe';
      else if (ext === '.csv') format = 'csv';
      else throw new InputError(`--out ${out}: give --format lhe|csv, or a file name ending in .lhe or .csv`);
    }
    const dir = dirname(out);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`--out ${out}: the folder ${dir} does not exist`);
    if (existsSync(out) && statSync(out).isDirectory()) throw new InputError(`--out ${out}: is a folder, must be a file name`);
  } else if (format !== null) {
    throw new InputError(`--format ${format} needs --out FILE (events are written to a file)`);
  }

  const generators = scenario.generators as Record<string, unknown>;
  let settings: unknown = generators[process] ?? {};
  if (process === 'signal') {
    const base = typeof settings === 'object' && settings !== null ? settings : {};
    const mass = flags.mass === undefined ? {} : { massGeV: finiteNumber('--mass', flags.mass, 'a Z\' mass in GeV (a positive number)', (x) => x > 0) };
    const width =
      flags.widthRatio === undefined ? {} : { widthRatio: finiteNumber('--width-ratio', flags.widthRatio, 'Γ/M, a number ≥ 0 (0.1 is the paper\'s wide benchmark)', (x) => x >= 0) };
    settings = { ...base, ...mass, ...width };
  }
  const isr = onOff('--isr', flags.isr, true);
  const options: GeneratorOptions = {
    beams: scenario.beams,
    beamEnergySpread: onOff('--beam-spread', flags.beamSpread, true),
    isr,
    alphaEM,
    weighted: flags.weighted === true,
  };
  return { process, events, options, settings, seed: scenario.seed, format, out };
}

/** Creates the generator; a settings error names the flag (signal mass/width) or the scenario field. */
function createGenerator(request: GenerateRequest): EventGenerator {
  const definition = findProcess(request.process);
  if (definition === undefined) throw new InputError(`--process ${request.process} is not registered`);
  try {
    return definition.create(request.settings, request.options, request.seed);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0];
    const key = String(issue.path[0] ?? '');
    const settings = (typeof request.settings === 'object' && request.settings !== null ? request.settings : {}) as Record<string, unknown>;
    const flag = key === 'massGeV' ? '--mass' : key === 'widthRatio' ? '--width-ratio' : null;
    const where = flag === null ? `generators.${request.process}.${issue.path.join('.')}` : `${flag} ${String(settings[key])}`;
    throw new InputError(`${where} is not allowed: ${issue.message}`);
  }
}

/** Runs the request: generates all batches, writes the output atomically, returns the report. */
export function runGenerate(request: GenerateRequest, onBatch?: (eventsDone: number) => void): GenerateReport {
  const generator = createGenerator(request);
  const nBatches = Math.ceil(request.events / BATCH_SIZE);
  const out = request.out;
  const tmpBody = out === null ? null : join(dirname(out), `.${basename(out)}.${process.pid}.body.tmp`);
  const tmpFinal = out === null ? null : join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  const sqrtS = new CollisionFrame(request.options.beams).sqrtS;
  const eventFacts = { beams: request.options.beams, alphaEM: request.options.alphaEM, scaleGeV: sqrtS };
  let fd: number | null = null;
  try {
    if (tmpBody !== null) {
      fd = openSync(tmpBody, 'w');
      if (request.format === 'csv') writeSync(fd, csvHeader());
    }
    let done = 0;
    for (let k = 0; k < nBatches; k++) {
      const n = Math.min(BATCH_SIZE, request.events - k * BATCH_SIZE);
      const batch = generator.generate(n, createStream(request.seed, request.process, k));
      if (fd !== null) writeSync(fd, request.format === 'csv' ? formatCsvRows(batch, done) : formatLheEvents(batch, eventFacts));
      done += n;
      onBatch?.(done);
    }
    if (fd !== null) closeSync(fd);
    fd = null;
    if (out !== null && tmpBody !== null && tmpFinal !== null) {
      if (request.format === 'lhe') {
        const run = lheRun(request, generator, sqrtS);
        // The init block carries the final σ, so it is written last, before the events.
        const final = openSync(tmpFinal, 'w');
        try {
          writeSync(final, formatLheInit(run));
          copyInto(tmpBody, final);
          writeSync(final, LHE_FOOTER);
        } finally {
          closeSync(final);
        }
        rmSync(tmpBody, { force: true });
        renameSync(tmpFinal, out);
      } else {
        renameSync(tmpBody, out);
      }
    }
  } catch (error) {
    if (fd !== null) closeSync(fd);
    throw error;
  } finally {
    if (tmpBody !== null) rmSync(tmpBody, { force: true });
    if (tmpFinal !== null) rmSync(tmpFinal, { force: true });
  }
  const stats = generator.stats();
  const facts = generator.describe();
  return {
    ...facts,
    process: request.process,
    mass_GeV: typeof facts.mass_GeV === 'number' ? facts.mass_GeV : null,
    sigma_pb: stats.sigmaPb,
    sigma_err_pb: stats.sigmaErrPb,
    events: request.events,
    unweighting_efficiency: stats.unweightingEfficiency,
    overweight_fraction: stats.overweightFraction,
    trials: stats.trials,
    weighted: request.options.weighted,
    isr: request.options.isr,
    beam_energy_spread: request.options.beamEnergySpread,
    alpha_em: request.options.alphaEM,
    alpha_em_note: ALPHA_EM_NOTE,
    seed: request.seed,
    sqrt_s_GeV: sqrtS,
    batch_size: BATCH_SIZE,
    format: request.format,
    out: request.out,
  };
}

function lheRun(request: GenerateRequest, generator: EventGenerator, sqrtS: number): LheRun {
  const stats = generator.stats();
  const facts = generator.describe();
  const maxWeight = typeof facts.max_weight_pb === 'number' ? facts.max_weight_pb : stats.sigmaPb;
  return {
    beams: request.options.beams,
    sigmaPb: stats.sigmaPb,
    sigmaErrPb: stats.sigmaErrPb,
    maxWeightPb: maxWeight,
    weighted: request.options.weighted,
    alphaEM: request.options.alphaEM,
    scaleGeV: sqrtS,
    info: { process: request.process, seed: request.seed, events: request.events, isr: request.options.isr, settings: request.settings, ...facts },
  };
}

function copyInto(fromPath: string, toFd: number): void {
  const input = openSync(fromPath, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let n = readSync(input, buffer); n > 0; n = readSync(input, buffer)) writeSync(toFd, buffer, 0, n);
  } finally {
    closeSync(input);
  }
}

function table(report: GenerateReport): string {
  const rows: [string, string][] = [
    ['process', report.process],
    ...(report.mass_GeV === null ? [] : [['Z\' mass', `${report.mass_GeV} GeV`] as [string, string]]),
    ['sigma', `${report.sigma_pb.toPrecision(6)} +- ${report.sigma_err_pb.toPrecision(2)} pb`],
    ['events', String(report.events)],
    ['unweighting efficiency', report.weighted ? 'weighted events' : report.unweighting_efficiency.toFixed(4)],
    ['overweight fraction', report.overweight_fraction.toExponential(2)],
    ['ISR', report.isr ? 'on' : 'off'],
    ['alpha_em', `1/${(1 / report.alpha_em).toFixed(3)} (MadGraph's L_mu-L_tau model uses 1/127.9)`],
    ['seed', String(report.seed)],
    ['output', report.out === null ? 'none (give --out FILE)' : `${report.out} (${report.format})`],
  ];
  return rows.map(([k, v]) => `${k.padEnd(24)}${v}`).join('\n');
}

export const registerGenerate: RegisterCommand = (program: Command) => {
  program
    .command('generate')
    .description('truth events of one process (signal, mumu, tautau, eemumu, ee) with sigma +- its MC error; LHE or CSV output')
    .option('--process <name>', 'process: signal, mumu, tautau, eemumu or ee (those registered)')
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--mass <GeV>', "Z' mass in GeV (signal only)")
    .option('--width-ratio <r>', "Z' width over mass, e.g. 0.1 (signal only)")
    .option('--events <n>', 'number of events')
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--isr <on|off>', 'initial-state radiation (off: the plain tree-level process)')
    .option('--beam-spread <on|off>', 'Gaussian beam-energy spread of the scenario, event by event (default on)')
    .option('--alpha-em <x>', `photon coupling alpha (default alpha(0) = ${ALPHA_EM_0}; MadGraph's model: ${ALPHA_EM_MADGRAPH})`)
    .option('--weighted', 'keep weighted events (weights in pb, mean = sigma) instead of unweighting')
    .option('--format <lhe|csv>', 'output format (default: from the --out extension)')
    .option('--out <file>', 'write the events to this file (Les Houches v3 or CSV, lab frame)')
    .option('--json', 'print the results as JSON to stdout')
    .action((flags: GenerateFlags) => {
      const { scenario } = loadScenarioOption(flags.scenario, flags.seed);
      const request = resolveRequest(flags, scenario);
      const showProgress = process.stderr.isTTY === true && flags.json !== true && request.events >= 100_000;
      const bar = showProgress ? new SingleBar({ format: 'generate {bar} {value}/{total} events', stream: process.stderr }) : null;
      bar?.start(request.events, 0);
      try {
        const report = runGenerate(request, (done) => bar?.update(done));
        bar?.stop();
        process.stdout.write(flags.json === true ? `${JSON.stringify(report)}\n` : `${table(report)}\n`);
      } finally {
        bar?.stop();
      }
    });
};
