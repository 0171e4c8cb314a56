import { SingleBar } from 'cli-progress';
import { ALPHA_EM_0 } from '../../physics/constants.js';
import { writeAtomically } from '../../report/writeAtomically.js';
import { DEFAULT_MASSES_GEV, resolutionCurve, type ResolutionReport, type ResolutionRequest } from '../../runner/resolution.js';
import { scenarioBeamEnergySpread } from '../../runner/beamEnergySpread.js';
import { scenarioDetector } from '../../runner/scenarioDetector.js';
import type { Scenario } from '../../scenario/index.js';
import { checkOutputFile, parseInteger, parseMassList, parseOnOff } from '../flags.js';
import { explainSettingsErrors } from '../sampleRequest.js';
import { loadScenarioOption } from '../scenarioOption.js';

/**
 * `zprime-mc resolution`: the signal M²recoil resolution curve of the scenario's detector
 * (see src/runner/resolution.ts); `--out` writes it, atomically, for the mass scan.
 */

export interface ResolutionFlags {
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

export function runResolutionCommand(flags: ResolutionFlags): void {
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
}
