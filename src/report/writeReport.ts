import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CUT_FLOW_FILE, cutFlowCsv } from './cutFlowCsv.js';
import { type Figure, reportFigures } from './figures.js';
import { HEPDATA_FOLDER, hepdataSubmission } from './hepdata.js';
import { HISTOGRAMS_FILE, histogramsParquet } from './histogramsParquet.js';
import { reportPage } from './page.js';
import { readRunResults } from './results.js';
import { writeAtomically } from './writeAtomically.js';

/** File name of the report page inside a results folder, and the folder of its SVG plots. */
export const REPORT_FILE = 'report.html';
export const PLOTS_FOLDER = 'plots';

/** The files of a run the page links to, when they are there. */
const RUN_FILES = ['expected.json', 'expected.csv', 'expected-wide.csv', 'observed.json', 'observed.csv', 'observed-wide.csv', 'lee.json', 'templates.json'];

export interface WrittenReport {
  /** The HTML page. */
  readonly path: string;
  /** One SVG file per figure. */
  readonly plots: readonly string[];
  readonly figures: readonly Figure[];
  readonly bytes: number;
  /** The HEPData submission: submission.yaml and the table files. */
  readonly hepdata: readonly string[];
  /** The histograms as Parquet, when the templates are in the folder. */
  readonly histograms: string | null;
}

/**
 * Redraws the report of the results in `folder`: `report.html` (or `out`), `plots/<figure>.svg` and
 * the HEPData submission of the limit tables in `hepdata/` and, with the templates, the histograms
 * as `histograms.parquet` and the backgrounds' cut flows as `cutflows.csv`.
 * Everything is built in memory first, so bad results leave no file behind.
 */
export function writeReport(folder: string, options: { readonly generator: string; readonly out?: string }): WrittenReport {
  const results = readRunResults(folder);
  const figures = reportFigures(results);
  const plotFiles = figures.map((f) => `${PLOTS_FOLDER}/${f.id}.svg`);
  const hepdata = hepdataSubmission(results.expected, results.observed);
  const hepdataFiles = [...hepdata.keys()].map((name) => `${HEPDATA_FOLDER}/${name}`);
  const t = results.templates;
  const parquet = t === undefined ? null : histogramsParquet(t, results.dataCells === undefined ? undefined : { name: results.dataName ?? 'data', cells: results.dataCells });
  const cutFlows = t === undefined ? null : cutFlowCsv(t.backgrounds);
  const files = [...RUN_FILES.filter((f) => existsSync(join(folder, f))), ...(parquet === null ? [] : [HISTOGRAMS_FILE]), ...(cutFlows === null ? [] : [CUT_FLOW_FILE]), ...plotFiles, ...hepdataFiles];
  const page = reportPage(results, figures, { generator: options.generator, files });
  const path = options.out ?? join(folder, REPORT_FILE);
  mkdirSync(join(folder, PLOTS_FOLDER), { recursive: true });
  const plots = figures.map((f, k) => {
    const file = join(folder, plotFiles[k]);
    writeAtomically(file, `<?xml version="1.0" encoding="UTF-8"?>\n${f.svg}\n`);
    return file;
  });
  mkdirSync(join(folder, HEPDATA_FOLDER), { recursive: true });
  const hepdataPaths = [...hepdata].map(([name, text]) => {
    const file = join(folder, HEPDATA_FOLDER, name);
    writeAtomically(file, text);
    return file;
  });
  const histograms = parquet === null ? null : join(folder, HISTOGRAMS_FILE);
  if (histograms !== null && parquet !== null) writeAtomically(histograms, parquet);
  if (cutFlows !== null) writeAtomically(join(folder, CUT_FLOW_FILE), cutFlows);
  writeAtomically(path, page);
  return { path, plots, figures, bytes: Buffer.byteLength(page), hepdata: hepdataPaths, histograms };
}
