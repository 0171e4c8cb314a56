/**
 * pyhf JSON workspaces (HistFactory): reading, validating, writing.
 *
 * The schema mirrors pyhf's `schemas/1.0.0/{workspace,defs}.json`: every object is strict (unknown keys
 * are errors, as pyhf's `"additionalProperties": false`), a workspace holds `channels`, `observations`,
 * `measurements` and `version: "1.0.0"`. Errors name the offending field (`channels[0].samples[1]…`).
 */
import { z } from 'zod';

/** A workspace, a measurement or a modifier is malformed or unsupported. The message names it. */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
}

/** The modifier types this fit core implements (pyhf `histfactory_set`). */
export const MODIFIER_TYPES = ['histosys', 'lumi', 'normfactor', 'normsys', 'shapefactor', 'shapesys', 'staterror'] as const;
export type ModifierType = (typeof MODIFIER_TYPES)[number];

const numbers = z.array(z.number()).min(1);

const histosysSchema = z.strictObject({
  name: z.string(),
  type: z.literal('histosys'),
  data: z.strictObject({ lo_data: numbers, hi_data: numbers }),
});
const lumiSchema = z.strictObject({ name: z.literal('lumi'), type: z.literal('lumi'), data: z.null() });
const normfactorSchema = z.strictObject({ name: z.string(), type: z.literal('normfactor'), data: z.null() });
const normsysSchema = z.strictObject({
  name: z.string(),
  type: z.literal('normsys'),
  data: z.strictObject({ lo: z.number(), hi: z.number() }),
});
const shapefactorSchema = z.strictObject({ name: z.string(), type: z.literal('shapefactor'), data: z.null() });
const shapesysSchema = z.strictObject({ name: z.string(), type: z.literal('shapesys'), data: numbers });
const staterrorSchema = z.strictObject({ name: z.string(), type: z.literal('staterror'), data: numbers });

export const modifierSchema = z.discriminatedUnion('type', [
  histosysSchema,
  lumiSchema,
  normfactorSchema,
  normsysSchema,
  shapefactorSchema,
  shapesysSchema,
  staterrorSchema,
]);

export const sampleSchema = z.strictObject({ name: z.string(), data: numbers, modifiers: z.array(modifierSchema) });
export const channelSchema = z.strictObject({ name: z.string(), samples: z.array(sampleSchema).min(1) });
export const parameterConfigSchema = z.strictObject({
  name: z.string(),
  inits: numbers.optional(),
  bounds: z.array(z.tuple([z.number(), z.number()])).min(1).optional(),
  auxdata: numbers.optional(),
  factors: numbers.optional(),
  sigmas: numbers.optional(),
  fixed: z.boolean().optional(),
});
export const measurementSchema = z.strictObject({
  name: z.string(),
  config: z.strictObject({ poi: z.string(), parameters: z.array(parameterConfigSchema) }),
});
export const observationSchema = z.strictObject({ name: z.string(), data: numbers });
export const workspaceSchema = z.strictObject({
  channels: z.array(channelSchema).min(1),
  measurements: z.array(measurementSchema).min(1),
  observations: z.array(observationSchema).min(1),
  version: z.literal('1.0.0'),
});
/** A model specification without data (pyhf `model.json`): channels plus parameter settings. */
export const modelSpecSchema = z.strictObject({
  channels: z.array(channelSchema).min(1),
  parameters: z.array(parameterConfigSchema).optional(),
});

export type Modifier = z.infer<typeof modifierSchema>;
export type Sample = z.infer<typeof sampleSchema>;
export type Channel = z.infer<typeof channelSchema>;
export type ParameterConfig = z.infer<typeof parameterConfigSchema>;
export type Measurement = z.infer<typeof measurementSchema>;
export type Observation = z.infer<typeof observationSchema>;
export type Workspace = z.infer<typeof workspaceSchema>;
export type ModelSpec = z.infer<typeof modelSpecSchema>;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(workspace)' : out;
}

