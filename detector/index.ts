export { buildDetector, assignPeriods, mergeCutflows, stageEfficiencies } from './chain.js';
export type { Detector, DetectorConditions, DetectorOutput, StageReport } from './chain.js';
export { DetectorSettings, StageSettings, DEFAULT_STAGES } from './settings.js';
export type { DataTakingPeriod, DetectorEnvironment, Stage, StageContext, StageResult, StageCounts } from './stage.js';
export { defineStage } from './stage.js';
export { Form, ProbabilityForm, Kinematics, compileForm } from './forms.js';
export { EclLayout, compileLayout } from './eclGeometry.js';
export { createStageRun, isStageTypeName, stageRegistry, type StageSettingsOf, type StageTypeName, stageTypes } from './stages/index.js';
export { recoilMass2Resolution } from './recoilResolution.js';
