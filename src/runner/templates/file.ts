import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { checksummedJson, verifyChecksum } from '../checksum.js';
import type { Scenario } from '../../scenario/index.js';
import type { BackgroundTemplate, SignalTemplate, TemplateSet } from './build.js';
import type { PhotonVetoFactors } from './photonVeto.js';

/**
 * The template file: one JSON document, format `zprime-mc-templates` version 1.
 *
 * - `key`: SHA-256 of everything the templates depend on (the scenario's sections, the seed, the
 *   code version, the Punzi-net's hash); the builder reuses a file whose key matches.
 * - `m2_edges_GeV2`, `theta_cm_edges_rad`: the bin edges of the (M²recoil, θrecoil c.m.) plane.
 * - `hypotheses`: mass, resolution and edge index of every hypothesis (the scan's grid).
 * - `backgrounds[]`: σ, events generated, selection efficiency and cut flow, expected events at the
 *   scenario's luminosity, and `sumw`, `sumw2`: expected events and their Monte Carlo variance per
 *   cell, in ROOT's global-bin order ix + (nx + 2)·iy over (M² bin ix, θ bin iy), flows included.
 * - `signals[]`: per hypothesis, σ at g′ = 1, the selection efficiency, and `sumw`, `sumw2` for
 *   σ = 1 fb on the M² bins [first_bin, first_bin + n_bins) (ROOT numbering), each a row of nθ + 2
 *   θ cells.
 * Arrays of cells are base64 strings of little-endian IEEE-754 doubles (exact round trip).
 * - `sha256`: the checksum of the rest of the document (src/runner/checksum.ts); a file whose content
 *   does not match it is corrupted and never used. Files written before it existed have none.
 */

export const TEMPLATE_FORMAT = 'zprime-mc-templates';
export const TEMPLATE_VERSION = 1;

