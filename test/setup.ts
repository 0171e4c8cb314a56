import fc from 'fast-check';

// Property tests run with a fixed seed so that a CI failure can be replayed exactly. Locally the
// seed defaults to 20230607; override it with FC_SEED=<integer> to explore other cases. In CI (the
// CI variable set, as CI services and .ci/run do) the seed must be given explicitly, as fast-check's
// own test setup requires its DEFAULT_SEED there, so that every CI log names the seed it ran with.
const given = process.env.FC_SEED === '' ? undefined : process.env.FC_SEED;
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false' && process.env.CI !== '0';
if (given === undefined && inCi) throw new Error('FC_SEED is not set: CI must give the fast-check seed explicitly (FC_SEED=<integer>)');
const seed = Number(given ?? '20230607');
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got "${given}"`);
fc.configureGlobal({ seed, numRuns: 200 });
