/**
 * The (M²recoil, θrecoil c.m.) histograms of a run as one Parquet table (format
 * `zprime-mc-histograms` version 1), for pandas, pyarrow, polars or uproot users: one row per
 * in-range cell of each sample, the backgrounds at the scenario's luminosity and the data counts.
 * Columns (docs/data-formats.md):
 *   sample (string: mumu, tautau, eemumu, …, or data), m2_low_GeV2, m2_high_GeV2,
 *   theta_cm_low_rad, theta_cm_high_rad, sumw (expected events; data: counts),
 *   sumw2 (Monte Carlo variance; data: counts).
 * The file's key-value metadata carries the format, the scenario and the luminosity.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { TemplateSet } from '../runner/templates/build.js';

export const HISTOGRAMS_FORMAT = 'zprime-mc-histograms';
export const HISTOGRAMS_FILE = 'histograms.parquet';

export function histogramsParquet(set: TemplateSet, data?: { readonly name: string; readonly cells: Float64Array }): Uint8Array {
  const m2 = set.axes.m2Edges;
  const theta = set.axes.thetaCMEdges;
  const nM2 = m2.length - 1;
  const nTheta = theta.length - 1;
  const samples = [...set.backgrounds.map((b) => ({ name: b.process, sumw: b.sumw, sumw2: b.sumw2 })), ...(data === undefined ? [] : [{ name: 'data', sumw: data.cells, sumw2: data.cells }])];
  const rows = samples.length * nM2 * nTheta;
  const sample: string[] = [];
  const columns = { m2Low: new Float64Array(rows), m2High: new Float64Array(rows), thetaLow: new Float64Array(rows), thetaHigh: new Float64Array(rows), sumw: new Float64Array(rows), sumw2: new Float64Array(rows) };
  let r = 0;
  for (const s of samples) {
    for (let ix = 1; ix <= nM2; ix++) {
      for (let iy = 1; iy <= nTheta; iy++) {
        // Template cells are in ROOT's global-bin order, flows included: ix + (nM2 + 2)·iy.
        const cell = ix + (nM2 + 2) * iy;
        sample.push(s.name);
        columns.m2Low[r] = m2[ix - 1];
        columns.m2High[r] = m2[ix];
        columns.thetaLow[r] = theta[iy - 1];
        columns.thetaHigh[r] = theta[iy];
        columns.sumw[r] = s.sumw[cell];
        columns.sumw2[r] = s.sumw2[cell];
        r++;
      }
    }
  }
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'sample', data: sample, type: 'STRING', nullable: false },
      { name: 'm2_low_GeV2', data: columns.m2Low, type: 'DOUBLE', nullable: false },
      { name: 'm2_high_GeV2', data: columns.m2High, type: 'DOUBLE', nullable: false },
      { name: 'theta_cm_low_rad', data: columns.thetaLow, type: 'DOUBLE', nullable: false },
      { name: 'theta_cm_high_rad', data: columns.thetaHigh, type: 'DOUBLE', nullable: false },
      { name: 'sumw', data: columns.sumw, type: 'DOUBLE', nullable: false },
      { name: 'sumw2', data: columns.sumw2, type: 'DOUBLE', nullable: false },
    ],
    kvMetadata: [
      { key: 'format', value: HISTOGRAMS_FORMAT },
      { key: 'version', value: '1' },
      { key: 'scenario', value: set.scenario },
      { key: 'luminosity_fb', value: String(set.luminosity_fb) },
      { key: 'data', value: data?.name ?? '' },
    ],
    createdBy: 'zprime-mc',
  });
  return new Uint8Array(buffer);
}
