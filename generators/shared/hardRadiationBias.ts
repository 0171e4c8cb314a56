import { z } from 'zod';
import type { GeneratorOptions } from '../process.js';
import type { RadiativePairSettings } from './radiativePair.js';

/**
 * The hard-radiation bias (generators/shared/radiativePair.ts): each trial draws, with probability
 * `isrShare` per beam, that beam's ISR photon from a hard density (c.m. pT to the beam above
 * `isrMinPtGeV`), or with probability `fsrShare` the FSR photon fraction from γ_b x^(γ_b − 1)(…),
 * γ_b = `fsrExponent`; otherwise it is unbiased. Weights stay exact, σ is unchanged.
 */
export const HardRadiationBiasSettings = z
  .strictObject({
    enabled: z.boolean().default(false).describe('importance sampling of hard ISR and FSR photons for templates after the selection; needs weighted events'),
    isrShare: z.number().min(0).max(0.45).default(0.3).describe('probability, per beam, that a trial draws that beam\'s ISR photon from the hard wide-angle density'),
    fsrShare: z.number().min(0).max(0.9).default(0.3).describe('probability that a trial draws the FSR photon fraction from the hard density'),
    isrMinPtGeV: z.number().min(0.01).max(2).default(0.2).describe('smallest c.m. transverse momentum to the beam of a hard ISR photon, GeV/c'),
    fsrExponent: z.number().min(0.05).max(2).default(0.8).describe("exponent gamma_b of the hard FSR density gamma_b x^(gamma_b - 1)(1 - x + x^2/2) (gamma = 0.038 unbiased)"),
  })
  .refine((b) => 2 * b.isrShare + b.fsrShare <= 0.95 + 1e-12, { message: '2 isrShare + fsrShare must not exceed 0.95 (the unbiased share keeps every event reachable)' });

export type HardRadiationBiasSettings = z.infer<typeof HardRadiationBiasSettings>;

/**
 * Refuses the bias without weighted events, as a zod issue on the field so that the command line
 * names it (μμ(γ) and ee(γ) share the setting).
 */
export function checkHardRadiationBias<S extends { readonly hardRadiationBias: { readonly enabled: boolean } }>(settings: S, options: GeneratorOptions): S {
  if (settings.hardRadiationBias.enabled && !options.weighted) {
    throw new z.ZodError([
      {
        code: 'custom',
        path: ['hardRadiationBias', 'enabled'],
        input: true,
        message: 'needs weighted events (--weighted): unweighting would give back the unbiased distribution at a lower efficiency',
      },
    ]);
  }
  return settings;
}

/** The settings of a process's radiative-pair engine that μμ(γ) and ee(γ) give alike: radiation, warm-up and the bias. */
export function radiativePairSettings(settings: {
  readonly fsr: boolean;
  readonly minSqrtSPrimeGeV: number;
  readonly minPhotonFraction: number;
  readonly warmupTrials: number;
  readonly maxWeightSafety: number;
  readonly hardRadiationBias: HardRadiationBiasSettings;
}): RadiativePairSettings {
  const bias = settings.hardRadiationBias;
  return {
    fsr: settings.fsr,
    minSqrtSPrimeGeV: settings.minSqrtSPrimeGeV,
    minPhotonFraction: settings.minPhotonFraction,
    warmupTrials: settings.warmupTrials,
    maxWeightSafety: settings.maxWeightSafety,
    ...(bias.enabled ? { hardRadiationBias: { isrShare: bias.isrShare, fsrShare: bias.fsrShare, isrMinPtGeV: bias.isrMinPtGeV, fsrExponent: bias.fsrExponent } } : {}),
  };
}
