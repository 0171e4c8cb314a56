import { z } from 'zod';
import { atan2 } from './angles.js';

/**
 * Efficiencies and resolutions as typed data (Delphes' `set EfficiencyFormula {…}` without parsing
 * strings): a small discriminated union on `form`, checked when the scenario is loaded, and compiled
 * once into a function of the particle's kinematics.
 */

/** The kinematic quantities a form can depend on; a stage fills one `Kinematics` per particle. */
export const Axis = z.enum(['p', 'pt', 'beta', 'thetaDeg', 'energy', 'pBeta', 'pBetaSin32', 'recoilMass2']);
export type Axis = z.infer<typeof Axis>;

/** Slots of the axes in `Kinematics.values`. */
const P_SLOT = 0;
const PT_SLOT = 1;
const BETA_SLOT = 2;
const THETA_SLOT = 3;
const ENERGY_SLOT = 4;
const P_BETA_SLOT = 5;
const P_BETA_SIN32_SLOT = 6;
const RECOIL_MASS2_SLOT = 7;
const SLOT: Readonly<Record<Axis, number>> = {
  p: P_SLOT,
  pt: PT_SLOT,
  beta: BETA_SLOT,
  thetaDeg: THETA_SLOT,
  energy: ENERGY_SLOT,
  pBeta: P_BETA_SLOT,
  pBetaSin32: P_BETA_SIN32_SLOT,
  recoilMass2: RECOIL_MASS2_SLOT,
};

/**
 * Kinematics of one particle (or event, for `recoilMass2`), reused from particle to particle.
 * Units: GeV, GeV/c, degrees for `thetaDeg`, GeV²/c⁴ for `recoilMass2`.
 *
 * The axes live in one typed array so that a compiled form reads its axis by a fixed slot, one
 * monomorphic load, instead of calling a reader per axis. θ costs an arctangent: it is computed
 * from pT and pz only when a form asks for it (its slot holds NaN until then).
 */
export class Kinematics {
  /** Axis values by slot. */
  readonly values = new Float64Array(8);
  /** Longitudinal momentum, GeV/c (θ is computed from pT and pz when a form needs it). */
  pz = 0;

  constructor() {
    this.values[BETA_SLOT] = 1;
    this.values[THETA_SLOT] = Number.NaN;
  }

  /** Momentum, GeV/c. */
  get p(): number {
    return this.values[P_SLOT];
  }
  set p(value: number) {
    this.values[P_SLOT] = value;
  }

  /** Transverse momentum, GeV/c. */
  get pt(): number {
    return this.values[PT_SLOT];
  }
  set pt(value: number) {
    this.values[PT_SLOT] = value;
  }

  /** Velocity p/E. */
  get beta(): number {
    return this.values[BETA_SLOT];
  }
  set beta(value: number) {
    this.values[BETA_SLOT] = value;
  }

  /** Polar angle in the lab, degrees. */
  get thetaDeg(): number {
    const theta = this.values[THETA_SLOT];
    if (theta === theta) return theta;
    return (this.values[THETA_SLOT] = atan2(this.values[PT_SLOT], this.pz) * RAD_TO_DEG);
  }
  set thetaDeg(value: number) {
    this.values[THETA_SLOT] = value;
  }

  /** Energy, GeV. */
  get energy(): number {
    return this.values[ENERGY_SLOT];
  }
  set energy(value: number) {
    this.values[ENERGY_SLOT] = value;
  }

  /** p·β, GeV/c: the multiple-scattering variable. */
  get pBeta(): number {
    return this.values[P_BETA_SLOT];
  }
  set pBeta(value: number) {
    this.values[P_BETA_SLOT] = value;
  }

  /** p·β·sin^(3/2)θ, GeV/c: the multiple-scattering variable of impact parameters. */
  get pBetaSin32(): number {
    return this.values[P_BETA_SIN32_SLOT];
  }
  set pBetaSin32(value: number) {
    this.values[P_BETA_SIN32_SLOT] = value;
  }

