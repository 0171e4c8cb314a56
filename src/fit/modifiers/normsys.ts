/**
 * `normsys`: a normalisation uncertainty, factor interpolated between `lo` and `hi` by a unit-Gaussian
 * constrained α (pyhf `modifiers/normsys.py`: bounds [−5, 5], init 0, aux 0; code4 by default).
 */
import type { ModifierDefinition } from './types.js';
import { FactorKind } from './types.js';

export const normsys: ModifierDefinition<'normsys'> = {
  type: 'normsys',
  op: 'multiplication',
  shared: true,
  requirement: () => ({ constraint: 'normal', n: 1, inits: [0], bounds: [[-5, 5]], fixed: [false], auxdata: [0], sigmas: [1], factors: null }),
  apply(use, first, _all, sink, settings) {
    const kind = settings.normsys === 'code1' ? FactorKind.NormsysCode1 : FactorKind.NormsysCode4;
    const { hi, lo } = use.modifier.data;
    for (let b = 0; b < use.nBins; b++) sink.factor(use.sampleIndex, use.binOffset + b, first, kind, hi, lo);
  },
};
