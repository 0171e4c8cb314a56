/**
 * A binned data set in the templates' (M²recoil, θrecoil c.m.) plane, format `zprime-mc-data`
 * version 1 (JSON):
 *   { "format": "zprime-mc-data", "version": 1,
 *     "m2_edges_GeV2": [...], "theta_cm_edges_rad": [...],
 *     "counts": [[n(M² bin 0, θ bin 0), n(0, 1), …], [n(1, 0), …], …] }
 * `counts` has one row per M²recoil bin and one entry per θ bin, non-negative integers; the edges
 * must be those of the templates (the file `observe` writes for its pseudo-data set is an example).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { TemplateAxes } from '../runner/templates/sample.js';

export const DATA_FORMAT = 'zprime-mc-data';

const DataFileSchema = z.strictObject({
  format: z.literal(DATA_FORMAT),
  version: z.literal(1),
  m2_edges_GeV2: z.array(z.number()).min(2),
  theta_cm_edges_rad: z.array(z.number()).min(2),
  counts: z.array(z.array(z.int().min(0))),
});

/** The JSON text of counts in the templates' cells (ROOT global-bin order, flows dropped). */
export function formatDataFile(axes: TemplateAxes, cells: Float64Array): string {
  const nM2 = axes.m2Edges.length - 1;
  const nTheta = axes.thetaCMEdges.length - 1;
  const counts = Array.from({ length: nM2 }, (_, i) => Array.from({ length: nTheta }, (_, j) => cells[i + 1 + (nM2 + 2) * (j + 1)]));
  return `${JSON.stringify({ format: DATA_FORMAT, version: 1, m2_edges_GeV2: Array.from(axes.m2Edges), theta_cm_edges_rad: Array.from(axes.thetaCMEdges), counts })}\n`;
}

function sameEdges(a: readonly number[], b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= 1e-9 * Math.max(1, Math.abs(b[i])));
}

/** Reads a data file into the templates' cells; a mismatch names the file and the field. */
export function readDataFile(path: string, axes: TemplateAxes): Float64Array {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RangeError(`${path}: cannot read a JSON data file (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = DataFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RangeError(`${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const data = parsed.data;
  const nM2 = axes.m2Edges.length - 1;
  const nTheta = axes.thetaCMEdges.length - 1;
  if (!sameEdges(data.m2_edges_GeV2, axes.m2Edges)) throw new RangeError(`${path}: m2_edges_GeV2 must be the templates' ${axes.m2Edges.length} M2recoil edges`);
  if (!sameEdges(data.theta_cm_edges_rad, axes.thetaCMEdges)) throw new RangeError(`${path}: theta_cm_edges_rad must be the templates' ${axes.thetaCMEdges.length} theta edges`);
  if (data.counts.length !== nM2) throw new RangeError(`${path}: counts has ${data.counts.length} rows: must have one per M2recoil bin (${nM2})`);
  const cells = new Float64Array((nM2 + 2) * (nTheta + 2));
  data.counts.forEach((row, i) => {
    if (row.length !== nTheta) throw new RangeError(`${path}: counts[${i}] has ${row.length} entries: must have one per theta bin (${nTheta})`);
    row.forEach((n, j) => {
      cells[i + 1 + (nM2 + 2) * (j + 1)] = n;
    });
  });
  return cells;
}
