import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultScenarioPath } from '../../src/scenario/index.js';
import { parsePunziNet } from '../../src/selection/punziNet/index.js';
import { badInputLine, cli } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The default scenario with three training masses, small samples and short schedules. */
const defaultText = readFileSync(defaultScenarioPath(), 'utf8');
const start = defaultText.indexOf('\npunziNet:\n');
const end = defaultText.indexOf('\nfit:\n');
const templatesAt = defaultText.indexOf('\ntemplates:\n');
if (start < 0 || end < start || templatesAt < 0) throw new Error('the default scenario has no punziNet or templates section: update this test');
const quickText = `${defaultText.slice(0, start)}
punziNet:
  trainingMasses: { minGeV: 1, maxGeV: 3, stepGeV: 1 }
  signalEventsPerMass: 3000
  backgroundEvents: { mumu: 20000, tautau: 20000, eemumu: 20000 }
  training: { bce: { epochs: 4 }, punzi: { epochs: 12 } }
${defaultText.slice(end, templatesAt)}
templates:
  minMassGeV: 2
  maxMassGeV: 2.2
  resolutionMassesGeV: [0.5, 1, 2, 3, 4]
  resolutionEventsPerMass: 2000
  signalEventsPerMass: 2000
  backgrounds: { mumu: { events: 20000 }, tautau: { events: 20000 }, eemumu: { events: 20000 } }
`;
const quick = join(dir, 'quick.yaml');
writeFileSync(quick, quickText);

describe('zprime-mc train', () => {
  it('trains the network beside the scenario, the same bytes for the same seed; simulate and templates then apply it', async () => {
    const first = await cli('train', '--scenario', quick, '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    const path = join(dir, 'quick.punzi.json');
    expect(report.path).toBe(path);
    const bytes = readFileSync(path, 'utf8');
    const again = await cli('train', '--scenario', quick, '--out', join(dir, 'again.json'), '--json');
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'again.json'), 'utf8')).toBe(bytes);
    // The file is a valid network; training lowered its Punzi loss.
    expect(parsePunziNet(bytes, path).network.nInputs).toBe(4);
    expect(report.punzi_final_loss_fb).toBeLessThan(report.punzi_first_loss_fb);
    expect(report.masses.map((m: { mass_GeV: number }) => m.mass_GeV)).toEqual([1, 2, 3]);
    for (const m of report.masses) {
      // The network can only remove events: efficiency and background fall or stay.
      expect(m.efficiency_after).toBeLessThanOrEqual(m.efficiency_before);
      expect(m.background_after).toBeLessThanOrEqual(m.background_before + 1e-9);
    }

    const simulated = JSON.parse((await cli('simulate', '--scenario', quick, '--process', 'signal', '--mass', '2', '--events', '3000', '--json')).stdout);
    expect(simulated.punzi_net).toBe(true);
    expect(simulated.cutflow.at(-1).cut).toBe('punziNet');
    expect(simulated.efficiency).toBeLessThanOrEqual(simulated.cutflow.at(-2).efficiency);
    const templates = JSON.parse((await cli('templates', '--scenario', quick, '--out', join(dir, 't'), '--workers', '2', '--json')).stdout);
    expect(templates.punzi_net).toMatch(/^[0-9a-f]{64}$/);
    const withoutThreads = JSON.parse((await cli('templates', '--scenario', quick, '--out', join(dir, 't1'), '--workers', '1', '--json')).stdout);
    expect(readFileSync(join(dir, 't1', 'templates.json'), 'utf8')).toBe(readFileSync(join(dir, 't', 'templates.json'), 'utf8'));
    expect(withoutThreads.key).toBe(templates.key);
  });

  it('a damaged network file is refused with one line naming it', async () => {
    const scenario = join(dir, 'damaged.yaml');
    writeFileSync(scenario, quickText);
    writeFileSync(join(dir, 'damaged.punzi.json'), '{"format": "zprime-mc/punzi-net"');
    const line = badInputLine(await cli('simulate', '--scenario', scenario, '--process', 'mumu', '--events', '1000'));
    expect(line).toContain(join(dir, 'damaged.punzi.json'));
    expect(existsSync(join(dir, 'damaged.punzi.json'))).toBe(true);
  });
});
