/**
 * `shapefactor`: one free multiplicative parameter per bin of the channel (pyhf
 * `modifiers/shapefactor.py`: bounds [0, 10], init 1). Shared by name across samples and channels;
 * component i multiplies bin i of each channel it appears in.
 */
import { WorkspaceError } from '../workspace.js';
import type { ModifierDefinition } from './types.js';
import { FactorKind } from './types.js';

export const shapefactor: ModifierDefinition<'shapefactor'> = {
  type: 'shapefactor',
  op: 'multiplication',
  shared: true,
  requirement(uses) {
    const n = uses[0].nBins;
    for (const u of uses) {
      if (u.nBins !== n) throw new WorkspaceError(`shapefactor "${u.modifier.name}": used in channels with ${n} and ${u.nBins} bins`);
    }
    return {
      constraint: 'none',
      n,
      inits: new Array<number>(n).fill(1),
      bounds: Array.from({ length: n }, () => [0, 10] as const),
      fixed: new Array<boolean>(n).fill(false),
      auxdata: null,
      sigmas: null,
      factors: null,
    };
  },
  apply(use, first, _all, sink) {
    for (let b = 0; b < use.nBins; b++) sink.factor(use.sampleIndex, use.binOffset + b, first + b, FactorKind.Linear, 0, 0);
  },
};
