/**
 * The Punzi-net file: one JSON document holding everything needed to apply a trained network and
 * to know how it was made: layer sizes, parameters (JSON numbers: shortest round-trip decimal, so
 * they read back bit for bit, −0 included), input standardisation, training settings and seed, a
 * SHA-256 of the training inputs and a summary of the loss history. A SHA-256 of the parameters
 * guards against edits.
 *
 * Loading validates the document (zod) and reports the first problem as one line naming the file
 * and the field, e.g. `net.json: parameters: has 80 values, layers [4, 8, 4, 1] need 81`.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { CHECKSUM_KEY, sha256Hex, verifyChecksum } from '../../runner/checksum.js';
import { parameterCount } from './kernel.js';
import { PunziNetwork } from './network.js';
import { formatIssuePath, trainingSettingsSchema, type TrainingSettings } from './settings.js';
import type { LossHistory, PhaseHistory, TrainingData, TrainingResult } from './train.js';

export const PUNZI_NET_FORMAT = 'zprime-mc/punzi-net';
export const PUNZI_NET_VERSION = 1;
const ACTIVATION = { hidden: 'tanh', output: 'sigmoid' } as const;
const PARAMETER_LAYOUT = 'per layer: weights [out][in] row-major, then biases [out]';

/** A file that cannot be read as a Punzi-net: the message names the file and the field. */
export class PunziNetFileError extends Error {
  override readonly name = 'PunziNetFileError';
  constructor(
    readonly file: string,
    readonly field: string,
    reason: string,
  ) {
    super(`${file}: ${field}: ${reason}`);
  }
}

/** Summary of one training phase's loss history. Losses are null for a phase of 0 epochs. */
export interface PhaseSummary {
  readonly epochs: number;
  readonly firstLoss: number | null;
  readonly lastLoss: number | null;
  readonly minLoss: number | null;
  /** 1-based epoch of the smallest loss (first occurrence), or null; the Punzi phase keeps the network of this epoch. */
  readonly minEpoch: number | null;
  /** Learning rate of the last epoch, or null. */
  readonly finalLearningRate: number | null;
  /** Number of epochs that ran at a lower learning rate than the epoch before. */
  readonly learningRateReductions: number;
}

export interface HistorySummary {
  readonly bce: PhaseSummary;
  readonly punzi: PhaseSummary;
}

/** What a Punzi-net file holds, as read back. */
export interface PunziNetRecord {
  readonly network: PunziNetwork;
  readonly settings: TrainingSettings;
  readonly seed: number;
  readonly trainingInputsSha256: string;
  readonly historySummary: HistorySummary;
}

export function summarisePhase(h: PhaseHistory): PhaseSummary {
  const n = h.loss.length;
  if (n === 0) return { epochs: 0, firstLoss: null, lastLoss: null, minLoss: null, minEpoch: null, finalLearningRate: null, learningRateReductions: 0 };
  let min = 0;
  let reductions = 0;
  for (let e = 1; e < n; e++) {
    if (h.loss[e] < h.loss[min]) min = e;
    if (h.learningRate[e] < h.learningRate[e - 1]) reductions++;
  }
  return {
    epochs: n,
    firstLoss: h.loss[0],
    lastLoss: h.loss[n - 1],
    minLoss: h.loss[min],
    minEpoch: min + 1,
    finalLearningRate: h.learningRate[n - 1],
    learningRateReductions: reductions,
  };
}

export function summariseHistory(history: LossHistory): HistorySummary {
  return { bce: summarisePhase(history.bce), punzi: summarisePhase(history.punzi) };
}

// ---------------------------------------------------------------------------------------------
// Hashes

/** Feeds the little-endian bytes of a typed array to a hash (the in-memory bytes on little-endian hosts). */
function updateTyped(hash: ReturnType<typeof createHash>, a: Float64Array | Int32Array | Uint8Array): void {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (LITTLE_ENDIAN || a.BYTES_PER_ELEMENT === 1) {
    hash.update(bytes);
    return;
  }
  const swapped = new Uint8Array(bytes.length);
  const w = a.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += w) for (let j = 0; j < w; j++) swapped[i + j] = bytes[i + w - 1 - j];
  hash.update(swapped);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * SHA-256 (hex) of the training inputs: a header with the format, n and d, then the features
 * (float64), labels (uint8), weights (float64), and the windows (signal and background offsets and
 * indices as int32, N_gen as float64), each array preceded by its length; little-endian. Equal
 * inputs give equal hashes on every platform.
 */
