import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Table, tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventBatch } from '../../src/events/eventBatch.js';
import { EclRegion, type RecoBatch, TriggerBit } from '../../src/events/recoBatch.js';
import { identifiedAs, RECO_EVENTS_COLUMNS, RECO_EVENTS_CSV_COLUMNS, recoEventsFormatOf, RecoEventsFile, type RecoEventsRun } from '../../src/report/recoEvents.js';

/**
 * A hand-made reconstructed batch, written as Parquet and as CSV, read back by independent readers:
 * arrow-rs's Parquet reader (parquet-wasm) handing the table to Apache Arrow JS, and a plain split
 * of the CSV lines. Every value below is chosen here, so the expected file content is known exactly.
 */

const dir = mkdtempSync(join(tmpdir(), 'zprime-reco-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Event 0: μ⁻ and μ⁺ tracks, a cluster of the μ⁻ and a beam-background cluster. Event 1: nothing.
// Event 2: an electron track, a track passing neither cut (muonID = 0.5 is not > 0.5), a photon.
const reco: RecoBatch = {
  nEvents: 3,
  weight: Float64Array.from([1, 0.5, 2.25]),
  period: Uint8Array.from([0, 1, 1]),
  trigger: Uint8Array.from([TriggerBit.twoTrack, 0, TriggerBit.twoTrack | TriggerBit.bhabhaVeto]),
  vertexX: Float64Array.from([1e-4, -2e-4, 3e-4]),
  vertexY: Float64Array.from([1e-6, 0, -1e-6]),
  vertexZ: Float64Array.from([0.01, -0.02, 0.03]),
  trackOffsets: Uint32Array.from([0, 2, 2, 4]),
  trackTruth: Int32Array.from([0, 1, 0, 1]),
  trackPx: Float64Array.from([1.5, -1.25, 0.1, 0.2]),
  trackPy: Float64Array.from([2, -2, 0.3, 0.4]),
  trackPz: Float64Array.from([3, -2.5, 0.5, 0.6]),
  trackCharge: Int8Array.from([-1, 1, -1, 1]),
  trackD0: Float64Array.from([0.001, -0.002, 0.003, -0.004]),
  trackZ0: Float64Array.from([0.01, 0.02, -0.03, 0.04]),
  trackMuonId: Float64Array.from([0.99, 0.97, 0.1, 0.5]),
  trackElectronId: Float64Array.from([1e-80, 0, 0.9, 0.2]),
  clusterOffsets: Uint32Array.from([0, 2, 2, 3]),
  clusterTruth: Int32Array.from([0, -1, 2]),
  clusterEnergy: Float64Array.from([0.2, 0.05, 1.75]),
  clusterTheta: Float64Array.from([1.2, 2.6, 0.4]),
  clusterPhi: Float64Array.from([-3, 0.5, 3]),
  clusterRegion: Uint8Array.from([EclRegion.barrel, EclRegion.backward, EclRegion.forward]),
  clusterTrack: Int32Array.from([0, -1, -1]),
};

/** Truth events: μ⁻ μ⁺ (event 0), μ⁻ μ⁺ (event 1, both lost), e⁻ e⁺ γ (event 2). */
function truthBatch(pdg: number[], offsets: number[]): EventBatch {
  const n = pdg.length;
  const zeros = () => new Float64Array(n);
  const events = offsets.length - 1;
  return {
    nEvents: events, weight: Float64Array.from(reco.weight), initialE: new Float64Array(events), initialPx: new Float64Array(events), initialPy: new Float64Array(events), initialPz: new Float64Array(events),
    offsets: Uint32Array.from(offsets), pdg: Int32Array.from(pdg), status: new Int8Array(n).fill(1), mother: new Int32Array(n).fill(-1),
    E: zeros(), px: zeros(), py: zeros(), pz: zeros(), vx: zeros(), vy: zeros(), vz: zeros(),
  };
}
const truth = truthBatch([13, -13, 13, -13, 11, -11, 22], [0, 2, 4, 7]);

const labels = { process: 'mumu', periods: ['2019', '2020'], muonIdMin: 0.5, electronIdMin: 0.5 };
const run: RecoEventsRun = { scenario: 'tiny', process: 'mumu', mass_GeV: null, seed: 7, events_generated: 6, sigma_pb: 1148.25, sigma_err_pb: 0.5, luminosity_fb: 79.7, created_by: 'zprime-mc test' };

/** The batch added twice (events 0–2 and 3–5): two row groups. */
function write(path: string): void {
  const file = new RecoEventsFile(path, recoEventsFormatOf(path) ?? 'csv', labels);
  file.add(reco, truth, 0);
  file.add(reco, truth, 3);
  file.finish(run);
}

function readTable(path: string): Table {
  return tableFromIPC(readParquet(readFileSync(path)).intoIPCStream());
}

function list(table: Table, name: string, row: number): (number | string)[] {
  const child = table.getChild(name);
  if (child === null) throw new Error(`no column ${name}`);
  return [...(child.get(row) as Iterable<number | string>)];
}

describe('RecoEventsFile, Parquet', () => {
  const path = join(dir, 'events.parquet');
  write(path);
  const table = readTable(path);

  it('has the documented columns with their types, one row per event, the lists per object', () => {
    expect(table.numRows).toBe(6);
    const types: Record<string, string> = { double: 'Float64', int32: 'Int32', int8: 'Int8', boolean: 'Bool', string: 'Utf8' };
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(
      RECO_EVENTS_COLUMNS.map((c) => `${c.name}:${c.object === 'event' ? types[c.type] : `List<${types[c.type]}>`}`),
    );
  });

  it('holds the batch’s values exactly, event indices running on across batches', () => {
    expect([...table.getChild('event')!.toArray()]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...table.getChild('weight')!.toArray()]).toEqual([1, 0.5, 2.25, 1, 0.5, 2.25]);
    expect(table.getChild('period')!.toArray()).toEqual(['2019', '2020', '2020', '2019', '2020', '2020']);
    expect([...table.getChild('trigger_bits')!.toArray()]).toEqual([1, 0, 5, 1, 0, 5]);
    expect([0, 1, 2].map((i) => table.get(i)!.toJSON())).toMatchObject([
      { trigger_two_track: true, trigger_ecl: false, trigger_bhabha_veto: false, triggered: true, n_tracks: 2, n_clusters: 2, vertex_z_cm: 0.01 },
      { trigger_two_track: false, triggered: false, n_tracks: 0, n_clusters: 0 },
      { trigger_two_track: true, trigger_bhabha_veto: true, triggered: false, n_tracks: 2, n_clusters: 1, vertex_x_cm: 3e-4 },
    ]);
    expect(list(table, 'track_charge', 3)).toEqual([-1, 1]);
    expect(list(table, 'track_px_GeV', 0)).toEqual([1.5, -1.25]);
    expect(list(table, 'track_pz_GeV', 5)).toEqual([0.5, 0.6]);
    expect(list(table, 'track_d0_cm', 2)).toEqual([0.003, -0.004]);
    expect(list(table, 'track_electron_id', 0)).toEqual([1e-80, 0]);
    expect(list(table, 'track_identified_as', 2)).toEqual(['electron', 'none']);
    expect(list(table, 'track_truth_pdg', 2)).toEqual([11, -11]);
    expect(list(table, 'track_px_GeV', 1)).toEqual([]);
    expect(list(table, 'cluster_region', 0)).toEqual(['barrel', 'backward']);
    expect(list(table, 'cluster_track_index', 0)).toEqual([0, -1]);
    // The beam-background cluster has no truth particle: index −1, PDG 0; the photon of event 2 is particle 2 there.
    expect(list(table, 'cluster_truth_index', 0)).toEqual([0, -1]);
    expect(list(table, 'cluster_truth_pdg', 0)).toEqual([13, 0]);
    expect(list(table, 'cluster_truth_pdg', 5)).toEqual([22]);
    expect(list(table, 'cluster_energy_GeV', 2)).toEqual([1.75]);
    expect(list(table, 'cluster_phi_rad', 2)).toEqual([3]);
  });

  it('carries the run in its key-value metadata', () => {
    const meta = Object.fromEntries(table.schema.metadata);
    expect(meta).toEqual({
      format: 'zprime-mc-reco-events', version: '1', created_by: 'zprime-mc test', scenario: 'tiny', process: 'mumu', mass_GeV: '', seed: '7',
      events_generated: '6', sigma_pb: '1148.25', sigma_err_pb: '0.5', luminosity_fb: '79.7', muon_id_min: '0.5', electron_id_min: '0.5',
    });
  });

  it('is the same bytes when written again, and leaves no temporary file', () => {
    const again = join(dir, 'again.parquet');
    write(again);
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});

describe('RecoEventsFile, CSV', () => {
  const path = join(dir, 'events.csv');
  write(path);
  const lines = readFileSync(path, 'utf8').split('\n');

  it('starts with the metadata as # lines, then the documented header', () => {
    const comments = lines.filter((l) => l.startsWith('#'));
    expect(comments[0]).toBe('# format: zprime-mc-reco-events');
    expect(comments).toContain('# sigma_pb: 1148.25');
    expect(comments).toContain('# events_generated: 6');
    expect(lines[comments.length]).toBe(RECO_EVENTS_CSV_COLUMNS.join(','));
  });

  it('has one row per track and cluster, and one `none` row for an event without either', () => {
    const header = RECO_EVENTS_CSV_COLUMNS;
    const rows = lines.filter((l) => l !== '' && !l.startsWith('#')).slice(1).map((l) => Object.fromEntries(l.split(',').map((v, k) => [header[k], v])));
    expect(rows.every((r) => Object.keys(r).length === header.length)).toBe(true);
    // Per batch: 2 + 2 objects, 1 none row, 2 + 1 objects.
    expect(rows.length).toBe(2 * 8);
    expect(rows.map((r) => `${r.event}:${r.object}:${r.index}`).slice(0, 8)).toEqual(['0:track:0', '0:track:1', '0:cluster:0', '0:cluster:1', '1:none:', '2:track:0', '2:track:1', '2:cluster:0']);
    expect(rows[1]).toMatchObject({ weight: '1', period: '2019', triggered: 'true', track_charge: '1', track_px_GeV: '-1.25', track_identified_as: 'muon', cluster_energy_GeV: '' });
    expect(rows[3]).toMatchObject({ track_charge: '', cluster_energy_GeV: '0.05', cluster_region: 'backward', cluster_track_index: '-1', cluster_truth_pdg: '0' });
    expect(rows[12]).toMatchObject({ event: '4', object: 'none', weight: '0.5', period: '2020', n_tracks: '0', track_px_GeV: '', cluster_theta_rad: '' });
  });
});

describe('RecoEventsFile: failures leave nothing', () => {
  it('a run whose event count disagrees with the batches written throws and leaves no file', () => {
    const path = join(dir, 'short.parquet');
    const file = new RecoEventsFile(path, 'parquet', labels);
    file.add(reco, truth, 0);
    expect(() => file.finish({ ...run, events_generated: 4 })).toThrow(/3 events written, the run generated 4/);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('short'))).toEqual([]);
  });

  it('a batch out of order is refused; abort removes the temporary files', () => {
    const path = join(dir, 'gap.csv');
    const file = new RecoEventsFile(path, 'csv', labels);
    expect(() => file.add(reco, truth, 3)).toThrow(/batch starting at event 3 added after event -1/);
    file.abort();
    expect(readdirSync(dir).filter((f) => f.includes('gap'))).toEqual([]);
  });
});

describe('identifiedAs and recoEventsFormatOf', () => {
  it('labels a track by the selection’s strict cuts (muonID > 0.5, electronID > 0.5; PRL 130, 231801)', () => {
    expect(identifiedAs(0.51, 0.1, 0.5, 0.5)).toBe('muon');
    expect(identifiedAs(0.5, 0.1, 0.5, 0.5)).toBe('none');
    expect(identifiedAs(0.2, 0.9, 0.5, 0.5)).toBe('electron');
    expect(identifiedAs(0.7, 0.6, 0.5, 0.5)).toBe('muon_electron');
  });

  it('takes the format from the extension, case-insensitively, and nothing else', () => {
    expect(recoEventsFormatOf('a/b.parquet')).toBe('parquet');
    expect(recoEventsFormatOf('b.CSV')).toBe('csv');
    expect(recoEventsFormatOf('b.root')).toBeNull();
    expect(recoEventsFormatOf('parquet')).toBeNull();
  });
});
