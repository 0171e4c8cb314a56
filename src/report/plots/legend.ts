import type { Frame } from './frame.js';
import { labelMarkup, labelPlain } from './label.js';
import { FONT_SIZE } from './style.js';
import { element, px, text } from './svg.js';

/** One legend entry: a filled box, a line, or a data point with its error bar. */
export type LegendEntry =
  | { readonly kind: 'fill'; readonly label: string; readonly fill: string; readonly stroke?: string; readonly pattern?: string }
  | { readonly kind: 'line'; readonly label: string; readonly stroke: string; readonly dash?: string; readonly width?: number }
  | { readonly kind: 'point'; readonly label: string; readonly fill: string };

export type LegendCorner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

const ROW = FONT_SIZE * 1.45;
const SWATCH = 26;

/** The legend in a corner of the inner area, on a white box so that it reads over the data. */
export function drawLegend(frame: Frame, entries: readonly LegendEntry[], corner: LegendCorner): string {
  // Text width is estimated (no font metrics without a browser): 0.56 em per character.
  const longest = Math.max(...entries.map((e) => labelPlain(e.label).length));
  const width = SWATCH + 18 + longest * FONT_SIZE * 0.56;
  const height = entries.length * ROW + 8;
  const x0 = corner.endsWith('left') ? frame.left + 8 : frame.right - 8 - width;
  const y0 = corner.startsWith('top') ? frame.top + 8 : frame.bottom - 8 - height;
  const parts = [element('rect', { x: x0, y: y0, width, height, fill: '#ffffff', 'fill-opacity': '0.85', stroke: 'none' })];
  entries.forEach((e, k) => {
    const cy = y0 + 4 + ROW * (k + 0.5);
    const sx = x0 + 6;
    if (e.kind === 'fill') parts.push(element('rect', { x: sx, y: cy - 6, width: SWATCH, height: 12, fill: e.pattern ?? e.fill, stroke: e.stroke ?? 'none' }));
    else if (e.kind === 'line') parts.push(element('path', { d: `M${px(sx)},${px(cy)}h${SWATCH}`, stroke: e.stroke, 'stroke-width': e.width ?? 2, 'stroke-dasharray': e.dash, fill: 'none' }));
    else {
      parts.push(element('path', { d: `M${px(sx + SWATCH / 2)},${px(cy - 7)}v14`, stroke: e.fill, 'stroke-width': 1.2 }));
      parts.push(element('circle', { cx: sx + SWATCH / 2, cy, r: 3, fill: e.fill }));
    }
    parts.push(text({ x: sx + SWATCH + 8, y: cy, dy: '0.35em' }, labelMarkup(e.label), true));
  });
  return element('g', { class: 'legend' }, parts);
}
