import { describe, expect, it } from 'vitest';
import { lookElsewhere } from '../../src/scan/lookElsewhere.js';
import { backgroundPseudoData } from '../../src/scan/observed.js';
import { leeToysInParallel, toyExpectedInParallel } from '../../src/scan/parallel.js';
import { toyExpectedPoint } from '../../src/scan/toyExpected.js';
import { NO_SYSTEMATICS, syntheticTemplates } from './syntheticTemplates.js';

// Worker threads run the compiled sources (dist/), which `npm test` builds first.
describe('scan toys on worker threads', () => {
  const set = syntheticTemplates(30, 15);

  it('toy-based expected limits are the same on two threads as on one, hypothesis by hypothesis', async () => {
    const options = { toys: 20, seed: 5 };
    const threaded = await toyExpectedInParallel(set, NO_SYSTEMATICS, options, 2);
    expect(threaded.length).toBe(set.grid.massGeV.length);
    threaded.forEach((p, k) => expect(p).toEqual(toyExpectedPoint(set, k, NO_SYSTEMATICS, options)));
  });

  it('look-elsewhere toys are the same on two threads as in one, toy by toy', async () => {
    const options = { toys: 23, seed: 9, c0: 1 };
    const threaded = await leeToysInParallel(set, NO_SYSTEMATICS, options, 2);
    const single = lookElsewhere(set, NO_SYSTEMATICS, backgroundPseudoData(set, 9, 0), options);
    expect(Array.from(threaded.maxQ0, Math.sqrt)).toEqual(Array.from(single.toyMaxLocalSignificance));
    expect(threaded.upCrossings.reduce((a, b) => a + b, 0) / options.toys).toBeCloseTo(single.meanUpCrossings, 12);
  });
});
