import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeQuickScenario } from '../runner/quickScenario.js';
import { checkBalanced } from '../report/plots/svgParse.js';
import { hepdataErrors } from '../report/hepdataSchema.js';
import { badInputLine, cli, type CliResult } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quick = join(dir, 'quick.yaml');
writeQuickScenario(quick, { signalEventsPerMass: 4000, mumuEvents: 40000 });
const out = join(dir, 'run');
let first: CliResult;
beforeAll(async () => {
  first = await cli('--scenario', quick, '--out', out, '--quiet');
}, 120_000);

describe('zprime-mc (no sub-command)', () => {
  it('runs templates, expected, observe on pseudo-data set 0 and the report, and ends by printing the report path', () => {
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[lines.length - 1]).toBe(join(out, 'report.html'));
    expect(lines[0]).toBe(`templates: wrote ${join(out, 'templates.json')}`);
    for (const f of ['templates.json', 'expected.json', 'expected.csv', 'observed.json', 'observed.csv', 'pseudo-data-0.json', 'report.html', 'histograms.parquet']) expect(existsSync(join(out, f))).toBe(true);
    // The quick scenario's 20 000 eeμμ events leave none after the selection: no plane for it.
    expect(readdirSync(join(out, 'plots')).sort()).toEqual(['cut-flows.svg', 'gprime-limits-fully-invisible.svg', 'gprime-limits-vanilla.svg', 'local-significance.svg', 'plane-mumu.svg', 'plane-tautau.svg', 'recoil-spectrum.svg', 'resolution.svg', 'sigma-limits-wide.svg', 'sigma-limits.svg', 'signal-efficiency.svg']);
    // cutflows.csv: every step of every background; the last step's yield is the template's expected events.
    const rows = readFileSync(join(out, 'cutflows.csv'), 'utf8').trim().split('\n').slice(1);
    const templates = JSON.parse(readFileSync(join(out, 'templates.json'), 'utf8'));
    expect(rows.length).toBe(templates.backgrounds.reduce((n: number, b: { cutflow: unknown[] }) => n + b.cutflow.length, 0));
    const mumu = templates.backgrounds.find((b: { process: string }) => b.process === 'mumu');
    const last = rows.filter((r) => r.startsWith('mumu,')).at(-1)?.split(',') ?? [];
    expect(Number(last[1])).toBe(mumu.cutflow.length);
    expect(Number(last.at(-2))).toBeCloseTo(mumu.expected_events, 9);
  });

  it('gives the results the sub-commands give: expected.json is what `expected --json` prints', async () => {
    const expected = await cli('expected', '--scenario', quick, '--out', out, '--json');
    expect(readFileSync(join(out, 'expected.json'), 'utf8')).toBe(expected.stdout);
  });

  it('refuses a sub-command option put before the sub-command, in one line', async () => {
    expect(badInputLine(await cli('--out', out, 'expected'))).toBe("zprime-mc: --out before 'expected' is not allowed: options of a sub-command go after it (zprime-mc expected --help)");
  });
});

describe('zprime-mc report', () => {
  it('writes one self-contained page: every plot inline, no script, nothing from another host', () => {
    const page = readFileSync(join(out, 'report.html'), 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/<script|<link|<img|<iframe|src=|url\((?!#)|https?:\/\//);
    const svgs = page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(11);
    for (const svg of svgs) {
      checkBalanced(svg);
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    }
    expect(page).toContain('<td>integrated luminosity</td><td>79.7 fb⁻¹</td>');
    expect(page).toContain('<h3>Cut flow: μ+μ−(γ)</h3>');
  });

  it('writes the limit tables as a HEPData submission that HEPData’s schemas accept, with the numbers of expected.json', () => {
    const folder = join(out, 'hepdata');
    const files = new Map(readdirSync(folder).map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
    expect([...files.keys()].sort()).toEqual(['gprime_upper_limits_fully_invisible.yaml', 'gprime_upper_limits_vanilla.yaml', 'local_significance.yaml', 'sigma_upper_limits.yaml', 'submission.yaml', 'wide_zprime_upper_limits.yaml']);
    expect(hepdataErrors(files)).toEqual([]);
    const expected = JSON.parse(readFileSync(join(out, 'expected.json'), 'utf8'));
    const table = parse(files.get('sigma_upper_limits.yaml') ?? '');
    expect(table.dependent_variables[0].values.map((v: { value: number }) => v.value)).toEqual(expected.points.map((p: { sigma_ul_fb: { exp: number[] } }) => p.sigma_ul_fb.exp[2]));
    expect(table.dependent_variables[0].qualifiers).toContainEqual({ name: 'SQRT(S)', value: Number(expected.sqrt_s_GeV.toFixed(4)), units: 'GeV' });
    expect(expected.sqrt_s_GeV).toBeCloseTo(10.5796, 3); // the SuperKEKB Υ(4S) beams (7.004 GeV e⁻, 4.002 GeV e⁺, 83 mrad crossing)
    const wide = parse(files.get('wide_zprime_upper_limits.yaml') ?? '');
    expect(wide.dependent_variables[0].values.map((v: { value: number }) => v.value)).toEqual(expected.wide_zprime.points.map((p: { sigma_ul_fb: { exp: number[] } }) => p.sigma_ul_fb.exp[2]));
  });

  it('redraws the same bytes from the saved results, and adds the look-elsewhere plot once lee.json is there', async () => {
    const before = readFileSync(join(out, 'report.html'));
    const again = await cli('report', '--in', out, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).figures).toEqual(['recoil-spectrum', 'sigma-limits', 'sigma-limits-wide', 'gprime-limits-fully-invisible', 'gprime-limits-vanilla', 'local-significance', 'plane-mumu', 'plane-tautau', 'cut-flows', 'signal-efficiency', 'resolution']);
    expect(readFileSync(join(out, 'report.html')).equals(before)).toBe(true);
    expect((await cli('lee', '--scenario', quick, '--out', out, '--toys', '6', '--json')).code).toBe(0);
    const withLee = await cli('report', '--in', out, '--json');
    expect(JSON.parse(withLee.stdout).figures).toContain('lee-toys');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/from 6 background-only toys of the whole scan/);
  });

  it('bad input is one line naming the flag or the file and field, exit 2, and writes nothing', async () => {
    expect(badInputLine(await cli('report'))).toBe('zprime-mc: --in is required: the folder of results to report on (e.g. zprime-mc-out/belle2-2023)');
    expect(badInputLine(await cli('report', '--in', join(dir, 'nowhere')))).toBe(`zprime-mc: --in ${join(dir, 'nowhere')} is not allowed: must be a folder of results (written by zprime-mc expected, observe, lee)`);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(badInputLine(await cli('report', '--in', empty))).toBe(`zprime-mc: ${join(empty, 'expected.json')} is missing: the report needs at least the expected limits (zprime-mc expected --out ${empty})`);
    writeFileSync(join(empty, 'expected.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(out, 'expected.json'), 'utf8')), luminosity_fb: 'a lot' }));
    expect(badInputLine(await cli('report', '--in', empty))).toMatch(new RegExp(`^zprime-mc: ${join(empty, 'expected.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: luminosity_fb: `));
    expect(readdirSync(empty)).toEqual(['expected.json']);
    expect(badInputLine(await cli('report', '--in', out, '--out', join(dir, 'r.pdf')))).toBe(`zprime-mc: --out ${join(dir, 'r.pdf')} is not allowed: the report is an HTML page, the file name must end in .html`);
  });
});
