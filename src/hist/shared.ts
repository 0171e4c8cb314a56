import { Axis } from './axis.js';

/** Typed-array input of `fillN`. */
export type NumericArray = Float64Array | Float32Array;

/** Version of the histogram JSON form; bump it when the layout changes. */
export const HIST_JSON_VERSION = 1;

/** The stable JSON form of an axis. */
export interface AxisJSON {
  readonly label: string;
  readonly edges: number[];
}

export function axisToJSON(axis: Axis): AxisJSON {
  return { label: axis.label, edges: Array.from(axis.edges) };
}

export function axisFromJSON(json: unknown, where: string): Axis {
  const o = objectWith(json, where, ['label', 'edges']);
  if (typeof o.label !== 'string') throw new RangeError(`${where}.label = ${JSON.stringify(o.label)} is not allowed: must be a string`);
  if (!Array.isArray(o.edges)) throw new RangeError(`${where}.edges is not allowed: must be an array of numbers`);
  return Axis.fromEdges(finiteNumberArray(o.edges, o.edges.length, `${where}.edges`), o.label);
}

/** Checks that `json` is a plain object with exactly the given keys; returns it as a record. */
export function objectWith(json: unknown, where: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new RangeError(`${where}: expected an object`);
  const record = json as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!keys.includes(key)) throw new RangeError(`${where}: unknown key "${key}" (allowed: ${keys.join(', ')})`);
  }
  for (const key of keys) if (!(key in record)) throw new RangeError(`${where}: missing key "${key}"`);
  return record;
}

/** Checks that `value` is an array of `length` finite numbers. */
export function finiteNumberArray(value: unknown, length: number, where: string): number[] {
  if (!Array.isArray(value) || value.length !== length) {
    throw new RangeError(`${where} is not allowed: must be an array of ${length} numbers`);
  }
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${where}[${i}] = ${JSON.stringify(v)} is not allowed: must be a finite number`);
  }
  return value as number[];
}

/**
 * Checks the inputs of a `fillN` before anything is written: equal lengths, no NaN coordinate,
 * finite weights. (±∞ coordinates are allowed: they go to the flow bins.)
 */
export function checkFills(where: string, coordinates: readonly NumericArray[], w: NumericArray | number): void {
  const n = coordinates[0].length;
  for (let c = 0; c < coordinates.length; c++) {
    const x = coordinates[c];
    if (x.length !== n) throw new RangeError(`${where}: coordinate arrays have different lengths (${n} and ${x.length})`);
    for (let k = 0; k < n; k++) if (x[k] !== x[k]) throw new RangeError(`${where}: coordinate ${c} of entry ${k} is NaN`);
  }
  if (typeof w === 'number') {
    if (!Number.isFinite(w)) throw new RangeError(`${where}: weight ${w} is not allowed: must be finite`);
    return;
  }
  if (w.length !== n) throw new RangeError(`${where}: ${w.length} weights for ${n} entries`);
  // v − v is 0 for finite v and NaN for ±∞ and NaN.
  for (let k = 0; k < n; k++) if (w[k] - w[k] !== 0) throw new RangeError(`${where}: weight ${w[k]} of entry ${k} is not allowed: must be finite`);
}

/** Σw += Σw′ and Σw² += Σw²′, bin by bin (the contents of two histograms of the same binning). */
export function addContents(sumw: Float64Array, sumw2: Float64Array, otherSumw: Float64Array, otherSumw2: Float64Array): void {
  for (let i = 0; i < sumw.length; i++) {
    sumw[i] += otherSumw[i];
    sumw2[i] += otherSumw2[i];
  }
}

/**
 * Σw → c·Σw and Σw² → c²·Σw², bin by bin, so errors scale by |c| (ROOT's TH1::Scale);
 * `where` names the histogram type in the error for a non-finite c.
 */
export function scaleContents(sumw: Float64Array, sumw2: Float64Array, c: number, where: string): void {
  if (!Number.isFinite(c)) throw new RangeError(`${where}.scale: factor ${c} is not allowed: must be finite`);
  const c2 = c * c;
  for (let i = 0; i < sumw.length; i++) {
    sumw[i] *= c;
    sumw2[i] *= c2;
  }
}
