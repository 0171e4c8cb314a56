import { format } from 'd3-format';
import { scaleLinear, scaleLog } from 'd3-scale';
import { labelMarkup, labelPlain } from './label.js';
import { COLOURS, FONT_FAMILY, FONT_SIZE, MARGIN, PLOT_HEIGHT, PLOT_WIDTH } from './style.js';
import { element, escapeXml, px, text } from './svg.js';

/**
 * The frame of a plot: the two scales from data to pixels, the axes with their ticks and labels,
 * and the `<svg>` document around the drawn series (clipped to the inner area).
 */

export interface AxisSpec {
  /** Label with units, sub/superscripts as `_{…}`, `^{…}` (see label.ts). */
  readonly label: string;
  readonly type: 'linear' | 'log';
  /** Data range to show; a log axis widens it to whole decades, a linear one to round ticks. */
  readonly domain: readonly [number, number];
  /** A linear axis extends its domain to round tick values unless this is false. */
  readonly nice?: boolean;
  /** About how many ticks a linear axis gets (default 7). */
  readonly tickCount?: number;
}

/** A map from data to pixels, with the domain it was built on. */
export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly type: 'linear' | 'log';
}

export interface Frame {
  readonly x: Scale;
  readonly y: Scale;
  readonly xAxis: AxisSpec;
  readonly yAxis: AxisSpec;
  /** Inner drawing area, in pixels. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** Prefix of the ids inside this plot's SVG, unique on a page. */
  readonly id: string;
}

/** 10ⁿ as the nearest double (10 ** −4 is 0.00009999999999999999). */
function decade(n: number): number {
  return Number(`1e${n}`);
}

/** [10^⌊log₁₀ lo⌋, 10^⌈log₁₀ hi⌉]: a log axis starts and ends on a labelled decade. */
export function decadeDomain(lo: number, hi: number): [number, number] {
  if (!(lo > 0 && hi >= lo && Number.isFinite(hi))) throw new RangeError(`a log axis needs 0 < lo <= hi, got [${lo}, ${hi}]`);
  const a = Math.floor(Math.log10(lo) + 1e-12);
  const b = Math.max(a + 1, Math.ceil(Math.log10(hi) - 1e-12));
  return [decade(a), decade(b)];
}

function makeScale(spec: AxisSpec, range: [number, number]): Scale {
  const [lo, hi] = spec.domain;
  if (spec.type === 'log') {
    const domain = decadeDomain(lo, hi);
    const s = scaleLog().domain(domain).range(range);
    return Object.assign((v: number) => s(v), { domain, type: 'log' as const });
  }
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new RangeError(`a linear axis needs lo < hi, got [${lo}, ${hi}]`);
  const s = scaleLinear().domain([lo, hi]).range(range);
  if (spec.nice !== false) s.nice(8);
  const [a, b] = s.domain();
  return Object.assign((v: number) => s(v), { domain: [a, b] as const, type: 'linear' as const });
}

export function makeFrame(id: string, xAxis: AxisSpec, yAxis: AxisSpec): Frame {
  const left = MARGIN.left;
  const right = PLOT_WIDTH - MARGIN.right;
  const top = MARGIN.top;
  const bottom = PLOT_HEIGHT - MARGIN.bottom;
  return { x: makeScale(xAxis, [left, right]), y: makeScale(yAxis, [bottom, top]), xAxis, yAxis, left, right, top, bottom, id };
}

/** One tick of an axis: its value, whether it carries a label, and the label's markup. */
export interface Tick {
  readonly value: number;
  readonly major: boolean;
  readonly label: string;
}

/** Decades labelled 10ⁿ, with unlabelled minor ticks at 2…9 × 10ⁿ. */
export function logTicks(domain: readonly [number, number]): Tick[] {
  const ticks: Tick[] = [];
  const a = Math.round(Math.log10(domain[0]));
  const b = Math.round(Math.log10(domain[1]));
  for (let n = a; n <= b; n++) {
    ticks.push({ value: decade(n), major: true, label: `10<tspan baseline-shift="super" font-size="72%">${escapeXml(format('d')(n))}</tspan>` });
    if (n < b) for (let k = 2; k <= 9; k++) ticks.push({ value: k * decade(n), major: false, label: '' });
  }
  return ticks;
}

