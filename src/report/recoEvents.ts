/**
 * The reconstructed events of a `simulate` run as a file (format `zprime-mc-reco-events`, version 1;
 * columns in docs/data-formats.md): Parquet, or CSV for small samples.
 *
 * Layout. Parquet holds one row per event, with the tracks and the ECL clusters of the event in
 * list columns (`track_px_GeV: list<double>`, …), the layout of a Delphes or basf2 ntuple tree:
 * `awkward.from_parquet` gives jagged arrays indexed [event][track] directly (as uproot does for a
 * TTree), `pandas.read_parquet` one row per event whose `df.explode([...])` gives one row per
 * object, and per-event quantities (weight, trigger, truth process) are stored once, not repeated
 * on every object; an event without any track is still a row, so that Σ weight normalises. CSV has
 * no list type, so the CSV file has the long layout instead: one row per object (`object` = track
 * or cluster, `index` = its position in the event) carrying the event's columns, and one row with
 * `object` = none for an event with neither; the column names are the Parquet ones.
 *
 * Both are written while the sample runs, one Parquet row group per generated batch (10 000
 * events), to a temporary file beside the output that is renamed when the run ends: memory stays
 * that of one batch, and an interrupted or failed run leaves nothing. The run's facts (σ of the
 * process for normalisation, seed, scenario, …) are the Parquet key-value metadata, and `# key:
 * value` lines before the CSV header (pandas: `read_csv(path, comment='#')`).
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { EventBatch } from '../events/eventBatch.js';
import { EclRegion, type RecoBatch, TriggerBit } from '../events/recoBatch.js';
import { copyInto, removeOnInterrupt } from '../runner/temporaryFiles.js';
import type { RecoEventsFormat } from './recoEventsFormat.js';

export const RECO_EVENTS_FORMAT = 'zprime-mc-reco-events';
export const RECO_EVENTS_VERSION = 1;

export { RECO_EVENTS_EXTENSIONS, recoEventsFormatOf, type RecoEventsFormat } from './recoEventsFormat.js';

type LeafType = 'double' | 'int32' | 'int8' | 'boolean' | 'string';

/** One column: its name, whether it is per event or per track/cluster, and its value type. */
export interface RecoEventsColumn {
  readonly name: string;
  readonly object: 'event' | 'track' | 'cluster';
  readonly type: LeafType;
}

const event = (name: string, type: LeafType): RecoEventsColumn => ({ name, object: 'event', type });
const track = (name: string, type: LeafType): RecoEventsColumn => ({ name, object: 'track', type });
const cluster = (name: string, type: LeafType): RecoEventsColumn => ({ name, object: 'cluster', type });

/** The columns of the Parquet file in order; the track and cluster columns are lists there. */
export const RECO_EVENTS_COLUMNS: readonly RecoEventsColumn[] = [
  event('event', 'int32'),
  event('process', 'string'),
  event('weight', 'double'),
  event('period', 'string'),
  event('trigger_bits', 'int32'),
  event('trigger_two_track', 'boolean'),
  event('trigger_ecl', 'boolean'),
  event('trigger_bhabha_veto', 'boolean'),
  event('triggered', 'boolean'),
  event('vertex_x_cm', 'double'),
  event('vertex_y_cm', 'double'),
  event('vertex_z_cm', 'double'),
  event('n_tracks', 'int32'),
  event('n_clusters', 'int32'),
  track('track_charge', 'int8'),
  track('track_px_GeV', 'double'),
  track('track_py_GeV', 'double'),
  track('track_pz_GeV', 'double'),
  track('track_d0_cm', 'double'),
  track('track_z0_cm', 'double'),
  track('track_muon_id', 'double'),
  track('track_electron_id', 'double'),
  track('track_identified_as', 'string'),
  track('track_truth_index', 'int32'),
  track('track_truth_pdg', 'int32'),
  cluster('cluster_energy_GeV', 'double'),
  cluster('cluster_theta_rad', 'double'),
  cluster('cluster_phi_rad', 'double'),
  cluster('cluster_region', 'string'),
  cluster('cluster_track_index', 'int32'),
  cluster('cluster_truth_index', 'int32'),
  cluster('cluster_truth_pdg', 'int32'),
];