export function hashTrainingInputs(data: TrainingData): string {
  const hash = createHash('sha256');
  const n = data.labels.length;
  hash.update(`${PUNZI_NET_FORMAT} training inputs v1\nn=${n} d=${data.nFeatures} hypotheses=${data.windows.nGenerated.length}\n`);
  const arrays: [string, Float64Array | Int32Array | Uint8Array][] = [
    ['features', data.features],
    ['labels', data.labels],
    ['weights', data.weights],
    ['signal.offsets', data.windows.signal.offsets],
    ['signal.indices', data.windows.signal.indices],
    ['background.offsets', data.windows.background.offsets],
    ['background.indices', data.windows.background.indices],
    ['nGenerated', data.windows.nGenerated],
  ];
  for (const [name, a] of arrays) {
    hash.update(`${name}:${a.length}\n`);
    updateTyped(hash, a);
  }
  return hash.digest('hex');
}

/** SHA-256 (hex) of parameters as little-endian float64. */
export function hashParameters(parameters: Float64Array): string {
  const hash = createHash('sha256');
  updateTyped(hash, parameters);
  return hash.digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Writing

/** JSON text of a number array: String(x) is the shortest decimal that reads back to x; −0 kept. */
function numberArrayJson(a: ArrayLike<number>, field: string): string {
  const parts: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (!Number.isFinite(v)) throw new RangeError(`cannot save a Punzi-net: ${field}[${i}] = ${v} is not finite`);
    parts.push(Object.is(v, -0) ? '-0' : String(v));
  }
  return `[${parts.join(', ')}]`;
}

/** The JSON text of a trained network (a training result, or a record read back). */
export function serialisePunziNet(model: TrainingResult | PunziNetRecord): string {
  const net = model.network;
  const historySummary = 'historySummary' in model ? model.historySummary : summariseHistory(model.history);
  const raw = new Map<string, string>();
  const placeholder = (key: string, a: ArrayLike<number>, field: string): string => {
    const token = `\u0000raw:${key}`;
    raw.set(token, numberArrayJson(a, field));
    return token;
  };
  const doc = {
    format: PUNZI_NET_FORMAT,
    version: PUNZI_NET_VERSION,
    layerSizes: placeholder('layerSizes', net.layerSizes, 'layerSizes'),
    activation: ACTIVATION,
    parameterLayout: PARAMETER_LAYOUT,
    parameters: placeholder('parameters', net.parameters, 'parameters'),
    parametersSha256: hashParameters(net.parameters),
    standardisation: {
      mean: placeholder('mean', net.standardisation.mean, 'standardisation.mean'),
      std: placeholder('std', net.standardisation.std, 'standardisation.std'),
    },
    seed: model.seed,
    settings: { ...model.settings, layerSizes: placeholder('settingsLayerSizes', model.settings.layerSizes, 'settings.layerSizes') },
    trainingInputsSha256: model.trainingInputsSha256,
    history: historySummary,
  };
  let text = JSON.stringify(doc, null, 2);
  for (const [token, value] of raw) text = text.replace(JSON.stringify(token), value);
  // The file's checksum, as for templates.json: SHA-256 of the compact JSON of the rest, the last key.
  return `${text.slice(0, -2)},\n  "${CHECKSUM_KEY}": "${sha256Hex(JSON.stringify(JSON.parse(text)))}"\n}\n`;
}

