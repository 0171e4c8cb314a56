/**
 * `histosys`: a shape uncertainty, additive per-bin shift interpolated between `lo_data` and `hi_data`
 * by a unit-Gaussian constrained α (pyhf `modifiers/histosys.py`; code4p by default).
 */
import type { ModifierDefinition } from './types.js';
import { ShiftKind } from './types.js';

export const histosys: ModifierDefinition<'histosys'> = {
  type: 'histosys',
  op: 'addition',
  shared: true,
  requirement: () => ({ constraint: 'normal', n: 1, inits: [0], bounds: [[-5, 5]], fixed: [false], auxdata: [0], sigmas: [1], factors: null }),
  apply(use, first, _all, sink, settings) {
    const kind = settings.histosys === 'code0' ? ShiftKind.Code0 : ShiftKind.Code4p;
    const { hi_data: hi, lo_data: lo } = use.modifier.data;
    for (let b = 0; b < use.nBins; b++) {
      const nom = use.nominal[b];
      sink.shift(use.sampleIndex, use.binOffset + b, first, kind, hi[b] - nom, nom - lo[b]);
    }
  },
};
