/** `normfactor`: a free multiplicative normalisation μ (pyhf `modifiers/normfactor.py`, bounds [0, 10], init 1). */
import type { ModifierDefinition } from './types.js';
import { FactorKind } from './types.js';

export const normfactor: ModifierDefinition<'normfactor'> = {
  type: 'normfactor',
  op: 'multiplication',
  shared: true,
  requirement: () => ({ constraint: 'none', n: 1, inits: [1], bounds: [[0, 10]], fixed: [false], auxdata: null, sigmas: null, factors: null }),
  apply(use, first, _all, sink) {
    for (let b = 0; b < use.nBins; b++) sink.factor(use.sampleIndex, use.binOffset + b, first, FactorKind.Linear, 0, 0);
  },
};