const EVENT_COLUMNS = RECO_EVENTS_COLUMNS.filter((c) => c.object === 'event').map((c) => c.name);
const TRACK_COLUMNS = RECO_EVENTS_COLUMNS.filter((c) => c.object === 'track').map((c) => c.name);
const CLUSTER_COLUMNS = RECO_EVENTS_COLUMNS.filter((c) => c.object === 'cluster').map((c) => c.name);

/** The CSV header: the event columns, `object` and `index`, then the track and the cluster columns. */
export const RECO_EVENTS_CSV_COLUMNS: readonly string[] = [...EVENT_COLUMNS, 'object', 'index', ...TRACK_COLUMNS, ...CLUSTER_COLUMNS];

/** `track_identified_as`: which of the scenario's identification cuts the track passes. */
export type TrackIdentification = 'muon' | 'electron' | 'muon_electron' | 'none';

/** The label of a track: muon if muonID > muonIdMin, electron if electronID > electronIdMin (the selection's cuts). */
export function identifiedAs(muonId: number, electronId: number, muonIdMin: number, electronIdMin: number): TrackIdentification {
  const muon = muonId > muonIdMin;
  const electron = electronId > electronIdMin;
  if (muon) return electron ? 'muon_electron' : 'muon';
  return electron ? 'electron' : 'none';
}

const REGION_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(EclRegion).map(([name, code]) => [code, name]));

/** What the file needs to label the events: fixed before the run. */
export interface RecoEventsLabels {
  /** The truth process of every event. */
  readonly process: string;
  /** Names of the data-taking periods, by `RecoBatch.period` index. */
  readonly periods: readonly string[];
  /** The identification cuts of `track_identified_as` (the scenario's selection). */
  readonly muonIdMin: number;
  readonly electronIdMin: number;
}

/** The run's facts, known once the sample is complete: the file's metadata. */
export interface RecoEventsRun {
  readonly scenario: string;
  readonly process: string;
  readonly mass_GeV: number | null;
  readonly seed: number;
  /** Number of generated events (every one is a row of the file). */
  readonly events_generated: number;
  /** σ of the process and its Monte Carlo error, pb: an event of weight w stands for σ·w/Σw. */
  readonly sigma_pb: number;
  readonly sigma_err_pb: number;
  /** The scenario's integrated luminosity, fb⁻¹. */
  readonly luminosity_fb: number;
  readonly created_by: string;
}

/** The key-value metadata of a run, in file order. */
export function recoEventsMetadata(run: RecoEventsRun, labels: RecoEventsLabels): { key: string; value: string }[] {
  return [
    { key: 'format', value: RECO_EVENTS_FORMAT },
    { key: 'version', value: String(RECO_EVENTS_VERSION) },
    { key: 'created_by', value: run.created_by },
    { key: 'scenario', value: run.scenario },
    { key: 'process', value: run.process },
    { key: 'mass_GeV', value: run.mass_GeV === null ? '' : String(run.mass_GeV) },
    { key: 'seed', value: String(run.seed) },
    { key: 'events_generated', value: String(run.events_generated) },
    { key: 'sigma_pb', value: String(run.sigma_pb) },
    { key: 'sigma_err_pb', value: String(run.sigma_err_pb) },
    { key: 'luminosity_fb', value: String(run.luminosity_fb) },
    { key: 'muon_id_min', value: String(labels.muonIdMin) },
    { key: 'electron_id_min', value: String(labels.electronIdMin) },
  ];
}

/** One batch as columns: per-event values, and per-object values with the events' offsets. */
type EventValues = Float64Array | Int32Array | string[] | boolean[];
type ObjectValues = Float64Array | Int32Array | Int8Array | string[];

interface BatchColumns {
  readonly event: Record<string, EventValues>;
  readonly track: Record<string, ObjectValues>;
  readonly cluster: Record<string, ObjectValues>;
}

