import { type AxisSpec, figureSvg, makeFrame } from './frame.js';
import { drawLegend, type LegendEntry } from './legend.js';
import { linePath, seriesPath } from './series.js';
import { COLOURS, DASHES } from './style.js';
import { element, px } from './svg.js';
import { MASS_LABEL } from './limits.js';

/**
 * Plain curves against one variable: the signal selection efficiency against M_Z′ and the signal
 * M²recoil resolution curve (the points the detector model measured, with their errors, and the
 * interpolated curve the mass grid uses).
 */

function range(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  return [Math.min(...finite), Math.max(...finite)];
}

export function efficiencyPlot(massGeV: readonly number[], efficiency: readonly number[], id = 'signal-efficiency'): string {
  const [, hi] = range(efficiency);
  const frame = makeFrame(id, { label: MASS_LABEL, type: 'linear', domain: [0, Math.max(...massGeV)] }, { label: 'signal efficiency after the selection', type: 'linear', domain: [0, hi * 1.25] });
  const series = [seriesPath('efficiency', linePath(frame, massGeV, efficiency), { fill: 'none', stroke: COLOURS.line, 'stroke-width': 1.6 })];
  return figureSvg(frame, 'Signal selection efficiency against the Z′ mass', series);
}

export interface ResolutionInput {
  /** Measured points: M²recoil of the peak, its width σ and the error of σ, GeV²/c⁴. */
  readonly points: readonly { readonly m2GeV2: number; readonly sigmaGeV2: number; readonly sigmaErrGeV2: number }[];
  /** The interpolated curve of the mass grid at each hypothesis: M² and σ, GeV²/c⁴. */
  readonly curve: { readonly m2GeV2: readonly number[]; readonly sigmaGeV2: readonly number[] };
}

export function resolutionPlot(input: ResolutionInput, id = 'resolution'): string {
  const xs = [...input.points.map((p) => p.m2GeV2), ...input.curve.m2GeV2];
  const ys = [...input.points.map((p) => p.sigmaGeV2 + p.sigmaErrGeV2), ...input.curve.sigmaGeV2];
  const x: AxisSpec = { label: 'M^{2}_{recoil} [GeV^{2}/c^{4}]', type: 'linear', domain: [Math.min(0, ...xs), Math.max(...xs)] };
  const frame = makeFrame(id, x, { label: 'σ(M^{2}_{recoil}) [GeV^{2}/c^{4}]', type: 'linear', domain: [0, Math.max(...ys) * 1.3] });
  const marks = input.points.map((p) => {
    const cx = frame.x(p.m2GeV2);
    return `M${px(cx)},${px(frame.y(p.sigmaGeV2 + p.sigmaErrGeV2))}V${px(frame.y(Math.max(0, p.sigmaGeV2 - p.sigmaErrGeV2)))}M${px(cx - 3)},${px(frame.y(p.sigmaGeV2))}a3,3 0 1,0 6,0a3,3 0 1,0 -6,0`;
  });
  const series = [
    seriesPath('grid-curve', linePath(frame, input.curve.m2GeV2, input.curve.sigmaGeV2), { fill: 'none', stroke: COLOURS.line, 'stroke-width': 1.4, 'stroke-dasharray': DASHES.dashed }),
    element('path', { class: 'series', 'data-series': 'measured', d: marks.join(''), fill: COLOURS.line, stroke: COLOURS.line, 'stroke-width': 1.1 }),
  ];
  const legend: LegendEntry[] = [
    { kind: 'point', label: 'signal samples (Gaussian core width)', fill: COLOURS.line },
    { kind: 'line', label: 'interpolation used for the mass grid', stroke: COLOURS.line, dash: DASHES.dashed, width: 1.4 },
  ];
  return figureSvg(frame, 'Signal M²recoil resolution of the detector model', series, [drawLegend(frame, legend, 'top-right')]);
}