  /** Squared recoil mass against the event's tracks, GeV²/c⁴. */
  get recoilMass2(): number {
    return this.values[RECOIL_MASS2_SLOT];
  }
  set recoilMass2(value: number) {
    this.values[RECOIL_MASS2_SLOT] = value;
  }

  /** Sets every momentum-derived field from a mass and a three-momentum (GeV). */
  setFromMomentum(mass: number, px: number, py: number, pz: number): this {
    const pt = Math.sqrt(px * px + py * py);
    return this.setFromCylindrical(mass, Math.sqrt(pt * pt + pz * pz), pt, pz);
  }

  /** Sets every momentum-derived field from a mass, p, pT and pz (GeV/c) already at hand. */
  setFromCylindrical(mass: number, p: number, pt: number, pz: number): this {
    const v = this.values;
    const energy = Math.sqrt(p * p + mass * mass);
    const beta = energy > 0 ? p / energy : 1;
    const sin = p > 0 ? pt / p : 0;
    const pBeta = p * beta;
    v[P_SLOT] = p;
    v[PT_SLOT] = pt;
    this.pz = pz;
    v[THETA_SLOT] = Number.NaN;
    v[ENERGY_SLOT] = energy;
    v[BETA_SLOT] = beta;
    v[P_BETA_SLOT] = pBeta;
    v[P_BETA_SIN32_SLOT] = pBeta * sin * Math.sqrt(sin);
    return this;
  }
}

/**
 * The value of the axis in `slot`: a typed-array load. θ's slot holds NaN until θ is computed, so
 * the getter that computes it sits on a branch the other axes take only for a NaN input (returned
 * as it is).
 */
function axisValue(k: Kinematics, slot: number): number {
  const v = k.values[slot];
  return v === v ? v : slot === THETA_SLOT ? k.thetaDeg : v;
}

const RAD_TO_DEG = 180 / Math.PI;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const edgesSchema = z
  .array(z.number())
  .min(2)
  .refine((e) => e.every((x, i) => i === 0 || x > e[i - 1]), 'edges must increase strictly');

/** f = value. */
export const ConstantForm = z.strictObject({ form: z.literal('constant'), value: finite });

/**
 * f = values[k] for edges[k] ≤ x < edges[k + 1]; below the first edge the first value, above the
 * last edge the last value.
 */
export const BinnedForm = z
  .strictObject({ form: z.literal('binned'), axis: Axis, edges: edgesSchema, values: z.array(finite) })
  .refine((f) => f.values.length === f.edges.length - 1, 'binned: values must have one entry per bin (edges.length − 1)');

/** f = values[i][j] for x in x-bin i and y in y-bin j (clamped to the outer bins like `binned`). */
export const Binned2DForm = z
  .strictObject({
    form: z.literal('binned2d'),
    xAxis: Axis,
    xEdges: edgesSchema,
    yAxis: Axis,
    yEdges: edgesSchema,
    values: z.array(z.array(finite)),
  })
  .refine(
    (f) => f.values.length === f.xEdges.length - 1 && f.values.every((row) => row.length === f.yEdges.length - 1),
    'binned2d: values must be a table of (xEdges.length − 1) rows of (yEdges.length − 1) entries',
  );

/** Linear interpolation between the points (x[k], y[k]); constant beyond the first and last points. */
export const PiecewiseLinearForm = z
  .strictObject({ form: z.literal('piecewiseLinear'), axis: Axis, x: edgesSchema, y: z.array(finite) })
  .refine((f) => f.x.length === f.y.length, 'piecewiseLinear: x and y must have the same length');

/** f = √(Σ (cₖ·axisₖ^powerₖ)²): e.g. σ(pT)/pT = 0.0011·pT ⊕ 0.0025/β. */
export const QuadratureTermsForm = z.strictObject({
  form: z.literal('quadratureTerms'),
  terms: z.array(z.strictObject({ coefficient: finite, axis: Axis, power: finite })).min(1),
});

