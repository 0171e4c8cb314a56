import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processes } from '../../generators/index.js';
import type { EventGenerator } from '../../generators/process.js';
import { EventTrials, MAX_REJECTIONS, MAX_TRIALS_PER_EVENT } from '../../generators/shared/trialLimits.js';
import { sampleBreitWheelerCos, sampleVirtuality } from '../../generators/shared/twoPhoton.js';
import { hitOrMissBatch, WeightTally } from '../../generators/shared/weightTally.js';
import { createGenerator, resolveSampleRequest } from '../../src/cli/sampleRequest.js';
import { createStream } from '../../src/random/stream.js';
import { backgroundGenerator } from '../../src/runner/templates/tasks.js';
import { defaultScenarioPath, loadScenario } from '../../src/scenario/index.js';

/**
 * Every batch of every process ends: a loop that could draw forever (hit-or-miss unweighting,
 * rejection samplers, the eeμμ spectator solve) either finds its event in a few trials or throws
 * at a hard bound (generators/shared/trialLimits.ts). The generators are those of
 * `zprime-mc generate` on the default scenario (its seed, beams and per-process beam spread), with
 * shorter warm-ups; the stream index of a batch is arbitrary, as batch k of a large sample is.
 */

const scenario = loadScenario(defaultScenarioPath());
const EVENTS_PER_BATCH = 200;
/** Far below MAX_TRIALS_PER_EVENT (10⁷): the unweighting efficiencies are 0.1–0.9. */
const MOST_TRIALS_PER_EVENT = 10_000;

interface Case {
  readonly label: string;
  readonly process: string;
  readonly generator: EventGenerator;
}

function makeCase(process: string, mass?: number, widthRatio?: number): Case {
  const flags = {
    process,
    events: String(EVENTS_PER_BATCH),
    ...(mass === undefined ? {} : { mass: String(mass) }),
    ...(widthRatio === undefined ? {} : { widthRatio: String(widthRatio) }),
  };
  const request = resolveSampleRequest(flags, scenario);
  const settings = { ...request.settings, warmupTrials: 20_000 };
  const label = mass === undefined ? process : `${process} M = ${mass} GeV${widthRatio ? `, Γ/M = ${widthRatio}` : ''}`;
  return { label, process, generator: createGenerator({ ...request, settings }) };
}

/** The weighted, importance-sampled backgrounds of the default templates (zero weight outside their fiducial regions). */
const templateCases: Case[] = Object.keys(scenario.templates.backgrounds).map((process) => ({
  label: `templates ${process}`,
  process,
  generator: backgroundGenerator(scenario, process),
}));

const cases: Case[] = [
  ...processes.flatMap((p) =>
    p.name === 'signal' ? [makeCase('signal', 0.5), makeCase('signal', 3), makeCase('signal', 8), makeCase('signal', 2, 0.1)] : [makeCase(p.name)],
  ),
  ...templateCases,
];

describe('every process: a batch from any stream index ends within a bounded number of trials', () => {
  it('covers every registered process', () => {
    expect(new Set(cases.map((c) => c.process))).toEqual(new Set(processes.map((p) => p.name)));
  });

  for (const { label, process, generator } of cases) {
    it(`${label}: ${EVENTS_PER_BATCH} events, each in fewer than ${MOST_TRIALS_PER_EVENT} trials (the guard throws at ${MAX_TRIALS_PER_EVENT})`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (batchIndex) => {
          // Arrange
          const before = generator.stats();
          // Act
          const batch = generator.generate(EVENTS_PER_BATCH, createStream(scenario.seed, process, batchIndex));
          // Assert
          const after = generator.stats();
          expect(batch.nEvents).toBe(EVENTS_PER_BATCH);
          expect(after.maxTrialsPerEvent).toBeGreaterThan(0);
          expect(after.maxTrialsPerEvent).toBeLessThan(MOST_TRIALS_PER_EVENT);
          expect((after.trials - before.trials) / EVENTS_PER_BATCH).toBeLessThan(MOST_TRIALS_PER_EVENT);
        }),
        { numRuns: 20 },
      );
    });
  }
});

describe('the hard bounds', () => {
  it('hitOrMissBatch stops with an error naming the process when no trial is ever accepted', () => {
    const tally = new WeightTally(1, 'nothing');
    expect(() =>
      hitOrMissBatch(1, 1, createStream(1, 'bounds', 0), tally, false, () => 0, () => undefined),
    ).toThrow(new RegExp(`nothing: no event in ${MAX_TRIALS_PER_EVENT} trials`));
  });

  it('EventTrials throws past its limit, keeps the most trials of one event, and restarts with each batch', () => {
    const trials = new EventTrials('test', 5);
    for (let i = 0; i < 3; i++) trials.count();
    trials.event();
    for (let i = 0; i < 5; i++) trials.count();
    expect(trials.most).toBe(3);
    expect(() => trials.count()).toThrow(/test: no event in 5 trials/);
    trials.startBatch();
    for (let i = 0; i < 5; i++) trials.count();
    trials.event();
    expect(trials.most).toBe(5);
  });

  it('the two-photon samplers refuse arguments outside their domains instead of looping', () => {
    const stream = createStream(1, 'bounds', 1);
    // β = 0 (1 − β² = 1) made c = tanh(0)/0 = NaN and the acceptance test false forever.
    expect(() => sampleBreitWheelerCos(stream, 1)).toThrow(/sampleBreitWheelerCos/);
    expect(() => sampleBreitWheelerCos(stream, Number.NaN)).toThrow(/sampleBreitWheelerCos/);
    // Q²max below Q²min = m_e²x²/(1 − x) = 1.3 × 10⁻⁷ GeV² at x = 0.5.
    expect(() => sampleVirtuality(stream, 0.5, 1e-9)).toThrow(/sampleVirtuality/);
    expect(MAX_REJECTIONS).toBeLessThan(MAX_TRIALS_PER_EVENT);
  });
});
