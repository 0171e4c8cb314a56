import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDataFile, readDataFile } from '../../src/scan/dataFile.js';
import { expectedPoint } from '../../src/scan/expected.js';
import { backgroundPseudoData, observedPoint } from '../../src/scan/observed.js';
import { searchWindow } from '../../src/scan/windows.js';
import { fisherSigmaFb, NO_SYSTEMATICS, syntheticTemplates } from './syntheticTemplates.js';

const dir = mkdtempSync(join(tmpdir(), 'zprime-observed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The background of every cell, plus `sigmaFb` fb of the signal of hypothesis k (an Asimov data set). */
function asimovCells(set: ReturnType<typeof syntheticTemplates>, k: number, sigmaFb: number): Float64Array {
  const cells = Float64Array.from(set.backgrounds[0].sumw);
  const signal = set.signals[k];
  const nM2 = set.axes.m2Edges.length - 1;
  const row = set.axes.thetaCMEdges.length + 1;
  for (let j = 0; j < signal.nBins; j++) for (let iy = 0; iy < row; iy++) cells[signal.firstBin + j + (nM2 + 2) * iy] += sigmaFb * signal.sumw[j * row + iy];
  return cells;
}

describe('observed limits and local significance', () => {
  it('on the background-only Asimov data the observed limit is the median expected one and the local significance is zero', () => {
    const set = syntheticTemplates(1e3, 1e2);
    const point = observedPoint(set, 1, NO_SYSTEMATICS, asimovCells(set, 1, 0));
    expect(point.sigmaLimitFb.obs / expectedPoint(set, 1, NO_SYSTEMATICS).sigmaLimitFb[2]).toBeCloseTo(1, 3);
    expect(point.localSignificance).toBeCloseTo(0, 3);
  });

  it('an injected signal is fitted back, with Z = σ_inj/σ_μ (Wald, Cowan et al. EPJC 71 (2011) 1554, Eq. (29)) and σ_μ from the Fisher information', () => {
    const set = syntheticTemplates(1e4, 1e3);
    const window = searchWindow(set, 1, NO_SYSTEMATICS.thetaBinning);
    const sigma = fisherSigmaFb(window);
    const injected = 3 * sigma;
    const point = observedPoint(set, 1, NO_SYSTEMATICS, asimovCells(set, 1, injected));
    expect(point.sigmaHatFb / injected).toBeCloseTo(1, 3);
    expect(point.localSignificance).toBeCloseTo(3, 1);
    expect(point.sigmaLimitFb.obs).toBeGreaterThan(injected);
  });

  it('pseudo-data are Poisson counts of the background, the same for the same (seed, index), and differ between indices', () => {
    const set = syntheticTemplates(50, 10);
    const a = backgroundPseudoData(set, 7, 0);
    expect(backgroundPseudoData(set, 7, 0)).toEqual(a);
    expect(backgroundPseudoData(set, 7, 1)).not.toEqual(a);
    const expected = set.backgrounds[0].sumw;
    let total = 0;
    let mean = 0;
    let cells = 0;
    a.forEach((n, i) => {
      expect(Number.isInteger(n)).toBe(true);
      if (expected[i] === 0) expect(n).toBe(0);
      else {
        total += n;
        mean += expected[i];
        cells++;
      }
    });
    // Σn is Poisson with mean Σλ: within 4σ.
    expect(Math.abs(total - mean)).toBeLessThan(4 * Math.sqrt(mean));
    expect(cells).toBeGreaterThan(0);
  });

  it('a data file round-trips the counts, and a file that does not fit the templates is named with its field', () => {
    const set = syntheticTemplates(50, 10);
    const cells = backgroundPseudoData(set, 3);
    const file = join(dir, 'data.json');
    writeFileSync(file, formatDataFile(set.axes, cells));
    expect(readDataFile(file, set.axes)).toEqual(cells);
    const bad = join(dir, 'bad.json');
    const doc = JSON.parse(formatDataFile(set.axes, cells));
    writeFileSync(bad, JSON.stringify({ ...doc, counts: doc.counts.slice(1) }));
    expect(() => readDataFile(bad, set.axes)).toThrow(`${bad}: counts has ${doc.counts.length - 1} rows: must have one per M2recoil bin (${doc.counts.length})`);
    doc.counts[2][3] = -1;
    writeFileSync(bad, JSON.stringify(doc));
    expect(() => readDataFile(bad, set.axes)).toThrow(/counts\.2\.3: /);
  });
});
