export { RandomStream, createStream, logFactorial } from './stream.js';
export { TabulatedDensity } from './tabulatedDensity.js';
export { seedSequenceState, streamEntropy } from './seedSequence.js';
export { zigguratNormal } from './ziggurat.js';
