import type { LeeToyRange, ToyExpectedRange } from '../../scan/parallel.js';
import type { ToyExpectedPoint } from '../../scan/toyExpected.js';
import { decodeDoubles, encodeDoubles } from '../templates/file.js';
import { ShardFileError, type ShardPart } from './partFile.js';

/**
 * The payloads of the scan's shards: look-elsewhere toys (largest q₀ of each toy as exact doubles,
 * up-crossings as integers) and toy-based expected limits (the points as they are), with the checks
 * a part read back must pass before it is merged.
 */

export interface LeePayload {
  readonly first: number;
  readonly end: number;
  readonly max_q0: string;
  readonly up_crossings: readonly number[];
  /** Per toy, the hypothesis whose q₀ fit did not converge, −1 for a toy whose fits all converged. */
  readonly failed_hypothesis: readonly number[];
}

export function leePayload(range: LeeToyRange): LeePayload {
  return { first: range.first, end: range.end, max_q0: encodeDoubles(range.maxQ0), up_crossings: Array.from(range.upCrossings), failed_hypothesis: Array.from(range.failedHypothesis) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The toy range of `expected` (the shard's own range) held by a part, checked. */
function checkRange(part: ShardPart, payload: unknown, expected: readonly [number, number]): Record<string, unknown> {
  if (!isRecord(payload) || payload.first !== expected[0] || payload.end !== expected[1]) {
    throw new ShardFileError(`${part.path}: payload must cover items ${expected[0]} to ${expected[1] - 1} (shard ${part.name.index} of ${part.name.count})`);
  }
  return payload;
}

export function leeFromPart(part: ShardPart, range: readonly [number, number]): LeeToyRange {
  const p = checkRange(part, part.payload, range);
  const n = range[1] - range[0];
  let maxQ0: Float64Array;
  try {
    maxQ0 = decodeDoubles(String(p.max_q0));
  } catch {
    throw new ShardFileError(`${part.path}: payload.max_q0 is not base64 doubles`);
  }
  const crossings = p.up_crossings;
  if (maxQ0.length !== n || !Array.isArray(crossings) || crossings.length !== n || !crossings.every((c) => Number.isSafeInteger(c) && (c as number) >= 0)) {
    throw new ShardFileError(`${part.path}: payload must hold ${n} toys' max_q0 and non-negative integer up_crossings`);
  }
  const failed = p.failed_hypothesis;
  if (!Array.isArray(failed) || failed.length !== n || !failed.every((h) => Number.isSafeInteger(h) && (h as number) >= -1)) {
    throw new ShardFileError(`${part.path}: payload.failed_hypothesis must hold ${n} integers from -1 (no failed fit) up`);
  }
  return { first: range[0], end: range[1], maxQ0, upCrossings: Int32Array.from(crossings as number[]), failedHypothesis: Int32Array.from(failed as number[]) };
}

export function toyExpectedFromPart(part: ShardPart, range: readonly [number, number]): ToyExpectedRange {
  const p = checkRange(part, part.payload, range);
  const points = p.points;
  if (!Array.isArray(points) || points.length !== range[1] - range[0] || !points.every((q) => isRecord(q) && typeof q.massGeV === 'number' && typeof q.failedToys === 'number' && Array.isArray(q.failedToyRecords))) {
    throw new ShardFileError(`${part.path}: payload.points must hold the ${range[1] - range[0]} hypotheses' toy limits`);
  }
  return { first: range[0], end: range[1], points: points as ToyExpectedPoint[] };
}
