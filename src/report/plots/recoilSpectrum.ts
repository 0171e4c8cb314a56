import { figureSvg, makeFrame } from './frame.js';
import { drawLegend, type LegendEntry } from './legend.js';
import { seriesPath, stepBandPath } from './series.js';
import { COLOURS } from './style.js';
import { element, px } from './svg.js';

/**
 * Fig. 1: the M²recoil spectrum of the selected μ⁺μ⁻ sample, the backgrounds stacked at the
 * scenario's luminosity and the (pseudo-)data on top. The fine template bins (one resolution unit)
 * are joined into display bins at least `minBinWidthGeV2` wide, and every bin shows events per
 * GeV²/c⁴, so that bins of different widths compare.
 */

export interface SpectrumInput {
  /** Fine M²recoil edges, GeV²/c⁴. */
  readonly m2EdgesGeV2: readonly number[];
  /** Expected events per fine bin of each background, in stacking order (bottom first). */
  readonly backgrounds: readonly { readonly process: string; readonly events: readonly number[] }[];
  /** Observed events per fine bin; absent when there is no data set. */
  readonly data?: { readonly label: string; readonly events: readonly number[] };
  readonly minBinWidthGeV2?: number;
}

const PROCESS_LABELS: Readonly<Record<string, string>> = {
  mumu: 'μ^{+}μ^{−}(γ)',
  tautau: 'τ^{+}τ^{−}(γ)',
  eemumu: 'e^{+}e^{−}μ^{+}μ^{−}',
  ee: 'e^{+}e^{−}(γ)',
};

/** A process name in the paper's notation. */
export function processLabel(process: string): string {
  return PROCESS_LABELS[process] ?? process;
}

/** Indices into the fine edges that start each display bin (and the last edge): consecutive fine bins joined until ≥ width. */
export function displayBinning(edges: readonly number[], minWidth: number): number[] {
  const starts = [0];
  for (let k = 1; k < edges.length; k++) {
    const width = edges[k] - edges[starts[starts.length - 1]];
    if (width >= minWidth - 1e-12 || k === edges.length - 1) starts.push(k);
  }
  return starts;
}

function rebin(events: readonly number[], groups: readonly number[]): number[] {
  const out: number[] = [];
  for (let g = 0; g + 1 < groups.length; g++) {
    let s = 0;
    for (let k = groups[g]; k < groups[g + 1]; k++) s += events[k];
    out.push(s);
  }
  return out;
}

export function recoilSpectrumPlot(input: SpectrumInput, id = 'recoil-spectrum'): string {
  const nFine = input.m2EdgesGeV2.length - 1;
  for (const b of input.backgrounds) if (b.events.length !== nFine) throw new RangeError(`background ${b.process}: ${b.events.length} bins for ${nFine} M2recoil bins`);
  if (input.data !== undefined && input.data.events.length !== nFine) throw new RangeError(`data: ${input.data.events.length} bins for ${nFine} M2recoil bins`);
  const groups = displayBinning(input.m2EdgesGeV2, input.minBinWidthGeV2 ?? 1);
  const edges = groups.map((k) => input.m2EdgesGeV2[k]);
  const widths = edges.slice(1).map((e, g) => e - edges[g]);
  const stack: number[][] = [];
  let running = widths.map(() => 0);
  for (const b of input.backgrounds) {
    running = rebin(b.events, groups).map((n, g) => running[g] + n / widths[g]);
    stack.push(running);
  }
  const data = input.data === undefined ? undefined : rebin(input.data.events, groups);
  const densities = [...stack.flat(), ...(data ?? []).map((n, g) => (n + Math.sqrt(n)) / widths[g])].filter((v) => v > 0);
  const total = stack[stack.length - 1] ?? [];
  const floor = Math.min(...total.filter((v) => v > 0), ...(data ?? []).map((n, g) => (n > 0 ? n / widths[g] : Infinity)));
  const frame = makeFrame(
    id,
    // The M² axis starts just below the first edge and ends at the next multiple of 5 GeV²/c⁴.
    { label: 'M^{2}_{recoil} [GeV^{2}/c^{4}]', type: 'linear', domain: [Math.min(0, Math.floor(edges[0])), Math.ceil(edges[edges.length - 1] / 5) * 5], nice: false },
    { label: 'Events / (GeV^{2}/c^{4})', type: 'log', domain: [floor / 2, Math.max(...densities) * 30] },
  );
  const series: string[] = [];
  const legend: LegendEntry[] = [];
  stack.forEach((top, i) => {
    const bottom = i === 0 ? widths.map(() => 0) : stack[i - 1];
    const fill = COLOURS.backgrounds[i % COLOURS.backgrounds.length];
    const process = input.backgrounds[i].process;
    series.push(seriesPath(`background-${process}`, stepBandPath(frame, edges, bottom, top), { fill, stroke: COLOURS.line, 'stroke-width': 0.6 }));
    legend.unshift({ kind: 'fill', label: processLabel(process), fill, stroke: COLOURS.line });
  });
  if (data !== undefined && input.data !== undefined) {
    const marks: string[] = [];
    data.forEach((n, g) => {
      if (n <= 0) return;
      const x = frame.x(0.5 * (edges[g] + edges[g + 1]));
      const y = frame.y(n / widths[g]);
      const up = frame.y((n + Math.sqrt(n)) / widths[g]);
      const down = n - Math.sqrt(n) > 0 ? frame.y((n - Math.sqrt(n)) / widths[g]) : frame.bottom;
      marks.push(`M${px(x)},${px(up)}V${px(down)}`);
      marks.push(`M${px(x - 2.6)},${px(y)}a2.6,2.6 0 1,0 5.2,0a2.6,2.6 0 1,0 -5.2,0`);
    });
    series.push(element('path', { class: 'series', 'data-series': 'data', d: marks.join(''), fill: COLOURS.line, stroke: COLOURS.line, 'stroke-width': 1.1 }));
    legend.unshift({ kind: 'point', label: input.data.label, fill: COLOURS.line });
  }
  return figureSvg(frame, 'M²recoil spectrum of the selected μ⁺μ⁻ sample: stacked backgrounds and data', series, [drawLegend(frame, legend, 'top-right')]);
}
