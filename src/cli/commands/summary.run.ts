import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { writeAtomically } from '../../report/writeAtomically.js';
import { DEFAULT_MASSES_GEV } from '../../runner/resolution.js';
import { scenarioDetector } from '../../runner/scenarioDetector.js';
import { type ScenarioSummary, scenarioSummary } from '../../runner/scenarioSummary.js';
import { InputError } from '../errors.js';
import { parseInteger, parseMassList } from '../flags.js';
import { explainSettingsErrors } from '../sampleRequest.js';
import { DEFAULT_SIGNAL_MASSES } from './summary.js';
import { loadScenarioOption } from '../scenarioOption.js';

/**
 * `zprime-mc summary`: a scenario from beams to reconstructed events (src/runner/scenarioSummary.ts).
 * Writes `summary.json` and `resolution.json` (the curve the mass scan reads) to the output folder.
 * `zprime-mc` with no sub-command runs it on the default scenario.
 */

export interface SummaryFlags {
  scenario?: string;
  seed?: string;
  events?: string;
  masses?: string;
  resolutionEvents?: string;
  out?: string;
  json?: boolean;
}

function table(summary: ScenarioSummary, folder: string): string {
  const b = summary.beam;
  const lines = [
    `scenario ${summary.scenario}: ${summary.luminosity_fb} fb^-1, seed ${summary.seed}`,
    `beams ${b.her_GeV} GeV e- x ${b.ler_GeV} GeV e+, crossing ${b.crossing_angle_mrad} mrad: sqrt(s) = ${b.sqrt_s_GeV.toFixed(5)} GeV, beta*gamma = ${b.beta_gamma.toFixed(4)}`,
    '',
    `${'sample'.padEnd(16)}${'sigma [pb]'.padStart(22)}${'expected events'.padStart(17)}${'2 tracks'.padStart(10)}${'trigger'.padStart(9)}${'after trigger'.padStart(15)}${'selected'.padStart(10)}${'after selection'.padStart(17)}`,
  ];
  for (const s of summary.samples) {
    const name = s.mass_GeV === null ? s.process : `${s.process} ${s.mass_GeV} GeV`;
    lines.push(
      `${name.padEnd(16)}${`${s.sigma_pb.toPrecision(5)} ± ${s.sigma_err_pb.toPrecision(2)}`.padStart(22)}${s.expected_events.toExponential(3).padStart(17)}${s.two_opposite_tracks_fraction.toFixed(3).padStart(10)}${s.trigger_efficiency.toFixed(3).padStart(9)}${s.expected_triggered_events.toExponential(3).padStart(15)}${s.selection_efficiency.toExponential(2).padStart(10)}${s.expected_selected_events.toExponential(3).padStart(17)}`,
    );
  }
  lines.push("(signal at g' = 1: sigma and yields scale as g'^2; 'selected': the paper's offline selection before the Punzi-net)", '', 'signal M2recoil resolution (core width):');
  for (const p of summary.resolution.points) lines.push(`  M = ${p.mass_GeV.toFixed(3).padStart(6)} GeV  M2 = ${p.m2_GeV2.toFixed(2).padStart(6)} GeV2  sigma = ${p.sigma_m2_GeV2.toFixed(4)} GeV2`);
  lines.push('', `written: ${join(folder, 'summary.json')}, ${join(folder, 'resolution.json')}`);
  return lines.join('\n');
}

/** Runs the summary for the flags; shared by `summary` and the bare `zprime-mc`. */
export function runSummaryCommand(flags: SummaryFlags): void {
  const { scenario } = loadScenarioOption(flags.scenario, flags.seed);
  const eventsPerSample = parseInteger('--events', flags.events ?? '100000', 1000, 100_000_000, 'events per sample');
  const signalMassesGeV = parseMassList('--masses', flags.masses ?? DEFAULT_SIGNAL_MASSES, 0.001, 9.9);
  const resolutionEventsPerMass = parseInteger('--resolution-events', flags.resolutionEvents ?? '20000', 1000, 10_000_000, 'signal events per mass of the resolution curve');
  const folder = flags.out ?? join('out', scenario.name);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new InputError(`--out ${folder} is not allowed: cannot create the folder (${error instanceof Error ? error.message : String(error)})`);
  }
  const showProgress = process.stderr.isTTY === true && flags.json !== true;
  const bar = showProgress ? new SingleBar({ format: 'summary {bar} {value}/{total} {step}', stream: process.stderr }) : null;
  let summary: ScenarioSummary;
  try {
    summary = explainSettingsErrors('signal', () =>
      scenarioSummary(
        scenario,
        scenarioDetector(scenario),
        { eventsPerSample, signalMassesGeV, resolutionEventsPerMass, resolutionMassesGeV: DEFAULT_MASSES_GEV },
        (step, done, total) => {
          if (done === 0) bar?.start(total, 0, { step });
          bar?.update(done, { step });
        },
      ),
    );
  } finally {
    bar?.stop();
  }
  writeAtomically(join(folder, 'resolution.json'), `${JSON.stringify(summary.resolution)}\n`);
  writeAtomically(join(folder, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(flags.json === true ? `${JSON.stringify(summary)}\n` : `${table(summary, folder)}\n`);
}
