import type { Detector } from '../../detector/index.js';
import { type ProcessName, processes, processRegistry } from '../../generators/index.js';
import type { GeneratorOptions } from '../../generators/process.js';
import { CollisionFrame } from '../physics/beams.js';
import { ALPHA_EM_0 } from '../physics/constants.js';
import { type BeamReport, beamReport } from '../report/beamReport.js';
import { scenarioBeamEnergySpread } from './beamEnergySpread.js';
import type { Scenario } from '../scenario/index.js';
import { resolutionCurve, type ResolutionReport } from './resolution.js';
import { simulateSample } from './simulate.js';

/**
 * The chain of a scenario from beams to reconstructed events: for every background process and
 * for the signal at a few masses, σ with its Monte Carlo error, the number of events expected in
 * the scenario's luminosity, and what fraction the detector reconstructs as two opposite-charge
 * tracks, the trigger keeps and the paper's offline selection (before the Punzi-net) keeps; and the
 * signal M²recoil resolution curve that the mass scan uses.
 */

/** What to run. Every sample draws from streams named after the scenario seed. */
export interface ScenarioSummaryRequest {
  /** Events simulated per background process and per signal mass. */
  readonly eventsPerSample: number;
  /** Z′ masses (GeV) at which the signal is simulated. */
  readonly signalMassesGeV: readonly number[];
  /** Signal events per mass for the resolution curve. */
  readonly resolutionEventsPerMass: number;
  /** Z′ masses (GeV) of the resolution curve. */
  readonly resolutionMassesGeV: readonly number[];
}

/** One simulated sample. */
export interface SampleSummary {
  readonly process: string;
  readonly mass_GeV: number | null;
  /** σ in pb (for the signal: at g′ = 1, σ ∝ g′²). */
  readonly sigma_pb: number;
  readonly sigma_err_pb: number;
  /** σ × the scenario's integrated luminosity (for the signal: at g′ = 1). */
  readonly expected_events: number;
  readonly events_simulated: number;
  /** Fraction of events with exactly two reconstructed tracks of opposite charge. */
  readonly two_opposite_tracks_fraction: number;
  /** Fraction of events kept by the online selection (two-track trigger, no Bhabha veto). */
  readonly trigger_efficiency: number;
  /** Expected events after the trigger in the scenario's luminosity. */
  readonly expected_triggered_events: number;
  /** Fraction of events passing the paper's offline selection before the Punzi-net. */
  readonly selection_efficiency: number;
  /** Expected events after that selection in the scenario's luminosity. */
  readonly expected_selected_events: number;
}

export interface ScenarioSummary {
  readonly scenario: string;
  readonly seed: number;
  readonly luminosity_fb: number;
  readonly beam: BeamReport;
  readonly alpha_em: number;
  readonly samples: readonly SampleSummary[];
  readonly resolution: ResolutionReport;
}

/** Progress: which step is running, out of how many. */
export type SummaryProgress = (step: string, done: number, total: number) => void;

/** One sample of the summary: a process with the settings its generator is created from. */
interface SummaryJob {
  readonly process: ProcessName;
  readonly settings: object;
  readonly label: string;
}

/** 1 fb⁻¹ = 1000 pb⁻¹. */
const PB_PER_FB = 1000;

export function scenarioSummary(scenario: Scenario, detector: Detector, request: ScenarioSummaryRequest, progress: SummaryProgress = () => {}): ScenarioSummary {
  const optionsFor = (process: ProcessName): GeneratorOptions => ({
    beams: scenario.beams,
    beamEnergySpread: scenarioBeamEnergySpread(scenario, process),
    isr: true,
    alphaEM: ALPHA_EM_0,
    weighted: false,
  });
  const luminosityPb = scenario.luminosity.totalFb * PB_PER_FB;
  const signalSettings = scenario.generators.signal;
  const jobs: SummaryJob[] = [
    ...processes.filter((p) => p.name !== 'signal').map((p): SummaryJob => ({ process: p.name, settings: scenario.generators[p.name], label: p.name })),
    ...request.signalMassesGeV.map((massGeV): SummaryJob => ({ process: 'signal', settings: { ...signalSettings, massGeV }, label: `signal ${massGeV} GeV` })),
  ];
  const total = jobs.length + 1;
  const samples = jobs.map((job, j): SampleSummary => {
    progress(job.label, j, total);
    const generator = processRegistry[job.process].createFromInput(job.settings, optionsFor(job.process), scenario.seed);
    const report = simulateSample(generator, { process: job.process, events: request.eventsPerSample, seed: scenario.seed }, detector, {
      settings: scenario.selection,
      sample: 'signal',
      luminosityFb: scenario.luminosity.totalFb,
    });
    const expected = report.sigma_pb * luminosityPb;
    return {
      process: job.process,
      mass_GeV: report.mass_GeV,
      sigma_pb: report.sigma_pb,
      sigma_err_pb: report.sigma_err_pb,
      expected_events: expected,
      events_simulated: report.events,
      two_opposite_tracks_fraction: report.events_two_opposite_tracks / report.events,
      trigger_efficiency: report.trigger_efficiency,
      expected_triggered_events: expected * report.trigger_efficiency,
      selection_efficiency: report.efficiency,
      expected_selected_events: expected * report.efficiency,
    };
  });
  progress('resolution curve', jobs.length, total);
  const resolution = resolutionCurve(
    { masses: request.resolutionMassesGeV, eventsPerMass: request.resolutionEventsPerMass, options: optionsFor('signal'), signalSettings, seed: scenario.seed },
    detector,
  );
  progress('done', total, total);
  const frame = new CollisionFrame(scenario.beams);
  return {
    scenario: scenario.name,
    seed: scenario.seed,
    luminosity_fb: scenario.luminosity.totalFb,
    beam: beamReport(frame, scenario.beams.herAngle, scenario.beams.lerAngle),
    alpha_em: ALPHA_EM_0,
    samples,
    resolution,
  };
}