/** The cache key of a scenario's templates. */
export function templateKey(scenario: Scenario, codeVersion: string, networkHash: string | null): string {
  const inputs = {
    format: TEMPLATE_FORMAT,
    version: TEMPLATE_VERSION,
    code: codeVersion,
    seed: scenario.seed,
    // a projection rescales the scan, not the templates
    luminosity: { totalFb: scenario.luminosity.totalFb, periods: scenario.luminosity.periods },
    beams: scenario.beams,
    generators: scenario.generators,
    detector: scenario.detector,
    selection: scenario.selection,
    searchWindowBins: scenario.fit.searchWindowBins,
    templates: scenario.templates,
    network: networkHash,
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** Doubles as base64 of little-endian IEEE-754 (exact round trip). */
export function encodeDoubles(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(8 * i, values[i], true);
  return Buffer.from(bytes).toString('base64');
}

/** The doubles of {@link encodeDoubles}' text; a length that is not a multiple of 8 bytes is a RangeError. */
export function decodeDoubles(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 8 !== 0) throw new RangeError(`${bytes.length} bytes is not a whole number of doubles`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return Float64Array.from({ length: bytes.length / 8 }, (_, i) => view.getFloat64(8 * i, true));
}

/** The JSON text of a template set with its cache key. */
export function formatTemplateFile(set: TemplateSet, key: string, codeVersion: string): string {
  const document = {
    format: TEMPLATE_FORMAT,
    version: TEMPLATE_VERSION,
    key,
    code_version: codeVersion,
    scenario: set.scenario,
    seed: set.seed,
    luminosity_fb: set.luminosity_fb,
    punzi_net: set.punzi_net,
    window_bins: set.grid.windowBins,
    resolution: set.resolution,
    m2_edges_GeV2: Array.from(set.axes.m2Edges),
    theta_cm_edges_rad: Array.from(set.axes.thetaCMEdges),
    hypotheses: Array.from(set.grid.massGeV, (mass, k) => ({ mass_GeV: mass, sigma_m2_GeV2: set.grid.sigmaM2[k], edge: set.grid.hypothesisEdge[k] })),
    backgrounds: set.backgrounds.map((b) => ({ ...b, sumw: encodeDoubles(b.sumw), sumw2: encodeDoubles(b.sumw2) })),
    signals: set.signals.map(({ firstBin, nBins, sumw, sumw2, ...s }) => ({ ...s, first_bin: firstBin, n_bins: nBins, sumw: encodeDoubles(sumw), sumw2: encodeDoubles(sumw2) })),
    photon_veto_correction: photonVetoDocument(set.photonVetoCorrection),
  };
  return checksummedJson(document);
}

function photonVetoDocument(f: PhotonVetoFactors | null) {
  if (f === null) return null;
  return {
    theta_lab_edges_deg: f.thetaLabEdgesDeg,
    m2_recoil_max_GeV2: f.m2RecoilMaxGeV2,
    simulation_events: f.simulationEvents,
    simulation_errors: f.simulationErrors,
    data_events: f.dataEvents,
    data_errors: f.dataErrors,
    factors: f.factors,
    factor_errors: f.factorErrors,
  };
}

const PhotonVetoSchema = z
  .object({
    theta_lab_edges_deg: z.array(z.number()).min(2),
    m2_recoil_max_GeV2: z.number(),
    simulation_events: z.array(z.number()),
    simulation_errors: z.array(z.number()),
    data_events: z.array(z.number()),
    data_errors: z.array(z.number()),
    factors: z.array(z.number()),
    factor_errors: z.array(z.number()),
  })
  .transform(
    (d): PhotonVetoFactors => ({
      thetaLabEdgesDeg: d.theta_lab_edges_deg,
      m2RecoilMaxGeV2: d.m2_recoil_max_GeV2,
      simulationEvents: d.simulation_events,
      simulationErrors: d.simulation_errors,
      dataEvents: d.data_events,
      dataErrors: d.data_errors,
      factors: d.factors,
      factorErrors: d.factor_errors,
    }),
  );

const Cells = z.string().transform((text, ctx) => {
  try {
    return decodeDoubles(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `is not base64 doubles: ${(error as Error).message}` });
    return z.NEVER;
  }
});
const CutFlowRowSchema = z.object({ cut: z.string(), description: z.string(), events: z.number(), efficiency: z.number().nullable(), yield: z.number().nullable(), yield_err: z.number().nullable() });
const nullableNumber = z.number().nullable().transform((v) => v ?? Number.NaN);

const TemplateFileSchema = z.object({
  sha256: z.string().optional(),
  format: z.literal(TEMPLATE_FORMAT),
  version: z.literal(TEMPLATE_VERSION),
  key: z.string(),
  code_version: z.string(),
  scenario: z.string(),
  seed: z.number(),
  luminosity_fb: z.number(),
  punzi_net: z.string().nullable(),
  window_bins: z.int(),
  resolution: z.array(z.object({ mass_GeV: z.number(), m2_GeV2: z.number(), sigma_m2_GeV2: z.number(), sigma_m2_err_GeV2: z.number(), events: z.number() })),
  m2_edges_GeV2: z.array(z.number()).min(2),
  theta_cm_edges_rad: z.array(z.number()).min(2),
  hypotheses: z.array(z.object({ mass_GeV: z.number(), sigma_m2_GeV2: z.number(), edge: z.int() })),
  backgrounds: z.array(
    z.object({
      process: z.string(),
      sigma_pb: z.number(),
      sigma_err_pb: z.number(),
      events_generated: z.number(),
      weighted: z.boolean(),
      efficiency: nullableNumber,
      expected_events: z.number(),
      mc_luminosity_ratio: z.number(),
      cutflow: z.array(CutFlowRowSchema),
      sumw: Cells,
      sumw2: Cells,
    }),
  ),
  signals: z.array(
    z.object({
      mass_GeV: z.number(),
      sigma_m2_GeV2: z.number(),
      edge: z.int(),
      sigma_pb: z.number(),
      sigma_err_pb: z.number(),
      events_generated: z.number(),
      efficiency: nullableNumber,
      first_bin: z.int(),
      n_bins: z.int(),
      sumw: Cells,
      sumw2: Cells,
    }),
  ),
  /** The photon-veto correction applied to the μμ template (null: none). */
  photon_veto_correction: PhotonVetoSchema.nullable().default(null),
});

/** A template file read back: the set, its key and the code version that wrote it. */
export interface TemplateFile {
  readonly key: string;
  readonly codeVersion: string;
  readonly set: TemplateSet;
}

/** Reads and checks a template file; errors name the file and the field. */
export function readTemplateFile(path: string): TemplateFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TemplateFileError(`${path}: not a template file: ${(error as Error).message}`);
  }
  const checksum = typeof json === 'object' && json !== null && !Array.isArray(json) ? verifyChecksum(json as Record<string, unknown>) : 'absent';
  if (checksum !== 'absent' && checksum !== 'ok') throw new TemplateChecksumError(`${path}: ${checksum}; remove it to build the templates again`);
  const parsed = TemplateFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TemplateFileError(`${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const d = parsed.data;
  const nx = d.m2_edges_GeV2.length - 1;
  const nTheta = d.theta_cm_edges_rad.length + 1;
  const cells = (nx + 2) * nTheta;
  d.backgrounds.forEach((b, k) => {
    if (b.sumw.length !== cells || b.sumw2.length !== cells) throw new TemplateFileError(`${path}: backgrounds[${k}].sumw has ${b.sumw.length} cells: must be ${cells}`);
  });
  d.signals.forEach((s, k) => {
    if (s.sumw.length !== s.n_bins * nTheta || s.sumw2.length !== s.n_bins * nTheta) throw new TemplateFileError(`${path}: signals[${k}].sumw has ${s.sumw.length} cells: must be n_bins × ${nTheta}`);
  });
  const backgrounds: BackgroundTemplate[] = d.backgrounds.map((b) => ({ ...b, cutflow: b.cutflow.map(nanRow) }));
  const signals: SignalTemplate[] = d.signals.map(({ first_bin, n_bins, ...s }) => ({ ...s, firstBin: first_bin, nBins: n_bins }));
  const m2Edges = Float64Array.from(d.m2_edges_GeV2);
  const set: TemplateSet = {
    scenario: d.scenario,
    seed: d.seed,
    luminosity_fb: d.luminosity_fb,
    punzi_net: d.punzi_net,
    resolution: d.resolution,
    grid: {
      m2Edges,
      hypothesisEdge: Int32Array.from(d.hypotheses, (h) => h.edge),
      massGeV: Float64Array.from(d.hypotheses, (h) => h.mass_GeV),
      sigmaM2: Float64Array.from(d.hypotheses, (h) => h.sigma_m2_GeV2),
      windowBins: d.window_bins,
    },
    axes: { m2Edges, thetaCMEdges: Float64Array.from(d.theta_cm_edges_rad) },
    backgrounds,
    signals,
    photonVetoCorrection: d.photon_veto_correction,
  };
  return { key: d.key, codeVersion: d.code_version, set };
}

function nanRow(row: z.infer<typeof CutFlowRowSchema>) {
  return { ...row, efficiency: row.efficiency ?? Number.NaN, yield: row.yield ?? Number.NaN, yield_err: row.yield_err ?? Number.NaN };
}

export class TemplateFileError extends Error {
  override readonly name = 'TemplateFileError';
}

/** A template file whose content does not match its checksum. */
export class TemplateChecksumError extends TemplateFileError {}
