import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { partFiles } from '../../src/runner/shards/partFile.js';
import { scenarioNetworkPath } from '../../src/runner/scenarioNetwork.js';
import { defaultScenarioPath } from '../../src/scenario/index.js';
import { parsePunziNet, serialisePunziNet } from '../../src/selection/punziNet/index.js';
import { badInputLine, cli } from '../cli/run.js';
import { writeQuickScenario } from './quickScenario.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-template-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Three backgrounds of 20 000 events (one chunk each) and the hypotheses from 2 to 2.2 GeV (four): seven template tasks. */
const quick = join(dir, 'quick.yaml');
writeQuickScenario(quick, { signalEventsPerMass: 2000, mumuEvents: 20000 });

describe('templates as seeded shards', () => {
  it('3 shards built apart and merged give the templates.json bytes of one process; a corrupted part is named, exit 2, and no templates are written', async () => {
    const whole = join(dir, 'whole');
    expect((await cli('templates', '--scenario', quick, '--out', whole, '--workers', '1', '--json')).code).toBe(0);
    const bytes = readFileSync(join(whole, 'templates.json'), 'utf8');
    // The parts of a run in one process are removed once templates.json holds their content.
    expect(partFiles(join(whole, 'shards', 'templates'))).toEqual([]);

    const sharded = join(dir, 'sharded');
    for (let i = 0; i < 3; i++) {
      const r = await cli('templates', '--scenario', quick, '--out', sharded, '--shard', `${i}/3`, '--workers', '1', '--json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ shard: i, shards: 3 });
    }
    const parts = join(sharded, 'shards', 'templates');
    expect(partFiles(parts).length).toBe(3);
    expect(() => readFileSync(join(sharded, 'templates.json'))).toThrow();

    const second = join(parts, 'part-1-of-3.json');
    const secondText = readFileSync(second, 'utf8');
    writeFileSync(second, secondText.replace(/"trials":(\d)/, (_, d: string) => `"trials":${(Number(d) + 1) % 10}`));
    expect(badInputLine(await cli('merge', parts))).toMatch(/part-1-of-3\.json: checksum mismatch .*the shard is corrupted/);
    expect(() => readFileSync(join(sharded, 'templates.json'))).toThrow();
    rmSync(second);
    expect(badInputLine(await cli('merge', parts))).toBe(`zprime-mc: ${parts}: incomplete: 1 of 3 shards missing: 1 (part-1-of-3.json)`);
    // status: the report on stdout, exit 1 and one line while the run is not complete; exit 0 once it is.
    const unfinished = await cli('status', parts);
    expect(unfinished.code).toBe(1);
    expect(unfinished.stdout).toContain(`${parts}: 2 of 3 shards done, 1 missing`);
    expect(unfinished.stderr).toBe(`zprime-mc: ${parts}: not complete: 1 of 3 shards missing\n`);
    writeFileSync(second, secondText);
    expect((await cli('status', parts, '--json')).code).toBe(0);

    const merged = await cli('merge', parts, '--json');
    expect(merged.code).toBe(0);
    expect(readFileSync(join(sharded, 'templates.json'), 'utf8')).toBe(bytes);
    // Merged parts stay where they are (they may be the output of a job array).
    expect(partFiles(parts).length).toBe(3);
  });

  it('--resume keeps the finished parts and ends with the same bytes; more shards than tasks is refused, exit 2', async () => {
    const whole = join(dir, 'whole');
    const bytes = readFileSync(join(whole, 'templates.json'), 'utf8');
    const resumed = join(dir, 'resumed');
    // A killed run: two of its seven one-task shards are done.
    for (const i of [0, 4]) expect((await cli('templates', '--scenario', quick, '--out', resumed, '--shard', `${i}/7`, '--workers', '1')).code).toBe(0);
    const r = await cli('templates', '--scenario', quick, '--out', resumed, '--resume', '--workers', '2', '--json');
    expect(r.code).toBe(0);
    expect(readFileSync(join(resumed, 'templates.json'), 'utf8')).toBe(bytes);
    expect(badInputLine(await cli('templates', '--scenario', quick, '--out', join(dir, 'many'), '--shard', '0/8'))).toMatch(/8 shards is more than the 7 template tasks/);
  });

  it('a corrupted Punzi-net file beside the scenario is named by its checksum and refused, exit 2, before anything is built', async () => {
    const shipped = scenarioNetworkPath(defaultScenarioPath());
    const net = join(dir, 'net');
    mkdirSync(net, { recursive: true });
    const scenario = join(net, 'quick.yaml');
    copyFileSync(quick, scenario);
    const text = serialisePunziNet(parsePunziNet(readFileSync(shipped, 'utf8'), shipped));
    // One digit of the standardisation (outside parametersSha256) changed.
    const corrupted = text.replace(/"mean": \[(-?)(\d)/, (_, sign: string, d: string) => `"mean": [${sign}${(Number(d) + 1) % 10}`);
    expect(corrupted).not.toBe(text);
    writeFileSync(scenarioNetworkPath(scenario), corrupted);
    const out = join(dir, 'refused');
    expect(badInputLine(await cli('templates', '--scenario', scenario, '--out', out))).toMatch(new RegExp(`^zprime-mc: ${scenarioNetworkPath(scenario).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: sha256: checksum mismatch`));
    expect(() => readFileSync(join(out, 'templates.json'))).toThrow();
  });
});
