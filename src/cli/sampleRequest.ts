import { extname } from 'node:path';
import { ZodError } from 'zod';
import { isProcessName, processes, processRegistry } from '../../generators/index.js';
import type { EventGenerator, GeneratorOptions } from '../../generators/process.js';
import { ALPHA_EM_0 } from '../physics/constants.js';
import { scenarioBeamEnergySpread } from '../runner/beamEnergySpread.js';
import type { GenerateRequest } from '../runner/generate.js';
import type { Scenario } from '../scenario/index.js';
import { InputError } from './errors.js';
import { checkOutputFile, parseInteger, parseNumber, parseOnOff } from './flags.js';

/**
 * The flags that choose a sample of one process (`generate`, `simulate`), checked against the
 * scenario, and the creation of its generator with settings errors named by flag or field.
 */

const MAX_EVENTS = 1_000_000_000;

export interface SampleFlags {
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

/** Checks the flags and the scenario; throws InputError (one line) on anything wrong. */
export function resolveSampleRequest(flags: SampleFlags, scenario: Scenario): GenerateRequest {
  const names = processes.map((p) => p.name).join(', ');
  if (flags.process === undefined) throw new InputError(`--process is required: one of ${names}`);
  if (!isProcessName(flags.process)) throw new InputError(`--process ${flags.process} is not allowed: must be one of ${names}`);
  const process = flags.process;
  if (flags.events === undefined) throw new InputError('--events is required: the number of events to generate');
  const events = parseInteger('--events', flags.events, 1, MAX_EVENTS);
  if (process !== 'signal' && flags.mass !== undefined) throw new InputError(`--mass applies to --process signal only, not to ${process}`);
  if (process !== 'signal' && flags.widthRatio !== undefined) throw new InputError(`--width-ratio applies to --process signal only, not to ${process}`);
  const alphaEM = flags.alphaEm === undefined ? ALPHA_EM_0 : parseNumber('--alpha-em', flags.alphaEm, 'a number between 0 and 1 (e.g. 0.0072973525693 = 1/137.036)', (x) => x > 0 && x < 1);
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
    checkOutputFile('--out', out);
  } else if (format !== null) {
    throw new InputError(`--format ${format} needs --out FILE (events are written to a file)`);
  }

  let settings: object = scenario.generators[process];
  if (process === 'signal') {
    const mass = flags.mass === undefined ? {} : { massGeV: parseNumber('--mass', flags.mass, 'a Z\' mass in GeV (a positive number)', (x) => x > 0) };
    const width =
      flags.widthRatio === undefined ? {} : { widthRatio: parseNumber('--width-ratio', flags.widthRatio, 'Γ/M, a number ≥ 0 (0.1 is the paper\'s wide benchmark)', (x) => x >= 0) };
    settings = { ...scenario.generators.signal, ...mass, ...width };
  }
  const isr = parseOnOff('--isr', flags.isr, true);
  const options: GeneratorOptions = {
    beams: scenario.beams,
    beamEnergySpread: parseOnOff('--beam-spread', flags.beamSpread, scenarioBeamEnergySpread(scenario, process)),
    isr,
    alphaEM,
    weighted: flags.weighted === true,
  };
  return { process, events, options, settings, seed: scenario.seed, format, out };
}

/** The settings that command-line flags can set (any process's settings object is one). */
interface FlagSettings {
  readonly massGeV?: unknown;
  readonly widthRatio?: unknown;
}

/**
 * Runs `work` (which creates generators of `process`); a settings error of the process (zod) becomes
 * an InputError naming the flag (--mass, --width-ratio) or the scenario field.
 */
export function explainSettingsErrors<T>(process: string, work: () => T, settings: FlagSettings = {}): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0];
    const key = issue.path[0];
    const flag = key === 'massGeV' ? `--mass ${String(settings.massGeV)}` : key === 'widthRatio' ? `--width-ratio ${String(settings.widthRatio)}` : null;
    const where = flag ?? `generators.${process}.${issue.path.join('.')}`;
    throw new InputError(`${where} is not allowed: ${issue.message}`);
  }
}

/** Creates the generator of a request; a settings error names the flag (signal mass/width) or the scenario field. */
export function createGenerator(request: Pick<GenerateRequest, 'process' | 'settings' | 'options' | 'seed'>): EventGenerator {
  const definition = processRegistry[request.process];
  return explainSettingsErrors(request.process, () => definition.createFromInput(request.settings, request.options, request.seed), request.settings);
}
