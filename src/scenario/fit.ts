import { z } from 'zod';
import { percentToFraction } from './units.js';

/**
 * The statistical treatment of the paper (PRL 130, 231801, pages 3–4): 90% CL limits with the
 * q̃μ test statistic, and its systematic uncertainties as fractions.
 */
export interface FitSettings {
  /** Confidence level of the limits (0.9 for the paper's 90% CL). */
  readonly confidenceLevel: number;
  /** Test statistic for limits: `qtilde` (q̃μ, eq. (16) of arXiv:1007.1727) or `q` (qμ, eq. (14)). */
  readonly testStatistic: 'qtilde' | 'q';
  /** M²recoil bins in each search window, centred on the mass hypothesis. */
  readonly searchWindowBins: number;
  /** How each window merges the templates' fine θrecoil (c.m.) bins (src/scan/thetaBinning.ts). */
  readonly thetaBinning: { readonly maxBins: number; readonly minMuMuEventsPerBin: number };
  /**
   * Hypotheses whose window holds fewer effective signal Monte Carlo events ((Σw)²/Σw²) are not
   * scanned (src/scan/scannedHypotheses.ts).
   */
  readonly minSignalMonteCarloEvents: number;
  /** The wide-Z′ benchmark of the paper (Γ = 0.1 M), or null when it is not computed. */
  readonly wideZprime: WideZprimeSettings | null;
  readonly systematics: {
    /** The M²recoil ranges (GeV²/c⁴) in which the per-range uncertainties below apply, ascending and contiguous. */
    readonly m2RecoilRangesGeV2: readonly (readonly [number, number])[];
    /** Relative signal-efficiency uncertainty per range. */
    readonly signalEfficiency: readonly number[];
    /** Relative background-shape uncertainty per range (per bin, uncorrelated). */
    readonly backgroundShape: readonly number[];
    /** Relative signal-shape uncertainty (per bin, uncorrelated). */
    readonly signalShape: number;
    /** Relative luminosity uncertainty. */
    readonly luminosity: number;
    /** Relative background-shape uncertainty from the photon-veto inefficiency, below and above a boundary. */
    readonly photonVeto: { readonly m2RecoilBoundaryGeV2: number; readonly below: number; readonly above: number };
  };
}

/** The wide-Z′ benchmark's line shape and window (src/scan/wideWindow.ts). */
export interface WideZprimeSettings {
  /** Γ/M of the Z′ (the paper: 0.1, α_D = 2.9). */
  readonly widthRatio: number;
  /** The window covers the hypothesis's M² ± this many Breit–Wigner half-widths MΓ. */
  readonly windowHalfWidths: number;
}

const percent = z.number().min(0).max(100);

const SystematicsSection = z
  .strictObject({
    m2RecoilRangesGeV2: z
      .array(z.tuple([z.number(), z.number()]))
      .min(1)
      .default([
        [-0.5, 9],
        [9, 36],
        [36, 81],
      ])
      .describe('M2recoil ranges in GeV^2/c^4 for the per-range uncertainties (paper: [-0.5, 9], [9, 36], [36, 81])'),
    signalEfficiencyPercent: z.array(percent).default([2.7, 6.5, 8.3]).describe('signal efficiency uncertainty per range in % (paper: 2.7, 6.5, 8.3)'),
    backgroundShapePercent: z.array(percent).default([3.2, 8.6, 25]).describe('background shape uncertainty per range in % (paper: 3.2, 8.6, 25)'),
    signalShapePercent: percent.default(10).describe('signal template shape uncertainty in % (paper: 10, from an 8% wider M2recoil resolution in data)'),
    luminosityPercent: percent.default(1).describe('integrated luminosity uncertainty in % (paper: 1)'),
    photonVeto: z
      .strictObject({
        m2RecoilBoundaryGeV2: z.number().default(1).describe('boundary in GeV^2/c^4 (paper: 1)'),
        belowPercent: percent.default(34).describe('background shape uncertainty from the photon veto below the boundary in % (paper: 34 on average)'),
        abovePercent: percent.default(5).describe('the same above the boundary in % (paper: 5)'),
      })
      .prefault({}),
  })
  .superRefine((s, ctx) => {
    const ranges = s.m2RecoilRangesGeV2;
    ranges.forEach(([lo, hi], i) => {
      if (!(hi > lo)) ctx.addIssue({ code: 'custom', path: ['m2RecoilRangesGeV2', i], input: [lo, hi], message: 'a range must have upper > lower' });
      else if (i > 0 && lo !== ranges[i - 1][1]) {
        ctx.addIssue({ code: 'custom', path: ['m2RecoilRangesGeV2', i], input: [lo, hi], message: `ranges must be contiguous: must start at ${ranges[i - 1][1]}` });
      }
    });
    for (const key of ['signalEfficiencyPercent', 'backgroundShapePercent'] as const) {
      if (s[key].length !== ranges.length) {
        ctx.addIssue({ code: 'custom', path: [key], input: s[key], message: `must have one value per range of m2RecoilRangesGeV2 (${ranges.length})` });
      }
    }
  });

