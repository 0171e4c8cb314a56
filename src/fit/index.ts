/**
 * The fit core: HistFactory (pyhf JSON) binned likelihoods, fast profile fits, test statistics,
 * asymptotic and toy-based CLs, upper limits and discovery p-values. It knows histograms (arrays of
 * bin contents), never muons.
 */
export { AsymptoticCalculator, asymptoticHypotest, BAND_NSIGMA, type AsymptoticOptions, type Band, type HypotestResult, type PValues } from './asymptotic.js';
export { discovery, type DiscoveryResult } from './discovery.js';
export { hypotest, type HypotestOptions } from './hypotest.js';
export { code0, code1, code4, code4p, type HistosysCode, type NormsysCode } from './interpolation.js';
export { ArrowLayout } from './likelihood.js';
export { FitError, type FitOptions, type FitResult, fit, fixedPoiFit, Minimizer, minimizerFor } from './minimize.js';
export { Model, type ModelOptions, modelFromWorkspace, type ParameterSet, type WorkspaceModel } from './model.js';
export { modifierRegistry, type ModifierSettings } from './modifiers/index.js';
export {
  applyJsonPatch,
  applyPatchsetPatch,
  findPatch,
  type JsonPatch,
  PATCH_OPERATIONS,
  parseJsonPatch,
  parsePatchset,
  type Patchset,
  type PatchsetPatch,
  patchedWorkspace,
  type PatchInputs,
  patchModelSpec,
} from './patchset.js';
export { bd0, saturatedPoissonNll, stirlerr } from './saturated.js';
export { correlatedBackground, uncorrelatedBackground, uncorrelatedBackgroundChannels } from './simpleModels.js';
export { convergedFit, q0, qmu, qmuTilde, TEST_STATISTICS, type TestStatistic, type TestStatResult, testStatistic, tmu, tmuTilde } from './testStatistics.js';
export {
  NORMAL_PERCENTILES,
  percentileSorted,
  sampleToy,
  tailFraction,
  ToyCalculator,
  type ToyDistributions,
  type ToyHypotestResult,
  type ToyHypothesis,
  type ToyOptions,
  type ToySource,
  type ToySourceFactory,
} from './toys.js';
export { brentRoot, observedUpperLimit, upperLimit, type UpperLimitOptions, type UpperLimitResult } from './upperLimit.js';
export { type WindowInput, windowModel, windowWorkspace } from './window.js';
export {
  getMeasurement,
  MODIFIER_TYPES,
  type Measurement,
  type ModelSpec,
  type Modifier,
  type ModifierType,
  parseModelSpec,
  parseWorkspace,
  readWorkspace,
  type Workspace,
  WorkspaceError,
  writeWorkspace,
} from './workspace.js';
