import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EventGenerator, GeneratorOptions } from '../../generators/process.js';
import type { ProcessName } from '../../generators/registry.js';
import { CollisionFrame } from '../physics/beams.js';
import { createStream } from '../random/stream.js';
import { csvHeader, formatCsvRows } from '../report/csv.js';
import { formatLheEvents, formatLheInit, LHE_FOOTER, type LheRun } from '../report/lhe.js';
import { BATCH_SIZE, forEachBatchYielding } from './batches.js';
import { copyInto, removeOnInterrupt } from './temporaryFiles.js';

/**
 * Truth events of one process, with σ ± its Monte Carlo error, optionally written as Les Houches
 * (v3) or CSV events. Batch k draws from the stream (seed, process, k), so the events (and the
 * output bytes) of a seed do not depend on how the work is split. The output file is written to a
 * temporary file beside it and renamed when complete: a failed run leaves nothing.
 */

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
  readonly max_trials_per_event: number;
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

/** A validated request for a sample of truth events. */
export interface GenerateRequest {
  readonly process: ProcessName;
  readonly events: number;
  readonly options: GeneratorOptions;
  readonly settings: object;
  readonly seed: number;
  readonly format: 'lhe' | 'csv' | null;
  readonly out: string | null;
}

/**
 * Runs the request: generates all batches, writes the output atomically, returns the report. The
 * event loop turns after each batch, so that Ctrl-C (SIGINT) or SIGTERM removes the temporary files
 * and leaves no half-written output.
 */
export async function generateSample(generator: EventGenerator, request: GenerateRequest, onBatch?: (eventsDone: number) => void): Promise<GenerateReport> {
  const out = request.out;
  const tmpBody = out === null ? null : join(dirname(out), `.${basename(out)}.${process.pid}.body.tmp`);
  const tmpFinal = out === null ? null : join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  const sqrtS = new CollisionFrame(request.options.beams).sqrtS;
  const eventFacts = { beams: request.options.beams, alphaEM: request.options.alphaEM, scaleGeV: sqrtS };
  let fd: number | null = null;
  const releases = [tmpBody, tmpFinal].flatMap((path) => (path === null ? [] : [removeOnInterrupt(path)]));
  try {
    if (tmpBody !== null) {
      fd = openSync(tmpBody, 'w');
      if (request.format === 'csv') writeSync(fd, csvHeader());
    }
    let done = 0;
    const body = fd;
    await forEachBatchYielding(request.events, (k, n) => {
      const batch = generator.generate(n, createStream(request.seed, request.process, k));
      if (body !== null) writeSync(body, request.format === 'csv' ? formatCsvRows(batch, done) : formatLheEvents(batch, eventFacts));
      done += n;
      onBatch?.(done);
    });
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
    for (const release of releases) release();
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
    max_trials_per_event: stats.maxTrialsPerEvent,
    weighted: request.options.weighted,
    // A process without initial-state radiation (eeμμ in the equivalent-photon approximation) says so.
    isr: request.options.isr && facts.isr_applied !== false,
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
