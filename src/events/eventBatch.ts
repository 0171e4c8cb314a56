/**
 * Columnar truth events: one row per event, one row per particle, no object per particle.
 * Particles of event i are the rows [offsets[i], offsets[i + 1]). Momenta are in the lab frame, GeV;
 * production vertices in cm.
 */

/** Particle status codes (HepEVT/LHE convention). */
export const Status = {
  /** A final-state particle, seen by the detector (or invisible, like ν and Z′ → invisible). */
  final: 1,
  /** A particle that decayed in the generator (τ, ρ, π⁰); its daughters follow it. */
  decayed: 2,
} as const;

export interface EventBatch {
  readonly nEvents: number;
  /** Event weight (1 for unweighted events), length nEvents. */
  readonly weight: Float64Array;
  /** Initial-state total four-momentum per event (beams after energy spread), lab frame, GeV. */
  readonly initialE: Float64Array;
  readonly initialPx: Float64Array;
  readonly initialPy: Float64Array;
  readonly initialPz: Float64Array;
  /** Particle ranges: length nEvents + 1, offsets[0] = 0. */
  readonly offsets: Uint32Array;
  /** PDG particle number per particle. */
  readonly pdg: Int32Array;
  /** Status code per particle (see `Status`). */
  readonly status: Int8Array;
  /** Index of the mother inside the same event (0-based, relative to the event's first particle), or −1. */
  readonly mother: Int32Array;
  /** Lab-frame four-momentum per particle, GeV. */
  readonly E: Float64Array;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
  /** Production vertex per particle, cm (0 for particles from the collision point). */
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  readonly vz: Float64Array;
}

/** Number of particles in a batch. */
export function particleCount(batch: EventBatch): number {
  return batch.offsets[batch.nEvents];
}

/**
 * Builds an `EventBatch` event by event. Storage grows by doubling, so filling costs no allocation
 * per event or per particle; `build()` returns trimmed views.
 */
export class EventBatchBuilder {
  private nEvents = 0;
  private nParticles = 0;
  private eventCapacity: number;
  private particleCapacity: number;
  private weight: Float64Array;
  private initialE: Float64Array;
  private initialPx: Float64Array;
  private initialPy: Float64Array;
  private initialPz: Float64Array;
  private offsets: Uint32Array;
  private pdg: Int32Array;
  private status: Int8Array;
  private mother: Int32Array;
  private E: Float64Array;
  private px: Float64Array;
  private py: Float64Array;
  private pz: Float64Array;
  private vx: Float64Array;
  private vy: Float64Array;
  private vz: Float64Array;
  private open = false;

  constructor(expectedEvents = 1024, particlesPerEvent = 4) {
    this.eventCapacity = Math.max(1, expectedEvents);
    this.particleCapacity = Math.max(1, expectedEvents * particlesPerEvent);
    this.weight = new Float64Array(this.eventCapacity);
    this.initialE = new Float64Array(this.eventCapacity);
    this.initialPx = new Float64Array(this.eventCapacity);
    this.initialPy = new Float64Array(this.eventCapacity);
    this.initialPz = new Float64Array(this.eventCapacity);
    this.offsets = new Uint32Array(this.eventCapacity + 1);
    this.pdg = new Int32Array(this.particleCapacity);
    this.status = new Int8Array(this.particleCapacity);
    this.mother = new Int32Array(this.particleCapacity);
    this.E = new Float64Array(this.particleCapacity);
    this.px = new Float64Array(this.particleCapacity);
    this.py = new Float64Array(this.particleCapacity);
    this.pz = new Float64Array(this.particleCapacity);
    this.vx = new Float64Array(this.particleCapacity);
    this.vy = new Float64Array(this.particleCapacity);
    this.vz = new Float64Array(this.particleCapacity);
  }

  get eventCount(): number {
    return this.nEvents;
  }

  /** Starts a new event with its weight and initial-state four-momentum (lab, GeV). */
  beginEvent(weight: number, initialE: number, initialPx: number, initialPy: number, initialPz: number): void {
    if (this.open) this.endEvent();
    if (this.nEvents === this.eventCapacity) this.growEvents();
    const i = this.nEvents;
    this.weight[i] = weight;
    this.initialE[i] = initialE;
    this.initialPx[i] = initialPx;
    this.initialPy[i] = initialPy;
    this.initialPz[i] = initialPz;
    this.offsets[i] = this.nParticles;
    this.open = true;
  }

  /**
   * Adds a particle to the open event; returns its index inside the event (for mother links).
   * Momentum in the lab, GeV; vertex in cm.
   */
  addParticle(pdg: number, status: number, mother: number, E: number, px: number, py: number, pz: number, vx = 0, vy = 0, vz = 0): number {
    if (!this.open) throw new Error('EventBatchBuilder.addParticle: call beginEvent first');
    if (this.nParticles === this.particleCapacity) this.growParticles();
    const j = this.nParticles++;
    this.pdg[j] = pdg;
    this.status[j] = status;
    this.mother[j] = mother;
    this.E[j] = E;
    this.px[j] = px;
    this.py[j] = py;
    this.pz[j] = pz;
    this.vx[j] = vx;
    this.vy[j] = vy;
    this.vz[j] = vz;
    return j - this.offsets[this.nEvents];
  }

