/**
 * `zprime-mc/events`: the columnar event records. `EventBatch` holds generator-level (truth)
 * particles in the lab frame, `RecoBatch` the reconstructed tracks and clusters a detector makes of
 * them; both keep one row per event with its weight.
 */
export * from '../events/index.js';
