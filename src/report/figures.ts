import { efficiencyPlot, resolutionPlot } from './plots/curves.js';
import { cutFlowPlot } from './plots/cutFlow.js';
import { couplingLimitPlot, type ExtraLimitLine, type LimitCurves, sigmaLimitPlot } from './plots/limits.js';
import { DASHES } from './plots/style.js';
import { planePlot } from './plots/plane.js';
import { processLabel, recoilSpectrumPlot } from './plots/recoilSpectrum.js';
import { labelPlain } from './plots/label.js';
import { type GlobalSignificance, leeToysPlot, localSignificancePlot } from './plots/significance.js';
import { m2Projection, type RunResults } from './results.js';

/** One figure of the report: a file name stem, the SVG, and the caption the page shows under it. */
export interface Figure {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
}

function limitCurves(results: RunResults, pick: 'sigma' | 'fully_invisible' | 'vanilla'): LimitCurves {
  const e = results.expected.points;
  const o = results.observed?.points;
  const expected = e.map((p) => (pick === 'sigma' ? p.sigma_ul_fb.exp : p.gprime_ul[pick].exp));
  const observed = o?.map((p) => (pick === 'sigma' ? p.sigma_ul_fb.obs : p.gprime_ul[pick].obs));
  return { massGeV: e.map((p) => p.mass_GeV), expected, observed };
}

/** The wide-Z′ σ limits, observed when the observed results have them for the same masses. */
function wideSigmaCurves(results: RunResults): LimitCurves | undefined {
  const wide = results.expected.wide_zprime;
  if (wide === undefined) return undefined;
  const observed = results.observed?.wide_zprime?.points;
  return {
    massGeV: wide.points.map((p) => p.mass_GeV),
    expected: wide.points.map((p) => p.sigma_ul_fb.exp),
    observed: observed?.length === wide.points.length ? observed.map((p) => p.sigma_ul_fb.obs) : undefined,
  };
}

/** Fig. 3's wide-Z′ line: the observed g′ limit when there is one, else the median expected. */
function wideCouplingLine(results: RunResults): ExtraLimitLine[] {
  const wide = results.expected.wide_zprime;
  if (wide === undefined) return [];
  const observed = results.observed?.wide_zprime?.points;
  const useObserved = observed?.length === wide.points.length;
  return [
    {
      id: 'wide-zprime',
      label: `Γ = ${wide.width_over_mass} M, ${useObserved ? 'observed' : 'median expected'}`,
      massGeV: wide.points.map((p) => p.mass_GeV),
      values: useObserved ? observed.map((p) => p.gprime_ul.fully_invisible.obs) : wide.points.map((p) => p.gprime_ul.fully_invisible.exp[2]),
      dash: DASHES.dashDot,
    },
  ];
}

export function globalSignificance(results: RunResults): GlobalSignificance | undefined {
  const l = results.lee;
  if (l === undefined) return undefined;
  return {
    maxLocalSignificance: l.max_local_significance,
    massGeV: l.mass_GeV,
    toys: l.toys,
    globalSignificanceToys: l.global_significance_toys,
    globalSignificanceGrossVitells: l.global_significance_gross_vitells,
    c0: l.gross_vitells_c0,
    meanUpCrossings: l.mean_up_crossings_c0,
    toyMaxLocalSignificance: l.toy_max_local_significance,
  };
}

