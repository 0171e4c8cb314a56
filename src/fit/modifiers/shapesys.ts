/**
 * `shapesys`: uncorrelated per-bin uncertainty with Poisson (Barlow–Beeston) constraints
 * (pyhf `modifiers/shapesys.py`). For bin b with nominal ν_b and absolute uncertainty σ_b,
 * τ_b = (ν_b/σ_b)², the constraint is Pois(τ_b | γ_b τ_b); bins with ν_b ≤ 0 or σ_b ≤ 0 have γ_b fixed
 * at 1. Bounds [1e-10, 10], init 1. Not shared: a name belongs to one sample.
 */
import type { ModifierDefinition } from './types.js';
import { FactorKind } from './types.js';

export const shapesys: ModifierDefinition<'shapesys'> = {
  type: 'shapesys',
  op: 'multiplication',
  shared: false,
  requirement(uses) {
    const { nominal, modifier } = uses[0];
    const n = nominal.length;
    const valid = nominal.map((v, b) => v > 0 && modifier.data[b] > 0);
    const factors = nominal.map((v, b) => (valid[b] ? (v * v) / (modifier.data[b] * modifier.data[b]) : 1));
    return {
      constraint: 'poisson',
      n,
      inits: new Array<number>(n).fill(1),
      bounds: Array.from({ length: n }, () => [1e-10, 10] as const),
      fixed: valid.map((v) => !v),
      auxdata: factors,
      sigmas: null,
      factors,
    };
  },
  apply(use, first, _all, sink) {
    for (let b = 0; b < use.nBins; b++) sink.factor(use.sampleIndex, use.binOffset + b, first + b, FactorKind.Linear, 0, 0);
  },
};