  /** Closes the open event. */
  endEvent(): void {
    if (!this.open) return;
    this.nEvents++;
    this.offsets[this.nEvents] = this.nParticles;
    this.open = false;
  }

  /** Drops the open event (e.g. rejected by a generator cut after its particles were added). */
  discardEvent(): void {
    if (!this.open) return;
    this.nParticles = this.offsets[this.nEvents];
    this.open = false;
  }

  build(): EventBatch {
    this.endEvent();
    const n = this.nEvents;
    const m = this.nParticles;
    return {
      nEvents: n,
      weight: this.weight.slice(0, n),
      initialE: this.initialE.slice(0, n),
      initialPx: this.initialPx.slice(0, n),
      initialPy: this.initialPy.slice(0, n),
      initialPz: this.initialPz.slice(0, n),
      offsets: this.offsets.slice(0, n + 1),
      pdg: this.pdg.slice(0, m),
      status: this.status.slice(0, m),
      mother: this.mother.slice(0, m),
      E: this.E.slice(0, m),
      px: this.px.slice(0, m),
      py: this.py.slice(0, m),
      pz: this.pz.slice(0, m),
      vx: this.vx.slice(0, m),
      vy: this.vy.slice(0, m),
      vz: this.vz.slice(0, m),
    };
  }

  private growEvents(): void {
    this.eventCapacity *= 2;
    this.weight = grow(this.weight, this.eventCapacity);
    this.initialE = grow(this.initialE, this.eventCapacity);
    this.initialPx = grow(this.initialPx, this.eventCapacity);
    this.initialPy = grow(this.initialPy, this.eventCapacity);
    this.initialPz = grow(this.initialPz, this.eventCapacity);
    this.offsets = grow(this.offsets, this.eventCapacity + 1);
  }

  private growParticles(): void {
    this.particleCapacity *= 2;
    this.pdg = grow(this.pdg, this.particleCapacity);
    this.status = grow(this.status, this.particleCapacity);
    this.mother = grow(this.mother, this.particleCapacity);
    this.E = grow(this.E, this.particleCapacity);
    this.px = grow(this.px, this.particleCapacity);
    this.py = grow(this.py, this.particleCapacity);
    this.pz = grow(this.pz, this.particleCapacity);
    this.vx = grow(this.vx, this.particleCapacity);
    this.vy = grow(this.vy, this.particleCapacity);
    this.vz = grow(this.vz, this.particleCapacity);
  }
}

type TypedArray = Float64Array | Int32Array | Int8Array | Uint32Array;

function grow<T extends TypedArray>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

/** Concatenates batches in order (e.g. the shards of one sample). */
export function concatBatches(batches: readonly EventBatch[]): EventBatch {
  const builder = new EventBatchBuilder(
    batches.reduce((n, b) => n + b.nEvents, 0),
    1,
  );
  for (const b of batches) {
    for (let i = 0; i < b.nEvents; i++) {
      builder.beginEvent(b.weight[i], b.initialE[i], b.initialPx[i], b.initialPy[i], b.initialPz[i]);
      for (let j = b.offsets[i]; j < b.offsets[i + 1]; j++) {
        builder.addParticle(b.pdg[j], b.status[j], b.mother[j], b.E[j], b.px[j], b.py[j], b.pz[j], b.vx[j], b.vy[j], b.vz[j]);
      }
      builder.endEvent();
    }
  }
  return builder.build();
}

/** The events of `batch` whose `keep` entry is non-zero, in order (with their particles). */
export function selectEvents(batch: EventBatch, keep: Uint8Array): EventBatch {
  if (keep.length !== batch.nEvents) throw new RangeError(`selectEvents: ${keep.length} flags for ${batch.nEvents} events`);
  let nEvents = 0;
  let nParticles = 0;
  for (let i = 0; i < batch.nEvents; i++) {
    if (keep[i] === 0) continue;
    nEvents++;
    nParticles += batch.offsets[i + 1] - batch.offsets[i];
  }
  const builder = new EventBatchBuilder(nEvents, Math.max(1, Math.ceil(nParticles / Math.max(1, nEvents))));
  for (let i = 0; i < batch.nEvents; i++) {
    if (keep[i] === 0) continue;
    builder.beginEvent(batch.weight[i], batch.initialE[i], batch.initialPx[i], batch.initialPy[i], batch.initialPz[i]);
    for (let j = batch.offsets[i]; j < batch.offsets[i + 1]; j++) {
      builder.addParticle(batch.pdg[j], batch.status[j], batch.mother[j], batch.E[j], batch.px[j], batch.py[j], batch.pz[j], batch.vx[j], batch.vy[j], batch.vz[j]);
    }
    builder.endEvent();
  }
  return builder.build();
}