/** The figures that the results in hand allow, in the order of the paper and then the look-elsewhere ones. */
export function reportFigures(results: RunResults): Figure[] {
  const figures: Figure[] = [];
  const { expected, observed, templates } = results;
  const unscanned = expected.unscanned_hypotheses ?? [];
  const unscannedNote =
    unscanned.length === 0 ? '' : ` Not scanned (fewer selected signal Monte Carlo events in the window than the fit's minimum): ${unscanned.length} hypotheses from ${unscanned[0].mass_GeV.toFixed(3)} to ${unscanned[unscanned.length - 1].mass_GeV.toFixed(3)} GeV/c².`;
  const obsNote = observed === undefined ? 'Expected limits only (no observe results in the folder).' : `Observed limits on ${results.dataName ?? observed.data}.`;
  if (templates !== undefined) {
    const nM2 = templates.axes.m2Edges.length - 1;
    const nTheta = templates.axes.thetaCMEdges.length - 1;
    const dataLabel = results.dataName?.startsWith('pseudo-data') === true ? 'Pseudo-data (background only)' : 'Data';
    figures.push({
      id: 'recoil-spectrum',
      title: 'M²recoil spectrum (paper Fig. 1)',
      caption: `Squared recoil mass of the selected μ⁺μ⁻ sample, backgrounds stacked at ${templates.luminosity_fb} fb⁻¹${results.dataCells === undefined ? '' : `, and ${dataLabel.toLowerCase()} (${results.dataName}) with Poisson √n error bars`}. Template bins (one resolution unit) joined into bins of at least 1 GeV²/c⁴, shown per GeV²/c⁴.`,
      svg: recoilSpectrumPlot({
        m2EdgesGeV2: Array.from(templates.axes.m2Edges),
        backgrounds: templates.backgrounds.map((b) => ({ process: b.process, events: m2Projection(b.sumw, nM2, nTheta) })),
        data: results.dataCells === undefined ? undefined : { label: dataLabel, events: m2Projection(results.dataCells, nM2, nTheta) },
      }),
    });
  }
  figures.push({
    id: 'sigma-limits',
    title: 'Limits on σ × B (paper Fig. 2)',
    caption: `90% CL upper limits on σ(e⁺e⁻ → μ⁺μ⁻Z′) × B(Z′ → invisible) for a narrow Z′, ${expected.luminosity_fb} fb⁻¹, ${expected.calculator} CLs: the median expected limit (dashed) with its ±1σ (green) and ±2σ (yellow) bands. ${obsNote}${unscannedNote}`,
    svg: sigmaLimitPlot(limitCurves(results, 'sigma'), 'sigma-limits', expected.luminosity_fb),
  });
  const wideSigma = wideSigmaCurves(results);
  const widthRatio = expected.wide_zprime?.width_over_mass;
  if (wideSigma !== undefined) {
    figures.push({
      id: 'sigma-limits-wide',
      title: `Limits on σ × B for a wide Z′, Γ = ${widthRatio} M`,
      caption: `90% CL upper limits on σ × B(Z′ → invisible) for the paper's wide-Z′ benchmark (Γ = ${widthRatio} M, α_D = 2.9): Breit–Wigner signal templates from the narrow ones, one-dimensional M²recoil windows of ±${expected.wide_zprime?.window_half_widths} Breit–Wigner half-widths MΓ, σ at the pole mass. ${wideSigma.observed === undefined ? 'Expected limits only.' : obsNote}`,
      svg: sigmaLimitPlot(wideSigma, 'sigma-limits-wide', expected.luminosity_fb, `Γ = ${widthRatio} M`),
    });
  }
  const band = expected.points.map((p) => p.g_minus_2_band_gprime);
  figures.push({
    id: 'gprime-limits-fully-invisible',
    title: 'Limits on g′, fully invisible model (paper Fig. 3)',
    caption: `90% CL upper limits on g′ of the Lμ − Lτ model with B(Z′ → invisible) = 1 for a narrow Z′, and the g′ band that explains (g − 2)μ within ±2σ (red)${widthRatio === undefined ? '' : `; dash-dotted, the wide Z′ with Γ = ${widthRatio} M`}. ${obsNote}`,
    svg: couplingLimitPlot(limitCurves(results, 'fully_invisible'), band, 'fully_invisible', 'gprime-limits-fully-invisible', wideCouplingLine(results)),
  });
  figures.push({
    id: 'gprime-limits-vanilla',
    title: 'Limits on g′, vanilla model (paper Fig. 4)',
    caption: `90% CL upper limits on g′ of the vanilla Lμ − Lτ model (B(Z′ → νν̄) from the partial widths to μμ, ττ and νν̄), with the (g − 2)μ ± 2σ band. ${obsNote}`,
    svg: couplingLimitPlot(limitCurves(results, 'vanilla'), band, 'vanilla', 'gprime-limits-vanilla'),
  });
  const global = globalSignificance(results);
  if (observed !== undefined) {
    figures.push({
      id: 'local-significance',
      title: 'Local significance',
      caption: `Local significance √q₀ of every mass hypothesis on ${results.dataName ?? observed.data}${global === undefined ? '' : `, with the global significance of the largest excess from ${global.toys} background-only toys of the whole scan and from the Gross–Vitells formula`}.`,
      svg: localSignificancePlot(observed.points.map((p) => p.mass_GeV), observed.points.map((p) => p.local_significance), global),
    });
  }
  if (global !== undefined) {
    figures.push({
      id: 'lee-toys',
      title: 'Look-elsewhere effect',
      caption: `Fraction of ${global.toys} background-only toys of the whole scan whose largest local significance reaches Z (grey), the Gross–Vitells formula with ⟨N(c₀)⟩ up-crossings counted on the same toys (dashed), and the local p-value (dotted).`,
      svg: leeToysPlot(global),
    });
  }
  if (templates !== undefined) {
    // A background with no selected event in the plane (small samples) gets no empty plot.
    for (const b of templates.backgrounds.filter((t) => m2Projection(t.sumw, templates.axes.m2Edges.length - 1, templates.axes.thetaCMEdges.length - 1).some((n) => n > 0))) {
      figures.push({
        id: `plane-${b.process}`,
        title: `(M²recoil, θrecoil c.m.) plane: ${labelPlain(processLabel(b.process))}`,
        caption: `Expected ${labelPlain(processLabel(b.process))} events after the selection at ${templates.luminosity_fb} fb⁻¹ in the fit's plane, M²recoil bins joined to at least 2 GeV²/c⁴ and θ bins in pairs; darker is more, on a log scale.`,
        svg: planePlot({ process: b.process, m2EdgesGeV2: Array.from(templates.axes.m2Edges), thetaEdgesRad: Array.from(templates.axes.thetaCMEdges), cells: b.sumw }),
      });
    }
    const flows = templates.backgrounds.filter((b) => b.cutflow.some((r) => r.yield > 0));
    if (flows.length > 0) {
      figures.push({
        id: 'cut-flows',
        title: 'Cut flows of the backgrounds',
        caption: `Expected events at ${templates.luminosity_fb} fb⁻¹ after each step of the selection, for every background (steps: ${flows[0].cutflow.map((r, k) => `${k + 1} ${r.cut}`).join(', ')}; the tables below say what each requires).`,
        svg: cutFlowPlot(flows.map((b) => ({ process: b.process, yields: b.cutflow.map((r) => r.yield) }))),
      });
    }
    figures.push({
      id: 'signal-efficiency',
      title: 'Signal efficiency',
      caption: 'Fraction of the generated signal events that pass the full selection (Punzi-net included when applied), against M(Z′), from the signal templates.',
      svg: efficiencyPlot(templates.signals.map((s) => s.mass_GeV), templates.signals.map((s) => s.efficiency)),
    });
    figures.push({
      id: 'resolution',
      title: 'M²recoil resolution',
      caption: 'Width of the signal M²recoil peak of the detector model (points, with their statistical errors) and the interpolation that sets the bin widths and the mass hypotheses (dashed).',
      svg: resolutionPlot({
        points: templates.resolution.map((p) => ({ m2GeV2: p.m2_GeV2, sigmaGeV2: p.sigma_m2_GeV2, sigmaErrGeV2: p.sigma_m2_err_GeV2 })),
        curve: { m2GeV2: Array.from(templates.grid.massGeV, (m) => m * m), sigmaGeV2: Array.from(templates.grid.sigmaM2) },
      }),
    });
  }
  return figures;
}