function batchColumns(batch: RecoBatch, truth: EventBatch, firstEvent: number, labels: RecoEventsLabels): BatchColumns {
  const n = batch.nEvents;
  const nTracks = batch.trackOffsets[n];
  const nClusters = batch.clusterOffsets[n];
  const index = new Int32Array(n);
  const trigger = new Int32Array(n);
  const twoTrack: boolean[] = new Array<boolean>(n);
  const ecl: boolean[] = new Array<boolean>(n);
  const veto: boolean[] = new Array<boolean>(n);
  const triggered: boolean[] = new Array<boolean>(n);
  const period: string[] = new Array<string>(n);
  const nTrack = new Int32Array(n);
  const nCluster = new Int32Array(n);
  const trackPdg = new Int32Array(nTracks);
  const clusterPdg = new Int32Array(nClusters);
  const trackLabel: string[] = new Array<string>(nTracks);
  const region: string[] = new Array<string>(nClusters);
  for (let i = 0; i < n; i++) {
    index[i] = firstEvent + i;
    const bits = batch.trigger[i];
    trigger[i] = bits;
    twoTrack[i] = (bits & TriggerBit.twoTrack) !== 0;
    ecl[i] = (bits & TriggerBit.ecl) !== 0;
    veto[i] = (bits & TriggerBit.bhabhaVeto) !== 0;
    // The online selection of simulateSample and of the selection's trigger step.
    triggered[i] = twoTrack[i] && !veto[i];
    const name = labels.periods[batch.period[i]];
    if (name === undefined) throw new Error(`reco events: event ${firstEvent + i} has period ${batch.period[i]}, the scenario has ${labels.periods.length}`);
    period[i] = name;
    nTrack[i] = batch.trackOffsets[i + 1] - batch.trackOffsets[i];
    nCluster[i] = batch.clusterOffsets[i + 1] - batch.clusterOffsets[i];
    const particles = truth.offsets[i];
    for (let t = batch.trackOffsets[i]; t < batch.trackOffsets[i + 1]; t++) {
      const link = batch.trackTruth[t];
      trackPdg[t] = link < 0 ? 0 : truth.pdg[particles + link];
      trackLabel[t] = identifiedAs(batch.trackMuonId[t], batch.trackElectronId[t], labels.muonIdMin, labels.electronIdMin);
    }
    for (let c = batch.clusterOffsets[i]; c < batch.clusterOffsets[i + 1]; c++) {
      const link = batch.clusterTruth[c];
      clusterPdg[c] = link < 0 ? 0 : truth.pdg[particles + link];
      const code = batch.clusterRegion[c];
      const label = REGION_NAMES[code];
      if (label === undefined) throw new Error(`reco events: cluster ${c} of event ${firstEvent + i} has ECL region ${code}`);
      region[c] = label;
    }
  }
  return {
    event: {
      event: index,
      process: new Array<string>(n).fill(labels.process),
      weight: batch.weight,
      period,
      trigger_bits: trigger,
      trigger_two_track: twoTrack,
      trigger_ecl: ecl,
      trigger_bhabha_veto: veto,
      triggered,
      vertex_x_cm: batch.vertexX,
      vertex_y_cm: batch.vertexY,
      vertex_z_cm: batch.vertexZ,
      n_tracks: nTrack,
      n_clusters: nCluster,
    },
    track: {
      track_charge: batch.trackCharge,
      track_px_GeV: batch.trackPx,
      track_py_GeV: batch.trackPy,
      track_pz_GeV: batch.trackPz,
      track_d0_cm: batch.trackD0,
      track_z0_cm: batch.trackZ0,
      track_muon_id: batch.trackMuonId,
      track_electron_id: batch.trackElectronId,
      track_identified_as: trackLabel,
      track_truth_index: batch.trackTruth,
      track_truth_pdg: trackPdg,
    },
    cluster: {
      cluster_energy_GeV: batch.clusterEnergy,
      cluster_theta_rad: batch.clusterTheta,
      cluster_phi_rad: batch.clusterPhi,
      cluster_region: region,
      cluster_track_index: batch.clusterTrack,
      cluster_truth_index: batch.clusterTruth,
      cluster_truth_pdg: clusterPdg,
    },
  };
}

function column<T>(record: Record<string, T>, name: string): T {
  const value = record[name];
  if (value === undefined) throw new Error(`reco events: no column ${name}`);
  return value;
}

