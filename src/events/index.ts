export * from './eventBatch.js';
