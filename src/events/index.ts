export * from './eventBatch.js';
export * from './recoBatch.js';
export * from './trackKinematics.js';
