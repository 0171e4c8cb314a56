/**
 * The report page: one self-contained HTML file (styles and SVG plots inline, nothing loaded from
 * anywhere else) with the scenario, the figures and the tables of a run.
 */
import { format } from 'd3-format';
import type { CutFlowRow } from '../selection/cutflow.js';
import type { Figure } from './figures.js';
import { processLabel } from './plots/recoilSpectrum.js';
import { labelPlain } from './plots/label.js';
import { escapeXml } from './plots/svg.js';
import type { RunResults } from './results.js';

export interface PageOptions {
  /** Who wrote the page, e.g. "zprime-mc 0.1.0": printed in the footer. */
  readonly generator: string;
  /** Other files of the run to list (names relative to the page). */
  readonly files?: readonly string[];
  /** About how many rows the limit table shows. */
  readonly limitRows?: number;
}

const sig3 = format('.3~g');
const exp2 = format('.2e');
const fix2 = format('.2f');
const fix3 = format('.3f');

const CSS = `
body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.4; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #999; }
figure { margin: 1.5em 0; } figure svg { width: 100%; max-width: 720px; height: auto; display: block; }
figcaption { font-size: 0.92em; max-width: 720px; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.8em 0; }
th, td { padding: 0.15em 0.6em; border-bottom: 1px solid #ddd; } th { text-align: left; background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #444; font-size: 0.9em; }
@media print { body { max-width: none; } figure { break-inside: avoid; } }
`;

function cell(value: string, numeric = false): string {
  return numeric ? `<td class="num">${escapeXml(value)}</td>` : `<td>${escapeXml(value)}</td>`;
}

function table(header: readonly string[] | null, rows: readonly (readonly string[])[], numericFrom = 1): string {
  const head = header === null ? '' : `<tr>${header.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((v, k) => cell(v, k >= numericFrom)).join('')}</tr>`).join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

function ranges(r: readonly (readonly [number, number])[]): string {
  return r.length === 0 ? 'no mass' : r.map(([a, b]) => (a === b ? `${fix2(a)} GeV/c²` : `${fix2(a)}–${fix2(b)} GeV/c²`)).join(', ');
}

function scenarioSection(results: RunResults): string {
  const e = results.expected;
  const t = results.templates;
  const masses = e.points.map((p) => p.mass_GeV);
  const rows: [string, string][] = [
    ['scenario', e.scenario],
    ['integrated luminosity', `${e.luminosity_fb} fb⁻¹`],
    ['mass hypotheses', `${masses.length}, from ${fix3(masses[0])} to ${fix3(masses[masses.length - 1])} GeV/c²`],
    ['limits', `90% CL, ${e.calculator} CLs (q̃μ)`],
  ];
  if (t !== undefined) {
    rows.push(['seed', String(t.seed)]);
    rows.push(['(M²recoil, θrecoil c.m.) bins', `${t.axes.m2Edges.length - 1} × ${t.axes.thetaCMEdges.length - 1}`]);
    rows.push(['Punzi-net', t.punzi_net === null ? 'not applied' : `applied (SHA-256 ${t.punzi_net.slice(0, 12)}…)`]);
  }
  rows.push(['data set', results.observed === undefined ? 'none (expected limits only)' : (results.dataName ?? results.observed.data)]);
  return `<h2 id="scenario">Scenario</h2>\n${table(null, rows, 2)}`;
}

function summarySection(results: RunResults): string {
  const items = [
    `The median expected g′ limit excludes the whole (g − 2)μ ± 2σ band of the fully invisible model at ${ranges(results.expected.g_minus_2_excluded_GeV.fully_invisible)}; of the vanilla model at ${ranges(results.expected.g_minus_2_excluded_GeV.vanilla)}.`,
  ];
  const o = results.observed;
  if (o !== undefined) items.push(`Largest local excess: ${fix2(o.max_local_significance.significance)}σ at M(Z′) = ${fix3(o.max_local_significance.mass_GeV)} GeV/c².`);
  const l = results.lee;
  if (l !== undefined) {
    items.push(`Global significance of the largest excess: ${fix2(l.global_significance_toys)}σ from ${l.toys} background-only toys of the whole scan (p = ${sig3(l.global_p_toys)} ± ${sig3(l.global_p_toys_error)}), ${fix2(l.global_significance_gross_vitells)}σ from the Gross–Vitells formula (p = ${sig3(l.global_p_gross_vitells)}, ⟨N(c₀ = ${l.gross_vitells_c0})⟩ = ${sig3(l.mean_up_crossings_c0)}).`);
  }
  items.push(...results.notes);
  return `<h2 id="summary">Summary</h2>\n<ul>\n${items.map((i) => `<li>${escapeXml(i)}</li>`).join('\n')}\n</ul>`;
}

