/**
 * `zprime-mc/runner`: a scenario's work as the command line does it, from TypeScript with the same
 * names: truth samples (`generateSample`), generator → detector → selection (`simulateSample`; with
 * the reconstructed events written to a file, `simulateSampleToFile`), the
 * generators of the templates (`signalGenerator`, `backgroundGenerator`), the resolution curve,
 * the signal cross sections on a mass grid, the templates and the Punzi-net training.
 * Batch k of a sample draws from the stream (seed, process, k): the numbers depend on the seed only.
 */
export { BATCH_SIZE, batchCount, forEachBatch } from '../runner/batches.js';
export { scenarioBeamEnergySpread } from '../runner/beamEnergySpread.js';
export { ALPHA_EM_NOTE, generateSample, type GenerateReport, type GenerateRequest } from '../runner/generate.js';
export { resolutionCurve, type ResolutionPoint, type ResolutionReport, type ResolutionRequest } from '../runner/resolution.js';
export { scenarioDetector } from '../runner/scenarioDetector.js';
export { loadScenarioNetwork, scenarioNetworkPath } from '../runner/scenarioNetwork.js';
export { scenarioSummary, type ScenarioSummary, type ScenarioSummaryRequest } from '../runner/scenarioSummary.js';
export { signalCrossSections, type XsecPoint } from '../runner/signalCrossSections.js';
export {
  type BatchSink,
  type EventsOutput,
  type SampleRequest,
  type SelectionRequest,
  simulateSample,
  simulateSampleAsync,
  simulateSampleToFile,
  type SimulateReport,
} from '../runner/simulate.js';
export { RECO_EVENTS_FORMAT, RECO_EVENTS_VERSION, RecoEventsFile, type RecoEventsFormat, recoEventsFormatOf, type RecoEventsRun } from '../report/recoEvents.js';
export { buildTemplates, type BuildOptions, type TemplateNetwork, type TemplateSet } from '../runner/templates/build.js';
export { scenarioTemplates } from '../runner/templates/cache.js';
export { backgroundGenerator, scenarioGeneratorOptions, signalGenerator } from '../runner/templates/tasks.js';
export { trainScenarioNetwork, type TrainReport } from '../runner/train.js';
