/**
 * `zprime-mc/random`: seeded, splittable random streams. Every random number of a run comes from a
 * stream named by (seed, purpose, index), so the same seed gives the same bytes whatever the number
 * of workers or shards.
 *
 * @example
 * import { createStream } from 'zprime-mc/random';
 * const stream = createStream(231801, 'my-study', 0);
 * stream.uniform(); // in [0, 1), the same number for the same (seed, purpose, index)
 */
export * from '../random/index.js';