/** About `count` round ticks of a linear domain, labelled with d3-format at the precision of their step. */
export function linearTicks(domain: readonly [number, number], count = 7): Tick[] {
  const s = scaleLinear().domain(domain);
  const label = s.tickFormat(count);
  return s.ticks(count).map((value) => ({ value, major: true, label: escapeXml(label(value)) }));
}

export function ticksOf(scale: Scale, spec?: AxisSpec): Tick[] {
  return scale.type === 'log' ? logTicks(scale.domain) : linearTicks(scale.domain, spec?.tickCount);
}

const MAJOR_TICK = 7;
const MINOR_TICK = 4;

/** The frame box, ticks inside the box on all four sides (as HEP plots do), labels and axis titles. */
export function drawAxes(frame: Frame): string {
  const { left, right, top, bottom } = frame;
  const parts: string[] = [];
  const xTicks = ticksOf(frame.x, frame.xAxis);
  const yTicks = ticksOf(frame.y, frame.yAxis);
  for (const t of xTicks) {
    const x = frame.x(t.value);
    const len = t.major ? MAJOR_TICK : MINOR_TICK;
    parts.push(element('path', { d: `M${px(x)},${px(bottom)}v${-len}M${px(x)},${px(top)}v${len}`, stroke: COLOURS.frame, 'stroke-width': 1 }));
    if (t.label !== '') parts.push(element('g', { class: 'tick x', 'data-value': String(t.value), transform: `translate(${px(x)},${px(bottom)})` }, [text({ y: FONT_SIZE + 8, 'text-anchor': 'middle' }, t.label, true)]));
  }
  for (const t of yTicks) {
    const y = frame.y(t.value);
    const len = t.major ? MAJOR_TICK : MINOR_TICK;
    parts.push(element('path', { d: `M${px(left)},${px(y)}h${len}M${px(right)},${px(y)}h${-len}`, stroke: COLOURS.frame, 'stroke-width': 1 }));
    if (t.label !== '') parts.push(element('g', { class: 'tick y', 'data-value': String(t.value), transform: `translate(${px(left)},${px(y)})` }, [text({ x: -8, dy: '0.35em', 'text-anchor': 'end' }, t.label, true)]));
  }
  parts.push(element('rect', { class: 'frame', x: left, y: top, width: right - left, height: bottom - top, fill: 'none', stroke: COLOURS.frame, 'stroke-width': 1.2 }));
  parts.push(text({ class: 'axis-label x', x: right, y: bottom + FONT_SIZE * 2 + 14, 'text-anchor': 'end' }, labelMarkup(frame.xAxis.label), true));
  parts.push(text({ class: 'axis-label y', transform: `translate(${px(left - 62)},${px(top)}) rotate(-90)`, 'text-anchor': 'end' }, labelMarkup(frame.yAxis.label), true));
  return parts.join('');
}

/**
 * The whole SVG document: `series` (already in pixels) clipped to the inner area, then the axes and
 * the legend on top. `title` becomes the accessible name of the image.
 */
export function figureSvg(frame: Frame, title: string, series: readonly string[], overlay: readonly string[] = []): string {
  const clip = `${frame.id}-clip`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${escapeXml(frame.id)}" class="plot" viewBox="0 0 ${PLOT_WIDTH} ${PLOT_HEIGHT}" width="${PLOT_WIDTH}" height="${PLOT_HEIGHT}" font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}" role="img">`,
    `<title>${escapeXml(labelPlain(title))}</title>`,
    `<defs><clipPath id="${escapeXml(clip)}"><rect x="${px(frame.left)}" y="${px(frame.top)}" width="${px(frame.right - frame.left)}" height="${px(frame.bottom - frame.top)}"/></clipPath></defs>`,
    element('rect', { x: 0, y: 0, width: PLOT_WIDTH, height: PLOT_HEIGHT, fill: '#ffffff' }),
    `<g class="data" clip-path="url(#${escapeXml(clip)})">${series.join('')}</g>`,
    drawAxes(frame),
    overlay.join(''),
    '</svg>',
  ].join('');
}
