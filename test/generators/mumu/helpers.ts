import type { EventBatch } from '../../../src/events/eventBatch.js';
import { CollisionFrame, SUPERKEKB_Y4S } from '../../../src/physics/beams.js';
import { ALPHA_EM_0 } from '../../../src/physics/constants.js';
import type { GeneratorOptions } from '../../../generators/process.js';

/** Generator options for tests: Y4S beams without energy spread, α(0), unweighted. */
export function testOptions(overrides: Partial<GeneratorOptions> = {}): GeneratorOptions {
  return { beams: SUPERKEKB_Y4S, beamEnergySpread: false, isr: true, alphaEM: ALPHA_EM_0, weighted: false, ...overrides };
}

/** The batch's particle momenta transformed to the nominal c.m. frame (e⁻ along +z). */
export function toCM(batch: EventBatch): { E: Float64Array; px: Float64Array; py: Float64Array; pz: Float64Array } {
  const frame = new CollisionFrame(SUPERKEKB_Y4S);
  const E = batch.E.slice();
  const px = batch.px.slice();
  const py = batch.py.slice();
  const pz = batch.pz.slice();
  frame.toCM.applyToColumns(E, px, py, pz);
  return { E, px, py, pz };
}

/** Index (absolute) of the first particle of event i with the given PDG number, or −1. */
export function findParticle(batch: EventBatch, event: number, pdg: number): number {
  for (let j = batch.offsets[event]; j < batch.offsets[event + 1]; j++) if (batch.pdg[j] === pdg) return j;
  return -1;
}

/** Bin index of x in ascending `edges` (last bin closed), or −1 outside. */
export function binOf(x: number, edges: readonly number[]): number {
  if (x < edges[0] || x > edges[edges.length - 1]) return -1;
  let j = edges.length - 2;
  while (x < edges[j]) j--;
  return j;
}

/** Simpson integral of f on [a, b] with n (even) intervals. */
export function simpson(f: (x: number) => number, a: number, b: number, n = 2000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}