/**
 * f = Σ cₖ·x^powerₖ with x = max(axis, minimum): the basf2 ECL covariance form
 * a/E + b/√E + c/E^¼ + d. Negative sums are returned as 0.
 */
export const PowerSumForm = z.strictObject({
  form: z.literal('powerSum'),
  axis: Axis,
  minimum: z.number().nonnegative().default(0),
  terms: z.array(z.strictObject({ coefficient: finite, power: finite })).min(1),
});

/** Any form: for resolutions and other positive quantities. */
export const Form = z.union([ConstantForm, BinnedForm, Binned2DForm, PiecewiseLinearForm, QuadratureTermsForm, PowerSumForm]);
export type Form = z.infer<typeof Form>;

/** A function of a particle's kinematics. */
export type Evaluator = (k: Kinematics) => number;

const QUARTER_POWERS = [-1, -0.5, -0.25, 0, 0.25, 0.5, 1];

/** x^p with the common integer and half-integer powers done without `Math.pow`. */
function power(x: number, p: number): number {
  if (p === 1) return x;
  if (p === -1) return 1 / x;
  if (p === 0) return 1;
  if (p === 2) return x * x;
  if (p === -0.5) return 1 / Math.sqrt(x);
  if (p === 0.5) return Math.sqrt(x);
  if (p === -0.25) return 1 / Math.sqrt(Math.sqrt(x));
  if (p === 0.25) return Math.sqrt(Math.sqrt(x));
  return Math.pow(x, p);
}

/** c·x^p of the axis in `slot`; a power 0 does not read the axis (θ is not computed for it). */
function monomial(k: Kinematics, c: number, slot: number, p: number): number {
  if (p === 0) return c;
  if (p === 1) return c * axisValue(k, slot);
  if (p === -1) return c / axisValue(k, slot);
  return c * power(axisValue(k, slot), p);
}

