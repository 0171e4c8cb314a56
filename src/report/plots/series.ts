import { area, line } from 'd3-shape';
import type { Frame } from './frame.js';
import { element, type Attributes } from './svg.js';

/**
 * Drawn series in pixels: lines, bands between two curves, and step histograms. Points whose value
 * cannot be drawn (not finite, or ≤ 0 on a log axis) break the curve instead of making NaN paths.
 */

const DIGITS = 2;

function drawable(frame: Frame, x: number, y: number): boolean {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  if (frame.x.type === 'log' && x <= 0) return false;
  if (frame.y.type === 'log' && y <= 0) return false;
  return true;
}

/** The SVG path data of the curve (x[k], y[k]). */
export function linePath(frame: Frame, x: readonly number[], y: readonly number[]): string {
  const points = x.map((xk, k) => [xk, y[k]] as const);
  const path = line<readonly [number, number]>()
    .defined(([a, b]) => drawable(frame, a, b))
    .x(([a]) => frame.x(a))
    .y(([, b]) => frame.y(b))
    .digits(DIGITS)(points);
  return path ?? '';
}

/** The SVG path data of the band between the curves low(x) and high(x). */
export function bandPath(frame: Frame, x: readonly number[], low: readonly number[], high: readonly number[]): string {
  const points = x.map((xk, k) => [xk, low[k], high[k]] as const);
  const path = area<readonly [number, number, number]>()
    .defined(([a, b, c]) => drawable(frame, a, b) && drawable(frame, a, c))
    .x(([a]) => frame.x(a))
    .y0(([, b]) => frame.y(b))
    .y1(([, , c]) => frame.y(c))
    .digits(DIGITS)(points);
  return path ?? '';
}

/**
 * The outline of a histogram with bin edges `edges` and contents `top`, down to `bottom` (another
 * histogram's contents, or the axis floor): the shape of one layer of a stack.
 */
export function stepBandPath(frame: Frame, edges: readonly number[], bottom: readonly number[], top: readonly number[]): string {
  const upper: [number, number][] = [];
  const lower: [number, number][] = [];
  for (let k = 0; k < top.length; k++) {
    upper.push([edges[k], top[k]], [edges[k + 1], top[k]]);
    lower.push([edges[k], bottom[k]], [edges[k + 1], bottom[k]]);
  }
  const floor = frame.y.domain[0];
  const clampY = (v: number) => frame.y(frame.y.type === 'log' ? Math.max(v, floor) : v);
  const pts = [...upper, ...lower.reverse()];
  const path = line<[number, number]>()
    .x(([a]) => frame.x(a))
    .y(([, b]) => clampY(b))
    .digits(DIGITS)(pts);
  return path === null ? '' : `${path}Z`;
}

/** A `<path>` element for one series; `series` names it for tests and readers of the SVG. */
export function seriesPath(series: string, d: string, style: Attributes): string {
  return element('path', { class: 'series', 'data-series': series, d, ...style });
}
