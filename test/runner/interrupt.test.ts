import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The interrupted run is a separate process of the compiled command (bin/zprime-mc.js runs dist/, which `npm test` builds first).
const dir = mkdtempSync(join(tmpdir(), 'zprime-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `generate --out` in `folder`, sends `signal` once its hidden temporary body holds events, resolves to the exit code. */
function interruptGenerate(folder: string, signal: NodeJS.Signals): Promise<number | null> {
  const child = spawn(process.execPath, ['bin/zprime-mc.js', 'generate', '--process', 'mumu', '--events', '5000000', '--out', join(folder, 'big.lhe')], { stdio: 'ignore' });
  return new Promise((resolve) => {
    let sent = false;
    const poll = setInterval(() => {
      const body = readdirSync(folder).find((n) => n.endsWith('.body.tmp'));
      if (!sent && body !== undefined && statSync(join(folder, body)).size > 0) {
        sent = true;
        child.kill(signal);
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve(sent ? code : -1);
    });
  });
}

describe('interrupted runs', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`generate --out big.lhe stopped by ${signal} removes its temporary files, writes no big.lhe and exits ${code} (128 + the signal number, as a shell reports it)`, async () => {
      const folder = mkdtempSync(join(dir, signal));
      expect(await interruptGenerate(folder, signal)).toBe(code);
      expect(readdirSync(folder)).toEqual([]);
    });
  }
});
