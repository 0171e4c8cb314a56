import { existsSync, statSync } from 'node:fs';
import { ResultsFileError } from '../../report/results.js';
import { type WrittenReport, writeReport } from '../../report/writeReport.js';
import { InputError } from '../errors.js';
import { checkOutputFile } from '../flags.js';
import { packageVersion } from '../version.js';

/**
 * `zprime-mc report --in DIR`: redraws the plots and the report page from the results saved in DIR
 * (expected.json, and observed.json, lee.json, templates.json when they are there).
 */

export interface ReportFlags {
  in?: string;
  out?: string;
  json?: boolean;
}

/** Writes the report of `folder`; bad or missing results are an InputError naming the file. */
export function reportOfFolder(folder: string, out?: string): WrittenReport {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError(`--in ${folder} is not allowed: must be a folder of results (written by zprime-mc expected, observe, lee)`);
  if (out !== undefined) {
    checkOutputFile('--out', out);
    if (!out.endsWith('.html')) throw new InputError(`--out ${out} is not allowed: the report is an HTML page, the file name must end in .html`);
  }
  try {
    return writeReport(folder, { generator: `zprime-mc ${packageVersion()}`, out });
  } catch (error) {
    if (error instanceof ResultsFileError) throw new InputError(error.message);
    throw error;
  }
}

export function reportSummary(report: WrittenReport) {
  return { report: report.path, bytes: report.bytes, plots: report.plots, figures: report.figures.map((f) => f.id), hepdata: report.hepdata, histograms: report.histograms };
}

export async function runReportCommand(flags: ReportFlags): Promise<void> {
  if (flags.in === undefined) throw new InputError('--in is required: the folder of results to report on (e.g. zprime-mc-out/belle2-2023)');
  const report = reportOfFolder(flags.in, flags.out);
  process.stdout.write(flags.json === true ? `${JSON.stringify(reportSummary(report))}\n` : `wrote ${report.plots.length} plots in ${flags.in}/plots, the HEPData tables in ${flags.in}/hepdata and the report (${(report.bytes / 1024).toFixed(0)} kB)\n${report.path}\n`);
}
