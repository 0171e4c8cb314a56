import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import type { Detector } from '../../../detector/index.js';
import { coreWidth, dimuonRecoilMass2 } from '../../../detector/recoilResolution.js';
import type { GeneratorOptions } from '../../../generators/process.js';
import { CollisionFrame } from '../../physics/beams.js';
import { ALPHA_EM_0 } from '../../physics/constants.js';
import { createStream } from '../../random/stream.js';
import type { Scenario } from '../../scenario/index.js';
import { InputError } from '../errors.js';
import { loadScenarioOption, SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../scenarioOption.js';
import { BATCH_SIZE } from './generate.js';
import type { RegisterCommand } from './index.js';
import { createGeneratorOrExplain, scenarioDetector } from './simulate.js';

/**
 * `zprime-mc resolution`: the signal M²recoil resolution curve of the scenario's detector.
 * For each Z′ mass, signal events go through the detector; M²recoil is computed from the two
 * measured tracks and the nominal initial state, with the generated radiated photons subtracted,
 * and σ is the width of the Gaussian core of that distribution: the resolution function a signal
 * template convolves with (detector and, with --beam-spread on, the beam-energy spread).
 */

/** Z′ masses (GeV) of the default curve: up to M² = 80 GeV², where the paper quotes 0.06 GeV². */
export const DEFAULT_MASSES_GEV = [0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 8.5, Math.sqrt(80)];

export interface ResolutionPoint {
  readonly mass_GeV: number;
  readonly m2_GeV2: number;
  readonly sigma_m2_GeV2: number;
  /** Statistical error of sigma_m2_GeV2. */
  readonly sigma_m2_err_GeV2: number;
  /** Events in the Gaussian core. */
  readonly events: number;
}

export interface ResolutionReport {
  readonly points: readonly ResolutionPoint[];
  readonly seed: number;
  readonly events_per_mass: number;
  readonly beam_energy_spread: boolean;
  readonly isr: boolean;
}

export interface ResolutionRequest {
  readonly masses: readonly number[];
  readonly eventsPerMass: number;
  readonly options: GeneratorOptions;
  readonly signalSettings: object;
  readonly seed: number;
}

/** Computes the curve: one signal sample per mass, in batches (seed, "resolution/<mass>", k). */
export function runResolution(request: ResolutionRequest, detector: Detector, onMass?: (done: number) => void): ResolutionReport {
  const initial = new CollisionFrame(request.options.beams).total;
  const points = request.masses.map((mass, m): ResolutionPoint => {
    const generator = createGeneratorOrExplain({ process: 'signal', settings: { ...request.signalSettings, massGeV: mass }, options: request.options, seed: request.seed });
    const nBatches = Math.ceil(request.eventsPerMass / BATCH_SIZE);
    const values = new Float64Array(request.eventsPerMass);
    for (let k = 0; k < nBatches; k++) {
      const n = Math.min(BATCH_SIZE, request.eventsPerMass - k * BATCH_SIZE);
      const truth = generator.generate(n, createStream(request.seed, `resolution/${mass}`, k));
      const { batch } = detector.reconstruct(truth, request.seed, k);
      values.set(dimuonRecoilMass2(batch, initial, truth), k * BATCH_SIZE);
    }
    const core = coreWidth(values);
    onMass?.(m + 1);
    return { mass_GeV: mass, m2_GeV2: mass * mass, sigma_m2_GeV2: core.sigma, sigma_m2_err_GeV2: core.sigmaError, events: core.n };
  });
  return { points, seed: request.seed, events_per_mass: request.eventsPerMass, beam_energy_spread: request.options.beamEnergySpread, isr: request.options.isr };
}

/** Writes text to `path` through a temporary file in the same folder and a rename: all or nothing. */
export function writeAtomically(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

interface ResolutionFlags {
  scenario?: string;
  seed?: string;
  events?: string;
  masses?: string;
  beamSpread?: string;
  isr?: string;
  out?: string;
  json?: boolean;
}

/** Checks the flags against the scenario; throws InputError (one line) on anything wrong. */
export function resolveResolutionRequest(flags: ResolutionFlags, scenario: Scenario): ResolutionRequest & { out: string | null } {
  const eventsText = flags.events ?? '20000';
  const eventsPerMass = /^\d+$/.test(eventsText) ? Number(eventsText) : Number.NaN;
  if (!Number.isSafeInteger(eventsPerMass) || eventsPerMass < 1000 || eventsPerMass > 10_000_000) {
    throw new InputError(`--events ${eventsText} is not allowed: must be an integer from 1000 to 10000000 (events per mass)`);
  }
  let masses = DEFAULT_MASSES_GEV;
  if (flags.masses !== undefined) {
    masses = flags.masses.split(',').map((t) => (t.trim() === '' ? Number.NaN : Number(t)));
    if (masses.some((m) => !Number.isFinite(m) || m <= 0 || m >= 10)) {
      throw new InputError(`--masses ${flags.masses} is not allowed: must be a comma-separated list of Z' masses in GeV, each above 0 and below 10`);
    }
  }
  const onOff = (flag: string, text: string | undefined): boolean => {
    if (text === undefined || text === 'on') return true;
    if (text === 'off') return false;
    throw new InputError(`${flag} ${text} is not allowed: must be on or off`);
  };
  const out = flags.out ?? null;
  if (out !== null) {
    const dir = dirname(out);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`--out ${out}: the folder ${dir} does not exist`);
    if (existsSync(out) && statSync(out).isDirectory()) throw new InputError(`--out ${out}: is a folder, must be a file name`);
  }
  const generators = scenario.generators as Record<string, unknown>;
  const signal = generators.signal;
  return {
    masses,
    eventsPerMass,
    options: { beams: scenario.beams, beamEnergySpread: onOff('--beam-spread', flags.beamSpread), isr: onOff('--isr', flags.isr), alphaEM: ALPHA_EM_0, weighted: false },
    signalSettings: typeof signal === 'object' && signal !== null ? signal : {},
    seed: scenario.seed,
    out,
  };
}

export const registerResolution: RegisterCommand = (program: Command) => {
  program
    .command('resolution')
    .description("the signal M2recoil resolution curve of the scenario's detector: {points: [{mass_GeV, m2_GeV2, sigma_m2_GeV2}, ...]}")
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--events <n>', 'signal events per mass (default 20000)')
    .option('--masses <list>', "comma-separated Z' masses in GeV (default: 0.25 to sqrt(80))")
    .option('--beam-spread <on|off>', 'beam-energy spread in the generated events, so in the resolution (default on, as in data)')
    .option('--isr <on|off>', 'initial-state radiation in the generated events (default on)')
    .option('--out <file>', 'write the curve as JSON to this file (the mass scan reads it), atomically')
    .option('--json', 'print the curve as JSON to stdout')
    .action((flags: ResolutionFlags) => {
      const { scenario } = loadScenarioOption(flags.scenario, flags.seed);
      const request = resolveResolutionRequest(flags, scenario);
      const bar = process.stderr.isTTY === true && flags.json !== true ? new SingleBar({ format: 'resolution {bar} {value}/{total} masses', stream: process.stderr }) : null;
      bar?.start(request.masses.length, 0);
      let report: ResolutionReport;
      try {
        report = runResolution(request, scenarioDetector(scenario), (done) => bar?.update(done));
      } finally {
        bar?.stop();
      }
      const json = `${JSON.stringify(report)}\n`;
      if (request.out !== null) writeAtomically(request.out, json);
      if (flags.json === true) process.stdout.write(json);
      else {
        const rows = report.points.map((p) => `${p.mass_GeV.toFixed(3).padStart(8)} GeV  M2 ${p.m2_GeV2.toFixed(3).padStart(8)} GeV2  sigma ${p.sigma_m2_GeV2.toFixed(4)} +- ${p.sigma_m2_err_GeV2.toFixed(4)} GeV2`);
        process.stdout.write(`${rows.join('\n')}\n${request.out === null ? '' : `written to ${request.out}\n`}`);
      }
    });
};
