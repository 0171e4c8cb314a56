import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from './errors.js';

/**
 * Parsers of command-line flag values. Each returns the value or throws an InputError that names
 * the flag, repeats what was given and says what is allowed: one line, exit code 2.
 */

/** An integer flag in [min, max]; `what` says what it counts (e.g. "events per mass"). */
export function parseInteger(flag: string, text: string, min: number, max: number, what = ''): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new InputError(`${flag} ${text} is not allowed: must be an integer from ${min} to ${max}${what === '' ? '' : ` (${what})`}`);
  }
  return n;
}

/** A finite number flag accepted by `ok`; `allowed` describes the accepted values. */
export function parseNumber(flag: string, text: string, allowed: string, ok: (x: number) => boolean = () => true): number {
  const x = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(x) || !ok(x)) throw new InputError(`${flag} ${text} is not allowed: must be ${allowed}`);
  return x;
}

/** An on/off flag; `fallback` when the flag is absent. */
export function parseOnOff(flag: string, text: string | undefined, fallback: boolean): boolean {
  if (text === undefined) return fallback;
  if (text === 'on') return true;
  if (text === 'off') return false;
  throw new InputError(`${flag} ${text} is not allowed: must be on or off`);
}

/** A comma-separated list of Z′ masses in GeV, each in [min, max]. */
export function parseMassList(flag: string, text: string, min: number, max: number): number[] {
  const masses = text.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  if (masses.some((m) => !(Number.isFinite(m) && m >= min && m <= max))) {
    throw new InputError(`${flag} ${text} is not allowed: must be a comma-separated list of Z' masses from ${min} to ${max} GeV, e.g. 0.1,1,5`);
  }
  return masses;
}

/** Checks that `path` can be written as a file: its folder exists and it is not itself a folder. */
export function checkOutputFile(flag: string, path: string): string {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${flag} ${path} is not allowed: the folder ${dir} does not exist`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new InputError(`${flag} ${path} is not allowed: it is a folder, must be a file name`);
  return path;
}
