import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DetectorSettings } from '../../detector/settings.js';
import { GeneratorsSettings } from '../../generators/registry.js';
import { CollisionFrame, SUPERKEKB_Y4S } from '../../src/physics/index.js';
import { allowedKeysAt, defaultScenarioPath, loadScenario, parseScenario, ScenarioError, ScenarioSchema, schemaAt } from '../../src/scenario/index.js';

const FILE = 'scenarios/x.yaml';

/** The smallest valid scenario: everything else takes the schema's defaults. */
const MINIMAL = `
name: minimal
seed: 7
luminosity:
  totalFb: 79.7
  periods:
    - { name: "2019", luminosityFb: 10, twoTrackTriggerMinDeltaPhiDeg: 90 }
    - { name: "2020", luminosityFb: 69.7, twoTrackTriggerMinDeltaPhiDeg: 30 }
`;

/** The one-line message of the error that parsing `text` throws. */
function errorOf(text: string): string {
  try {
    parseScenario(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('the scenario was accepted');
}

/** MINIMAL with `line` appended at top level. */
const withTop = (line: string) => `${MINIMAL}${line}\n`;

describe('loadScenario: the default scenario', () => {
  const scenario = loadScenario(defaultScenarioPath());

  it('is the 79.7 fb^-1 of 2019-2020 data of the paper, split into two trigger periods', () => {
    // PRL 130, 231801: 79.7 fb^-1; two-track trigger Δφ > 90° (2019) and > 30° (2020).
    expect(scenario.name).toBe('belle2-2023');
    expect(scenario.luminosity.totalFb).toBe(79.7);
    expect(scenario.luminosity.periods.map((p) => p.name)).toEqual(['2019', '2020']);
    expect(scenario.luminosity.periods.reduce((s, p) => s + p.luminosityFb, 0)).toBeCloseTo(79.7, 12);
    expect(scenario.luminosity.periods[0].twoTrackTriggerMinDeltaPhi).toBeCloseTo(Math.PI / 2, 15);
    expect(scenario.luminosity.periods[1].twoTrackTriggerMinDeltaPhi).toBeCloseTo(Math.PI / 6, 15);
  });

  it('has the basf2 Y4S beams, converted to GeV and rad, giving √s = 10.57956 GeV and βγ = 0.28678', () => {
    // basf2 beamparameters.py preset "Y4S" (docs/references.md §1.1) and the derived kinematics (§1.2).
    expect(scenario.beams).toEqual(SUPERKEKB_Y4S);
    const frame = new CollisionFrame(scenario.beams);
    expect(frame.sqrtS).toBeCloseTo(10.57956, 5);
    expect(frame.betaGamma).toBeCloseTo(0.28678, 5);
  });

  it('has the paper selection and fit in library units (rad, fractions)', () => {
    // PRL 130, 231801, pp. 2-4.
    const s = scenario.selection;
    expect(s.muonPtMinGeV).toBe(0.4);
    expect(s.dimuonOpeningAngleCMMax).toBeCloseTo((179 * Math.PI) / 180, 15);
    expect(s.thetaRecoilLab.lowMass.min).toBeCloseTo((34 * Math.PI) / 180, 15);
    expect(s.thetaRecoilLab.lowMass.gapMax).toBeCloseTo((91 * Math.PI) / 180, 15);
    expect(s.photonVeto.recoilConeHalfAngle).toBeCloseTo((15 * Math.PI) / 180, 15);
    expect([s.trackD0MaxCm, s.trackZ0MaxCm, s.recoilPtCMMinGeV, s.photonVeto.totalEnergyMaxGeV]).toEqual([0.5, 2, 0.5, 0.5]);
    const f = scenario.fit;
    expect(f.confidenceLevel).toBe(0.9);
    expect(f.testStatistic).toBe('qtilde');
    expect(f.systematics.signalEfficiency.map((x) => x * 100)).toEqual([2.7, 6.5, 8.3].map((x) => expect.closeTo(x, 12)));
    expect(f.systematics.backgroundShape.map((x) => x * 100)).toEqual([3.2, 8.6, 25].map((x) => expect.closeTo(x, 12)));
    expect([f.systematics.signalShape, f.systematics.luminosity, f.systematics.photonVeto.below, f.systematics.photonVeto.above]).toEqual([0.1, 0.01, 0.34, 0.05]);
  });

  it('writes out every value its schema would default to, so nothing is hidden (selection, fit, beams)', () => {
    const minimal = parseScenario(MINIMAL, FILE);
    expect(minimal.beams).toEqual(scenario.beams);
    expect(minimal.selection).toEqual(scenario.selection);
    expect(minimal.fit).toEqual(scenario.fit);
    expect(minimal.description).toBe('');
  });
});

describe('parseScenario: the composition', () => {
  it('uses the generators and detector schemas of generators/ and detector/ themselves (new keys are picked up)', () => {
    expect(schemaAt(ScenarioSchema, ['generators'])).toBe(GeneratorsSettings);
    expect(schemaAt(ScenarioSchema, ['detector'])).toBe(DetectorSettings);
    const minimal = parseScenario(MINIMAL, FILE);
    expect(minimal.generators).toEqual(GeneratorsSettings.parse({}));
    expect(minimal.detector).toEqual(DetectorSettings.parse({}));
  });

  it('offers one templates.backgrounds entry per background process of the generators section, in its order', () => {
    const backgrounds = Object.keys(GeneratorsSettings.shape).filter((p) => p !== 'signal');
    expect(allowedKeysAt(ScenarioSchema, ['templates', 'backgrounds'])).toEqual(backgrounds);
    expect(allowedKeysAt(ScenarioSchema, ['punziNet', 'backgroundEvents'])).toEqual(backgrounds);
  });
});

describe('parseScenario: one-line errors naming the file, the field, the value and what is allowed', () => {
  it('a value out of range', () => {
    expect(errorOf(withTop('beams: { herEnergyGeV: -7 }'))).toBe('scenarios/x.yaml: beams.herEnergyGeV = -7 is not allowed: must be > 0');
    expect(errorOf(withTop('selection: { photonVeto: { recoilConeHalfAngleDeg: 200 } }'))).toBe(
      'scenarios/x.yaml: selection.photonVeto.recoilConeHalfAngleDeg = 200 is not allowed: must be <= 180',
    );
    expect(errorOf(withTop('fit: { confidenceLevel: 1 }'))).toBe('scenarios/x.yaml: fit.confidenceLevel = 1 is not allowed: must be < 1');
    expect(errorOf(MINIMAL.replace('seed: 7', 'seed: -1'))).toBe('scenarios/x.yaml: seed = -1 is not allowed: must be >= 0');
    expect(errorOf(MINIMAL.replace('luminosityFb: 10,', 'luminosityFb: 0,'))).toBe(
      'scenarios/x.yaml: luminosity.periods[0].luminosityFb = 0 is not allowed: must be > 0',
    );
    expect(errorOf(withTop('beams: { lerEnergyGeV: 0.0001 }'))).toBe(
      'scenarios/x.yaml: beams.lerEnergyGeV = 0.0001 is not allowed: must exceed the electron mass, 0.00051099895 GeV',
    );
  });

  it('a value of the wrong type', () => {
    expect(errorOf(MINIMAL.replace('seed: 7', 'seed: "abc"'))).toBe('scenarios/x.yaml: seed = "abc" is not allowed: must be an integer');
    expect(errorOf(MINIMAL.replace('seed: 7', 'seed: 1.5'))).toBe('scenarios/x.yaml: seed = 1.5 is not allowed: must be an integer');
    expect(errorOf(withTop('beams: 7'))).toBe('scenarios/x.yaml: beams = 7 is not allowed: must be a mapping (key: value)');
    expect(errorOf(withTop('fit: { systematics: { m2RecoilRangesGeV2: [[0, 1, 2]] } }'))).toBe(
      'scenarios/x.yaml: fit.systematics.m2RecoilRangesGeV2[0] = [0,1,2] is not allowed: must have at most 2 item(s)',
    );
    expect(errorOf(withTop('fit: { testStatistic: q0 }'))).toBe('scenarios/x.yaml: fit.testStatistic = "q0" is not allowed: must be one of "qtilde", "q"');
  });

  it('an unknown key, at the top level or nested, names the key and the allowed ones', () => {
    expect(errorOf(withTop('lumi: 3'))).toBe(
      'scenarios/x.yaml: lumi is not a known key: allowed top-level keys are name, description, extends, seed, luminosity, beams, generators, detector, selection, punziNet, fit, templates',
    );
    expect(errorOf(withTop('beams: { herEnergy: 7 }'))).toBe(
      'scenarios/x.yaml: beams.herEnergy is not a known key: allowed keys of beams are herEnergyGeV, lerEnergyGeV, herAngleMrad, lerAngleMrad, herEnergySpreadMeV, lerEnergySpreadMeV',
    );
    expect(errorOf(MINIMAL.replace('twoTrackTriggerMinDeltaPhiDeg: 30', 'twoTrackTriggerMinDeltaPhiDeg: 30, typo: 1'))).toBe(
      'scenarios/x.yaml: luminosity.periods[1].typo is not a known key: allowed keys of luminosity.periods[1] are name, luminosityFb, twoTrackTriggerMinDeltaPhiDeg',
    );
    expect(errorOf(withTop('selection: { thetaRecoilLab: { lowMass: { minRad: 0.6 } } }'))).toBe(
      'scenarios/x.yaml: selection.thetaRecoilLab.lowMass.minRad is not a known key: allowed keys of selection.thetaRecoilLab.lowMass are minDeg, maxDeg, gapMinDeg, gapMaxDeg',
    );
    expect(errorOf(withTop('generators: { noSuchProcess: {} }'))).toMatch(/^scenarios\/x\.yaml: generators\.noSuchProcess is not a known key/);
    expect(errorOf(withTop('detector: { noSuchStage: {} }'))).toMatch(/^scenarios\/x\.yaml: detector\.noSuchStage is not a known key/);
  });

  it('a missing required field', () => {
    expect(errorOf(MINIMAL.replace('name: minimal', ''))).toBe('scenarios/x.yaml: name is missing: it is required (a string)');
    expect(errorOf('name: a\nseed: 1\n')).toBe('scenarios/x.yaml: luminosity is missing: it is required (a mapping (key: value))');
    expect(errorOf(MINIMAL.replace('luminosityFb: 10, ', ''))).toBe('scenarios/x.yaml: luminosity.periods[0].luminosityFb is missing: it is required (a number)');
  });

  it('inconsistent values: periods that do not add up to the total, repeated period names, ranges and lists that do not match', () => {
    expect(errorOf(MINIMAL.replace('totalFb: 79.7', 'totalFb: 80'))).toBe(
      'scenarios/x.yaml: luminosity.totalFb = 80 is not allowed: must equal the sum of periods[].luminosityFb, 79.7',
    );
    expect(errorOf(MINIMAL.replace('name: "2020"', 'name: "2019"'))).toBe('scenarios/x.yaml: luminosity.periods[1].name = "2019" is not allowed: period names must be unique');
    expect(errorOf(withTop('fit: { systematics: { signalEfficiencyPercent: [1, 2] } }'))).toBe(
      'scenarios/x.yaml: fit.systematics.signalEfficiencyPercent = [1,2] is not allowed: must have one value per range of m2RecoilRangesGeV2 (3)',
    );
    expect(errorOf(withTop('fit: { systematics: { m2RecoilRangesGeV2: [[0, 9], [10, 36]], signalEfficiencyPercent: [1, 2], backgroundShapePercent: [1, 2] } }'))).toBe(
      'scenarios/x.yaml: fit.systematics.m2RecoilRangesGeV2[1] = [10,36] is not allowed: ranges must be contiguous: must start at 9',
    );
    expect(errorOf(withTop('selection: { thetaRecoilLab: { lowMass: { minDeg: 130 } } }'))).toBe(
      'scenarios/x.yaml: selection.thetaRecoilLab.lowMass.maxDeg = 123 is not allowed: must be > minDeg (130)',
    );
  });

  it('a value that YAML reads as infinite or not a number', () => {
    expect(errorOf(withTop('beams: { herEnergyGeV: .inf }'))).toBe('scenarios/x.yaml: beams.herEnergyGeV = Infinity is not allowed: must be a number');
    expect(errorOf(withTop('beams: { herEnergyGeV: .nan }'))).toBe('scenarios/x.yaml: beams.herEnergyGeV = NaN is not allowed: must be a number');
  });

  it('a YAML syntax error names the file, line and column', () => {
    expect(errorOf('name: a\nseed: [1, 2\nluminosity: 3\n')).toBe(
      'scenarios/x.yaml:3:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
    expect(errorOf('name: a\nname: b\n')).toBe('scenarios/x.yaml:2:1: YAML syntax error: Map keys must be unique');
    expect(errorOf('name: a\n\tseed: 1\n')).toBe('scenarios/x.yaml:2:1: YAML syntax error: Tabs are not allowed as indentation');
  });

  it('a document that is not a mapping', () => {
    expect(errorOf('')).toBe('scenarios/x.yaml: a scenario must be a mapping of keys (name, seed, luminosity, …) at the top level; found an empty document');
    expect(errorOf('- 1\n- 2\n')).toBe('scenarios/x.yaml: a scenario must be a mapping of keys (name, seed, luminosity, …) at the top level; found a list');
  });
});

describe('parseScenario: YAML features', () => {
  it('anchors, aliases and merge keys work', () => {
    const text = `${MINIMAL}
selection:
  photonVeto: { <<: { totalEnergyMaxGeV: 0.3 }, recoilConeHalfAngleDeg: 20 }
fit:
  systematics:
    signalEfficiencyPercent: &three [1, 2, 3]
    backgroundShapePercent: *three
`;
    const scenario = parseScenario(text, FILE);
    expect(scenario.selection.photonVeto.totalEnergyMaxGeV).toBe(0.3);
    expect(scenario.selection.photonVeto.recoilConeHalfAngle).toBeCloseTo((20 * Math.PI) / 180, 15);
    expect(scenario.fit.systematics.backgroundShape).toEqual(scenario.fit.systematics.signalEfficiency);
  });
});

describe('loadScenario: files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zprime-scenario-'));

  it('a missing file or a directory is named with the reason', () => {
    expect(() => loadScenario(join(dir, 'nope.yaml'))).toThrow(`${join(dir, 'nope.yaml')}: cannot read the scenario file: no such file`);
    expect(() => loadScenario(dir)).toThrow(`${dir}: cannot read the scenario file: it is a directory`);
  });

  it('errors name the file as it was given', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, withTop('beams: { herEnergyGeV: -7 }'));
    expect(() => loadScenario(file)).toThrow(`${file}: beams.herEnergyGeV = -7 is not allowed: must be > 0`);
  });
});
