import { figureSvg, makeFrame } from './frame.js';
import { drawLegend, type LegendEntry } from './legend.js';
import { processLabel } from './recoilSpectrum.js';
import { linePath, seriesPath } from './series.js';
import { COLOURS, DASHES } from './style.js';
import { element, px } from './svg.js';

/**
 * The cut flows of the backgrounds: the expected events at the scenario's luminosity after each
 * step of the selection (steps numbered from 1, in the order of the paper), one line per process,
 * log y. The page's tables name each step.
 */

export interface CutFlowLine {
  readonly process: string;
  /** Expected events after steps 1 … n. */
  readonly yields: readonly number[];
}

const LINE_DASHES = [DASHES.solid, DASHES.dashed, DASHES.dotted, DASHES.dashDot];

export function cutFlowPlot(lines: readonly CutFlowLine[], id = 'cut-flows'): string {
  const steps = Math.max(...lines.map((l) => l.yields.length));
  if (!(steps >= 1)) throw new RangeError('a cut-flow plot needs at least one step');
  const positive = lines.flatMap((l) => l.yields.filter((y) => y > 0));
  if (positive.length === 0) throw new RangeError('a cut-flow plot needs at least one positive yield');
  const lo = Math.min(...positive);
  const hi = Math.max(...positive);
  const frame = makeFrame(id, { label: 'selection step', type: 'linear', domain: [0.5, steps + 0.5], nice: false, tickCount: steps }, { label: 'expected events', type: 'log', domain: [lo, hi * 10 ** 1.2] });
  const legend: LegendEntry[] = [];
  const series = lines.map((line, k) => {
    const stroke = COLOURS.backgrounds[Math.min(k + 1, COLOURS.backgrounds.length - 1)];
    const dash = LINE_DASHES[k % LINE_DASHES.length];
    const kept = line.yields.map((y, i) => [i + 1, y] as const).filter(([, y]) => y > 0);
    const x = kept.map(([i]) => i);
    const y = kept.map(([, v]) => v);
    legend.push({ kind: 'line', label: processLabel(line.process), stroke, dash, width: 2 });
    const marks = kept.map(([i, v]) => `M${px(frame.x(i) - 3)},${px(frame.y(v))}a3,3 0 1,0 6,0a3,3 0 1,0 -6,0`).join('');
    return element('g', { class: `series cutflow-${line.process}` }, [
      seriesPath(`cutflow-${line.process}-line`, linePath(frame, x, y), { fill: 'none', stroke, 'stroke-width': 2, 'stroke-dasharray': dash }),
      seriesPath(`cutflow-${line.process}-points`, marks, { fill: stroke, stroke: 'none' }),
    ]);
  });
  return figureSvg(frame, 'Cut flows of the backgrounds: expected events after each selection step', series, [drawLegend(frame, legend, 'top-right')]);
}