function figuresSection(figures: readonly Figure[]): string {
  const blocks = figures.map((f) => `<figure id="fig-${escapeXml(f.id)}">\n<h3>${escapeXml(labelPlain(f.title))}</h3>\n${f.svg}\n<figcaption>${escapeXml(f.caption)}</figcaption>\n</figure>`);
  return `<h2 id="figures">Figures</h2>\n${blocks.join('\n')}`;
}

/** Every `step`-th hypothesis and the last one. */
function sampled<T>(points: readonly T[], rows: number): T[] {
  const step = Math.max(1, Math.floor(points.length / rows));
  const out = points.filter((_, k) => k % step === 0);
  if ((points.length - 1) % step !== 0) out.push(points[points.length - 1]);
  return out;
}

function limitsSection(results: RunResults, rows: number): string {
  const o = results.observed?.points;
  const header = ['M(Z′) [GeV/c²]', 'θ bins', 'σ(g′=1) [fb]', 'σ×B UL exp −1σ [fb]', 'median', '+1σ', ...(o === undefined ? [] : ['obs [fb]']), 'g′ UL exp (B=1)', 'g′ UL exp (vanilla)', ...(o === undefined ? [] : ['g′ obs (B=1)', 'local Z [σ]'])];
  const index = new Map(results.expected.points.map((p, k) => [p, k]));
  const body = sampled(results.expected.points, rows).map((p) => {
    const k = index.get(p) ?? 0;
    const obs = o?.[k];
    return [
      fix3(p.mass_GeV),
      String(p.theta_bins),
      exp2(p.sigma_gprime1_fb),
      sig3(p.sigma_ul_fb.exp[1]),
      sig3(p.sigma_ul_fb.exp[2]),
      sig3(p.sigma_ul_fb.exp[3]),
      ...(obs === undefined ? [] : [sig3(obs.sigma_ul_fb.obs)]),
      exp2(p.gprime_ul.fully_invisible.exp[2]),
      exp2(p.gprime_ul.vanilla.exp[2]),
      ...(obs === undefined ? [] : [exp2(obs.gprime_ul.fully_invisible.obs), fix2(obs.local_significance)]),
    ];
  });
  const note = `<p class="note">One hypothesis in ${Math.max(1, Math.floor(results.expected.points.length / rows))} of ${results.expected.points.length}; every hypothesis is in expected.csv${o === undefined ? '' : ' and observed.csv'}.</p>`;
  return `<h2 id="limits">Limits</h2>\n${table(header, body)}\n${note}`;
}

function backgroundsSection(results: RunResults): string {
  const t = results.templates;
  if (t === undefined) return '';
  const summary = table(
    ['process', 'σ [pb]', 'generated', 'efficiency', `expected at ${t.luminosity_fb} fb⁻¹`, 'MC/data luminosity'],
    t.backgrounds.map((b) => [labelPlain(processLabel(b.process)), sig3(b.sigma_pb), exp2(b.events_generated), exp2(b.efficiency), sig3(b.expected_events), sig3(b.mc_luminosity_ratio)]),
  );
  const flows = t.backgrounds.map((b) => `<h3>Cut flow: ${escapeXml(labelPlain(processLabel(b.process)))}</h3>\n${cutFlowTable(b.cutflow)}`);
  return `<h2 id="backgrounds">Backgrounds and cut flows</h2>\n${summary}\n${flows.join('\n')}`;
}

function cutFlowTable(rows: readonly CutFlowRow[]): string {
  const fmt = (v: number, f: (x: number) => string) => (Number.isFinite(v) ? f(v) : '—');
  return table(
    ['step', 'cut', 'what it requires', 'MC events', 'efficiency', 'yield', '± MC'],
    rows.map((r, k) => [String(k + 1), r.cut, r.description, String(r.events), fmt(r.efficiency, exp2), fmt(r.yield, sig3), fmt(r.yield_err, sig3)]),
    3,
  );
}

function filesSection(files: readonly string[]): string {
  if (files.length === 0) return '';
  return `<h2 id="files">Files of this run</h2>\n<ul>\n${files.map((f) => `<li><a href="${escapeXml(f)}">${escapeXml(f)}</a></li>`).join('\n')}\n</ul>`;
}

/** The whole page. The same results and options give the same bytes. */
export function reportPage(results: RunResults, figures: readonly Figure[], options: PageOptions): string {
  const title = `zprime-mc report: ${results.expected.scenario}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeXml(title)}</h1>`,
    `<p class="note">Invisible Z′ search in e⁺e⁻ → μ⁺μ⁻Z′, Z′ → invisible, re-created at generator and fast-simulation level after Belle II, PRL 130, 231801 (2023).</p>`,
    scenarioSection(results),
    summarySection(results),
    figuresSection(figures),
    limitsSection(results, options.limitRows ?? 22),
    backgroundsSection(results),
    filesSection(options.files ?? []),
    `<footer class="note"><p>Written by ${escapeXml(options.generator)} from the results in this folder; redraw with <code>zprime-mc report --in DIR</code>.</p></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