/** The `fit` section; every default is the paper's value. */
export const FitSection = z
  .strictObject({
    confidenceLevel: z.number().gt(0).lt(1).default(0.9).describe('confidence level of the limits (paper: 90%)'),
    testStatistic: z.enum(['qtilde', 'q']).default('qtilde').describe('test statistic for limits (paper: profile-likelihood ratio q-tilde, arXiv:1007.1727 eq. 16)'),
    searchWindowBins: z.int().min(1).default(20).describe('M2recoil bins per search window (paper: 20)'),
    thetaBinning: z
      .strictObject({
        maxBins: z.int().min(1).default(5).describe('most theta_recoil (c.m.) bins of a window (paper: from one at high to five at low M2recoil)'),
        minMuMuEventsPerBin: z.number().gt(0).default(20).describe('expected mumu(gamma) events per theta bin at least, on average over the window (chosen)'),
      })
      .prefault({}),
    minSignalMonteCarloEvents: z
      .number()
      .min(0)
      .default(20)
      .describe(
        'hypotheses whose search window holds fewer effective signal Monte Carlo events, (sum w)^2/sum w^2, are not scanned (chosen: with n such events the per-bin signal Monte Carlo uncertainty alone can absorb a signal costing at most about n in -2 ln L, and the +2 sigma expected band needs 10.8)',
      ),
    wideZprime: z
      .strictObject({
        widthRatio: z.number().min(0).max(0.5).default(0.1).describe("Gamma/M of the wide Z' benchmark; 0 = not computed (paper: 0.1, alpha_D = 2.9)"),
        windowHalfWidths: z.number().gt(0).max(50).default(3).describe("the wide window covers M2 +- this many Breit-Wigner half-widths M*Gamma (chosen: 3 holds 80% of the line shape; the paper: 'enlarge the search windows to cover the sizable signal width')"),
      })
      .prefault({}),
    systematics: SystematicsSection.prefault({}),
  })
  .transform(
    (f): FitSettings => ({
      confidenceLevel: f.confidenceLevel,
      testStatistic: f.testStatistic,
      searchWindowBins: f.searchWindowBins,
      thetaBinning: f.thetaBinning,
      minSignalMonteCarloEvents: f.minSignalMonteCarloEvents,
      wideZprime: f.wideZprime.widthRatio > 0 ? f.wideZprime : null,
      systematics: {
        m2RecoilRangesGeV2: f.systematics.m2RecoilRangesGeV2,
        signalEfficiency: f.systematics.signalEfficiencyPercent.map(percentToFraction),
        backgroundShape: f.systematics.backgroundShapePercent.map(percentToFraction),
        signalShape: percentToFraction(f.systematics.signalShapePercent),
        luminosity: percentToFraction(f.systematics.luminosityPercent),
        photonVeto: {
          m2RecoilBoundaryGeV2: f.systematics.photonVeto.m2RecoilBoundaryGeV2,
          below: percentToFraction(f.systematics.photonVeto.belowPercent),
          above: percentToFraction(f.systematics.photonVeto.abovePercent),
        },
      },
    }),
  );
