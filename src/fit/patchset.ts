/**
 * HEPData patchsets and RFC 6902 JSON patches on pyhf workspaces (pyhf `patchset.py`,
 * `schemas/1.0.0/defs.json#/definitions/patchset`).
 *
 * A published likelihood is a background-only workspace plus a patchset: one JSON patch per signal
 * point, named (`metadata.name`) and placed in the analysis' phase space (`metadata.values`, one per
 * `metadata.labels`). As in pyhf, a patchset's patch applies to the whole workspace
 * (`PatchSet.apply`), while a plain patch given on the command line applies to the model
 * specification `{channels, parameters}` of the chosen measurement (`Workspace.model(patches=…)`,
 * `pyhf cls -p`). pyhf's check of the patchset's digests against the workspace is not made: it hashes
 * Python's JSON serialisation, which JavaScript cannot reproduce byte for byte (`1.0` vs `1`).
 */
import jsonpatch from 'fast-json-patch';
import { z } from 'zod';
import { getMeasurement, parseWorkspace, type Workspace, WorkspaceError } from './workspace.js';

/** The JSON Patch operations of RFC 6902 §4 (pyhf `defs.json#/definitions/jsonpatch`). */
export const PATCH_OPERATIONS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;

const pointer = z.string().refine((p) => p === '' || p.startsWith('/'), { message: 'a JSON pointer must be empty or start with "/"' });
const withValue = z.strictObject({ op: z.enum(['add', 'replace', 'test']), path: pointer, value: z.unknown() }).refine((o) => o.value !== undefined, {
  message: '"value" is required',
  path: ['value'],
});
const remove = z.strictObject({ op: z.literal('remove'), path: pointer });
const fromOp = z.strictObject({ op: z.enum(['move', 'copy']), path: pointer, from: pointer });

/** One RFC 6902 operation. */
export const operationSchema = z.union([withValue, remove, fromOp]);
/** An RFC 6902 JSON patch: a list of operations. */
export const jsonPatchSchema = z.array(operationSchema);

const NAME = /^[a-zA-Z0-9_]+$/;
export const patchsetSchema = z.strictObject({
  version: z.literal('1.0.0', { error: 'must be "1.0.0" (pyhf patchset schema 1.0.0)' }),
  metadata: z.looseObject({
    digests: z
      .strictObject({
        md5: z.string().regex(/^[a-f0-9]{32}$/, 'an md5 digest is 32 hexadecimal digits').optional(),
        sha256: z.string().regex(/^[a-fA-F0-9]{64}$/, 'a sha256 digest is 64 hexadecimal digits').optional(),
      })
      .refine((d) => d.md5 !== undefined || d.sha256 !== undefined, { message: 'give an md5 or a sha256 digest of the background-only workspace' }),
    labels: z.array(z.string().regex(NAME, 'a label is letters, digits and "_"')).min(1),
    description: z.string(),
    references: z.strictObject({ hepdata: z.string().regex(/^ins[0-9]{7}$/, 'a HEPData reference is "ins" and 7 digits (e.g. ins1234567)') }),
  }),
  patches: z
    .array(
      z.strictObject({
        metadata: z.looseObject({
          name: z.string().regex(NAME, 'a patch name is letters, digits and "_"'),
          values: z.array(z.union([z.number(), z.string()], { error: 'a patch value is a number or a string' })),
        }),
        patch: jsonPatchSchema,
      }),
    )
    .min(1),
});

export type JsonPatch = z.infer<typeof jsonPatchSchema>;
export type Patchset = z.infer<typeof patchsetSchema>;
export type PatchsetPatch = Patchset['patches'][number];

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

const OPERATION_HELP = `op is one of ${PATCH_OPERATIONS.join(', ')}; add, replace and test need "value", move and copy "from"`;

