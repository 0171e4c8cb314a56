import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { partFiles } from '../../src/runner/shards/partFile.js';
import { shardRange } from '../../src/runner/shards/shardSet.js';
import { badInputLine, cli } from '../cli/run.js';
import { writeQuickScenario } from './quickScenario.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quick = join(dir, 'quick.yaml');
writeQuickScenario(quick, { signalEventsPerMass: 4000, mumuEvents: 40000 });
const whole = join(dir, 'whole');

/** A fresh output folder holding the templates of `whole` (built once), so that each run only does the toys. */
function folderWithTemplates(name: string): string {
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  copyFileSync(join(whole, 'templates.json'), join(out, 'templates.json'));
  return out;
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('seeded shards and merge', () => {
  it('shard i of N covers ⌊iT/N⌋ … ⌊(i+1)T/N⌋ − 1: the shards tile the items without gap or overlap', () => {
    for (const [total, count] of [[23, 4], [5, 5], [1000, 7], [3, 1]]) {
      let next = 0;
      for (let i = 0; i < count; i++) {
        const [first, end] = shardRange(total, i, count);
        expect(first).toBe(next);
        expect(end - first).toBeGreaterThanOrEqual(Math.floor(total / count));
        expect(end - first).toBeLessThanOrEqual(Math.ceil(total / count));
        next = end;
      }
      expect(next).toBe(total);
    }
  });

  it('lee: 4 shards run apart and merged give the same bytes as one process; missing, foreign and corrupted parts are named, exit 2', async () => {
    const one = await cli('lee', '--scenario', quick, '--out', whole, '--toys', '23', '--workers', '1', '--json');
    expect(one.code).toBe(0);
    const sharded = folderWithTemplates('sharded');
    for (let i = 0; i < 4; i++) {
      const r = await cli('lee', '--scenario', quick, '--out', sharded, '--toys', '23', '--shard', `${i}/4`, '--json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ shard: i, shards: 4 });
    }
    const parts = join(sharded, 'shards', 'lee');
    expect(partFiles(parts).length).toBe(4);
    const merged = await cli('merge', parts, '--json');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(one.stdout);
    expect(readFileSync(join(sharded, 'lee.json'), 'utf8')).toBe(readFileSync(join(whole, 'lee.json'), 'utf8'));
    expect(JSON.parse(merged.stdout).toys).toBe(23);

    // A missing shard: named with its file; lee.json is not rewritten.
    const third = join(parts, 'part-2-of-4.json');
    const thirdText = readFileSync(third, 'utf8');
    rmSync(join(sharded, 'lee.json'));
    rmSync(third);
    expect(badInputLine(await cli('merge', parts))).toBe(`zprime-mc: ${parts}: incomplete: 1 of 4 shards missing: 2 (part-2-of-4.json)`);
    expect(() => readFileSync(join(sharded, 'lee.json'))).toThrow();

    // A foreign shard: the same index of a run with another seed.
    const other = folderWithTemplates('other');
    expect((await cli('lee', '--scenario', quick, '--out', other, '--toys', '23', '--seed', '7', '--shard', '2/4')).code).toBe(0);
    copyFileSync(join(other, 'shards', 'lee', 'part-2-of-4.json'), third);
    expect(badInputLine(await cli('merge', parts))).toMatch(new RegExp(`^zprime-mc: ${escaped(third)}: foreign shard \\(task lee, 4 shards, job [0-9a-f]{12}\\), not of this run`));

    // A corrupted shard: one digit of its payload changed; its checksum names it.
    writeFileSync(third, thirdText.replace(/"up_crossings":\[(\d)/, (_, d: string) => `"up_crossings":[${(Number(d) + 1) % 10}`));
    expect(badInputLine(await cli('merge', parts))).toMatch(new RegExp(`^zprime-mc: ${escaped(third)}: checksum mismatch .*the shard is corrupted`));
    // A truncated shard.
    writeFileSync(third, thirdText.slice(0, thirdText.length >> 1));
    expect(badInputLine(await cli('merge', parts))).toMatch(new RegExp(`^zprime-mc: ${escaped(third)}: the shard is truncated or not JSON`));
    expect(() => readFileSync(join(sharded, 'lee.json'))).toThrow();
    writeFileSync(third, thirdText);
    expect((await cli('merge', parts, '--json')).stdout).toBe(one.stdout);
  });

  it('expected --toys: 3 shards of hypotheses merged give the same expected.json and CSV as one process', async () => {
    const one = await cli('expected', '--scenario', quick, '--out', whole, '--toys', '12', '--workers', '1', '--json');
    expect(one.code).toBe(0);
    const sharded = folderWithTemplates('expected-sharded');
    for (let i = 0; i < 3; i++) expect((await cli('expected', '--scenario', quick, '--out', sharded, '--toys', '12', '--shard', `${i}/3`)).code).toBe(0);
    const merged = await cli('merge', join(sharded, 'shards', 'expected-toys'), '--json');
    expect(merged.stdout).toBe(one.stdout);
    expect(readFileSync(join(sharded, 'expected.csv'), 'utf8')).toBe(readFileSync(join(whole, 'expected.csv'), 'utf8'));
    expect(badInputLine(await cli('expected', '--scenario', quick, '--out', sharded, '--toys', '12', '--shard', '3/3'))).toBe('zprime-mc: --shard 3/3 is not allowed: must be i/N with N from 1 to 100000 and i from 0 to N-1 (shard i of N)');
  });
});
