import fc from 'fast-check';

// Property tests run with a fixed seed so that a CI failure can be replayed exactly.
// Override with FC_SEED=<integer> to explore other cases locally.
const seed = Number.parseInt(process.env.FC_SEED ?? '20230607', 10);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got "${process.env.FC_SEED}"`);
fc.configureGlobal({ seed, numRuns: 200 });