/** A writer of the output format, fed batch by batch. */
interface FormatWriter {
  add(columns: BatchColumns, batch: RecoBatch): void;
  /** Completes the temporary file with the run's metadata. */
  finish(metadata: readonly { key: string; value: string }[]): void;
  close(): void;
}

function leafSchema(type: LeafType): Pick<SchemaElement, 'type' | 'converted_type'> {
  switch (type) {
    case 'double':
      return { type: 'DOUBLE' };
    case 'int32':
      return { type: 'INT32' };
    case 'int8':
      return { type: 'INT32', converted_type: 'INT_8' };
    case 'boolean':
      return { type: 'BOOLEAN' };
    case 'string':
      return { type: 'BYTE_ARRAY', converted_type: 'UTF8' };
  }
}

/** The Parquet schema: required scalars per event, required lists of required elements per object. */
function parquetSchema(): SchemaElement[] {
  const schema: SchemaElement[] = [{ name: 'root', num_children: RECO_EVENTS_COLUMNS.length }];
  for (const c of RECO_EVENTS_COLUMNS) {
    if (c.object === 'event') {
      schema.push({ name: c.name, repetition_type: 'REQUIRED', ...leafSchema(c.type) });
    } else {
      // The three-level list of the Parquet format (LogicalTypes.md, "Lists"), as pyarrow writes it.
      schema.push({ name: c.name, repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 });
      schema.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
      schema.push({ name: 'element', repetition_type: 'REQUIRED', ...leafSchema(c.type) });
    }
  }
  return schema;
}

/** hyparquet-writer's byte writer, emptied into a file descriptor after each row group. */
class FileByteWriter extends ByteWriter {
  constructor(private readonly fd: number) {
    super(1 << 20);
  }