/** Index k of the bin edges[k] ≤ x < edges[k + 1], clamped to the first and last bins (NaN → 0). */
function binIndex(edges: Float64Array, x: number): number {
  if (!(x >= edges[0])) return 0;
  const last = edges.length - 2;
  if (x >= edges[last + 1]) return last;
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Compiles a validated form into a function of `Kinematics`. Each form type compiles to one
 * closure that reads its axes by slot and holds its numbers in typed arrays, with no further
 * calls through closures: a stage's call site sees one target and can inline it.
 */
export function compileForm(form: Form): Evaluator {
  switch (form.form) {
    case 'constant': {
      const value = form.value;
      return () => value;
    }
    case 'binned': {
      const edges = Float64Array.from(form.edges);
      const slot = SLOT[form.axis];
      const values = Float64Array.from(form.values);
      return (k) => values[binIndex(edges, axisValue(k, slot))];
    }
    case 'binned2d': {
      const xEdges = Float64Array.from(form.xEdges);
      const yEdges = Float64Array.from(form.yEdges);
      const xSlot = SLOT[form.xAxis];
      const ySlot = SLOT[form.yAxis];
      const ny = yEdges.length - 1;
      const values = Float64Array.from(form.values.flat());
      if (form.values.every((row) => row.every((v) => v === row[0]))) {
        // No dependence on y: skip its lookup (and the θ it may need).
        const byX = Float64Array.from(form.values, (row) => row[0]);
        return (k) => byX[binIndex(xEdges, axisValue(k, xSlot))];
      }
      return (k) => values[binIndex(xEdges, axisValue(k, xSlot)) * ny + binIndex(yEdges, axisValue(k, ySlot))];
    }
    case 'piecewiseLinear': {
      const x = Float64Array.from(form.x);
      const y = Float64Array.from(form.y);
      const slot = SLOT[form.axis];
      const n = x.length - 1;
      return (k) => {
        const v = axisValue(k, slot);
        if (!(v > x[0])) return y[0];
        if (v >= x[n]) return y[n];
        const i = binIndex(x, v);
        const t = (v - x[i]) / (x[i + 1] - x[i]);
        return y[i] + t * (y[i + 1] - y[i]);
      };
    }
    case 'quadratureTerms': {
      // Terms of power 0 are constants: their squares are summed once, here.
      const constant2 = form.terms.reduce((sum, t) => (t.power === 0 ? sum + t.coefficient * t.coefficient : sum), 0);
      const terms = form.terms.filter((t) => t.power !== 0);
      const coefficients = Float64Array.from(terms, (t) => t.coefficient);
      const slots = Int32Array.from(terms, (t) => SLOT[t.axis]);
      const powers = Float64Array.from(terms, (t) => t.power);
      if (terms.length === 0) {
        const value = Math.sqrt(constant2);
        return () => value;
      }
      if (terms.length === 1) {
        // The common a ⊕ b·x^p (resolutions with a constant and a multiple-scattering term).
        const [c, slot, p] = [coefficients[0], slots[0], powers[0]];
        if (p === -1) {
          return (k) => {
            const v = c / axisValue(k, slot);
            return Math.sqrt(constant2 + v * v);
          };
        }
        if (p === 1) {
          return (k) => {
            const v = c * axisValue(k, slot);
            return Math.sqrt(constant2 + v * v);
          };
        }
        return (k) => {
          const v = monomial(k, c, slot, p);
          return Math.sqrt(constant2 + v * v);
        };
      }
      return (k) => {
        let sum = constant2;
        for (let i = 0; i < coefficients.length; i++) {
          const v = monomial(k, coefficients[i], slots[i], powers[i]);
          sum += v * v;
        }
        return Math.sqrt(sum);
      };
    }
    case 'powerSum': {
      const { minimum } = form;
      const slot = SLOT[form.axis];
      const coefficients = Float64Array.from(form.terms, (t) => t.coefficient);
      const powers = Float64Array.from(form.terms, (t) => t.power);
      if (form.terms.every((t) => QUARTER_POWERS.includes(t.power))) {
        // Powers in quarters from −1 to 1 (basf2's a/E + b/√E + c/E^¼ + d): two square roots for all terms.
        const c = new Float64Array(QUARTER_POWERS.length);
        for (const t of form.terms) c[QUARTER_POWERS.indexOf(t.power)] += t.coefficient;
        return (k) => {
          const x = Math.max(axisValue(k, slot), minimum);
          const s = Math.sqrt(x);
          const q = Math.sqrt(s);
          const sum = c[0] / x + c[1] / s + c[2] / q + c[3] + c[4] * q + c[5] * s + c[6] * x;
          return sum > 0 ? sum : 0;
        };
      }
      return (k) => {
        const x = Math.max(axisValue(k, slot), minimum);
        let sum = 0;
        for (let i = 0; i < coefficients.length; i++) sum += coefficients[i] * power(x, powers[i]);
        return sum > 0 ? sum : 0;
      };
    }
  }
}

/**
 * Compiles a form whose values are probabilities, and checks on load that every value it can take
 * lies in [0, 1] (the table entries, the interpolation points, the constant).
 */
export const ProbabilityForm = z.union([ConstantForm, BinnedForm, Binned2DForm, PiecewiseLinearForm]).superRefine((form, ctx) => {
  const values: number[] =
    form.form === 'constant' ? [form.value] : form.form === 'binned' ? form.values : form.form === 'binned2d' ? form.values.flat() : form.y;
  if (values.some((v) => !(v >= 0 && v <= 1))) ctx.addIssue({ code: 'custom', message: 'probabilities must lie in [0, 1]' });
});
export type ProbabilityForm = z.infer<typeof ProbabilityForm>;