function firstIssue(error: z.ZodError, plainPatch: boolean): WorkspaceError {
  const issue = error.issues[0];
  const path = issue.path;
  if (plainPatch && path.length === 0) return new WorkspaceError(`a JSON patch is an array of RFC 6902 operations (${OPERATION_HELP})`);
  const isOperation = plainPatch ? path.length === 1 : path.length >= 2 && path[path.length - 2] === 'patch';
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  const message = issue.code === 'invalid_union' && isOperation ? `not an RFC 6902 operation (${OPERATION_HELP})` : missing ? `missing (required: ${issue.expected})` : issue.message;
  const where = plainPatch ? `operation ${String(path[0])}${path.length > 1 ? ` ${formatPath(path.slice(1))}` : ''}` : formatPath(path);
  return new WorkspaceError(`${where}: ${message}`);
}

/** Validates a parsed JSON value as an RFC 6902 patch; errors name the operation (`operation 2 path: …`). */
export function parseJsonPatch(raw: unknown): JsonPatch {
  const parsed = jsonPatchSchema.safeParse(raw);
  if (!parsed.success) throw firstIssue(parsed.error, true);
  return parsed.data;
}

/**
 * Validates a parsed JSON value as a pyhf patchset (schema 1.0.0): `version`, `metadata` (labels,
 * description, references, digests) and `patches`, with unique patch names and values, one value per label.
 */
export function parsePatchset(raw: unknown): Patchset {
  const parsed = patchsetSchema.safeParse(raw);
  if (!parsed.success) throw firstIssue(parsed.error, false);
  const ps = parsed.data;
  const names = new Set<string>();
  const values = new Set<string>();
  ps.patches.forEach((p, i) => {
    const { name } = p.metadata;
    if (names.has(name)) throw new WorkspaceError(`patches[${i}].metadata.name: a second patch named "${name}"`);
    names.add(name);
    if (p.metadata.values.length !== ps.metadata.labels.length) {
      throw new WorkspaceError(`patches[${i}].metadata.values: ${p.metadata.values.length} values for the ${ps.metadata.labels.length} labels ${ps.metadata.labels.join(', ')} (patch "${name}")`);
    }
    const key = JSON.stringify(p.metadata.values);
    if (values.has(key)) throw new WorkspaceError(`patches[${i}].metadata.values: ${key} is also the values of an earlier patch (patch "${name}")`);
    values.add(key);
  });
  return ps;
}

/** Most names an error message lists before it says how many more there are. */
const MAX_LISTED = 12;

/** The patch named `name`; the error lists the names there are. */
export function findPatch(ps: Patchset, name: string): PatchsetPatch {
  const hit = ps.patches.find((p) => p.metadata.name === name);
  if (hit !== undefined) return hit;
  const all = ps.patches.map((p) => p.metadata.name);
  const listed = all.slice(0, MAX_LISTED).join(', ');
  const more = all.length > MAX_LISTED ? `, … (${all.length} in all)` : '';
  throw new WorkspaceError(`no patch named "${name}" (available: ${listed}${more})`);
}

const REASONS: Partial<Record<string, string>> = {
  OPERATION_PATH_UNRESOLVABLE: 'the path does not exist',
  OPERATION_FROM_UNRESOLVABLE: 'the "from" path does not exist',
  OPERATION_PATH_CANNOT_ADD: 'the parent of the path does not exist',
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'the path has an array index that is not a number',
  OPERATION_VALUE_OUT_OF_BOUNDS: 'the array index is beyond the end of the array',
  TEST_OPERATION_FAILED: 'the "test" operation found a different value',
};

/**
 * Applies a JSON patch to a copy of `document` (the input is not changed).
 *
 * @throws WorkspaceError naming the operation (`operation 3 (replace /channels/0/…)`) and the reason
 */
