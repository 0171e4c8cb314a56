import { type AxisSpec, figureSvg, makeFrame } from './frame.js';
import { drawLegend, type LegendEntry } from './legend.js';
import { bandPath, linePath, seriesPath } from './series.js';
import { COLOURS, DASHES } from './style.js';

/**
 * The limit plots of the paper: 90% CL upper limits on σ(e⁺e⁻ → μ⁺μ⁻Z′)·B(Z′ → invisible) against
 * M_Z′ (Fig. 2) and on g′ (Figs. 3, 4, with the (g − 2)_μ ± 2σ band), the expected median with its
 * ±1σ (green) and ±2σ (yellow) bands, and the observed limit when there is one.
 */

/** Limits at each mass: the expected band [−2σ, −1σ, median, +1σ, +2σ] and the observed limit. */
export interface LimitCurves {
  readonly massGeV: readonly number[];
  readonly expected: readonly (readonly number[])[];
  readonly observed?: readonly number[];
}

/** A further limit curve drawn over the bands (the wide-Z′ benchmark of Fig. 3), in its own dash. */
export interface ExtraLimitLine {
  readonly id: string;
  readonly label: string;
  readonly massGeV: readonly number[];
  readonly values: readonly number[];
  readonly dash: string;
}

export const MASS_LABEL = 'M_{Z′} [GeV/c^{2}]';
export const SIGMA_LABEL = 'σ(e^{+}e^{−} → μ^{+}μ^{−}Z′) × B(Z′ → inv.) [fb]';
export const GPRIME_LABEL = 'g′';

function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v) && v > 0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(lo <= hi)) throw new RangeError('a limit plot needs at least one positive, finite limit');
  return [lo, hi];
}

function column(curves: LimitCurves, k: number): number[] {
  return curves.expected.map((band, i) => {
    if (band.length !== 5) throw new RangeError(`expected band ${i} has ${band.length} entries: must be [−2σ, −1σ, median, +1σ, +2σ]`);
    return band[k];
  });
}

interface LimitPlotOptions {
  readonly id: string;
  readonly title: string;
  readonly xAxis: AxisSpec;
  readonly yLabel: string;
  /** Extra y values the axis must reach (a band drawn beside the limits). */
  readonly yReach?: readonly number[];
  readonly overlayLegend?: readonly LegendEntry[];
  readonly extraLines?: readonly ExtraLimitLine[];
}

function limitPlot(curves: LimitCurves, options: LimitPlotOptions, buildOverlays?: (frame: ReturnType<typeof makeFrame>) => string[]): string {
  const lo = column(curves, 0);
  const m1 = column(curves, 1);
  const median = column(curves, 2);
  const p1 = column(curves, 3);
  const hi = column(curves, 4);
  const extra = options.extraLines ?? [];
  const yRange = extent([...lo, ...hi, ...(curves.observed ?? []), ...(options.yReach ?? []), ...extra.flatMap((l) => l.values)]);
  // Room above the curves for the legend: half a decade.
  const frame = makeFrame(options.id, options.xAxis, { label: options.yLabel, type: 'log', domain: [yRange[0], yRange[1] * 10 ** 0.5] });
  const x = curves.massGeV;
  const series = [
    seriesPath('expected-2sigma', bandPath(frame, x, lo, hi), { fill: COLOURS.band2, stroke: 'none' }),
    seriesPath('expected-1sigma', bandPath(frame, x, m1, p1), { fill: COLOURS.band1, stroke: 'none' }),
    ...(buildOverlays?.(frame) ?? []),
    seriesPath('expected-median', linePath(frame, x, median), { fill: 'none', stroke: COLOURS.line, 'stroke-width': 1.8, 'stroke-dasharray': DASHES.dashed }),
  ];
  const legend: LegendEntry[] = [];
  if (curves.observed !== undefined) {
    if (curves.observed.length !== x.length) throw new RangeError(`observed limits: ${curves.observed.length} values for ${x.length} masses`);
    series.push(seriesPath('observed', linePath(frame, x, curves.observed), { fill: 'none', stroke: COLOURS.line, 'stroke-width': 1.6 }));
    legend.push({ kind: 'line', label: 'Observed', stroke: COLOURS.line, width: 1.6 });
  }
  for (const line of extra) {
    if (line.values.length !== line.massGeV.length) throw new RangeError(`${line.id}: ${line.values.length} values for ${line.massGeV.length} masses`);
    series.push(seriesPath(line.id, linePath(frame, line.massGeV, line.values), { fill: 'none', stroke: COLOURS.line, 'stroke-width': 1.6, 'stroke-dasharray': line.dash }));
    legend.push({ kind: 'line', label: line.label, stroke: COLOURS.line, dash: line.dash, width: 1.6 });
  }
  legend.push(
    { kind: 'line', label: 'Expected (median)', stroke: COLOURS.line, dash: DASHES.dashed, width: 1.8 },
    { kind: 'fill', label: 'Expected ±1σ', fill: COLOURS.band1 },
    { kind: 'fill', label: 'Expected ±2σ', fill: COLOURS.band2 },
    ...(options.overlayLegend ?? []),
  );
  return figureSvg(frame, options.title, series, [drawLegend(frame, legend, 'top-left')]);
}

