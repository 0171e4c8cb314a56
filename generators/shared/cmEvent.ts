import { type EventBatchBuilder, Status } from '../../src/events/eventBatch.js';
import type { EventBeams } from '../../src/physics/beams.js';

/**
 * The final-state particles of one trial in the c.m. frame (e⁻ along +z), kept in scratch columns
 * and written to the lab with the event's own c.m. → lab transformation: no allocation per event.
 */
export class CMEvent {
  n = 0;
  readonly pdg: Int32Array;
  readonly E: Float64Array;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;

  constructor(capacity: number) {
    this.pdg = new Int32Array(capacity);
    this.E = new Float64Array(capacity);
    this.px = new Float64Array(capacity);
    this.py = new Float64Array(capacity);
    this.pz = new Float64Array(capacity);
  }

  clear(): void {
    this.n = 0;
  }

  add(pdg: number, E: number, px: number, py: number, pz: number): void {
    const i = this.n++;
    this.pdg[i] = pdg;
    this.E[i] = E;
    this.px[i] = px;
    this.py[i] = py;
    this.pz[i] = pz;
  }

  /** Writes the particles, transformed to the lab, as one event (all final state, no mothers). */
  writeToLab(builder: EventBatchBuilder, beams: EventBeams, weight: number): void {
    const m = beams.toLab.m;
    builder.beginEvent(weight, beams.totalE, beams.totalPx, beams.totalPy, beams.totalPz);
    for (let i = 0; i < this.n; i++) {
      const e = this.E[i], x = this.px[i], y = this.py[i], z = this.pz[i];
      builder.addParticle(
        this.pdg[i],
        Status.final,
        -1,
        m[0] * e + m[1] * x + m[2] * y + m[3] * z,
        m[4] * e + m[5] * x + m[6] * y + m[7] * z,
        m[8] * e + m[9] * x + m[10] * y + m[11] * z,
        m[12] * e + m[13] * x + m[14] * y + m[15] * z,
      );
    }
    builder.endEvent();
  }
}
