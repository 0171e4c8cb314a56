/**
 * The Punzi-net of PRL 130, 231801 (2023): a small neural network trained to minimise Punzi's
 * sensitivity for all Z′ mass hypotheses at once (P. Feichtinger et al., "Punzi-loss: a
 * non-differentiable metric approximation for sensitivity optimisation in the search for new
 * particles", arXiv:2110.00810, published as F. Abudinén et al., Eur. Phys. J. C 82, 121 (2022);
 * the authors' code is github.com/feichtip/punzinet). Figure of merit: G. Punzi, eConf C030908
 * MODT002 (2003), physics/0308063.
 *
 * A self-contained library: it sees feature matrices (n×d row-major Float64Arrays), labels
 * (1 signal, 0 background), event weights and mass-window memberships, never muons.
 *
 * Units: background weights are expected events at the luminosity `luminosity` (fb⁻¹) per
 * simulated event; the Punzi sensitivity S_min/(ε·L) is a cross section in fb; features are in
 * whatever units the caller uses (they are standardised inside the network).
 *
 * @example
 * const windows = buildWindows({ value: m2, labels, hypothesis, low, high, nGenerated });
 * const result = train({ features, nFeatures: 4, labels, weights, windows }, { seed: 1 });
 * const out = result.network.predict(features, new Float64Array(labels.length));
 * const selected = out.map((o) => (o > 0.5 ? 1 : 0)); // the paper's cut
 * await savePunziNet('punzi-net.json', result);
 */
export {
  DEFAULT_LAYER_SIZES,
  identityStandardisation,
  INIT_STREAM_PURPOSE,
  initialiseParameters,
  parameterCount,
  PunziNetwork,
  type Standardisation,
  standardisationOf,
} from './network.js';
export {
  PUNZI_A,
  PUNZI_B,
  type PunziEvaluation,
  punziLoss,
  punziLossFromOutputs,
  type PunziOptions,
  punziSensitivity,
  punziSmin,
  punziSminDerivative,
  weightedBce,
  weightedBceFromOutputs,
} from './loss.js';
export { buildWindows, checkWindows, hypothesisCount, membershipFromLists, type PunziWindows, type WindowInput, type WindowMembership } from './windows.js';
export { DEFAULT_PLATEAU, type PlateauSettings, ReduceLrOnPlateau } from './plateau.js';
export { type BceSettings, type PunziTrainingSettings, resolveSettings, type TrainingSettings, type TrainingSettingsInput, trainingSettingsSchema } from './settings.js';
export {
  checkTrainingData,
  DEFAULT_ACTIVATION_CACHE_BYTES,
  type LossHistory,
  type PhaseHistory,
  type ProgressCallback,
  SHUFFLE_STREAM_PURPOSE,
  train,
  trainBce,
  type TrainingData,
  type TrainingPhase,
  type TrainingResult,
  type TrainOptions,
  trainPunzi,
} from './train.js';
export { type CutEvaluation, type CutScanOptions, linspace, optimalCut, type OptimalCuts, sensitivityAtCut } from './cuts.js';
export {
  hashParameters,
  hashTrainingInputs,
  type HistorySummary,
  loadPunziNet,
  parsePunziNet,
  type PhaseSummary,
  PUNZI_NET_FORMAT,
  PUNZI_NET_VERSION,
  PunziNetFileError,
  type PunziNetRecord,
  savePunziNet,
  serialisePunziNet,
  summariseHistory,
} from './file.js';
