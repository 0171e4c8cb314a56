import { z } from 'zod';
import { ProbabilityForm } from '../../detector/forms.js';
import { GeneratorsSettings, type ProcessName } from '../../generators/registry.js';
import { degToRad } from './units.js';

/**
 * How the template builder makes its Monte Carlo samples: the mass grid, the θrecoil c.m. binning
 * the templates are stored in (the scan merges these bins), the signal events per hypothesis, and
 * per background the number of generated events, the generator settings that differ from the
 * scenario's `generators` section (importance sampling) and whether events are kept weighted.
 * Generator-level fiducial cuts (looser than the selection after smearing, see the template builder)
 * decide which events go through the detector.
 */
export interface TemplateSettings {
  /** Lowest and highest Z′ mass of the hypotheses, GeV/c² (the paper: 0.01 and 8.5). */
  readonly minMassGeV: number;
  readonly maxMassGeV: number;
  /** Z′ masses of the resolution curve the grid follows, GeV/c². */
  readonly resolutionMassesGeV: readonly number[];
  /** Signal events per mass of the resolution curve. */
  readonly resolutionEventsPerMass: number;
  /** Bins in θrecoil c.m. over [0, π]. */
  readonly thetaCMBins: number;
  /** Generated signal events per mass hypothesis (the paper's Punzi-net example: 20 000). */
  readonly signalEventsPerMass: number;
  /** Signal generator settings on top of the scenario's `generators.signal` (a shorter warm-up). */
  readonly signalSettings: Readonly<Record<string, unknown>>;
  /** Truth-level fiducial cut: at least two charged particles with lab θ in [min, max] (rad) and pT above (GeV/c). */
  readonly fiducial: { readonly thetaMin: number; readonly thetaMax: number; readonly ptMinGeV: number };
  readonly backgrounds: Readonly<Record<string, { readonly events: number; readonly weighted: boolean; readonly settings: Readonly<Record<string, unknown>> }>>;
  /** The photon-veto correction of the μμ background from the ee control sample, or null (not applied). */
  readonly photonVetoCorrection: PhotonVetoCorrectionSettings | null;
}

/**
 * The paper's photon-veto correction (PRL 130, 231801, p. 3): the ee control sample with
 * M²recoil below `m2RecoilMaxGeV2` (Bhabha events whose one radiated photon the veto missed, the
 * recoil pointing at it) measures the veto inefficiency in data over simulation per region of the
 * recoil's lab polar angle; the selected μμ events below the same M²recoil are weighted by that
 * ratio in their region.
 */
export interface PhotonVetoCorrectionSettings {
  /** ee events generated for the control sample (the data condition reuses the same events). */
  readonly controlEvents: number;
  readonly m2RecoilMaxGeV2: number;
  /** Edges of the recoil's lab polar-angle regions, rad. */
  readonly thetaLabEdges: readonly number[];
  /**
   * The data: the ECL photon-veto inefficiency map of the data (the control sample is simulated
   * with it, all else the scenario's detector), or the selected ee control-sample events per region
   * of a real data set.
   */
  readonly data: { readonly kind: 'detector'; readonly photonVetoInefficiency: ProbabilityForm } | { readonly kind: 'counts'; readonly counts: readonly number[] };
}

/**
 * The settings of a process as overrides: every top-level key optional and without its default, so
 * that only what is written replaces the scenario's `generators.<process>` value.
 */
function overridesOf(processSchema: z.ZodType): z.ZodType<Record<string, unknown>> {
  const unwrapped = processSchema instanceof z.ZodDefault || processSchema instanceof z.ZodPrefault ? processSchema.unwrap() : processSchema;
  if (!(unwrapped instanceof z.ZodObject)) throw new TypeError('templates: a process settings schema must be an object');
  const shape: Record<string, z.ZodType> = unwrapped.shape;
  const keys = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, z.optional(field instanceof z.ZodDefault || field instanceof z.ZodPrefault ? field.unwrap() : field)]),
  );
  return z.strictObject(keys);
}

