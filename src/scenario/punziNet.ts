import { z } from 'zod';
import { GeneratorsSettings } from '../../generators/registry.js';
import { trainingSettingsSchema } from '../selection/punziNet/settings.js';

/**
 * How the Punzi-net of a scenario is trained (Feichtinger et al., EPJC 82, 121 (2022),
 * arXiv:2110.00810, the paper's ref. [40]; the authors' example feichtip/punzinet
 * `examples/punzi_training.ipynb`): the training masses, the signal and background events, the
 * mass windows of the Punzi loss, and the network's schedule. The background weights are events at
 * the scenario's luminosity, which is also the luminosity of the Punzi sensitivity.
 */
export interface PunziNetSettings {
  /** Training masses, GeV/c². */
  readonly trainingMassesGeV: readonly number[];
  /** Generated signal events per training mass. */
  readonly signalEventsPerMass: number;
  /** Generated events per background process. */
  readonly backgroundEvents: Readonly<Record<string, number>>;
  /** Half-width of each training mass's window, in units of σ(M²recoil). */
  readonly windowHalfWidthSigma: number;
  /** The network and its schedule (src/selection/punziNet/settings.ts), as written in the file. */
  readonly training: z.input<typeof trainingSettingsSchema>;
}

const backgroundProcesses = Object.keys(GeneratorsSettings.shape).filter((p) => p !== 'signal');
const events = z.int().min(1000).max(1e11);

export const PunziNetSection = z
  .strictObject({
    trainingMasses: z
      .strictObject({
        minGeV: z.number().positive().default(0.1).describe('first training mass in GeV (authors: 0.1)'),
        maxGeV: z.number().positive().max(10).default(8.5).describe('last training mass in GeV (authors: 8.7; the paper scans to 8.5)'),
        stepGeV: z.number().positive().default(0.2).describe('step in GeV (authors: 0.2, np.arange(100, 8800, 200) MeV)'),
      })
      .prefault({}),
    signalEventsPerMass: events.default(20_000).describe('generated signal events per training mass (authors: 20 000)'),
    backgroundEvents: z
      .strictObject(Object.fromEntries(backgroundProcesses.map((p) => [p, events.optional()])))
      .default({ mumu: 6e6, tautau: 2e6, eemumu: 2e5 })
      .describe('generated events per background process (with the templates\' generator settings, importance-sampled by default)'),
    windowHalfWidthSigma: z.number().positive().default(2).describe('window of each training mass: M2 +- this many sigma(M2) (authors: 2)'),
    training: trainingSettingsSchema
      .omit({ punzi: true })
      .extend({ punzi: trainingSettingsSchema.shape.punzi.unwrap().omit({ luminosity: true }).prefault({}) })
      .prefault({})
      .describe("the network and its schedule; the luminosity of the Punzi sensitivity is the scenario's"),
  })
  .superRefine((s, ctx) => {
    if (!(s.trainingMasses.maxGeV >= s.trainingMasses.minGeV)) ctx.addIssue({ code: 'custom', path: ['trainingMasses', 'maxGeV'], input: s.trainingMasses.maxGeV, message: `must be >= minGeV (${s.trainingMasses.minGeV})` });
  })
  .transform((s): PunziNetSettings => {
    const { minGeV, maxGeV, stepGeV } = s.trainingMasses;
    const count = Math.floor((maxGeV - minGeV) / stepGeV + 1e-9) + 1;
    return {
      trainingMassesGeV: Array.from({ length: count }, (_, k) => Math.round((minGeV + k * stepGeV) * 1e9) / 1e9),
      signalEventsPerMass: s.signalEventsPerMass,
      backgroundEvents: Object.fromEntries(Object.entries(s.backgroundEvents).filter((e): e is [string, number] => e[1] !== undefined)),
      windowHalfWidthSigma: s.windowHalfWidthSigma,
      training: s.training,
    };
  });
