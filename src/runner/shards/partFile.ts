import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from '../../report/writeAtomically.js';
import { sha256Hex as sha256 } from '../checksum.js';

/**
 * A shard's part file: one JSON document, format `zprime-mc-shard` version 1, holding the shard's
 * name (the job's hash, the task, the shard's index and the number of shards), the job (what the
 * command needs to join the parts: its name and flags) and the payload (the shard's results), with
 * `sha256`, the SHA-256 of the payload's JSON text. A part whose checksum does not match its
 * payload, or that cannot be read at all (truncated, not JSON), is an error naming the file: it is
 * never merged. Non-finite numbers of the payload are written as the strings "NaN", "Infinity",
 * "-Infinity" and read back as numbers, so a payload survives the round trip exactly.
 */

export const SHARD_FORMAT = 'zprime-mc-shard';
export const SHARD_VERSION = 1;

export interface ShardName {
  /** SHA-256 of everything the job's results depend on. */
  readonly job: string;
  /** What the shards compute, e.g. `lee` or `expected-toys`. */
  readonly task: string;
  readonly index: number;
  readonly count: number;
}

/** What a command needs to join its parts: its name and normalised flags. */
export interface ShardJob {
  readonly command: string;
  readonly flags: Readonly<Record<string, string | boolean>>;
}

export interface ShardPart {
  readonly path: string;
  readonly name: ShardName;
  readonly job: ShardJob;
  readonly payload: unknown;
}

export class ShardFileError extends Error {
  override readonly name = 'ShardFileError';
}

const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

function writeNumber(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

function readNumber(_key: string, value: unknown): unknown {
  return typeof value === 'string' && NON_FINITE.has(value) ? Number(value) : value;
}

/** The JSON text of a payload, as checksummed. */
export function payloadText(payload: unknown): string {
  return JSON.stringify(payload, writeNumber);
}

/** File name of shard `index` of `count`: sorts in shard order. */
export function partFileName(index: number, count: number): string {
  const width = String(count - 1).length;
  return `part-${String(index).padStart(width, '0')}-of-${count}.json`;
}

const PART_FILE = /^part-(\d+)-of-(\d+)\.json$/;

/** Writes a shard's part into `dir` atomically (a reader sees the whole file or none); returns its path. */
export function writePart(dir: string, name: ShardName, job: ShardJob, payload: unknown): string {
  const text = payloadText(payload);
  const path = join(dir, partFileName(name.index, name.count));
  writeAtomically(path, `{"format":"${SHARD_FORMAT}","version":${SHARD_VERSION},"name":${JSON.stringify(name)},"job":${JSON.stringify(job)},"sha256":"${sha256(text)}","payload":${text}}\n`);
  return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and checks one part file; any defect is a ShardFileError naming the file. */
export function readPart(path: string): ShardPart {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ShardFileError(`${path}: cannot read the shard (${(error as Error).message})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text, readNumber);
  } catch {
    throw new ShardFileError(`${path}: the shard is truncated or not JSON (${text.length} bytes): run its shard again`);
  }
  if (!isRecord(document) || document.format !== SHARD_FORMAT) throw new ShardFileError(`${path}: not a shard file (format must be ${SHARD_FORMAT})`);
  if (document.version !== SHARD_VERSION) throw new ShardFileError(`${path}: version ${String(document.version)} is not allowed: must be ${SHARD_VERSION}`);
  const name = document.name;
  if (!isRecord(name) || typeof name.job !== 'string' || typeof name.task !== 'string' || !Number.isSafeInteger(name.index) || !Number.isSafeInteger(name.count) || (name.index as number) < 0 || (name.index as number) >= (name.count as number)) {
    throw new ShardFileError(`${path}: name must hold job, task, index and count with 0 <= index < count`);
  }
  const job = document.job;
  if (!isRecord(job) || typeof job.command !== 'string' || !isRecord(job.flags)) throw new ShardFileError(`${path}: job must hold command and flags`);
  const actual = sha256(payloadText(document.payload));
  if (actual !== document.sha256) throw new ShardFileError(`${path}: checksum mismatch (sha256 of the payload is ${actual.slice(0, 12)}…, the file says ${String(document.sha256).slice(0, 12)}…): the shard is corrupted; run its shard again`);
  return { path, name: name as unknown as ShardName, job: job as unknown as ShardJob, payload: document.payload };
}

/** The part files in `dir` (none if it does not exist), in file-name order; hidden temporary files are skipped. */
export function partFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => PART_FILE.test(n)).sort().map((n) => join(dir, n));
}

/** The hash that names a job: SHA-256 of its task and of everything its results depend on. */
export function jobHash(task: string, inputs: unknown): string {
  return sha256(JSON.stringify({ format: SHARD_FORMAT, version: SHARD_VERSION, task, inputs }));
}
