/**
 * Derives generator state directly from a stream's name (seed, purpose, index), without drawing
 * through any other stream: any batch, shard or toy can be regenerated alone.
 *
 * The mixing is numpy's `SeedSequence` (O'Neill's seed_seq design, numpy/random/bit_generator.pyx):
 * every entropy word is hashed into a 4-word pool, each pool word is mixed with every other one,
 * and the output words are hashed again. Nearby names (index 17 and 18, seed 1 and 2) give
 * unrelated states.
 */

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;
const POOL_SIZE = 4;

/** Mixes 32-bit entropy words into `nWords` 32-bit state words, exactly as numpy's SeedSequence. */
export function seedSequenceState(entropy: readonly number[], nWords: number): Uint32Array {
  const pool = new Uint32Array(POOL_SIZE);
  let hashConstA = INIT_A;
  const hashmix = (value: number): number => {
    let v = (value ^ hashConstA) >>> 0;
    hashConstA = Math.imul(hashConstA, MULT_A) >>> 0;
    v = Math.imul(v, hashConstA) >>> 0;
    return (v ^ (v >>> XSHIFT)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> XSHIFT)) >>> 0;
  };
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  }
  const state = new Uint32Array(nWords);
  let hashConstB = INIT_B;
  for (let i = 0; i < nWords; i++) {
    let v = (pool[i % POOL_SIZE] ^ hashConstB) >>> 0;
    hashConstB = Math.imul(hashConstB, MULT_B) >>> 0;
    v = Math.imul(v, hashConstB) >>> 0;
    state[i] = (v ^ (v >>> XSHIFT)) >>> 0;
  }
  return state;
}

const utf8 = new TextEncoder();

/**
 * The entropy words of a stream name: the seed and the index as two 32-bit words each (so any
 * safe integer is allowed), then the purpose's UTF-8 bytes, packed little-endian, and its length.
 */
export function streamEntropy(seed: number, purpose: string, index: number): number[] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`random stream: seed must be a non-negative integer, got ${seed}`);
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`random stream: index must be a non-negative integer, got ${index}`);
  const bytes = utf8.encode(purpose);
  const words = [seed >>> 0, Math.floor(seed / 2 ** 32) >>> 0, index >>> 0, Math.floor(index / 2 ** 32) >>> 0, bytes.length];
  for (let i = 0; i < bytes.length; i += 4) {
    words.push((bytes[i] | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24)) >>> 0);
  }
  return words;
}
