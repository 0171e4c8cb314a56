/**
 * The modifier registry, in pyhf's `histfactory_set` order (which fixes the parameter order).
 */
import type { ModifierType } from '../workspace.js';
import { histosys } from './histosys.js';
import { lumi } from './lumi.js';
import { normfactor } from './normfactor.js';
import { normsys } from './normsys.js';
import { shapefactor } from './shapefactor.js';
import { shapesys } from './shapesys.js';
import { staterror } from './staterror.js';
import type { ModifierDefinition } from './types.js';

export type { ConstraintKind, ModifierDefinition, ModifierSettings, ModifierUse, ParamRequirement, TermSink } from './types.js';
export { FactorKind, ShiftKind } from './types.js';

export const modifierRegistry: { readonly [T in ModifierType]: ModifierDefinition<T> } = {
  histosys,
  lumi,
  normfactor,
  normsys,
  shapefactor,
  shapesys,
  staterror,
};

/** Modifier types in registry order. */
export const registryOrder: readonly ModifierType[] = ['histosys', 'lumi', 'normfactor', 'normsys', 'shapefactor', 'shapesys', 'staterror'];
