import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ProcessName, processRegistry } from '../../generators/index.js';
import { selectEvents } from '../../src/events/eventBatch.js';
import { ALPHA_EM_0 } from '../../src/physics/constants.js';
import { createStream } from '../../src/random/stream.js';
import { scenarioBeamEnergySpread } from '../../src/runner/beamEnergySpread.js';
import { scenarioDetector } from '../../src/runner/scenarioDetector.js';
import { fiducialMask } from '../../src/runner/templates/fiducial.js';
import { readTemplateFile } from '../../src/runner/templates/file.js';
import { backgroundTasks, mergeChunkResults, runTemplateTask } from '../../src/runner/templates/tasks.js';
import { defaultScenarioPath, loadScenario } from '../../src/scenario/index.js';
import { applySelection, sampleSelection } from '../../src/selection/index.js';
import { badInputLine, cli } from '../cli/run.js';
import { writeQuickScenario } from './quickScenario.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The default scenario with three hypotheses near 2 GeV and small samples (its templates section replaced). */
const quick = join(dir, 'quick.yaml');
writeQuickScenario(quick, { signalEventsPerMass: 2000, mumuEvents: 20000 });

describe('zprime-mc templates', () => {
  it('writes a versioned file normalised to the luminosity, reuses it while the inputs are unchanged, and gives the same bytes for the same seed on 1 or 2 worker threads', async () => {
    const a = join(dir, 'a');
    const first = await cli('templates', '--scenario', quick, '--out', a, '--workers', '2', '--json');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.reused).toBe(false);
    const bytes = readFileSync(join(a, 'templates.json'), 'utf8');
    const again = JSON.parse((await cli('templates', '--scenario', quick, '--out', a, '--json')).stdout);
    expect(again.reused).toBe(true);
    expect(again.key).toBe(summary.key);
    const b = join(dir, 'b');
    await cli('templates', '--scenario', quick, '--out', b, '--workers', '1', '--json');
    expect(readFileSync(join(b, 'templates.json'), 'utf8')).toBe(bytes);
    const other = JSON.parse((await cli('templates', '--scenario', quick, '--out', b, '--seed', '7', '--json')).stdout);
    expect(other.reused).toBe(false);
    expect(other.key).not.toBe(summary.key);

    const { set } = readTemplateFile(join(a, 'templates.json'));
    // Hypotheses from 2 GeV in steps of one resolution unit, each on an edge of the M² axis.
    expect(set.grid.massGeV[0]).toBeCloseTo(2, 12);
    expect(set.grid.massGeV.length).toBe(summary.hypotheses);
    for (const bkg of set.backgrounds) {
      // Expected events = σ·L·(selection efficiency), 1 fb⁻¹ = 1000 pb⁻¹.
      const total = bkg.sumw.reduce((s, v) => s + v, 0);
      expect(total).toBeCloseTo(bkg.sigma_pb * 79.7e3 * bkg.efficiency, 6);
      expect(bkg.cutflow[0].cut).toBe('fiducial');
      expect(bkg.cutflow.at(-1)?.efficiency).toBeCloseTo(bkg.efficiency, 12);
    }
    for (const s of set.signals) {
      // σ = 1 fb: at most 79.7 events × efficiency in the stored bins, most of them (the peak) there.
      const stored = s.sumw.reduce((t, v) => t + v, 0);
      expect(stored).toBeLessThanOrEqual(79.7 * s.efficiency * (1 + 1e-12));
      expect(stored).toBeGreaterThan(0.5 * 79.7 * s.efficiency);
      expect(s.efficiency).toBeGreaterThan(0.1);
    }
  });

  it('a corrupted template file is rebuilt, never used; reading it names the file', async () => {
    const c = join(dir, 'c');
    await cli('templates', '--scenario', quick, '--out', c, '--json');
    const path = join(c, 'templates.json');
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, good.slice(0, good.length / 2));
    expect(() => readTemplateFile(path)).toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a template file`));
    const rebuilt = JSON.parse((await cli('templates', '--scenario', quick, '--out', c, '--json')).stdout);
    expect(rebuilt.reused).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(good);
  });

  it('a bad templates section fails at load with one line naming the field', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(quick, 'utf8').replace('    mumu: { events: 20000 }', '    mumu: { events: 20000, settings: { fsr: 3 } }'));
    expect(badInputLine(await cli('templates', '--scenario', bad, '--out', join(dir, 'd')))).toMatch(/templates\.backgrounds\.mumu\.settings\.fsr/);
    writeFileSync(bad, readFileSync(quick, 'utf8').replace('    mumu: { events: 20000 }', '    bhabha: { events: 20000 }'));
    expect(badInputLine(await cli('templates', '--scenario', bad, '--out', join(dir, 'd')))).toMatch(/templates\.backgrounds.*bhabha.*mumu, ee, tautau, eemumu/);
    expect(badInputLine(await cli('templates', '--scenario', quick, '--out', join(dir, 'd'), '--workers', '0'))).toBe('zprime-mc: --workers 0 is not allowed: must be an integer from 1 to 1024 (worker threads)');
  });
});

describe('generator-level fiducial cut', () => {
  it('is looser than the selection: no selected event of any process lies outside it', () => {
    const scenario = loadScenario(defaultScenarioPath());
    const detector = scenarioDetector(scenario);
    const selection = sampleSelection('signal', scenario.selection);
    const samples: [ProcessName, Record<string, unknown>][] = [
      ['mumu', {}],
      ['tautau', {}],
      ['eemumu', {}],
      ['signal', { massGeV: 1, warmupTrials: 5000 }],
      ['signal', { massGeV: 6, warmupTrials: 5000 }],
    ];
    for (const [process, extra] of samples) {
      const options = { beams: scenario.beams, beamEnergySpread: scenarioBeamEnergySpread(scenario, process), isr: true, alphaEM: ALPHA_EM_0, weighted: false };
      const generator = processRegistry[process].createFromInput({ ...scenario.generators[process], ...extra }, options, 11);
      let selected = 0;
      let outside = 0;
      for (let k = 0; k < 4; k++) {
        const truth = generator.generate(10_000, createStream(11, `fiducial-test/${process}`, k));
        const keep = fiducialMask(truth, scenario.templates.fiducial);
        const { batch } = detector.reconstruct(truth, 11, k);
        const { passed } = applySelection(batch, detector.env.frame, scenario.selection, selection);
        for (let i = 0; i < passed.length; i++) {
          if (passed[i] !== selection.steps.length) continue;
          selected++;
          if (keep[i] === 0) outside++;
        }
        // The subset the detector sees in the template builder holds exactly the kept events.
        expect(selectEvents(truth, keep).nEvents).toBe(keep.reduce((s, v) => s + v, 0));
      }
      expect(selected, `${process}: selected events`).toBeGreaterThan(process === 'signal' ? 5000 : 10);
      expect(outside, `${process}: selected events outside the fiducial window`).toBe(0);
    }
  });
});

describe('background samples in chunks', () => {
  it('the chunks of a sample hold exactly its events: merged, their histogram and cut flow are those of one task over all its batches', () => {
    const scenario = loadScenario(quick);
    const detector = scenarioDetector(scenario);
    const axes = { m2Edges: Float64Array.of(-10, 0, 1, 10, 50, 110), thetaCMEdges: Float64Array.of(0, 1, 2, Math.PI) };
    const events = scenario.templates.backgrounds.tautau.events; // 20 000: two batches
    const whole = runTemplateTask(scenario, detector, axes, { kind: 'background', process: 'tautau', batches: { first: 0, count: 2 } });
    const chunks = backgroundTasks('tautau', events, 1);
    expect(chunks).toHaveLength(2);
    const merged = mergeChunkResults(chunks.map((task) => runTemplateTask(scenario, detector, axes, task)));
    expect(merged.eventsGenerated).toBe(events);
    expect(Array.from(merged.cutflow.counts)).toEqual(Array.from(whole.cutflow.counts));
    expect(whole.sumw.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (let i = 0; i < whole.sumw.length; i++) {
      expect(merged.sumw[i]).toBeCloseTo(whole.sumw[i], 12);
      expect(merged.sumw2[i]).toBeCloseTo(whole.sumw2[i], 12);
    }
    // σ: each chunk's generator repeats the warm-up, so the pooled σ differs from one generator's by its Monte Carlo error at most.
    expect(Math.abs(merged.sigmaPb - whole.sigmaPb)).toBeLessThan(3 * whole.sigmaErrPb);
  });
});