/** Finds modifiers whose `type` is not implemented, so that the error names them instead of a union mismatch. */
function checkModifierTypes(raw: unknown): void {
  if (typeof raw !== 'object' || raw === null || !('channels' in raw) || !Array.isArray(raw.channels)) return;
  raw.channels.forEach((channel: unknown, c: number) => {
    if (typeof channel !== 'object' || channel === null || !('samples' in channel) || !Array.isArray(channel.samples)) return;
    channel.samples.forEach((sample: unknown, s: number) => {
      if (typeof sample !== 'object' || sample === null || !('modifiers' in sample) || !Array.isArray(sample.modifiers)) return;
      sample.modifiers.forEach((mod: unknown, m: number) => {
        if (typeof mod !== 'object' || mod === null) return;
        const type = 'type' in mod ? mod.type : undefined;
        if (typeof type === 'string' && !(MODIFIER_TYPES as readonly string[]).includes(type)) {
          const name = 'name' in mod && typeof mod.name === 'string' ? ` "${mod.name}"` : '';
          throw new WorkspaceError(
            `channels[${c}].samples[${s}].modifiers[${m}]: unsupported modifier type "${type}"${name} (supported: ${MODIFIER_TYPES.join(', ')})`,
          );
        }
      });
    });
  });
}

function zodError(error: z.ZodError): WorkspaceError {
  const issue = error.issues[0];
  return new WorkspaceError(`${formatPath(issue.path)}: ${issue.message}`);
}

/** Structural checks that the JSON schema cannot express: bin counts, unique names. */
function checkChannels(channels: readonly Channel[]): void {
  const channelNames = new Set<string>();
  channels.forEach((channel, c) => {
    if (channelNames.has(channel.name)) throw new WorkspaceError(`channels[${c}].name: duplicate channel "${channel.name}"`);
    channelNames.add(channel.name);
    const nBins = channel.samples[0].data.length;
    const sampleNames = new Set<string>();
    channel.samples.forEach((sample, s) => {
      const where = `channels[${c}].samples[${s}]`;
      if (sampleNames.has(sample.name)) throw new WorkspaceError(`${where}.name: duplicate sample "${sample.name}" in channel "${channel.name}"`);
      sampleNames.add(sample.name);
      if (sample.data.length !== nBins) {
        throw new WorkspaceError(`${where}.data: ${sample.data.length} bins, but channel "${channel.name}" has ${nBins}`);
      }
      const seen = new Set<string>();
      sample.modifiers.forEach((mod, m) => {
        const key = `${mod.type}/${mod.name}`;
        if (seen.has(key)) throw new WorkspaceError(`${where}.modifiers[${m}]: modifier ${key} appears twice on sample "${sample.name}"`);
        seen.add(key);
        const lengths: [string, number][] =
          mod.type === 'histosys'
            ? [
                ['data.hi_data', mod.data.hi_data.length],
                ['data.lo_data', mod.data.lo_data.length],
              ]
            : mod.type === 'shapesys' || mod.type === 'staterror'
              ? [['data', mod.data.length]]
              : [];
        for (const [field, length] of lengths) {
          if (length !== nBins) throw new WorkspaceError(`${where}.modifiers[${m}].${field}: ${length} values for ${nBins} bins (${key})`);
        }
        if (mod.type === 'shapesys' || mod.type === 'staterror') {
          mod.data.forEach((v, b) => {
            if (!(Number.isFinite(v) && v >= 0)) {
              throw new WorkspaceError(
                `${where}.modifiers[${m}].data[${b}]: uncertainty ${v} in bin ${b} of sample "${sample.name}" in channel "${channel.name}" (${key}); uncertainties must be finite and ≥ 0`,
              );
            }
          });
        }
        if (mod.type === 'histosys') {
          for (const field of ['hi_data', 'lo_data'] as const) {
            mod.data[field].forEach((v, b) => {
              if (!Number.isFinite(v)) throw new WorkspaceError(`${where}.modifiers[${m}].data.${field}[${b}]: not a finite number (${key})`);
            });
          }
        }
        if (mod.type === 'normsys' && !(mod.data.hi > 0 && mod.data.lo > 0)) {
          throw new WorkspaceError(`${where}.modifiers[${m}].data: normsys factors must be positive, got hi=${mod.data.hi}, lo=${mod.data.lo} (${key})`);
        }
      });
      sample.data.forEach((v, b) => {
        if (!(Number.isFinite(v) && v >= 0)) {
          throw new WorkspaceError(`${where}.data[${b}]: yield ${v} in bin ${b} of sample "${sample.name}" in channel "${channel.name}"; expected yields must be finite and ≥ 0`);
        }
      });
    });
  });
}

