import { join } from 'node:path';
import { formatDataFile } from '../../scan/dataFile.js';
import { expectedLimits } from '../../scan/expected.js';
import { backgroundPseudoData, observedLimits } from '../../scan/observed.js';
import { type ProgressBar, progressBar, showsProgress } from '../progress.js';
import { writeAtomically } from '../../report/writeAtomically.js';
import { scanHeader, unscannedNote, writeExpectedResults } from './expected.run.js';
import { scenarioWideExpected, scenarioWideObserved } from '../../scan/wideLimits.js';
import { writeObservedResults } from './observe.run.js';
import { reportOfFolder, reportSummary } from './report.run.js';
import { obtainScanTemplates, type TemplatesFlags } from './templates.run.js';

/**
 * `zprime-mc` without a sub-command: the default scenario end to end. The templates (cached), the
 * asymptotic expected limits, observed limits and local significances on background-only
 * pseudo-data set 0, and the report; one progress bar per stage, the report's path last.
 */

export interface DefaultRunFlags extends TemplatesFlags {
  quiet?: boolean;
}

function withProgress<T>(bar: ProgressBar, work: (onProgress: (done: number, total: number) => void) => T): T {
  try {
    return work((done, total) => bar.update(done, total));
  } finally {
    bar.stop();
  }
}

export async function runDefault(flags: DefaultRunFlags): Promise<void> {
  const progress = showsProgress(flags);
  const { scenario, folder, set, unscanned, path, reused } = await obtainScanTemplates({ ...flags, json: flags.json === true || flags.quiet === true });
  const header = scanHeader(scenario, set, unscanned);
  const expected = withProgress(progressBar('expected', 'hypotheses', progress), (onProgress) => expectedLimits(set, scenario.fit, onProgress));
  const wide = withProgress(progressBar("wide Z'", 'hypotheses', progress), (onProgress) => scenarioWideExpected(set, scenario, onProgress));
  const expectedDoc = writeExpectedResults(folder, header, expected, wide);
  const data = backgroundPseudoData(set, scenario.seed, 0);
  const dataFile = join(folder, 'pseudo-data-0.json');
  writeAtomically(dataFile, formatDataFile(set.axes, data));
  const observed = withProgress(progressBar('observe', 'hypotheses', progress), (onProgress) => observedLimits(set, scenario.fit, data, onProgress));
  const wideObserved = withProgress(progressBar("observe wide Z'", 'hypotheses', progress), (onProgress) => scenarioWideObserved(set, scenario, data, onProgress));
  const observedDoc = writeObservedResults(folder, header, dataFile, observed, wideObserved);
  const report = withProgress(progressBar('report', 'pages', progress), (onProgress) => {
    onProgress(0, 1);
    const written = reportOfFolder(folder);
    onProgress(1, 1);
    return written;
  });
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify({ scenario: scenario.name, templates: path, templates_reused: reused, expected: join(folder, 'expected.json'), observed: join(folder, 'observed.json'), ...reportSummary(report) })}\n`);
    return;
  }
  const ranges = expectedDoc.g_minus_2_excluded_GeV.fully_invisible.map(([a, b]) => `${a.toFixed(2)}-${b.toFixed(2)}`).join(', ');
  const max = observedDoc.max_local_significance;
  const unscannedLine = unscannedNote(header, scenario.fit.minSignalMonteCarloEvents);
  process.stdout.write(
    [
      `templates: ${reused ? 'reused' : 'wrote'} ${path}`,
      ...(unscannedLine === '' ? [] : [unscannedLine]),
      `expected:  ${expected.points.length} hypotheses${expected.failed.length === 0 ? '' : ` (${expected.failed.length} failed fits, listed in expected.json)`}; the median g' limit (fully invisible) excludes the (g-2)_mu band at ${ranges === '' ? 'no mass' : `${ranges} GeV`}; ${join(folder, 'expected.json')}`,
      `observe:   pseudo-data set 0, largest local excess ${max.significance.toFixed(2)} sigma at ${max.mass_GeV.toFixed(3)} GeV; ${join(folder, 'observed.json')}`,
      `report:    ${report.plots.length} plots, ${(report.bytes / 1024).toFixed(0)} kB`,
      report.path,
      '',
    ].join('\n'),
  );
}