export function applyJsonPatch(document: unknown, patch: JsonPatch): unknown {
  const copy = structuredClone(document);
  try {
    return jsonpatch.applyPatch(copy, patch as jsonpatch.Operation[], true, true, true).newDocument;
  } catch (error) {
    if (error instanceof jsonpatch.JsonPatchError) {
      const i = error.index ?? 0;
      const op = patch[i];
      const what = op === undefined ? '' : ` (${op.op} ${op.path === '' ? '(whole document)' : op.path})`;
      throw new WorkspaceError(`operation ${i}${what}: ${REASONS[error.name] ?? error.message.split('\n')[0]}`);
    }
    throw error;
  }
}

/**
 * Applies a patchset's patch to a background-only workspace (pyhf `PatchSet.apply`): the patch acts
 * on the whole workspace document. The result is to be validated with `parseWorkspace`.
 */
export function applyPatchsetPatch(workspace: unknown, patch: PatchsetPatch): unknown {
  try {
    return applyJsonPatch(workspace, patch.patch);
  } catch (error) {
    if (error instanceof WorkspaceError) throw new WorkspaceError(`patch "${patch.metadata.name}", ${error.message}`);
    throw error;
  }
}

/**
 * Applies a JSON patch to the model specification `{channels, parameters}` of a measurement, as pyhf's
 * `Workspace.model(patches=…)` and `pyhf cls -p` do, and returns the workspace with the patched
 * channels and parameter settings (to be validated with `parseWorkspace`).
 */
export function patchModelSpec(ws: Workspace, patch: JsonPatch, measurement?: string): unknown {
  const m = getMeasurement(ws, measurement);
  const spec = applyJsonPatch({ channels: ws.channels, parameters: m.config.parameters }, patch);
  if (typeof spec !== 'object' || spec === null || !('channels' in spec) || !('parameters' in spec)) {
    throw new WorkspaceError('the patch removes "channels" or "parameters" from the model specification');
  }
  return {
    ...ws,
    channels: spec.channels,
    measurements: ws.measurements.map((x) => (x === m ? { ...x, config: { ...x.config, parameters: spec.parameters } } : x)),
  };
}

/** A background-only (or complete) workspace with the patches to apply, each labelled for error messages (file names). */
export interface PatchInputs {
  readonly workspace: unknown;
  readonly workspaceLabel: string;
  readonly patchset?: { readonly label: string; readonly patchset: Patchset };
  readonly jsonPatches: readonly { readonly label: string; readonly patch: JsonPatch }[];
}

function labelled<T>(label: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof WorkspaceError) throw new WorkspaceError(`${label}: ${error.message}`);
    throw error;
  }
}

/**
 * The workspace with the patchset's patch `patchName` applied (to the workspace) and then each JSON
 * patch (to the model specification of `measurement`), as `pyhf patchset apply` followed by
 * `pyhf cls -p` would build it; validated after every step. `label` names it in later messages
 * (`BkgOnly.json with patch "X"`).
 *
 * @throws WorkspaceError whose message starts with the file (label) it concerns
 */
export function patchedWorkspace(inputs: PatchInputs, patchName: string | undefined, measurement?: string): { workspace: Workspace; label: string } {
  let raw = inputs.workspace;
  let label = inputs.workspaceLabel;
  if (inputs.patchset !== undefined && patchName !== undefined) {
    const { label: psLabel, patchset } = inputs.patchset;
    const patch = labelled(psLabel, () => findPatch(patchset, patchName));
    const base = raw;
    raw = labelled(`${psLabel} on ${label}`, () => applyPatchsetPatch(base, patch));
    label = `${label} with patch "${patch.metadata.name}"`;
  }
  const first = raw;
  let ws = labelled(label, () => parseWorkspace(first));
  for (const { label: file, patch } of inputs.jsonPatches) {
    const current = ws;
    const next = labelled(`${file} on ${label}`, () => patchModelSpec(current, patch, measurement));
    label = `${label} with ${file}`;
    ws = labelled(label, () => parseWorkspace(next));
  }
  return { workspace: ws, label };
}
