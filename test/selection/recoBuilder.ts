import type { RecoBatch } from '../../src/events/recoBatch.js';
import { TriggerBit } from '../../src/events/recoBatch.js';
import { CollisionFrame, SUPERKEKB_Y4S } from '../../src/physics/beams.js';
import type { FourVector } from '../../src/physics/fourVector.js';

/** Hand-made reconstructed events for the selection tests. */

export const frame = new CollisionFrame(SUPERKEKB_Y4S);

export interface HandTrack {
  /** Lab momentum, GeV/c. */
  readonly px: number;
  readonly py: number;
  readonly pz: number;
  readonly charge: number;
  readonly muonId?: number;
  readonly electronId?: number;
  readonly d0?: number;
  readonly z0?: number;
}

export interface HandCluster {
  readonly energy: number;
  readonly theta: number;
  readonly phi: number;
  /** Matched track (index in the event), −1 for a photon candidate. */
  readonly track?: number;
}

export interface HandEvent {
  readonly tracks: readonly HandTrack[];
  readonly clusters?: readonly HandCluster[];
  readonly trigger?: number;
  readonly weight?: number;
}

/** A track of lab momentum p⃗ from a c.m.-frame momentum (for a particle of the given mass). */
export function trackFromCM(mass: number, cm: { x: number; y: number; z: number }, charge: number, extra: Partial<HandTrack> = {}): HandTrack {
  const E = Math.sqrt(cm.x * cm.x + cm.y * cm.y + cm.z * cm.z + mass * mass);
  const lab: FourVector = frame.cmToLab({ E, px: cm.x, py: cm.y, pz: cm.z });
  return { px: lab.px, py: lab.py, pz: lab.pz, charge, muonId: 0.9, electronId: 0.01, ...extra };
}

export function recoBatch(events: readonly HandEvent[]): RecoBatch {
  const n = events.length;
  const nt = events.reduce((s, e) => s + e.tracks.length, 0);
  const nc = events.reduce((s, e) => s + (e.clusters?.length ?? 0), 0);
  const trackOffsets = new Uint32Array(n + 1);
  const clusterOffsets = new Uint32Array(n + 1);
  const f = (k: number) => new Float64Array(k);
  const batch = {
    nEvents: n,
    weight: Float64Array.from(events, (e) => e.weight ?? 1),
    period: new Uint8Array(n),
    trigger: Uint8Array.from(events, (e) => e.trigger ?? TriggerBit.twoTrack),
    vertexX: f(n),
    vertexY: f(n),
    vertexZ: f(n),
    trackOffsets,
    trackTruth: new Int32Array(nt),
    trackPx: f(nt),
    trackPy: f(nt),
    trackPz: f(nt),
    trackCharge: new Int8Array(nt),
    trackD0: f(nt),
    trackZ0: f(nt),
    trackMuonId: f(nt),
    trackElectronId: f(nt),
    clusterOffsets,
    clusterTruth: new Int32Array(nc).fill(-1),
    clusterEnergy: f(nc),
    clusterTheta: f(nc),
    clusterPhi: f(nc),
    clusterRegion: new Uint8Array(nc).fill(2),
    clusterTrack: new Int32Array(nc),
  };
  let t = 0;
  let c = 0;
  events.forEach((e, i) => {
    for (const [k, track] of e.tracks.entries()) {
      batch.trackTruth[t] = k;
      batch.trackPx[t] = track.px;
      batch.trackPy[t] = track.py;
      batch.trackPz[t] = track.pz;
      batch.trackCharge[t] = track.charge;
      batch.trackD0[t] = track.d0 ?? 0;
      batch.trackZ0[t] = track.z0 ?? 0;
      batch.trackMuonId[t] = track.muonId ?? 0.9;
      batch.trackElectronId[t] = track.electronId ?? 0.01;
      t++;
    }
    for (const cluster of e.clusters ?? []) {
      batch.clusterEnergy[c] = cluster.energy;
      batch.clusterTheta[c] = cluster.theta;
      batch.clusterPhi[c] = cluster.phi;
      batch.clusterTrack[c] = cluster.track ?? -1;
      c++;
    }
    trackOffsets[i + 1] = t;
    clusterOffsets[i + 1] = c;
  });
  return batch;
}
