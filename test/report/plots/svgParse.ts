/** Readers of the SVG our plots write, for tests: ticks, series paths, and a tag-balance check. */

export interface ParsedTick {
  readonly value: number;
  readonly pixel: number;
}

/** The labelled ticks of an axis: their data value and pixel position. */
export function ticks(svg: string, axis: 'x' | 'y'): ParsedTick[] {
  const re = new RegExp(`<g class="tick ${axis}" data-value="([^"]+)" transform="translate\\(([^,]+),([^)]+)\\)">`, 'g');
  return [...svg.matchAll(re)].map((m) => ({ value: Number(m[1]), pixel: Number(axis === 'x' ? m[2] : m[3]) }));
}

/** The `d` attribute of the series named `name`. */
export function seriesD(svg: string, name: string): string {
  const m = new RegExp(`<path class="series" data-series="${name}" d="([^"]*)"`).exec(svg);
  if (m === null) throw new Error(`no series ${name}`);
  return m[1];
}

/** The vertices of absolute M/L path data, as [x, y] pairs. */
export function vertices(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The pixel of `value` on an axis, interpolated between two labelled ticks (in log10 on a log axis). */
export function pixelOf(axisTicks: readonly ParsedTick[], value: number, log: boolean): number {
  const [a, b] = axisTicks;
  const f = (v: number) => (log ? Math.log10(v) : v);
  return a.pixel + ((b.pixel - a.pixel) * (f(value) - f(a.value))) / (f(b.value) - f(a.value));
}

/** Throws unless every element opens and closes in order (self-closing tags aside). */
export function checkBalanced(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, tag, selfClosing] = m;
    if (selfClosing === '/') continue;
    if (closing === '/') {
      const open = stack.pop();
      if (open !== tag) throw new Error(`</${tag}> closes <${open}>`);
    } else stack.push(tag);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
}
