import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { partFiles } from '../../src/runner/shards/partFile.js';
import { badInputLine, cli } from '../cli/run.js';
import { writeQuickScenario } from './quickScenario.js';

// The killed run is a separate process of the compiled command (bin/zprime-mc.js runs dist/, which `npm test` builds first).
const dir = mkdtempSync(join(tmpdir(), 'zprime-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quick = join(dir, 'quick.yaml');
writeQuickScenario(quick, { signalEventsPerMass: 4000, mumuEvents: 40000 });
const TOYS = '600';

/** Starts `zprime-mc lee` and kills it with SIGKILL once `parts` shards are written; resolves to the parts there then. */
function killMidway(out: string, parts: number): Promise<number> {
  const child = spawn(process.execPath, ['bin/zprime-mc.js', 'lee', '--scenario', quick, '--out', out, '--toys', TOYS, '--workers', '1'], { stdio: 'ignore' });
  const folder = join(out, 'shards', 'lee');
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const n = partFiles(folder).length;
      if (n >= parts) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 20);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (signal !== 'SIGKILL') reject(new Error(`the run ended by itself (exit ${code}) before it was killed: give it more toys`));
      else resolve(partFiles(folder).length);
    });
  });
}

describe('checkpoints and resume', () => {
  it('a lee run killed with SIGKILL mid-way and started again with --resume redoes only the unfinished shards and ends with the bytes of an uninterrupted run', async () => {
    const whole = join(dir, 'whole');
    expect((await cli('templates', '--scenario', quick, '--out', whole, '--workers', '1')).code).toBe(0);
    const killed = join(dir, 'killed');
    mkdirSync(killed);
    copyFileSync(join(whole, 'templates.json'), join(killed, 'templates.json'));
    const finished = await killMidway(killed, 8);
    const shards = Number(TOYS) / 10;
    expect(finished).toBeGreaterThanOrEqual(8);
    expect(finished).toBeLessThan(shards);

    const resumed = await cli('lee', '--scenario', quick, '--out', killed, '--toys', TOYS, '--resume', '--workers', '1', '--json');
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`lee: resumed: ${finished} of ${shards} shards were finished in ${join(killed, 'shards', 'lee')}, computed ${shards - finished}`);
    const uninterrupted = await cli('lee', '--scenario', quick, '--out', whole, '--toys', TOYS, '--workers', '1', '--json');
    expect(resumed.stdout).toBe(uninterrupted.stdout);
    expect(readFileSync(join(killed, 'lee.json'), 'utf8')).toBe(readFileSync(join(whole, 'lee.json'), 'utf8'));

    // A corrupted checkpoint is named and never used: --resume stops, exit 2.
    const part = partFiles(join(killed, 'shards', 'lee'))[3];
    writeFileSync(part, readFileSync(part, 'utf8').replace('"max_q0":"', '"max_q0":"A'));
    expect(badInputLine(await cli('lee', '--scenario', quick, '--out', killed, '--toys', TOYS, '--resume'))).toMatch(/checksum mismatch/);
    // A fresh run (no --resume) starts over and replaces every part.
    const fresh = await cli('lee', '--scenario', quick, '--out', killed, '--toys', TOYS, '--json');
    expect(fresh.stdout).toBe(uninterrupted.stdout);
  });
});

describe('checksummed template files', () => {
  it('a template file changed after it was written is named by its checksum, exit 2, and never used', async () => {
    const out = join(dir, 'whole');
    const path = join(out, 'templates.json');
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/,"sha256":"[0-9a-f]{64}"}\n$/);
    // One expected-event count of the first background changed in its 4th significant digit.
    const changed = text.replace(/"expected_events":(\d)(\d)(\d)(\d)/, (_, a: string, b: string, c: string, d: string) => `"expected_events":${a}${b}${c}${(Number(d) + 1) % 10}`);
    expect(changed).not.toBe(text);
    writeFileSync(path, changed);
    expect(badInputLine(await cli('expected', '--scenario', quick, '--out', out))).toMatch(new RegExp(`^zprime-mc: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: checksum mismatch .*remove it to build the templates again$`));
    writeFileSync(path, text);
    expect((await cli('expected', '--scenario', quick, '--out', out, '--json')).code).toBe(0);
  });
});
