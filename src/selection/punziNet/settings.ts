/**
 * The training settings of the Punzi-net, every number with the paper's value as default
 * (PRL 130, 231801 via its ref. [40], P. Feichtinger et al., arXiv:2110.00810, EPJC 82, 121 (2022);
 * the values are those of feichtip/punzinet `examples/punzi_training.ipynb` and `train.py`):
 * (1) BCE pre-training, SGD lr = 1, batches of 2¹² = 4096, 150 epochs, ReduceLROnPlateau(0.5, 10);
 * (2) Punzi-loss training, full batch, SGD lr = 0.05, 500 epochs, ReduceLROnPlateau(0.5, 20).
 *
 * One zod schema validates the settings given to {@link resolveSettings} and those read back from a
 * network file.
 */
import { z } from 'zod';
import { checkLayerSizes } from './kernel.js';
import { DEFAULT_LAYER_SIZES } from './network.js';
import type { PlateauSettings } from './plateau.js';

const positive = z.number().positive();
const count = z.number().int().nonnegative();

function plateauSchema(patience: number) {
  return z
    .strictObject({
      factor: z.number().positive().lt(1).default(0.5),
      patience: count.default(patience),
      threshold: z.number().nonnegative().default(1e-4),
      thresholdMode: z.enum(['rel', 'abs']).default('rel'),
      cooldown: count.default(0),
      minLearningRate: z.number().nonnegative().default(0),
      eps: z.number().nonnegative().default(1e-8),
    })
    .prefault({});
}

/** The zod schema of {@link TrainingSettings}; every field optional on input. */
export const trainingSettingsSchema = z.strictObject({
  /** Units per layer, inputs first, a single output last. */
  layerSizes: z
    .array(z.number().int().min(1).max(256))
    .min(2)
    .default([...DEFAULT_LAYER_SIZES])
    .superRefine((sizes, ctx) => {
      try {
        checkLayerSizes(sizes);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
      }
    }),
  /** Standardise the inputs with the training sample's unweighted mean and std (false: raw inputs, as the authors). */
  standardise: z.boolean().default(true),
  bce: z
    .strictObject({
      epochs: count.default(150),
      batchSize: z.number().int().positive().default(4096),
      learningRate: positive.default(1),
      plateau: plateauSchema(10),
    })
    .prefault({}),
  punzi: z
    .strictObject({
      epochs: count.default(500),
      learningRate: positive.default(0.05),
      plateau: plateauSchema(20),
      /** Significance parameter a of S_min. */
      a: positive.default(3),
      /** Power parameter b of S_min (Φ⁻¹(0.90)). */
      b: positive.default(1.28155),
      /** Luminosity in fb⁻¹ at which the background weights are normalised (fom.py default 50). */
      luminosity: positive.default(50),
      /** Factor on ε and B (fom.py `scaling`, default 1). */
      scaling: positive.default(1),
      /** Efficiency used where ε is exactly 0 (fom.py 1e-6). */
      zeroEfficiency: positive.default(1e-6),
    })
    .prefault({}),
});

/** Settings of one phase's learning-rate schedule. */
export type { PlateauSettings } from './plateau.js';

/** Settings of the BCE pre-training. */
export interface BceSettings {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly plateau: PlateauSettings;
}

/** Settings of the Punzi-loss training. */
export interface PunziTrainingSettings {
  readonly epochs: number;
  readonly learningRate: number;
  readonly plateau: PlateauSettings;
  readonly a: number;
  readonly b: number;
  /** fb⁻¹. */
  readonly luminosity: number;
  readonly scaling: number;
  readonly zeroEfficiency: number;
}

/** All training settings, resolved. */
export interface TrainingSettings {
  readonly layerSizes: readonly number[];
  readonly standardise: boolean;
  readonly bce: BceSettings;
  readonly punzi: PunziTrainingSettings;
}

/** Partial settings: any field may be left out and takes its default. */
export type TrainingSettingsInput = z.input<typeof trainingSettingsSchema>;

/** Formats a zod issue path as `bce.plateau.patience` or `layerSizes[2]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(top level)' : text;
}

/** Fills in defaults and validates; throws a RangeError naming the first bad field. */
export function resolveSettings(input: TrainingSettingsInput = {}): TrainingSettings {
  const parsed = trainingSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RangeError(`Punzi-net settings: ${formatIssuePath(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}
