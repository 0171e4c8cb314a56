import type { BackgroundTemplate } from '../runner/templates/build.js';

/** File name of the backgrounds' cut flows inside a results folder. */
export const CUT_FLOW_FILE = 'cutflows.csv';

function quoted(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The cut flow of every background as CSV (pandas `read_csv`): one row per (process, step), the
 * unweighted Monte Carlo events, the efficiency relative to the generated σ and the expected
 * events at the scenario's luminosity with their Monte Carlo error.
 */
export function cutFlowCsv(backgrounds: readonly BackgroundTemplate[]): string {
  const rows = ['process,step,cut,description,mc_events,efficiency,yield,yield_err'];
  for (const b of backgrounds) b.cutflow.forEach((r, k) => rows.push([b.process, k + 1, r.cut, quoted(r.description), r.events, r.efficiency, r.yield, r.yield_err].map(String).join(',')));
  return `${rows.join('\n')}\n`;
}