/**
 * Validates a parsed JSON value as a pyhf workspace.
 *
 * @throws WorkspaceError naming the first bad field, or an unsupported modifier
 */
export function parseWorkspace(raw: unknown): Workspace {
  checkModifierTypes(raw);
  const parsed = workspaceSchema.safeParse(raw);
  if (!parsed.success) throw zodError(parsed.error);
  const ws = parsed.data;
  checkChannels(ws.channels);
  const observed = new Set<string>();
  ws.observations.forEach((obs, o) => {
    const channel = ws.channels.find((c) => c.name === obs.name);
    if (channel === undefined) throw new WorkspaceError(`observations[${o}].name: no channel "${obs.name}"`);
    if (observed.has(obs.name)) throw new WorkspaceError(`observations[${o}].name: duplicate observation for channel "${obs.name}"`);
    observed.add(obs.name);
    const nBins = channel.samples[0].data.length;
    if (obs.data.length !== nBins) throw new WorkspaceError(`observations[${o}].data: ${obs.data.length} bins, but channel "${obs.name}" has ${nBins}`);
    obs.data.forEach((v, b) => {
      if (!(Number.isFinite(v) && v >= 0)) throw new WorkspaceError(`observations[${o}].data[${b}]: count ${v} in bin ${b} of channel "${obs.name}"; observed counts must be finite and ≥ 0`);
    });
  });
  ws.channels.forEach((c, i) => {
    if (!observed.has(c.name)) throw new WorkspaceError(`channels[${i}]: channel "${c.name}" has no observation`);
  });
  const names = new Set<string>();
  ws.measurements.forEach((m, i) => {
    if (names.has(m.name)) throw new WorkspaceError(`measurements[${i}].name: duplicate measurement "${m.name}"`);
    names.add(m.name);
  });
  return ws;
}

/** Validates a model specification (channels and optional parameter settings, pyhf `model.json`). */
export function parseModelSpec(raw: unknown): ModelSpec {
  checkModifierTypes(raw);
  const parsed = modelSpecSchema.safeParse(raw);
  if (!parsed.success) throw zodError(parsed.error);
  checkChannels(parsed.data.channels);
  return parsed.data;
}

/** Parses workspace JSON text. */
export function readWorkspace(text: string): Workspace {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new WorkspaceError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseWorkspace(raw);
}

/** Serialises a workspace as pyhf writes it (keys in schema order, two-space indentation). */
export function writeWorkspace(ws: Workspace): string {
  const ordered: Workspace = {
    channels: ws.channels.map((c) => ({
      name: c.name,
      samples: c.samples.map((s) => ({ name: s.name, data: [...s.data], modifiers: s.modifiers.map((m) => ({ ...m })) })),
    })),
    measurements: ws.measurements,
    observations: ws.observations,
    version: '1.0.0',
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Picks a measurement by name (default: the first, as pyhf's `Workspace.get_measurement`).
 *
 * @throws WorkspaceError if no measurement has that name
 */
export function getMeasurement(ws: Workspace, name?: string): Measurement {
  if (name === undefined) return ws.measurements[0];
  const m = ws.measurements.find((x) => x.name === name);
  if (m === undefined) throw new WorkspaceError(`measurements: no measurement "${name}" (have: ${ws.measurements.map((x) => x.name).join(', ')})`);
  return m;
}
