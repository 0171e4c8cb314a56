import type { RandomStream } from '../src/random/stream.js';
import { zigguratNormal } from '../src/random/ziggurat.js';

/** Numbers drawn per refill of a block. */
const BLOCK = 256;

/**
 * The random numbers of one stage on one batch, drawn from its stream in blocks: normals (ziggurat)
 * and uniforms in (0, 1), each kind from its own block, refilled from the stream when empty.
 *
 * Why: a stage's particle loop is too large for V8 to inline the sampler at every call site, and a
 * call per draw cost more than the draw. Here the sampler runs in one tight loop per block and a
 * draw is an array read. The numbers are the stream's, consumed in a fixed order, so the same
 * (seed, stage, batch) still gives the same output bytes; up to one block of each kind is left
 * unused at the end of a batch.
 */
export class DrawBuffer {
  private readonly normals = new Float64Array(BLOCK);
  private readonly uniforms = new Float64Array(BLOCK);
  private nextNormal = BLOCK;
  private nextUniform = BLOCK;
  private stream: RandomStream | null = null;

  /** Starts drawing from `stream` (a new batch): the blocks of the previous stream are dropped. */
  reset(stream: RandomStream): this {
    this.stream = stream;
    this.nextNormal = BLOCK;
    this.nextUniform = BLOCK;
    return this;
  }

  /** A standard normal deviate. */
  normal(): number {
    if (this.nextNormal === BLOCK) this.refillNormals();
    return this.normals[this.nextNormal++];
  }

  /** A uniform deviate in the open interval (0, 1) (53 random bits). */
  uniform(): number {
    if (this.nextUniform === BLOCK) this.refillUniforms();
    return this.uniforms[this.nextUniform++];
  }

  private refillNormals(): void {
    const stream = this.source();
    const out = this.normals;
    for (let i = 0; i < BLOCK; i++) out[i] = zigguratNormal(stream);
    this.nextNormal = 0;
  }

  private refillUniforms(): void {
    const stream = this.source();
    const out = this.uniforms;
    for (let i = 0; i < BLOCK; i++) out[i] = stream.uniform();
    this.nextUniform = 0;
  }

  private source(): RandomStream {
    if (this.stream === null) throw new Error('DrawBuffer: reset(stream) must be called before drawing');
    return this.stream;
  }
}
