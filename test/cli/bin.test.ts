import { accessSync, constants, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the zprime-mc executable', () => {
  it('is the committed, executable bin/zprime-mc.js: npm links it at install time, before the build exists', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['zprime-mc']).toBe('bin/zprime-mc.js');
    expect(() => accessSync('bin/zprime-mc.js', constants.X_OK)).not.toThrow();
    expect(readFileSync('bin/zprime-mc.js', 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
