import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { histogramsParquet } from '../../src/report/histogramsParquet.js';
import type { BackgroundTemplate, TemplateSet } from '../../src/runner/templates/build.js';

/**
 * The Parquet file is written by hyparquet-writer and read back here by an independent reader:
 * arrow-rs's Parquet reader (parquet-wasm), handing the table to Apache Arrow JS over IPC.
 */

const m2Edges = Float64Array.from([-0.5, 0.5, 2, 4.5]);
const thetaCMEdges = Float64Array.from([0, 1, Math.PI]);
const nX = m2Edges.length + 1; // with under- and overflow
const nCells = nX * (thetaCMEdges.length + 1);

/** A background whose cell c holds scale·(c + 1) events and Σw² = scale·(c + 1)/10, flows included. */
function background(process: string, scale: number): BackgroundTemplate {
  return {
    process, sigma_pb: 1, sigma_err_pb: 0, events_generated: 1, weighted: false, efficiency: 1, expected_events: 0, mc_luminosity_ratio: 1, cutflow: [],
    sumw: Float64Array.from({ length: nCells }, (_, c) => scale * (c + 1)),
    sumw2: Float64Array.from({ length: nCells }, (_, c) => (scale * (c + 1)) / 10),
  };
}

const set: TemplateSet = {
  scenario: 'tiny', seed: 1, luminosity_fb: 79.7, punzi_net: null, resolution: [],
  grid: { m2Edges, hypothesisEdge: new Int32Array(0), massGeV: new Float64Array(0), sigmaM2: new Float64Array(0), windowBins: 20 },
  axes: { m2Edges, thetaCMEdges },
  backgrounds: [background('mumu', 1), background('tautau', 0.5)],
  photonVetoCorrection: null,
  signals: [],
};
const data = Float64Array.from({ length: nCells }, (_, c) => c % 3);

describe('histogramsParquet(set, data)', () => {
  const bytes = histogramsParquet(set, { name: 'pseudo-data-0.json', cells: data });
  const table = tableFromIPC(readParquet(bytes).intoIPCStream());

  it('is a Parquet file (PAR1 at both ends) that arrow-rs reads: seven typed columns, one row per in-range cell and sample', () => {
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('PAR1');
    expect(Buffer.from(bytes.subarray(bytes.length - 4)).toString()).toBe('PAR1');
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(['sample:Utf8', 'm2_low_GeV2:Float64', 'm2_high_GeV2:Float64', 'theta_cm_low_rad:Float64', 'theta_cm_high_rad:Float64', 'sumw:Float64', 'sumw2:Float64']);
    expect(table.numRows).toBe(3 * 3 * 2);
  });

  it('each row holds its cell’s edges and contents: the cell ix + (nx + 2)·iy of the templates, flows left out', () => {
    const rows = table.toArray().map((r) => r.toJSON() as Record<string, number | string>);
    const tautau = rows.filter((r) => r.sample === 'tautau');
    // Third M² bin (ix = 3), second θ bin (iy = 2): cell 3 + 5·2 = 13 holds 0.5·14 events.
    const cell = tautau.find((r) => r.m2_low_GeV2 === 2 && r.theta_cm_low_rad === 1);
    expect(cell).toEqual({ sample: 'tautau', m2_low_GeV2: 2, m2_high_GeV2: 4.5, theta_cm_low_rad: 1, theta_cm_high_rad: Math.PI, sumw: 7, sumw2: 0.7 });
    const inRange = [6, 7, 8, 11, 12, 13];
    expect(rows.filter((r) => r.sample === 'mumu').reduce((a, r) => a + Number(r.sumw), 0)).toBe(inRange.reduce((a, c) => a + c + 1, 0));
    expect(rows.filter((r) => r.sample === 'data').map((r) => r.sumw)).toEqual([6, 11, 7, 12, 8, 13].map((c) => c % 3));
  });

  it('carries the format, scenario and luminosity as key-value metadata, and the same input gives the same bytes', () => {
    const meta = table.schema.metadata;
    expect(meta.get('format')).toBe('zprime-mc-histograms');
    expect(meta.get('scenario')).toBe('tiny');
    expect(meta.get('luminosity_fb')).toBe('79.7');
    expect(meta.get('data')).toBe('pseudo-data-0.json');
    expect(Buffer.from(histogramsParquet(set, { name: 'pseudo-data-0.json', cells: data })).equals(Buffer.from(bytes))).toBe(true);
  });
});