  flush(): void {
    writeSync(this.fd, new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}

/** Per-event lists of one object column: element [i] holds the values of event i's objects. */
function lists(values: ObjectValues, offsets: Uint32Array, n: number): (number | string)[][] {
  const out = new Array<(number | string)[]>(n);
  for (let i = 0; i < n; i++) {
    const from = offsets[i];
    const to = offsets[i + 1];
    const list = new Array<number | string>(to - from);
    for (let j = from; j < to; j++) list[j - from] = values[j];
    out[i] = list;
  }
  return out;
}

function parquetWriter(fd: number): FormatWriter {
  const parquet = new ParquetWriter({ writer: new FileByteWriter(fd), schema: parquetSchema(), createdBy: 'zprime-mc', kvMetadata: [] });
  return {
    add(columns, batch) {
      const n = batch.nEvents;
      const columnData = RECO_EVENTS_COLUMNS.map((c) => {
        if (c.object === 'event') return { name: c.name, data: column(columns.event, c.name) };
        const offsets = c.object === 'track' ? batch.trackOffsets : batch.clusterOffsets;
        return { name: c.name, data: lists(column(columns[c.object], c.name), offsets, n) };
      });
      // One row group per batch: the batch is the unit of generation, its size bounds the memory.
      const pending = parquet.write({ columnData, rowGroupSize: n });
      if (pending !== undefined) throw new Error('reco events: the Parquet writer returned a promise from a synchronous writer');
    },
    finish(metadata) {
      parquet.kvMetadata = [...metadata];
      const pending = parquet.finish();
      if (pending !== undefined) throw new Error('reco events: the Parquet writer returned a promise from a synchronous writer');
    },
    close() {},
  };
}

function csvField(value: number | string | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * CSV: the body goes to its own temporary file while the run goes; `finish` writes the metadata
 * lines and the header (σ is known only at the end) and appends the body.
 */
function csvWriter(fd: number, bodyPath: string): FormatWriter {
  const body = openSync(bodyPath, 'w');
  let open = true;
  const emptyTrack = TRACK_COLUMNS.map(() => '').join(',');
  const emptyCluster = CLUSTER_COLUMNS.map(() => '').join(',');
  return {
    add(columns, batch) {
      const eventColumns = EVENT_COLUMNS.map((name) => column(columns.event, name));
      const trackColumns = TRACK_COLUMNS.map((name) => column(columns.track, name));
      const clusterColumns = CLUSTER_COLUMNS.map((name) => column(columns.cluster, name));
      const rows: string[] = [];
      for (let i = 0; i < batch.nEvents; i++) {
        const prefix = eventColumns.map((values) => csvField(values[i])).join(',');
        const t0 = batch.trackOffsets[i];
        const c0 = batch.clusterOffsets[i];
        for (let t = t0; t < batch.trackOffsets[i + 1]; t++) {
          rows.push(`${prefix},track,${t - t0},${trackColumns.map((values) => csvField(values[t])).join(',')},${emptyCluster}`);
        }
        for (let c = c0; c < batch.clusterOffsets[i + 1]; c++) {
          rows.push(`${prefix},cluster,${c - c0},${emptyTrack},${clusterColumns.map((values) => csvField(values[c])).join(',')}`);
        }
        if (t0 === batch.trackOffsets[i + 1] && c0 === batch.clusterOffsets[i + 1]) rows.push(`${prefix},none,,${emptyTrack},${emptyCluster}`);
      }
      if (rows.length > 0) writeSync(body, `${rows.join('\n')}\n`);
    },
    finish(metadata) {
      closeSync(body);
      open = false;
      writeSync(fd, `${metadata.map(({ key, value }) => `# ${key}: ${value}`).join('\n')}\n${RECO_EVENTS_CSV_COLUMNS.join(',')}\n`);
      copyInto(bodyPath, fd);
    },
    close() {
      if (open) closeSync(body);
      open = false;
    },
  };
}

/**
 * The output file of a run, written through temporary files beside `path` (removed on SIGINT and
 * SIGTERM): `add` every batch in order, then `finish` with the run's facts (which renames the file
 * into place) or `abort`.
 */
export class RecoEventsFile {
  private readonly tmp: string;
  private readonly tmpBody: string;
  private readonly releases: (() => void)[];
  private readonly fd: number;
  private readonly writer: FormatWriter;
  private nextEvent = 0;
  private done = false;

  constructor(
    readonly path: string,
    readonly format: RecoEventsFormat,
    private readonly labels: RecoEventsLabels,
  ) {
    const stem = join(dirname(path), `.${basename(path)}.${process.pid}`);
    this.tmp = `${stem}.tmp`;
    this.tmpBody = `${stem}.body.tmp`;
    this.releases = [removeOnInterrupt(this.tmp), removeOnInterrupt(this.tmpBody)];
    this.fd = openSync(this.tmp, 'w');
    try {
      this.writer = format === 'parquet' ? parquetWriter(this.fd) : csvWriter(this.fd, this.tmpBody);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Appends a batch; `firstEvent` must follow the previous batch's last event. */
  add(batch: RecoBatch, truth: EventBatch, firstEvent: number): void {
    if (firstEvent !== this.nextEvent) throw new Error(`reco events: batch starting at event ${firstEvent} added after event ${this.nextEvent - 1}`);
    if (truth.nEvents !== batch.nEvents) throw new Error(`reco events: ${batch.nEvents} reconstructed events, ${truth.nEvents} truth events`);
    this.writer.add(batchColumns(batch, truth, firstEvent, this.labels), batch);
    this.nextEvent += batch.nEvents;
  }

  /** Writes the metadata and moves the file into place. */
  finish(run: RecoEventsRun): void {
    try {
      if (run.events_generated !== this.nextEvent) throw new Error(`reco events: ${this.nextEvent} events written, the run generated ${run.events_generated}`);
      this.writer.finish(recoEventsMetadata(run, this.labels));
      this.writer.close();
      closeSync(this.fd);
      this.done = true;
      renameSync(this.tmp, this.path);
    } finally {
      this.abort();
    }
  }

  /** Removes the temporary files (after `finish`, only what is left of them). */
  abort(): void {
    this.writer?.close();
    if (!this.done) closeSync(this.fd);
    this.done = true;
    rmSync(this.tmp, { force: true });
    rmSync(this.tmpBody, { force: true });
    for (const release of this.releases.splice(0)) release();
  }
}
