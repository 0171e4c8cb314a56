import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/report/csv.js';
import { parseLhe } from '../../src/report/lhe.js';
import { badInputLine, cli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-generate-'));

describe('zprime-mc generate', () => {
  it('--json prints σ ± error, the efficiencies and the α convention', async () => {
    const result = await cli('generate', '--process', 'mumu', '--events', '2000', '--seed', '7', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    for (const key of ['process', 'mass_GeV', 'sigma_pb', 'sigma_err_pb', 'events', 'unweighting_efficiency', 'overweight_fraction', 'isr', 'alpha_em', 'alpha_em_note', 'seed']) {
      expect(report).toHaveProperty(key);
    }
    expect(report.process).toBe('mumu');
    expect(report.mass_GeV).toBeNull();
    expect(report.events).toBe(2000);
    expect(report.seed).toBe(7);
    expect(report.isr).toBe(true);
    // Default α(0) = 1/137.035999084 (CODATA 2018); the note names MadGraph's 1/127.9.
    expect(report.alpha_em).toBe(1 / 137.035999084);
    expect(report.alpha_em_note).toContain('1/127.9');
    // KKMC's 1.148 nb (Belle II Physics Book, PTEP 2019, 123C01), within this generator's 5%.
    expect(Math.abs((report.sigma_pb as number) / 1148 - 1)).toBeLessThan(0.05);
    expect(report.unweighting_efficiency as number).toBeGreaterThan(0.5);
  });

  it('reports isr false for a process generated without initial-state radiation (eeμμ, equivalent photons)', async () => {
    const report = JSON.parse((await cli('generate', '--process', 'eemumu', '--events', '1000', '--json')).stdout) as Record<string, unknown>;
    expect(report.isr).toBe(false);
    expect(report.isr_applied).toBe(false);
  });

  it('--isr off --beam-spread off gives the plain tree-level process: Born σ with the running α(s), 834.89 pb, and no photons', async () => {
    const treeDir = mkdtempSync(join(tmpdir(), 'zprime-tree-'));
    const out = join(treeDir, 'tree.csv');
    const result = await cli('generate', '--process', 'mumu', '--events', '2000', '--isr', 'off', '--beam-spread', 'off', '--out', out, '--json');
    const report = JSON.parse(result.stdout) as Record<string, number | boolean>;
    // 4πα(s)²/(3s)·β(3−β²)/2 with 1/α(s) = 132.11 (docs/references.md §3.3: 0.835 nb); the weights vary only through
    // the 1 + cos²θ distribution, so σ is known to its Monte Carlo error.
    expect(Math.abs((report.sigma_pb as number) - 834.89)).toBeLessThan(5 * (report.sigma_err_pb as number) + 0.5);
    expect(report.fsr).toBe(false);
    const pdgColumn = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[2]);
    expect(new Set(pdgColumn)).toEqual(new Set(['13', '-13']));
    rmSync(treeDir, { recursive: true, force: true });
  });

  it('writes the same bytes for the same seed, and the first batch does not depend on how many follow', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const c = join(dir, 'c.csv');
    expect((await cli('generate', '--process', 'mumu', '--events', '12000', '--seed', '3', '--out', a)).code).toBe(0);
    expect((await cli('generate', '--process', 'mumu', '--events', '12000', '--seed', '3', '--out', b)).code).toBe(0);
    expect((await cli('generate', '--process', 'mumu', '--events', '10000', '--seed', '3', '--format', 'csv', '--out', c)).code).toBe(0);
    const textA = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(textA);
    const textC = readFileSync(c, 'utf8');
    // The first 10 000 events (one batch) are identical in both runs.
    expect(textA.startsWith(textC)).toBe(true);
    const rows = parseCsv(textA);
    expect(rows.event[rows.event.length - 1]).toBe(11_999);
    // Only the finished files are left: no temporary files.
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv', 'c.csv']);
  });

  it('--out FILE.lhe writes a Les Houches v3 file with the reported σ in its init block', async () => {
    const file = join(dir, 'events.lhe');
    const result = await cli('generate', '--process', 'mumu', '--events', '300', '--seed', '9', '--out', file, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, number>;
    const lhe = parseLhe(readFileSync(file, 'utf8'));
    expect(lhe.events.length).toBe(300);
    expect(lhe.sigmaPb).toBe(report.sigma_pb);
    expect(lhe.sigmaErrPb).toBe(report.sigma_err_pb);
  });

  it('--mass and --width-ratio set the signal settings (the report echoes the Z′ mass and width)', async () => {
    const result = await cli('generate', '--process', 'signal', '--mass', '2', '--width-ratio', '0.1', '--events', '50', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report.process).toBe('signal');
    expect(report.mass_GeV).toBe(2);
    expect(report.width_GeV).toBeCloseTo(0.2, 12);
  });

  it('a signal setting out of range names the flag and its value', async () => {
    const line = badInputLine(await cli('generate', '--process', 'signal', '--mass', '50', '--events', '10'));
    expect(line).toMatch(/^zprime-mc: --mass 50 is not allowed: /);
  });

  it.each([
    [['--process', 'zz', '--events', '10'], /^zprime-mc: --process zz is not allowed: must be one of .*mumu/],
    [['--process', 'mumu'], /^zprime-mc: --events is required/],
    [['--process', 'mumu', '--events', '0'], /^zprime-mc: --events 0 is not allowed: must be an integer from 1 to/],
    [['--process', 'mumu', '--events', '1e3'], /^zprime-mc: --events 1e3 is not allowed/],
    [['--process', 'mumu', '--events', '10', '--mass', '1'], /^zprime-mc: --mass applies to --process signal only, not to mumu$/],
    [['--process', 'mumu', '--events', '10', '--width-ratio', '0.1'], /^zprime-mc: --width-ratio applies to --process signal only/],
    [['--process', 'mumu', '--events', '10', '--isr', 'yes'], /^zprime-mc: --isr yes is not allowed: must be on or off$/],
    [['--process', 'mumu', '--events', '10', '--alpha-em', '137'], /^zprime-mc: --alpha-em 137 is not allowed: must be a number between 0 and 1/],
    [['--process', 'mumu', '--events', '10', '--format', 'root', '--out', 'x.root'], /^zprime-mc: --format root is not allowed: must be lhe or csv$/],
    [['--process', 'mumu', '--events', '10', '--format', 'lhe'], /^zprime-mc: --format lhe needs --out FILE/],
    [['--process', 'mumu', '--events', '10', '--out', 'events.txt'], /^zprime-mc: --out events.txt: give --format lhe\|csv/],
    [['--process', 'mumu', '--events', '10', '--seed', '-1'], /^zprime-mc: --seed -1 is not allowed/],
  ])('bad input %j: one line naming the flag, exit 2', async (args, message) => {
    const line = badInputLine(await cli('generate', ...args));
    expect(line).toMatch(message);
  });

  it('a missing output folder is an error before any work, and nothing is written', async () => {
    const target = join(dir, 'no-such-folder', 'x.lhe');
    const line = badInputLine(await cli('generate', '--process', 'mumu', '--events', '10', '--out', target));
    expect(line).toBe(`zprime-mc: --out ${target} is not allowed: the folder ${join(dir, 'no-such-folder')} does not exist`);
    expect(existsSync(target)).toBe(false);
  });
});
