import { readDataFile } from '../scan/dataFile.js';
import { backgroundPseudoData } from '../scan/observed.js';
import type { TemplateSet } from '../runner/templates/build.js';
import { InputError } from './errors.js';
import { parseInteger } from './flags.js';

/** `--data FILE` or `--pseudo-data K`: the data set that `observe` and `lee` fit. */
export interface DataSetFlags {
  data?: string;
  pseudoData?: string;
}

/** The pseudo-data index of the flags (0 by default); checks them before any work starts. */
export function pseudoDataIndex(flags: DataSetFlags): number {
  if (flags.data !== undefined && flags.pseudoData !== undefined) throw new InputError('--data and --pseudo-data are not allowed together: give a data file or the index of a pseudo-data set');
  return flags.pseudoData === undefined ? 0 : parseInteger('--pseudo-data', flags.pseudoData, 0, 2 ** 31 - 1, 'the index of the pseudo-data set');
}

/** The counts in the templates' cells: the user's file, or background-only pseudo-data set `index`. */
export function dataSetCells(flags: DataSetFlags, index: number, set: TemplateSet, seed: number): Float64Array {
  if (flags.data === undefined) return backgroundPseudoData(set, seed, index);
  try {
    return readDataFile(flags.data, set.axes);
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
}