/** Writes a trained network to `path` as JSON. */
export async function savePunziNet(path: string, model: TrainingResult | PunziNetRecord): Promise<void> {
  await writeFile(path, serialisePunziNet(model), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Reading

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in 64 lowercase hex digits');
const lossOrNull = z.number().nullable();
const phaseSummarySchema = z.strictObject({
  epochs: z.number().int().nonnegative(),
  firstLoss: lossOrNull,
  lastLoss: lossOrNull,
  minLoss: lossOrNull,
  minEpoch: z.number().int().positive().nullable(),
  finalLearningRate: z.number().nonnegative().nullable(),
  learningRateReductions: z.number().int().nonnegative(),
});

const fileSchema = z.strictObject({
  format: z.literal(PUNZI_NET_FORMAT),
  version: z.literal(PUNZI_NET_VERSION),
  layerSizes: z.array(z.number().int().min(1)).min(2),
  activation: z.strictObject({ hidden: z.literal(ACTIVATION.hidden), output: z.literal(ACTIVATION.output) }),
  parameterLayout: z.literal(PARAMETER_LAYOUT),
  parameters: z.array(z.number()),
  parametersSha256: sha256Schema,
  standardisation: z.strictObject({ mean: z.array(z.number()), std: z.array(z.number().positive()) }),
  seed: z.number().int(),
  settings: trainingSettingsSchema,
  trainingInputsSha256: sha256Schema,
  history: z.strictObject({ bce: phaseSummarySchema, punzi: phaseSummarySchema }),
  // absent in files written before it existed
  [CHECKSUM_KEY]: sha256Schema.optional(),
});

/** Parses the JSON text of a Punzi-net file; `file` names it in errors. */
export function parsePunziNet(text: string, file: string): PunziNetRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PunziNetFileError(file, '(top level)', `is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? formatIssuePath([...issue.path, issue.keys[0]]) : formatIssuePath(issue.path);
    const reason = issue.code === 'unrecognized_keys' ? 'is not a known key' : issue.message;
    throw new PunziNetFileError(file, field, reason);
  }
  const doc = parsed.data;
  // the settings schema fills defaults; a file must state every setting it was trained with
  const missing = firstMissingKey((json as { settings: unknown }).settings, doc.settings, ['settings']);
  if (missing !== undefined) throw new PunziNetFileError(file, missing, 'is missing: a Punzi-net file records every training setting');
  let nParameters: number;
  try {
    nParameters = parameterCount(doc.layerSizes);
  } catch (e) {
    throw new PunziNetFileError(file, 'layerSizes', e instanceof Error ? e.message : String(e));
  }
  if (doc.parameters.length !== nParameters) {
    throw new PunziNetFileError(file, 'parameters', `has ${doc.parameters.length} values, layers [${doc.layerSizes.join(', ')}] need ${nParameters}`);
  }
  const parameters = Float64Array.from(doc.parameters);
  if (hashParameters(parameters) !== doc.parametersSha256) {
    throw new PunziNetFileError(file, 'parametersSha256', 'does not match the parameters: the file was modified after it was written');
  }
  const d = doc.layerSizes[0];
  for (const key of ['mean', 'std'] as const) {
    if (doc.standardisation[key].length !== d) throw new PunziNetFileError(file, `standardisation.${key}`, `has ${doc.standardisation[key].length} values for ${d} inputs`);
  }
  if (doc.settings.layerSizes.join(',') !== doc.layerSizes.join(',')) {
    throw new PunziNetFileError(file, 'settings.layerSizes', `[${doc.settings.layerSizes.join(', ')}] differs from layerSizes [${doc.layerSizes.join(', ')}]`);
  }
  const checksum = verifyChecksum(json as Record<string, unknown>);
  if (checksum !== 'absent' && checksum !== 'ok') throw new PunziNetFileError(file, CHECKSUM_KEY, `${checksum}; train the network again (zprime-mc train) or restore the file`);
  const network = new PunziNetwork(doc.layerSizes, parameters, {
    mean: Float64Array.from(doc.standardisation.mean),
    std: Float64Array.from(doc.standardisation.std),
  });
  return { network, settings: doc.settings, seed: doc.seed, trainingInputsSha256: doc.trainingInputsSha256, historySummary: doc.history };
}

/** The path of the first key of `full` that `given` lacks, or undefined. */
function firstMissingKey(given: unknown, full: unknown, path: (string | number)[]): string | undefined {
  if (typeof full !== 'object' || full === null || Array.isArray(full)) return undefined;
  const g = typeof given === 'object' && given !== null ? (given as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(full)) {
    if (!(key in g)) return formatIssuePath([...path, key]);
    const inner = firstMissingKey(g[key], value, [...path, key]);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** Reads and validates a Punzi-net file. */
export async function loadPunziNet(path: string): Promise<PunziNetRecord> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new PunziNetFileError(path, '(file)', `cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  return parsePunziNet(text, path);
}
