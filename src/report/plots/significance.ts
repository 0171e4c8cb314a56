import normal from '@stdlib/stats-base-dists-normal';
import { format } from 'd3-format';
import { grossVitellsPValue } from '../../scan/lookElsewhere.js';
import { figureSvg, makeFrame } from './frame.js';
import { drawLegend, type LegendEntry } from './legend.js';
import { linePath, seriesPath } from './series.js';
import { COLOURS, DASHES, FONT_SIZE } from './style.js';
import { element, px, text } from './svg.js';
import { MASS_LABEL } from './limits.js';

/**
 * The local significance of every mass hypothesis with the global significance of the largest
 * excess, and the look-elsewhere picture behind it: the fraction of background-only toys whose
 * largest local significance reaches Z, against the Gross–Vitells bound
 * p(Z) ≈ Φ(−Z) + ⟨N(c₀)⟩ e^{−(Z² − c₀)/2} (Eur. Phys. J. C 70 (2010) 525, Eq. (4)).
 */

/** The global significance of the largest excess (lee.json). */
export interface GlobalSignificance {
  readonly maxLocalSignificance: number;
  readonly massGeV: number;
  readonly toys: number;
  readonly globalSignificanceToys: number;
  readonly globalSignificanceGrossVitells: number;
  readonly c0: number;
  readonly meanUpCrossings: number;
  readonly toyMaxLocalSignificance: readonly number[];
}

const f2 = format('.2f');

export function localSignificancePlot(massGeV: readonly number[], localSignificance: readonly number[], global?: GlobalSignificance, id = 'local-significance'): string {
  if (massGeV.length !== localSignificance.length) throw new RangeError(`local significance: ${localSignificance.length} values for ${massGeV.length} masses`);
  const zMax = Math.max(3, ...localSignificance.filter(Number.isFinite));
  const frame = makeFrame(id, { label: MASS_LABEL, type: 'linear', domain: [0, Math.max(...massGeV)] }, { label: 'local significance [σ]', type: 'linear', domain: [0, zMax * 1.3] });
  const levels = [1, 2, 3, 4, 5].filter((z) => z <= frame.y.domain[1]);
  const series = [
    ...levels.map((z) => element('path', { class: 'level', d: `M${px(frame.left)},${px(frame.y(z))}H${px(frame.right)}`, stroke: COLOURS.toys, 'stroke-width': 0.8, 'stroke-dasharray': DASHES.dotted })),
    seriesPath('local-significance', linePath(frame, massGeV, localSignificance), { fill: 'none', stroke: COLOURS.line, 'stroke-width': 1.4 }),
  ];
  const overlay: string[] = [];
  let best = 0;
  localSignificance.forEach((z, k) => {
    if (z > localSignificance[best]) best = k;
  });
  const note = global === undefined
    ? `largest: ${f2(localSignificance[best])}σ local at ${f2(massGeV[best])} GeV/c²`
    : `largest: ${f2(global.maxLocalSignificance)}σ local at ${f2(global.massGeV)} GeV/c²`;
  overlay.push(text({ class: 'note', x: frame.right - 10, y: frame.top + FONT_SIZE + 6, 'text-anchor': 'end' }, note));
  if (global !== undefined) {
    overlay.push(text({ class: 'note', x: frame.right - 10, y: frame.top + 2 * FONT_SIZE + 12, 'text-anchor': 'end' }, `global: ${f2(global.globalSignificanceToys)}σ (${global.toys} toys), ${f2(global.globalSignificanceGrossVitells)}σ (Gross–Vitells)`));
  }
  return figureSvg(frame, 'Local significance of every Z′ mass hypothesis', series, overlay);
}

/** The survival fraction of the toys' largest local significance, as the vertices of a step curve. */
export function toySurvivalSteps(toyMax: readonly number[]): { z: number[]; fraction: number[] } {
  const sorted = [...toyMax].sort((a, b) => a - b);
  const n = sorted.length;
  const z = [0];
  const fraction = [1];
  sorted.forEach((t, k) => {
    z.push(t, t);
    fraction.push((n - k) / n, k + 1 < n ? (n - k - 1) / n : (n - k) / n);
  });
  return { z, fraction };
}

export function leeToysPlot(global: GlobalSignificance, id = 'lee-toys'): string {
  const toyMax = global.toyMaxLocalSignificance;
  if (toyMax.length === 0) throw new RangeError('the look-elsewhere plot needs at least one toy');
  const zEnd = Math.max(4, global.maxLocalSignificance + 1, ...toyMax);
  const zs = Array.from({ length: 201 }, (_, k) => (zEnd * k) / 200);
  const gv = zs.map((z) => grossVitellsPValue(z * z, global.c0, global.meanUpCrossings));
  const local = zs.map((z) => normal.cdf(-z, 0, 1));
  const steps = toySurvivalSteps(toyMax);
  const floor = Math.min(1 / toyMax.length, grossVitellsPValue(zEnd * zEnd, global.c0, global.meanUpCrossings));
  const frame = makeFrame(id, { label: 'largest local significance Z of a scan [σ]', type: 'linear', domain: [0, zEnd] }, { label: 'fraction of scans with Z_{max} ≥ Z', type: 'log', domain: [floor, 1] });
  const series = [
    seriesPath('toys', linePath(frame, steps.z, steps.fraction), { fill: 'none', stroke: COLOURS.toys, 'stroke-width': 2.4 }),
    seriesPath('gross-vitells', linePath(frame, zs, gv), { fill: 'none', stroke: COLOURS.line, 'stroke-width': 1.6, 'stroke-dasharray': DASHES.dashed }),
    seriesPath('local-p', linePath(frame, zs, local), { fill: 'none', stroke: COLOURS.line, 'stroke-width': 1.2, 'stroke-dasharray': DASHES.dotted }),
    element('path', { class: 'observed', 'data-series': 'observed-max', d: `M${px(frame.x(global.maxLocalSignificance))},${px(frame.top)}V${px(frame.bottom)}`, stroke: COLOURS.line, 'stroke-width': 1.2, 'stroke-dasharray': DASHES.dashDot }),
  ];
  const legend: LegendEntry[] = [
    { kind: 'line', label: `background-only toys (${toyMax.length})`, stroke: COLOURS.toys, width: 2.4 },
    { kind: 'line', label: `Gross–Vitells, ⟨N(c_{0} = ${global.c0})⟩ = ${format('.3~g')(global.meanUpCrossings)}`, stroke: COLOURS.line, dash: DASHES.dashed, width: 1.6 },
    { kind: 'line', label: 'local p-value Φ(−Z)', stroke: COLOURS.line, dash: DASHES.dotted, width: 1.2 },
    { kind: 'line', label: `observed Z_{max} = ${f2(global.maxLocalSignificance)}σ`, stroke: COLOURS.line, dash: DASHES.dashDot, width: 1.2 },
  ];
  return figureSvg(frame, 'Largest local significance of background-only toys of the whole scan, with the Gross–Vitells formula', series, [drawLegend(frame, legend, 'bottom-left')]);
}
