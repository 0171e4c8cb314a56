/**
 * `lumi`: the luminosity, one Gaussian-constrained multiplicative parameter (pyhf `modifiers/lumi.py`).
 * Its auxiliary value, width and bounds come from the measurement's parameter settings (`auxdata`,
 * `sigmas`, `bounds`, `inits`), which pyhf requires.
 */
import type { ModifierDefinition } from './types.js';
import { FactorKind } from './types.js';

export const lumi: ModifierDefinition<'lumi'> = {
  type: 'lumi',
  op: 'multiplication',
  shared: true,
  requirement: () => ({ constraint: 'normal', n: 1, inits: null, bounds: null, fixed: [false], auxdata: null, sigmas: null, factors: null }),
  apply(use, first, _all, sink) {
    for (let b = 0; b < use.nBins; b++) sink.factor(use.sampleIndex, use.binOffset + b, first, FactorKind.Linear, 0, 0);
  },
};
