/**
 * The contract every modifier type fulfils (pyhf `modifiers/*.py`: a builder that states the
 * parameters it needs, and an applier that changes the expected rates).
 */
import type { HistosysCode, NormsysCode } from '../interpolation.js';
import type { Modifier, ModifierType } from '../workspace.js';

/** How a parameter set is constrained: not at all, by a Gaussian, or by a Poisson (Barlow–Beeston) term. */
export type ConstraintKind = 'none' | 'normal' | 'poisson';

/** The parameters a modifier name needs (pyhf `required_parset`). */
export interface ParamRequirement {
  readonly constraint: ConstraintKind;
  /** Number of components (1 for scalar modifiers, one per bin for shape modifiers). */
  readonly n: number;
  readonly inits: readonly number[] | null;
  readonly bounds: readonly (readonly [number, number])[] | null;
  readonly fixed: readonly boolean[];
  /** Auxiliary measurement of each component (Gaussian mean or Poisson count); null if unconstrained. */
  readonly auxdata: readonly number[] | null;
  /** Gaussian widths (normal constraints). */
  readonly sigmas: readonly number[] | null;
  /** Poisson rate factors τ: the constraint is Pois(aux | γ·τ) (poisson constraints). */
  readonly factors: readonly number[] | null;
}

/** One appearance of a modifier on a sample in a channel. */
export interface ModifierUse<M extends Modifier = Modifier> {
  readonly modifier: M;
  readonly channel: string;
  readonly sample: string;
  /** Index of the sample among all samples (sorted by name, as pyhf orders them). */
  readonly sampleIndex: number;
  /** First bin of the channel in the concatenated main data (channels sorted by name). */
  readonly binOffset: number;
  /** Bins in the channel. */
  readonly nBins: number;
  /** The sample's nominal yields in this channel. */
  readonly nominal: readonly number[];
}

/** Multiplicative factor kinds: a parameter itself, or a normsys interpolation. */
export const FactorKind = { Linear: 0, NormsysCode1: 1, NormsysCode4: 2 } as const;
export type FactorKind = (typeof FactorKind)[keyof typeof FactorKind];

/** Additive shift kinds (histosys interpolation codes). */
export const ShiftKind = { Code0: 0, Code4p: 1 } as const;
export type ShiftKind = (typeof ShiftKind)[keyof typeof ShiftKind];

/** Receives the terms of the expected-rate formula ν_sb = (nom_sb + Σ shifts) · Π factors. */
export interface TermSink {
  factor(sampleIndex: number, bin: number, par: number, kind: FactorKind, hi: number, lo: number): void;
  shift(sampleIndex: number, bin: number, par: number, kind: ShiftKind, deltaUp: number, deltaDn: number): void;
}

/** Interpolation settings (pyhf `modifier_settings`). */
export interface ModifierSettings {
  readonly normsys: NormsysCode;
  readonly histosys: HistosysCode;
}

export type ModifierOf<T extends ModifierType> = Extract<Modifier, { type: T }>;

export interface ModifierDefinition<T extends ModifierType> {
  readonly type: T;
  readonly op: 'multiplication' | 'addition';
  /** Whether several samples may carry the same name and share its parameters. */
  readonly shared: boolean;
  /** The parameters required by all uses of one modifier name. Throws naming the modifier on conflict. */
  requirement(uses: readonly ModifierUse<ModifierOf<T>>[]): ParamRequirement;
  /** Emits the terms of one use; `first` is the index of the parameter set's first component. */
  apply(use: ModifierUse<ModifierOf<T>>, first: number, allUses: readonly ModifierUse<ModifierOf<T>>[], sink: TermSink, settings: ModifierSettings): void;
}
