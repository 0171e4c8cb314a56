import type { Command } from 'commander';
import { ZodError } from 'zod';
import { buildDetector, type Detector, mergeCutflows, type StageReport, stageEfficiencies } from '../../../detector/index.js';
import { findProcess } from '../../../generators/index.js';
import type { EventGenerator } from '../../../generators/process.js';
import { TriggerBit } from '../../events/recoBatch.js';
import { CollisionFrame } from '../../physics/beams.js';
import { createStream } from '../../random/stream.js';
import type { Scenario } from '../../scenario/index.js';
import { InputError } from '../errors.js';
import { loadScenarioOption, SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../scenarioOption.js';
import { BATCH_SIZE, type GenerateRequest, resolveRequest } from './generate.js';
import type { RegisterCommand } from './index.js';

/**
 * `zprime-mc simulate`: generates events of one process and passes them through the scenario's
 * detector; prints what each stage kept (counts and efficiencies) and the trigger yield.
 * Batch k of the generator draws from (seed, process, k) and its reconstruction from
 * (seed, "detector/<stage>", k), as `generate` and the detector chain define.
 */

/** The detector of a scenario: its `detector` section with its beams and data-taking periods. */
export function scenarioDetector(scenario: Scenario): Detector {
  return buildDetector(scenario.detector, { frame: new CollisionFrame(scenario.beams), periods: scenario.luminosity.periods });
}

/** Creates a generator; a settings error becomes an InputError naming the flag or the scenario field. */
export function createGeneratorOrExplain(request: Pick<GenerateRequest, 'process' | 'settings' | 'options' | 'seed'>): EventGenerator {
  const definition = findProcess(request.process);
  if (definition === undefined) throw new InputError(`--process ${request.process} is not registered`);
  try {
    return definition.create(request.settings, request.options, request.seed);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0];
    const key = String(issue.path[0] ?? '');
    const where = key === 'massGeV' ? '--mass' : `generators.${request.process}.${issue.path.join('.')}`;
    throw new InputError(`${where} is not allowed: ${issue.message}`);
  }
}

/** What `simulate --json` prints. */
export interface SimulateReport {
  readonly process: string;
  readonly mass_GeV: number | null;
  readonly events: number;
  readonly seed: number;
  readonly sigma_pb: number;
  readonly sigma_err_pb: number;
  /** Per stage in run order: its counts and the efficiencies it defines. */
  readonly stages: readonly { name: string; type: string; counts: Record<string, number>; efficiencies: Record<string, number | null> }[];
  /** Events by number of reconstructed tracks and with exactly two of opposite charge. */
  readonly events_two_opposite_tracks: number;
  /** Events the online selection keeps: two-track trigger fired and no Bhabha veto. */
  readonly events_triggered: number;
  readonly trigger_efficiency: number;
}

interface SimulateFlags {
  process?: string;
  scenario?: string;
  mass?: string;
  events?: string;
  seed?: string;
  isr?: string;
  beamSpread?: string;
  alphaEm?: string;
  json?: boolean;
}

/** Generates and reconstructs every batch of the request; returns the report. */
export function runSimulate(request: GenerateRequest, detector: Detector): SimulateReport {
  const generator = createGeneratorOrExplain(request);
  const flows: (readonly StageReport[])[] = [];
  let twoTracks = 0;
  let triggered = 0;
  const nBatches = Math.ceil(request.events / BATCH_SIZE);
  for (let k = 0; k < nBatches; k++) {
    const n = Math.min(BATCH_SIZE, request.events - k * BATCH_SIZE);
    const truth = generator.generate(n, createStream(request.seed, request.process, k));
    const { batch, cutflow } = detector.reconstruct(truth, request.seed, k);
    flows.push(cutflow);
    for (let i = 0; i < batch.nEvents; i++) {
      const a = batch.trackOffsets[i];
      if (batch.trackOffsets[i + 1] - a === 2 && batch.trackCharge[a] + batch.trackCharge[a + 1] === 0) twoTracks++;
      const bits = batch.trigger[i];
      if ((bits & TriggerBit.twoTrack) !== 0 && (bits & TriggerBit.bhabhaVeto) === 0) triggered++;
    }
  }
  const stats = generator.stats();
  const facts = generator.describe();
  const nan = (x: number) => (Number.isNaN(x) ? null : x);
  return {
    process: request.process,
    mass_GeV: typeof facts.mass_GeV === 'number' ? facts.mass_GeV : null,
    events: request.events,
    seed: request.seed,
    sigma_pb: stats.sigmaPb,
    sigma_err_pb: stats.sigmaErrPb,
    stages: mergeCutflows(flows).map((s) => ({
      name: s.name,
      type: s.type,
      counts: { ...s.counts },
      efficiencies: Object.fromEntries(Object.entries(stageEfficiencies(s)).map(([key, value]) => [key, nan(value)])),
    })),
    events_two_opposite_tracks: twoTracks,
    events_triggered: triggered,
    trigger_efficiency: triggered / request.events,
  };
}

function table(report: SimulateReport): string {
  const lines = [
    `process ${report.process}${report.mass_GeV === null ? '' : ` (M = ${report.mass_GeV} GeV)`}, ${report.events} events, seed ${report.seed}`,
    `sigma ${report.sigma_pb.toPrecision(6)} +- ${report.sigma_err_pb.toPrecision(2)} pb`,
  ];
  for (const s of report.stages) {
    const counts = Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(', ');
    const eff = Object.entries(s.efficiencies).map(([k, v]) => `${k} ${v === null ? '-' : v.toFixed(4)}`).join(', ');
    lines.push(`${s.name.padEnd(20)}${counts}${eff === '' ? '' : `; ${eff}`}`);
  }
  lines.push(`two opposite tracks  ${report.events_two_opposite_tracks}`);
  lines.push(`triggered            ${report.events_triggered} (${(100 * report.trigger_efficiency).toFixed(2)}%)`);
  return lines.join('\n');
}

export const registerSimulate: RegisterCommand = (program: Command) => {
  program
    .command('simulate')
    .description("generate events of one process and pass them through the scenario's detector; counts and efficiencies per stage")
    .option('--process <name>', 'process: signal, mumu, … (those registered)')
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--mass <GeV>', "Z' mass in GeV (signal only)")
    .option('--events <n>', 'number of events')
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--isr <on|off>', 'initial-state radiation (default on)')
    .option('--beam-spread <on|off>', 'Gaussian beam-energy spread of the scenario, event by event (default on)')
    .option('--alpha-em <x>', 'photon coupling alpha (default alpha(0))')
    .option('--json', 'print the results as JSON to stdout')
    .action((flags: SimulateFlags) => {
      const { scenario } = loadScenarioOption(flags.scenario, flags.seed);
      const request = resolveRequest(flags, scenario);
      const report = runSimulate(request, scenarioDetector(scenario));
      process.stdout.write(flags.json === true ? `${JSON.stringify(report)}\n` : `${table(report)}\n`);
    });
};
