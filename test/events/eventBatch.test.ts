import { describe, expect, it } from 'vitest';
import { concatBatches, EventBatchBuilder, particleCount, Status } from '../../src/events/eventBatch.js';

function twoEvents() {
  const b = new EventBatchBuilder(1, 1); // tiny capacity: exercises growth
  b.beginEvent(1, 11.006, 0.4566, 0, 2.9994);
  const tau = b.addParticle(15, Status.decayed, -1, 5, 0, 0, 4.6);
  b.addParticle(13, Status.final, tau, 2, 0.1, 0, 1.9, 0.001, 0, 0.002);
  b.addParticle(-13, Status.final, -1, 3, 0, 0.2, -2.9);
  b.endEvent();
  b.beginEvent(0.5, 11.006, 0.4566, 0, 2.9994);
  b.addParticle(22, Status.final, -1, 1, 0, 0, 1);
  b.endEvent();
  return b.build();
}

describe('EventBatchBuilder', () => {
  it('stores variable numbers of particles per event with offsets and in-event mother links', () => {
    const batch = twoEvents();
    expect(batch.nEvents).toBe(2);
    expect(Array.from(batch.offsets)).toEqual([0, 3, 4]);
    expect(particleCount(batch)).toBe(4);
    expect(Array.from(batch.mother)).toEqual([-1, 0, -1, -1]);
    expect(Array.from(batch.pdg)).toEqual([15, 13, -13, 22]);
    expect(Array.from(batch.weight)).toEqual([1, 0.5]);
    expect(batch.vz[1]).toBe(0.002);
  });

  it('discardEvent() drops the open event and its particles', () => {
    const b = new EventBatchBuilder();
    b.beginEvent(1, 1, 0, 0, 0);
    b.addParticle(13, Status.final, -1, 1, 0, 0, 1);
    b.discardEvent();
    b.beginEvent(2, 1, 0, 0, 0);
    b.addParticle(22, Status.final, -1, 1, 0, 0, 1);
    const batch = b.build();
    expect(batch.nEvents).toBe(1);
    expect(Array.from(batch.pdg)).toEqual([22]);
    expect(batch.weight[0]).toBe(2);
  });

  it('addParticle before beginEvent is an error', () => {
    expect(() => new EventBatchBuilder().addParticle(13, 1, -1, 1, 0, 0, 1)).toThrow(/beginEvent/);
  });
});

describe('concatBatches(batches)', () => {
  it('keeps events in order and mother links relative to their event', () => {
    const a = twoEvents();
    const joined = concatBatches([a, a]);
    expect(joined.nEvents).toBe(4);
    expect(Array.from(joined.offsets)).toEqual([0, 3, 4, 7, 8]);
    expect(Array.from(joined.mother.subarray(4, 7))).toEqual([-1, 0, -1]);
    expect(Array.from(joined.weight)).toEqual([1, 0.5, 1, 0.5]);
  });
});
