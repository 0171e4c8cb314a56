import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ALPHA_EM_0 } from '../../physics/constants.js';
import { writeAtomically } from '../../report/writeAtomically.js';
import { DEFAULT_MASSES_GEV, resolutionCurve, type ResolutionReport, type ResolutionRequest } from '../../runner/resolution.js';
import { scenarioBeamEnergySpread } from '../../runner/beamEnergySpread.js';
import { scenarioDetector } from '../../runner/scenarioDetector.js';
import type { Scenario } from '../../scenario/index.js';
import { checkOutputFile, parseInteger, parseMassList, parseOnOff } from '../flags.js';
import { explainSettingsErrors } from '../sampleRequest.js';
import { loadScenarioOption, SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../scenarioOption.js';
import type { RegisterCommand } from './index.js';

/**
 * `zprime-mc resolution`: the signal M²recoil resolution curve of the scenario's detector
 * (see src/runner/resolution.ts); `--out` writes it, atomically, for the mass scan.
 */

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
  const eventsPerMass = parseInteger('--events', flags.events ?? '20000', 1000, 10_000_000, 'events per mass');
  const masses = flags.masses === undefined ? DEFAULT_MASSES_GEV : parseMassList('--masses', flags.masses, 0.001, 9.9);
  const out = flags.out === undefined ? null : checkOutputFile('--out', flags.out);
  return {
    masses,
    eventsPerMass,
    options: { beams: scenario.beams, beamEnergySpread: parseOnOff('--beam-spread', flags.beamSpread, scenarioBeamEnergySpread(scenario, 'signal')), isr: parseOnOff('--isr', flags.isr, true), alphaEM: ALPHA_EM_0, weighted: false },
    signalSettings: scenario.generators.signal,
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
    .option('--beam-spread <on|off>', "beam-energy spread in the signal events, so in the resolution (default: the scenario's generators.signal.beamEnergySpread, off as in the paper)")
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
        report = explainSettingsErrors('signal', () => resolutionCurve(request, scenarioDetector(scenario), (done) => bar?.update(done)));
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
