export * from './eventBatch.js';
export * from './recoBatch.js';
