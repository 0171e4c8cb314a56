import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { badInputLine, cli } from './run.js';

describe('zprime-mc', () => {
  it('--help lists the sub-commands and exits 0', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: zprime-mc/);
    expect(result.stdout).toMatch(/\n {2}beam \[options\] +beam energies/);
  });

  it('help <command> is <command> --help (as git, npm and pyhf), and help of an unknown command is one line and exit 2', async () => {
    const viaHelp = await cli('help', 'simulate');
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe((await cli('simulate', '--help')).stdout);
    expect(viaHelp.stdout).toMatch(/^Usage: zprime-mc simulate/);
    const unknown = await cli('help', 'nosuch');
    expect(unknown.code).toBe(2);
    expect(badInputLine(unknown)).toMatch(/^zprime-mc: unknown command 'nosuch': one of summary, beam, .*inspect \(zprime-mc --help\)$/);
  });

  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await cli('--version');
    expect(result).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('an unknown sub-command is one line on stderr and exit 2', async () => {
    expect(badInputLine(await cli('bogus'))).toMatch(/^zprime-mc: unknown command 'bogus': one of summary, beam, /);
  });

  it('an unknown flag is one line on stderr and exit 2, at the top level and on a sub-command', async () => {
    expect(badInputLine(await cli('--bogus'))).toBe("zprime-mc: unknown option '--bogus'");
    expect(badInputLine(await cli('beam', '--sead', '3'))).toMatch(/^zprime-mc: unknown option '--sead'/);
  });

  it('a flag without its value is one line on stderr and exit 2', async () => {
    expect(badInputLine(await cli('beam', '--scenario'))).toBe("zprime-mc: option '--scenario <file>' argument missing");
  });
});
