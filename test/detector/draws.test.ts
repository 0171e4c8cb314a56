import { describe, expect, it } from 'vitest';
import { DrawBuffer } from '../../detector/draws.js';
import { createStream } from '../../src/random/stream.js';
import { zigguratNormal } from '../../src/random/ziggurat.js';

describe('DrawBuffer', () => {
  it('normal() returns the stream’s ziggurat normals, in order, across block refills', () => {
    // Reference: zigguratNormal on an identically named stream (the numbers the stages drew before buffering).
    const buffer = new DrawBuffer().reset(createStream(3, 'detector/test', 7));
    const reference = createStream(3, 'detector/test', 7);
    for (let i = 0; i < 1000; i++) expect(buffer.normal()).toBe(zigguratNormal(reference));
  });

  it('uniform() returns the stream’s uniforms, in order, across block refills', () => {
    const buffer = new DrawBuffer().reset(createStream(3, 'detector/test', 8));
    const reference = createStream(3, 'detector/test', 8);
    for (let i = 0; i < 1000; i++) expect(buffer.uniform()).toBe(reference.uniform());
  });

  it('reset(stream) drops what is left of the previous stream', () => {
    const buffer = new DrawBuffer().reset(createStream(3, 'detector/test', 9));
    buffer.normal();
    buffer.uniform();
    buffer.reset(createStream(3, 'detector/test', 10));
    const reference = createStream(3, 'detector/test', 10);
    expect(buffer.normal()).toBe(zigguratNormal(reference));
  });

  it('refuses to draw before a stream is given', () => {
    expect(() => new DrawBuffer().normal()).toThrow('DrawBuffer: reset(stream) must be called before drawing');
  });
});
