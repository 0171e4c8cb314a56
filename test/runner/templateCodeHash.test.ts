/**
 * The templates' cache key carries a hash of the code they come from, so that a changed generator or
 * detector stage rebuilds them. The hash must follow that code and nothing else.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashTemplateCode, templateCodeHash } from '../../src/runner/templates/codeHash.js';

describe('hashTemplateCode', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'zprime-code-'));
    roots.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('changes with a generator or detector source and with a file name, not with the report, the CLI or declarations', () => {
    const base = { 'generators/mumu.ts': 'export const a = 1;\n', 'detector/stages/ecl.ts': 'export const b = 2;\n', 'src/report/page.ts': 'x', 'src/cli/main.ts': 'y' };
    const reference = hashTemplateCode(tree(base));
    expect(reference).toMatch(/^[0-9a-f]{64}$/);
    expect(hashTemplateCode(tree(base))).toBe(reference);
    expect(hashTemplateCode(tree({ ...base, 'generators/mumu.ts': 'export const a = 2;\n' }))).not.toBe(reference);
    expect(hashTemplateCode(tree({ ...base, 'detector/stages/ecl.ts': 'export const b = 3;\n' }))).not.toBe(reference);
    const { 'generators/mumu.ts': mumu, ...rest } = base;
    expect(hashTemplateCode(tree({ ...rest, 'generators/tautau.ts': mumu }))).not.toBe(reference);
    expect(hashTemplateCode(tree({ ...base, 'src/report/page.ts': 'changed', 'src/cli/main.ts': 'changed' }))).toBe(reference);
    expect(hashTemplateCode(tree({ ...base, 'generators/mumu.d.ts': 'export declare const a: number;' }))).toBe(reference);
  });

  it('an installed package without sources hashes its compiled JavaScript', () => {
    const installed = hashTemplateCode(tree({ 'dist/generators/mumu.js': 'export const a = 1;\n' }));
    expect(installed).not.toBe(hashTemplateCode(tree({ 'dist/generators/mumu.js': 'export const a = 2;\n' })));
    expect(installed).not.toBe(hashTemplateCode(tree({})));
  });

  it('of this checkout is that of its TypeScript sources, whether the tests or the compiled command ask', async () => {
    const compiled = (await import(new URL('../../dist/src/runner/templates/codeHash.js', import.meta.url).href)) as { templateCodeHash: () => string };
    expect(compiled.templateCodeHash()).toBe(templateCodeHash());
    expect(templateCodeHash()).not.toBe(hashTemplateCode(tree({})));
  });
});