/**
 * The default scenario's background samples (as scenarios/belle2-2023.yaml): weighted,
 * importance-sampled towards the search selection; after the selection μμ(γ) and ττ(γ) hold ≥ 5×
 * the data luminosity (79.7 fb⁻¹), eeμμ 1.1×.
 */
const DEFAULT_BACKGROUNDS = {
  mumu: { events: 40e6, weighted: true, settings: { hardRadiationBias: { enabled: true }, fiducial: { enabled: true } } },
  tautau: { events: 26e6, weighted: true, settings: { channelBias: { enabled: true }, fiducial: { enabled: true } } },
  eemumu: { events: 10e6, weighted: true, settings: { model: 'exact', exact: { fiducial: { enabled: true } } } },
};

type BackgroundProcess = Exclude<ProcessName, 'signal'>;

function background(process: BackgroundProcess) {
  return z
    .strictObject({
      events: z.int().min(1000).max(1e11).describe('generated events'),
      weighted: z.boolean().default(false).describe('keep the generator weights (needed by importance sampling)'),
      settings: overridesOf(GeneratorsSettings.shape[process]).default({}).describe(`generator settings that replace those of generators.${process}`),
    })
    .optional();
}

/** One optional entry per background process, in the order of the `generators` section. */
const Backgrounds = z.strictObject({
  mumu: background('mumu'),
  ee: background('ee'),
  tautau: background('tautau'),
  eemumu: background('eemumu'),
  pipi: background('pipi'),
  eeee: background('eeee'),
} satisfies Record<BackgroundProcess, ReturnType<typeof background>>);

const PhotonVetoCorrection = z
  .strictObject({
    enabled: z.boolean().default(false).describe('correct the mu-mu background for the photon-veto inefficiency measured with the ee control sample (paper p. 3)'),
    controlEvents: z.int().min(1000).max(1e10).default(4e6).describe('ee events generated for the control sample (hard-radiation bias and fiducial cut on)'),
    m2RecoilMaxGeV2: z.number().positive().max(81).default(1).describe('the control sample and the corrected mu-mu events have M2recoil below this, GeV2 (paper: 1)'),
    thetaLabEdgesDeg: z
      .array(z.number().min(0).max(180))
      .min(2)
      .default([34, 62, 89, 91, 107, 123])
      .refine((e) => e.every((v, i) => i === 0 || v > e[i - 1]), { message: 'must increase strictly' })
      .describe('edges of the regions of the recoil lab polar angle in which the correction is measured, deg'),
    dataPhotonVetoInefficiency: ProbabilityForm.optional().describe('the ECL photon-veto inefficiency of the data (pseudo-data: the control sample is simulated with it)'),
    dataCounts: z.array(z.number().nonnegative()).optional().describe('selected ee control-sample events of a real data set per region (one more edge than counts)'),
  })
  .superRefine((c, ctx) => {
    if (!c.enabled) return;
    if ((c.dataPhotonVetoInefficiency === undefined) === (c.dataCounts === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['dataCounts'], input: c.dataCounts, message: 'with enabled: true, give exactly one of dataPhotonVetoInefficiency and dataCounts' });
    }
    if (c.dataCounts !== undefined && c.dataCounts.length !== c.thetaLabEdgesDeg.length - 1) {
      ctx.addIssue({ code: 'custom', path: ['dataCounts'], input: c.dataCounts, message: `must hold ${c.thetaLabEdgesDeg.length - 1} counts, one per region of thetaLabEdgesDeg` });
    }
  })
  .transform((c): PhotonVetoCorrectionSettings | null =>
    c.enabled
      ? {
          controlEvents: c.controlEvents,
          m2RecoilMaxGeV2: c.m2RecoilMaxGeV2,
          thetaLabEdges: c.thetaLabEdgesDeg.map(degToRad),
          data: c.dataPhotonVetoInefficiency !== undefined ? { kind: 'detector', photonVetoInefficiency: c.dataPhotonVetoInefficiency } : { kind: 'counts', counts: c.dataCounts ?? [] },
        }
      : null,
  );

