import type { EventBatch } from '../events/eventBatch.js';

/**
 * Events as CSV, one row per particle (pandas `read_csv`, ROOT `RDataFrame::FromCSV`):
 *   event,weight,pdg,status,mother,E,px,py,pz
 * `event` is the event index in the sample (0-based), `mother` the index of the mother inside the
 * event (−1 for none), momenta in the lab frame in GeV. Numbers are written in the shortest form
 * that reads back to the same double.
 */

export const CSV_COLUMNS = ['event', 'weight', 'pdg', 'status', 'mother', 'E', 'px', 'py', 'pz'] as const;

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\n`;
}

/** Rows of a batch; its first event gets the index `firstEvent`. */
export function formatCsvRows(batch: EventBatch, firstEvent = 0): string {
  const rows: string[] = [];
  for (let i = 0; i < batch.nEvents; i++) {
    const prefix = `${firstEvent + i},${batch.weight[i]}`;
    for (let j = batch.offsets[i]; j < batch.offsets[i + 1]; j++) {
      rows.push(`${prefix},${batch.pdg[j]},${batch.status[j]},${batch.mother[j]},${batch.E[j]},${batch.px[j]},${batch.py[j]},${batch.pz[j]}`);
    }
  }
  if (rows.length > 0) rows.push('');
  return rows.join('\n');
}

/** A whole CSV file for one batch. */
export function formatCsv(batch: EventBatch): string {
  return csvHeader() + formatCsvRows(batch);
}

/** Columns of a CSV file written by `formatCsv` (or any file with the same header). */
export interface CsvColumns {
  readonly event: Int32Array;
  readonly weight: Float64Array;
  readonly pdg: Int32Array;
  readonly status: Int8Array;
  readonly mother: Int32Array;
  readonly E: Float64Array;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
}

export function parseCsv(text: string): CsvColumns {
  const lines = text.split('\n').filter((l) => l !== '');
  const header = lines[0]?.split(',');
  if (header === undefined || header.join(',') !== CSV_COLUMNS.join(',')) {
    throw new Error(`parseCsv: the header must be "${CSV_COLUMNS.join(',')}"`);
  }
  const n = lines.length - 1;
  const out: CsvColumns = {
    event: new Int32Array(n),
    weight: new Float64Array(n),
    pdg: new Int32Array(n),
    status: new Int8Array(n),
    mother: new Int32Array(n),
    E: new Float64Array(n),
    px: new Float64Array(n),
    py: new Float64Array(n),
    pz: new Float64Array(n),
  };
  for (let r = 0; r < n; r++) {
    const f = lines[r + 1].split(',');
    if (f.length !== CSV_COLUMNS.length) throw new Error(`parseCsv: row ${r + 2} has ${f.length} fields, expected ${CSV_COLUMNS.length}`);
    out.event[r] = Number(f[0]);
    out.weight[r] = Number(f[1]);
    out.pdg[r] = Number(f[2]);
    out.status[r] = Number(f[3]);
    out.mother[r] = Number(f[4]);
    out.E[r] = Number(f[5]);
    out.px[r] = Number(f[6]);
    out.py[r] = Number(f[7]);
    out.pz[r] = Number(f[8]);
  }
  return out;
}