/** Fig. 2: limits on σ·B in fb against M_Z′ (linear mass axis); `qualifier` names the benchmark (e.g. "Γ = 0.1 M"). */
export function sigmaLimitPlot(curves: LimitCurves, id = 'sigma-limits', luminosityFb?: number, qualifier?: string): string {
  const maxMass = Math.max(...curves.massGeV);
  const lumi = luminosityFb === undefined ? '' : `, ${luminosityFb} fb⁻¹`;
  return limitPlot(curves, {
    id,
    title: `90% CL upper limits on σ(e⁺e⁻ → μ⁺μ⁻Z′) × B(Z′ → invisible)${qualifier === undefined ? '' : `, ${qualifier}`}${lumi}`,
    xAxis: { label: MASS_LABEL, type: 'linear', domain: [0, maxMass] },
    yLabel: SIGMA_LABEL,
  });
}

/** Figs. 3, 4: limits on g′ against M_Z′ (log mass axis) with the (g − 2)_μ ± 2σ band. */
export function couplingLimitPlot(curves: LimitCurves, muonAnomalyBand: readonly (readonly [number, number])[], model: 'fully_invisible' | 'vanilla', id = `gprime-limits-${model}`, extraLines: readonly ExtraLimitLine[] = []): string {
  const x = curves.massGeV;
  if (muonAnomalyBand.length !== x.length) throw new RangeError(`(g−2)_μ band: ${muonAnomalyBand.length} values for ${x.length} masses`);
  const low = muonAnomalyBand.map((b) => b[0]);
  const high = muonAnomalyBand.map((b) => b[1]);
  const name = model === 'fully_invisible' ? 'fully invisible L_{μ} − L_{τ} (B(Z′ → inv.) = 1)' : 'vanilla L_{μ} − L_{τ}';
  const positive = x.filter((m) => m > 0);
  return limitPlot(
    curves,
    {
      id,
      title: `90% CL upper limits on g′, ${name.replace(/[_^]\{([^}]*)\}/g, '$1')}`,
      xAxis: { label: MASS_LABEL, type: 'log', domain: [Math.min(...positive), Math.max(...positive)] },
      yLabel: GPRIME_LABEL,
      yReach: [...low.filter((v) => v > 0), ...high],
      overlayLegend: [{ kind: 'fill', label: '(g − 2)_{μ} ± 2σ', fill: COLOURS.muonAnomaly, stroke: COLOURS.muonAnomalyEdge }],
      extraLines,
    },
    (frame) => [
      seriesPath('g-minus-2', bandPath(frame, x, low, high), { fill: COLOURS.muonAnomaly, 'fill-opacity': '0.6', stroke: COLOURS.muonAnomalyEdge, 'stroke-width': 1 }),
    ],
  );
}
