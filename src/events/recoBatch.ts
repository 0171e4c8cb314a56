import type { EventBatch } from './eventBatch.js';

/**
 * Columnar reconstructed events: what the detector model returns for an `EventBatch`.
 * One row per event; tracks of event i are the rows [trackOffsets[i], trackOffsets[i + 1]) of the
 * track columns, clusters likewise with `clusterOffsets`. Momenta in the lab frame, GeV/c; lengths
 * in cm; angles in radians (θ from +z, the e⁻ beam; φ from +x).
 *
 * Truth links (`trackTruth`, `clusterTruth`) are indices inside the event, relative to the event's
 * first particle in the `EventBatch`, like `EventBatch.mother`; −1 means no truth particle (a
 * beam-background cluster).
 */

/** Trigger bits of `RecoBatch.trigger`. */
export const TriggerBit = {
  /** Two-track trigger fired (pair of tracks in the polar window with the period's opening angle). */
  twoTrack: 1,
  /** ECL trigger fired (energy in the barrel and forward endcap above threshold): the reference trigger. */
  ecl: 2,
  /** The Bhabha veto fired: the event is rejected online whatever else fired. */
  bhabhaVeto: 4,
} as const;

/** ECL regions of `RecoBatch.clusterRegion`. */
export const EclRegion = {
  forward: 1,
  barrel: 2,
  backward: 3,
} as const;

export interface RecoBatch {
  readonly nEvents: number;
  /** Event weight, copied from the truth batch (efficiencies drop particles or set bits, never reweight). */
  readonly weight: Float64Array;
  /** Data-taking period of each event (index into the scenario's periods). */
  readonly period: Uint8Array;
  /** Trigger bits per event (see `TriggerBit`). */
  readonly trigger: Uint8Array;
  /** Collision point of each event (luminous-region spread), lab frame, cm. */
  readonly vertexX: Float64Array;
  readonly vertexY: Float64Array;
  readonly vertexZ: Float64Array;

  /** Track ranges: length nEvents + 1. */
  readonly trackOffsets: Uint32Array;
  /** Truth particle of the track (index inside the event). */
  readonly trackTruth: Int32Array;
  /** Measured momentum at the point of closest approach, lab frame, GeV/c. */
  readonly trackPx: Float64Array;
  readonly trackPy: Float64Array;
  readonly trackPz: Float64Array;
  /** Measured charge, ±1. */
  readonly trackCharge: Int8Array;
  /** Signed transverse impact parameter with respect to the nominal interaction point, cm. */
  readonly trackD0: Float64Array;
  /** Longitudinal impact parameter with respect to the nominal interaction point, cm. */
  readonly trackZ0: Float64Array;
  /** Muon likelihood ratio L_μ / Σ L in [0, 1] (the paper cuts at 0.5). */
  readonly trackMuonId: Float64Array;
  /** Electron likelihood ratio L_e / Σ L in [0, 1]. */
  readonly trackElectronId: Float64Array;

  /** Cluster ranges: length nEvents + 1. */
  readonly clusterOffsets: Uint32Array;
  /** Truth particle that made the cluster (index inside the event), −1 for beam background. */
  readonly clusterTruth: Int32Array;
  /** Measured cluster energy, GeV. */
  readonly clusterEnergy: Float64Array;
  /** Cluster polar and azimuthal angles seen from the nominal interaction point, lab frame, rad. */
  readonly clusterTheta: Float64Array;
  readonly clusterPhi: Float64Array;
  /** ECL region of the cluster (see `EclRegion`). */
  readonly clusterRegion: Uint8Array;
  /** Track matched to the cluster (index inside the event's tracks), −1 if none: photon candidates. */
  readonly clusterTrack: Int32Array;
}

/** The columns of the track table, for stages that copy or filter tracks. */
export const TRACK_COLUMNS = ['trackTruth', 'trackPx', 'trackPy', 'trackPz', 'trackCharge', 'trackD0', 'trackZ0', 'trackMuonId', 'trackElectronId'] as const;

/** The columns of the cluster table. */
export const CLUSTER_COLUMNS = ['clusterTruth', 'clusterEnergy', 'clusterTheta', 'clusterPhi', 'clusterRegion', 'clusterTrack'] as const;

/** A reconstructed batch with no track and no cluster yet: the input of the first detector stage. */
export function emptyRecoBatch(truth: EventBatch): RecoBatch {
  return blankRecoBatch(truth.weight);
}

function blankRecoBatch(weight: Float64Array): RecoBatch {
  const n = weight.length;
  return {
    nEvents: n,
    weight: weight.slice(),
    period: new Uint8Array(n),
    trigger: new Uint8Array(n),
    vertexX: new Float64Array(n),
    vertexY: new Float64Array(n),
    vertexZ: new Float64Array(n),
    trackOffsets: new Uint32Array(n + 1),
    trackTruth: new Int32Array(0),
    trackPx: new Float64Array(0),
    trackPy: new Float64Array(0),
    trackPz: new Float64Array(0),
    trackCharge: new Int8Array(0),
    trackD0: new Float64Array(0),
    trackZ0: new Float64Array(0),
    trackMuonId: new Float64Array(0),
    trackElectronId: new Float64Array(0),
    clusterOffsets: new Uint32Array(n + 1),
    clusterTruth: new Int32Array(0),
    clusterEnergy: new Float64Array(0),
    clusterTheta: new Float64Array(0),
    clusterPhi: new Float64Array(0),
    clusterRegion: new Uint8Array(0),
    clusterTrack: new Int32Array(0),
  };
}

/** Number of tracks in a batch. */
export function trackCount(batch: RecoBatch): number {
  return batch.trackOffsets[batch.nEvents];
}

/** Number of clusters in a batch. */
export function clusterCount(batch: RecoBatch): number {
  return batch.clusterOffsets[batch.nEvents];
}

const EMPTY = blankRecoBatch(new Float64Array(0));

/** Concatenates reconstructed batches in order (the shards of one sample). */
export function concatRecoBatches(batches: readonly RecoBatch[]): RecoBatch {
  const nEvents = batches.reduce((n, b) => n + b.nEvents, 0);
  const eventColumns = ['weight', 'period', 'trigger', 'vertexX', 'vertexY', 'vertexZ'] as const;
  const joinOffsets = (key: 'trackOffsets' | 'clusterOffsets'): Uint32Array => {
    const out = new Uint32Array(nEvents + 1);
    let event = 0;
    let base = 0;
    for (const b of batches) {
      const offsets = b[key];
      for (let i = 0; i < b.nEvents; i++) out[event + i + 1] = base + offsets[i + 1];
      event += b.nEvents;
      base += offsets[b.nEvents];
    }
    return out;
  };
  const join = <K extends keyof RecoBatch>(key: K): RecoBatch[K] => {
    const parts = batches.map((b) => b[key] as unknown as Float64Array);
    const length = parts.reduce((n, p) => n + p.length, 0);
    const out = new ((EMPTY[key] as unknown as Float64Array).constructor as new (n: number) => Float64Array)(length);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out as unknown as RecoBatch[K];
  };
  const result: Record<string, unknown> = { nEvents, trackOffsets: joinOffsets('trackOffsets'), clusterOffsets: joinOffsets('clusterOffsets') };
  for (const key of [...eventColumns, ...TRACK_COLUMNS, ...CLUSTER_COLUMNS]) result[key] = join(key);
  return result as unknown as RecoBatch;
}