export const TemplatesSection = z
  .strictObject({
    minMassGeV: z.number().positive().default(0.01).describe("lowest Z' mass hypothesis in GeV (paper: 0.01)"),
    maxMassGeV: z.number().positive().max(10).default(8.5).describe("highest Z' mass hypothesis in GeV (paper: 8.5)"),
    resolutionMassesGeV: z
      .array(z.number().positive().max(10))
      .min(2)
      .default([0.01, 0.03, 0.05, 0.1, 0.175, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 8.5, Math.sqrt(80)])
      .describe("Z' masses in GeV of the resolution curve the grid follows"),
    resolutionEventsPerMass: z.int().min(1000).max(1e7).default(20_000).describe('signal events per mass of the resolution curve'),
    thetaCMBins: z.int().min(1).max(720).default(36).describe('bins in theta_recoil (c.m.) over 0-180 degrees; the scan merges them'),
    signalEventsPerMass: z.int().min(100).max(1e8).default(20_000).describe('generated signal events per mass hypothesis (paper ref. [40]: 20 000)'),
    signalSettings: overridesOf(GeneratorsSettings.shape.signal)
      .default({ warmupTrials: 20_000 })
      .describe("signal generator settings on top of generators.signal (default: a 20 000-trial warm-up per mass; overweights keep their weight, so the templates stay unbiased)"),
    fiducial: z
      .strictObject({
        thetaMinDeg: z.number().min(0).max(180).default(36).describe('two charged particles with lab theta above (trigger window 37 deg, minus 1 deg)'),
        thetaMaxDeg: z.number().min(0).max(180).default(121).describe('and below (trigger window 120 deg, plus 1 deg)'),
        ptMinGeV: z.number().nonnegative().default(0.35).describe('and lab pT above (selection 0.4 GeV/c, minus 0.05)'),
      })
      .prefault({}),
    backgrounds: Backgrounds.default(DEFAULT_BACKGROUNDS).describe('per background process: generated events, weighted or not, and generator settings'),
    photonVetoCorrection: PhotonVetoCorrection.prefault({}).describe('the photon-veto correction of the mu-mu background from the ee control sample'),
  })
  .superRefine((s, ctx) => {
    if (!(s.maxMassGeV > s.minMassGeV)) ctx.addIssue({ code: 'custom', path: ['maxMassGeV'], input: s.maxMassGeV, message: `must be > minMassGeV (${s.minMassGeV})` });
    if (!(s.fiducial.thetaMaxDeg > s.fiducial.thetaMinDeg)) ctx.addIssue({ code: 'custom', path: ['fiducial', 'thetaMaxDeg'], input: s.fiducial.thetaMaxDeg, message: `must be > thetaMinDeg (${s.fiducial.thetaMinDeg})` });
  })
  .transform(
    (s): TemplateSettings => ({
      minMassGeV: s.minMassGeV,
      maxMassGeV: s.maxMassGeV,
      resolutionMassesGeV: s.resolutionMassesGeV,
      resolutionEventsPerMass: s.resolutionEventsPerMass,
      thetaCMBins: s.thetaCMBins,
      signalEventsPerMass: s.signalEventsPerMass,
      signalSettings: s.signalSettings,
      fiducial: { thetaMin: degToRad(s.fiducial.thetaMinDeg), thetaMax: degToRad(s.fiducial.thetaMaxDeg), ptMinGeV: s.fiducial.ptMinGeV },
      backgrounds: Object.fromEntries(Object.entries(s.backgrounds).filter((entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined)),
      photonVetoCorrection: s.photonVetoCorrection,
    }),
  );
