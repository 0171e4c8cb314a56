import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioDetector } from '../../src/runner/scenarioDetector.js';
import { buildTemplates, templateLayout } from '../../src/runner/templates/build.js';
import { formatTemplateFile, readTemplateFile } from '../../src/runner/templates/file.js';
import { correctedM2Bins, correctedPlane, dataConditionDetector, photonVetoFactors } from '../../src/runner/templates/photonVeto.js';
import { mergeChunkResults, runTemplateTask, type TaskResult } from '../../src/runner/templates/tasks.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { PhotonVetoCorrectionSettings } from '../../src/scenario/templates.js';
import { CutFlow } from '../../src/selection/index.js';
import { badInputLine, cli } from '../cli/run.js';
import { writeScenarioWithTemplates } from './quickScenario.js';

/**
 * The photon-veto correction of the μμ background from the ee control sample (Belle II, PRL 130,
 * 231801 (2023), p. 3). The closure test plays the paper's situation: the data's backward-barrel
 * ECL misses 4× more photons than the simulation's. The ee control sample below M²recoil = 1 GeV²
 * measures the ratio; the simulated μμ template corrected with it must then equal the μμ template
 * made with the data's detector (the same generated events and detector streams).
 */

const dir = mkdtempSync(join(tmpdir(), 'zprime-photon-veto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The default ECL map (scenarios/belle2-2023.yaml) with the backward barrel (90°–128.7°) at 4× its 1%. */
const DATA_MAP = '{ form: binned, axis: thetaDeg, edges: [0, 90, 128.7, 180], values: [0.002, 0.04, 0.002] }';

function writeScenario(path: string, correction: string): void {
  writeScenarioWithTemplates(
    path,
    `  minMassGeV: 2
  maxMassGeV: 2.05
  resolutionMassesGeV: [1.5, 2, 2.5]
  resolutionEventsPerMass: 2000
  signalEventsPerMass: 100
  backgrounds:
    mumu: { events: 200000, weighted: true, settings: { hardRadiationBias: { enabled: true }, fiducial: { enabled: true } } }
  photonVetoCorrection:
${correction}
`,
  );
}

const scenarioPath = join(dir, 'closure.yaml');
writeScenario(scenarioPath, `    enabled: true\n    controlEvents: 400000\n    dataPhotonVetoInefficiency: ${DATA_MAP}`);

const settings: PhotonVetoCorrectionSettings = { controlEvents: 1000, m2RecoilMaxGeV2: 1, thetaLabEdges: [0.6, 1.5, 2.1], data: { kind: 'counts', counts: [10, 40] } };

describe('photonVetoFactors and correctedPlane', () => {
  it('the factor is data/simulation per region with the relative errors in quadrature, 1 where the simulation is empty', () => {
    const f = photonVetoFactors({ ...settings, thetaLabEdges: [0.6, 1.5, 2.1, 2.2] }, { events: [20, 10, 0], errors: [2, 1, 0] }, { events: [10, 40, 3], errors: [Math.sqrt(10), Math.sqrt(40), Math.sqrt(3)] });
    expect(f.factors).toEqual([0.5, 4, 1]);
    expect(f.factorErrors[0]).toBeCloseTo(0.5 * Math.hypot(0.1, 1 / Math.sqrt(10)), 14);
    expect(f.factorErrors[1]).toBeCloseTo(4 * Math.hypot(0.1, 1 / Math.sqrt(40)), 14);
    expect(f.factorErrors[2]).toBe(0);
  });

  it('with the data a superset of the simulated events (D = S + X), the covariance gives the error of r = 1 + X/S with X and S independent', () => {
    // 100 simulated events of weight 1; the data detector keeps them and 300 more.
    const f = photonVetoFactors({ ...settings, thetaLabEdges: [0.6, 1.5] }, { events: [100], errors: [10] }, { events: [400], errors: [20] }, [100]);
    expect(f.factors[0]).toBe(4);
    // Var(r) = Var(X)/S² + X² Var(S)/S⁴ = 300/100² + 300²·100/100⁴.
    expect(f.factorErrors[0]).toBeCloseTo(Math.sqrt(300 / 1e4 + (9e4 * 100) / 1e8), 12);
  });

  it('reweights only the corrected part of the plane: Σw += (r − 1)·part, Σw² += (r² − 1)·part²', () => {
    // A plane of 3 M² bins + flows (stride 5) × 1 θ bin + flows (3 rows); the corrected part is bins 0–1.
    const sumw = Float64Array.from({ length: 15 }, (_, i) => i + 1);
    const sumw2 = Float64Array.from(sumw, (w) => w / 2);
    // Region 0 holds 1 event of weight 1 in cell (1, 1); region 1 one of weight 2 in cell (0, 1).
    const parts = { sumw: new Float64Array(12), sumw2: new Float64Array(12) };
    parts.sumw[1 + 2 * 1] = 1;
    parts.sumw2[1 + 2 * 1] = 1;
    parts.sumw[6 + 0 + 2 * 1] = 2;
    parts.sumw2[6 + 0 + 2 * 1] = 4;
    const out = correctedPlane(sumw, sumw2, parts, [0.5, 3], 2, 5);
    expect(out.sumw[1 + 5]).toBeCloseTo(sumw[6] - 0.5, 14);
    expect(out.sumw2[1 + 5]).toBeCloseTo(sumw2[6] - 0.75, 14);
    expect(out.sumw[5]).toBeCloseTo(sumw[5] + 4, 14);
    expect(out.sumw2[5]).toBeCloseTo(sumw2[5] + 8 * 4, 14);
    const untouched = Array.from(out.sumw).filter((w, i) => i !== 5 && i !== 6 && w !== sumw[i]);
    expect(untouched).toEqual([]);
  });

  it('the corrected M² bins are those whose lower edge is below the M²recoil bound, from the underflow', () => {
    const edges = Float64Array.of(-1, 0, 0.5, 1, 2);
    expect(correctedM2Bins(edges, settings)).toBe(4); // underflow, [−1, 0), [0, 0.5), [0.5, 1)
    expect(correctedM2Bins(edges, { ...settings, m2RecoilMaxGeV2: 50 })).toBe(6); // every bin and the overflow
  });
});

describe('photon-veto correction: closure on a data detector with a worse backward barrel', () => {
  it('the corrected μμ template below 1 GeV² equals the one made with the data detector, the uncorrected one does not', async () => {
    const scenario = loadScenario(scenarioPath);
    const correction = scenario.templates.photonVetoCorrection;
    if (correction === null) throw new Error('the closure scenario enables the correction');
    const detector = scenarioDetector(scenario);
    const set = await buildTemplates(scenario, detector, { workers: 1 });
    const f = set.photonVetoCorrection;
    if (f === null) throw new Error('the templates record the correction');
    // Regions [34, 62, 89, 91, 107, 123]°: the backward-barrel ones ([91, 107], [107, 123]) see the data's 4×; the
    // forward ones little (a second, backward photon that the data miss more often).
    expect(f.factors[0]).toBeLessThan(1.25);
    expect(f.factors[1]).toBeLessThan(1.25);
    for (const k of [3, 4]) {
      expect(f.simulationEvents[k]).toBeGreaterThan(0);
      expect(Math.abs(f.factors[k] - 4)).toBeLessThan(3 * f.factorErrors[k] + 0.05);
    }

    // The μμ sample through the simulation's and the data's detectors, chunk by chunk as the builder runs it.
    const layout = templateLayout(scenario, detector);
    const mumuTasks = layout.tasks.filter((t) => t.kind === 'background');
    const run = (d: typeof detector): TaskResult => mergeChunkResults(mumuTasks.map((task) => runTemplateTask(scenario, d, layout.axes, task)));
    const simulated = run(detector);
    const truth = run(dataConditionDetector(scenario, correction));
    const mumu = set.backgrounds.find((b) => b.process === 'mumu');
    if (mumu === undefined) throw new Error('mumu template');
    const scale = (mumu.sigma_pb * scenario.luminosity.totalFb * 1000) / CutFlow.fromParts(truth.cutflow).totalWeight;
    const m2Bins = correctedM2Bins(layout.axes.m2Edges, correction);
    const stride = layout.axes.m2Edges.length + 1;
    const lowM2 = (w: ArrayLike<number>, factor = 1): number => {
      let s = 0;
      for (let i = 0; i < w.length; i++) if (i % stride < m2Bins) s += w[i] * factor;
      return s;
    };
    const corrected = lowM2(mumu.sumw);
    const expected = lowM2(truth.sumw, scale);
    const uncorrected = lowM2(simulated.sumw, scale);
    // Error: the factors' errors on the μμ events of their region, and the Monte Carlo error of the data-detector template.
    const tally = simulated.photonVeto;
    if (tally === undefined) throw new Error('the μμ chunks carry their photon-veto tally');
    const perRegion = tally.sumw.length / f.factors.length;
    const factorVariance = f.factorErrors.reduce((v, e, k) => v + (e * scale * tally.sumw.subarray(k * perRegion, (k + 1) * perRegion).reduce((a, b) => a + b, 0)) ** 2, 0);
    const sigma = Math.sqrt(factorVariance + lowM2(truth.sumw2, scale * scale));
    expect(expected).toBeGreaterThan(1.3 * uncorrected);
    expect(Math.abs(corrected - expected)).toBeLessThan(3 * sigma);
    // The data detector misses every photon the simulation's misses (the same uniform draws, a larger inefficiency),
    // so its selected events are a superset of the simulation's: the difference is the extra events, Var = ΔΣw².
    const pairedSigma = Math.sqrt(lowM2(truth.sumw2, scale * scale) - lowM2(simulated.sumw2, scale * scale));
    expect(expected - uncorrected).toBeGreaterThan(5 * pairedSigma);
    // Above 1 GeV² the template is the simulation's.
    let above = 0;
    for (let i = 0; i < mumu.sumw.length; i++) if (i % stride >= m2Bins) above += Math.abs(mumu.sumw[i] - simulated.sumw[i] * scale);
    expect(above).toBeLessThan(1e-9 * mumu.expected_events);

    // The file keeps the measured factors.
    const path = join(dir, 'templates.json');
    writeFileSync(path, formatTemplateFile(set, 'key', 'code'));
    expect(readTemplateFile(path).set.photonVetoCorrection).toEqual(f);
  }, 600_000);
});

describe('photon-veto correction settings', () => {
  it('an enabled correction needs exactly one data source, and counts one per region', async () => {
    const bad = join(dir, 'bad.yaml');
    writeScenario(bad, '    enabled: true');
    expect(badInputLine(await cli('templates', '--scenario', bad, '--out', join(dir, 'x')))).toMatch(/templates\.photonVetoCorrection\.dataCounts.*exactly one of dataPhotonVetoInefficiency and dataCounts/);
    writeScenario(bad, '    enabled: true\n    dataCounts: [1, 2]');
    expect(badInputLine(await cli('templates', '--scenario', bad, '--out', join(dir, 'x')))).toMatch(/templates\.photonVetoCorrection\.dataCounts.*must hold 5 counts/);
    writeScenario(bad, '    enabled: true\n    thetaLabEdgesDeg: [34, 30]\n    dataCounts: [1]');
    expect(badInputLine(await cli('templates', '--scenario', bad, '--out', join(dir, 'x')))).toMatch(/templates\.photonVetoCorrection\.thetaLabEdgesDeg.*must increase strictly/);
  });
});
