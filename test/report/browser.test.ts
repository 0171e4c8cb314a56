import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { writeQuickScenario } from '../runner/quickScenario.js';

/**
 * The report page in a real browser: Debian's `chromium` (installed by .ci/run), driven by
 * playwright-core. Without chromium the test is skipped on a developer's machine and fails in CI.
 */

function findChromium(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, 'chromium');
    if (dir !== '' && existsSync(path)) return path;
  }
  return undefined;
}

const executable = findChromium();
const inCI = process.env.CI === 'true';
if (executable === undefined && !inCI) console.warn('report browser test skipped: no chromium on PATH (apt-get install chromium; in CI, where CI=true, it fails instead)');
const dir = mkdtempSync(join(tmpdir(), 'zprime-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(executable === undefined && !inCI)(`the report page in headless Chromium${executable === undefined ? ' (skipped: no chromium on PATH; apt-get install chromium)' : ''}`, () => {
  it('draws every plot with non-empty content, logs no error, fetches nothing, and gives a screenshot', async () => {
    if (executable === undefined) throw new Error('chromium is not on PATH: CI must install it (.ci/run: apt-get install chromium)');
    const quick = join(dir, 'quick.yaml');
    writeQuickScenario(quick, { signalEventsPerMass: 4000, mumuEvents: 40000 });
    const out = join(dir, 'run');
    expect((await cli('--scenario', quick, '--out', out, '--quiet')).code).toBe(0);
    expect((await cli('lee', '--scenario', quick, '--out', out, '--toys', '4')).code).toBe(0);
    expect((await cli('report', '--in', out)).code).toBe(0);

    const browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      const url = pathToFileURL(join(out, 'report.html')).href;
      page.on('request', (request) => {
        if (request.url() !== url) problems.push(`request: ${request.url()}`);
      });
      await page.goto(url, { waitUntil: 'load' });
      const plots = await page.$$eval('svg.plot', (svgs) =>
        svgs.map((svg) => {
          const data = svg.querySelector('g.data') as unknown as { getBBox(): { width: number; height: number } } | null;
          const box = data?.getBBox();
          const drawn = (e: { tagName: string }) => {
            if (e.tagName === 'path') return (e as unknown as { getTotalLength(): number }).getTotalLength() > 0;
            const b = (e as unknown as { getBBox(): { width: number; height: number } }).getBBox();
            return b.width * b.height > 0;
          };
          const series = [...svg.querySelectorAll('g.data path, g.data rect')].filter(drawn).length;
          const shown = svg.getBoundingClientRect();
          return { id: svg.id, width: box?.width ?? 0, height: box?.height ?? 0, series, shownWidth: shown.width };
        }),
      );
      expect(plots.map((p) => p.id)).toEqual(['recoil-spectrum', 'sigma-limits', 'sigma-limits-wide', 'gprime-limits-fully-invisible', 'gprime-limits-vanilla', 'local-significance', 'lee-toys', 'plane-mumu', 'plane-tautau', 'cut-flows', 'signal-efficiency', 'resolution']);
      for (const p of plots) {
        expect(p.width, p.id).toBeGreaterThan(4);
        expect(p.height, p.id).toBeGreaterThan(4);
        expect(p.series, p.id).toBeGreaterThanOrEqual(1);
        expect(p.shownWidth, p.id).toBeGreaterThan(500);
      }
      expect(problems).toEqual([]);
      const screenshot = join(dir, 'report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(statSync(screenshot).size).toBeGreaterThan(50_000);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
