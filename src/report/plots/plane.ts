import { format } from 'd3-format';
import { scaleLog } from 'd3-scale';
import { figureSvg, makeFrame } from './frame.js';
import { labelMarkup } from './label.js';
import { displayBinning, processLabel } from './recoilSpectrum.js';
import { FONT_SIZE } from './style.js';
import { element, text } from './svg.js';

/**
 * The (M²recoil, θrecoil c.m.) plane of one background: expected events per cell at the scenario's
 * luminosity, on joined M² bins (≥ `minBinWidthGeV2`) and pairs of θ bins, shaded on a log scale
 * from white to dark blue, which reads as light to dark grey in print. Empty cells stay white.
 */

export interface PlaneInput {
  readonly process: string;
  readonly m2EdgesGeV2: readonly number[];
  readonly thetaEdgesRad: readonly number[];
  /** Template cells in ROOT's global-bin order ix + (nx + 2)·iy, flows included. */
  readonly cells: ArrayLike<number>;
  readonly minBinWidthGeV2?: number;
  readonly thetaMerge?: number;
}

const RAD_TO_DEG = 180 / Math.PI;

export function planePlot(input: PlaneInput, id = `plane-${input.process}`): string {
  const nM2 = input.m2EdgesGeV2.length - 1;
  const nTheta = input.thetaEdgesRad.length - 1;
  if (input.cells.length !== (nM2 + 2) * (nTheta + 2)) throw new RangeError(`${input.process}: ${input.cells.length} cells for ${nM2} x ${nTheta} bins with flows`);
  const mGroups = displayBinning(input.m2EdgesGeV2, input.minBinWidthGeV2 ?? 2);
  const merge = input.thetaMerge ?? 2;
  const tGroups = Array.from({ length: Math.ceil(nTheta / merge) + 1 }, (_, k) => Math.min(k * merge, nTheta));
  const counts: number[][] = [];
  for (let g = 0; g + 1 < mGroups.length; g++) {
    const row: number[] = [];
    for (let h = 0; h + 1 < tGroups.length; h++) {
      let s = 0;
      for (let ix = mGroups[g]; ix < mGroups[g + 1]; ix++) for (let iy = tGroups[h]; iy < tGroups[h + 1]; iy++) s += input.cells[ix + 1 + (nM2 + 2) * (iy + 1)];
      row.push(s);
    }
    counts.push(row);
  }
  const positive = counts.flat().filter((v) => v > 0);
  const m2 = input.m2EdgesGeV2;
  const frame = makeFrame(
    id,
    { label: 'M^{2}_{recoil} [GeV^{2}/c^{4}]', type: 'linear', domain: [Math.min(0, Math.floor(m2[0])), Math.ceil(m2[nM2] / 5) * 5], nice: false },
    { label: 'θ_{recoil} (c.m.) [°]', type: 'linear', domain: [0, 180], nice: false },
  );
  const lo = positive.length === 0 ? 1 : Math.min(...positive);
  const hi = positive.length === 0 ? 10 : Math.max(...positive);
  const shade = scaleLog<string>().domain([lo, Math.max(hi, lo * 10)]).range(['#eef4fb', '#08306b']).clamp(true);
  const rects: string[] = [];
  counts.forEach((row, g) => {
    row.forEach((n, h) => {
      if (n <= 0) return;
      const x0 = frame.x(m2[mGroups[g]]);
      const x1 = frame.x(m2[mGroups[g + 1]]);
      const y0 = frame.y(input.thetaEdgesRad[tGroups[h + 1]] * RAD_TO_DEG);
      const y1 = frame.y(input.thetaEdgesRad[tGroups[h]] * RAD_TO_DEG);
      rects.push(element('rect', { x: x0, y: y0, width: x1 - x0, height: y1 - y0, fill: shade(n) }));
    });
  });
  const series = [element('g', { class: 'series', 'data-series': 'cells', 'data-cells': String(rects.length) }, rects)];
  const f = (n: number) => (n >= 1e3 || n < 1e-2 ? format('.2~e')(n) : format('.3~g')(n));
  const overlay = [
    element('rect', { x: frame.left + 4, y: frame.top + 4, width: 380, height: FONT_SIZE + 30, fill: '#ffffff', 'fill-opacity': '0.85' }),
    text({ class: 'note', x: frame.left + 10, y: frame.top + FONT_SIZE + 6 }, `${labelMarkup(processLabel(input.process))}: events per cell, ${f(lo)} to ${f(hi)} (log)`, true),
    element('rect', { class: 'colour-bar', x: frame.left + 10, y: frame.top + FONT_SIZE + 14, width: 120, height: 8, fill: 'none', stroke: '#000000', 'stroke-width': 0.6 }),
    ...Array.from({ length: 12 }, (_, k) => element('rect', { x: frame.left + 10 + k * 10, y: frame.top + FONT_SIZE + 14, width: 10, height: 8, fill: shade(lo * (hi / lo) ** (k / 11)) })),
  ];
  return figureSvg(frame, `(M²recoil, θrecoil c.m.) plane of the ${input.process} background`, series, overlay);
}
