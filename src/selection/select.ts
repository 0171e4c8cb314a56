import type { RecoBatch } from '../events/recoBatch.js';
import type { CollisionFrame } from '../physics/beams.js';
import type { SelectionSettings } from '../scenario/selection.js';
import { type Selection, stepsPassed } from './cuts.js';
import { type AnalysisVariables, analysisVariables, PUNZI_FEATURE_COUNT, punziFeatures } from './variables.js';

/** A classifier of events from the four Punzi-net inputs (the trained Punzi-net). */
export interface EventClassifier {
  /** Writes one output in [0, 1] per event into `out` for `features` (row-major, 4 per event). */
  predict(features: Float64Array, out: Float64Array): void;
}

/** A reconstructed batch after a selection: its variables and the steps each event passed. */
export interface SelectedBatch {
  readonly variables: AnalysisVariables;
  /** Consecutive steps of the selection passed by each event; selected when = steps.length. */
  readonly passed: Uint8Array;
}

/**
 * Computes the analysis variables of a batch and evaluates a selection on them. When the selection
 * ends with the Punzi-net step, the network runs only on the events that pass every step before it.
 */
export function applySelection(batch: RecoBatch, frame: CollisionFrame, settings: SelectionSettings, selection: Selection, network?: EventClassifier): SelectedBatch {
  const variables = analysisVariables(
    batch,
    frame,
    { trackD0MaxCm: settings.trackD0MaxCm, trackZ0MaxCm: settings.trackZ0MaxCm, recoilConeHalfAngle: settings.photonVeto.recoilConeHalfAngle },
    selection.hypothesis,
  );
  const nSteps = selection.steps.length;
  const usesNetwork = nSteps > 0 && selection.steps[nSteps - 1].name === 'punziNet';
  if (!usesNetwork) return { variables, passed: stepsPassed(selection, variables) };
  if (network === undefined) throw new RangeError(`applySelection: the ${selection.name} selection ends with the Punzi-net but no network was given`);
  const passed = stepsPassed(selection, variables, nSteps - 1);
  const rows: number[] = [];
  for (let i = 0; i < passed.length; i++) if (passed[i] === nSteps - 1) rows.push(i);
  const features = new Float64Array(PUNZI_FEATURE_COUNT * rows.length);
  punziFeatures(variables, rows, features);
  const out = new Float64Array(rows.length);
  network.predict(features, out);
  const last = selection.steps[nSteps - 1];
  rows.forEach((i, k) => {
    variables.networkOutput[i] = out[k];
    if (last.passes(variables, i)) passed[i] = nSteps;
  });
  return { variables, passed };
}
