import { z } from 'zod';

/**
 * Efficiencies and resolutions as typed data (Delphes' `set EfficiencyFormula {…}` without parsing
 * strings): a small discriminated union on `form`, checked when the scenario is loaded, and compiled
 * once into a function of the particle's kinematics.
 */

/** The kinematic quantities a form can depend on; a stage fills one `Kinematics` per particle. */
export const Axis = z.enum(['p', 'pt', 'beta', 'thetaDeg', 'energy', 'pBeta', 'pBetaSin32', 'recoilMass2']);
export type Axis = z.infer<typeof Axis>;

/**
 * Kinematics of one particle (or event, for `recoilMass2`), reused from particle to particle.
 * Units: GeV, GeV/c, degrees for `thetaDeg`, GeV²/c⁴ for `recoilMass2`.
 */
export class Kinematics {
  /** Momentum, GeV/c. */
  p = 0;
  /** Transverse momentum, GeV/c. */
  pt = 0;
  /** Velocity p/E. */
  beta = 1;
  /** Longitudinal momentum, GeV/c (θ is computed from pT and pz only when a form asks for it). */
  pz = 0;
  private theta = Number.NaN;
  /** Energy, GeV. */
  energy = 0;
  /** p·β, GeV/c: the multiple-scattering variable. */
  pBeta = 0;
  /** p·β·sin^(3/2)θ, GeV/c: the multiple-scattering variable of impact parameters. */
  pBetaSin32 = 0;
  /** Squared recoil mass against the event's tracks, GeV²/c⁴. */
  recoilMass2 = 0;

  /** Polar angle in the lab, degrees. */
  get thetaDeg(): number {
    if (this.theta !== this.theta) this.theta = Math.atan2(this.pt, this.pz) * RAD_TO_DEG;
    return this.theta;
  }

  set thetaDeg(value: number) {
    this.theta = value;
  }

  /** Sets every momentum-derived field from a mass and a three-momentum (GeV). */
  setFromMomentum(mass: number, px: number, py: number, pz: number): this {
    const pt = Math.sqrt(px * px + py * py);
    return this.setFromCylindrical(mass, Math.sqrt(pt * pt + pz * pz), pt, pz);
  }

  /** Sets every momentum-derived field from a mass, p, pT and pz (GeV/c) already at hand. */
  setFromCylindrical(mass: number, p: number, pt: number, pz: number): this {
    const energy = Math.sqrt(p * p + mass * mass);
    this.p = p;
    this.pt = pt;
    this.pz = pz;
    this.theta = Number.NaN;
    this.energy = energy;
    this.beta = energy > 0 ? p / energy : 1;
    const sin = p > 0 ? pt / p : 0;
    this.pBeta = p * this.beta;
    this.pBetaSin32 = this.pBeta * sin * Math.sqrt(sin);
    return this;
  }
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

/**
 * One reader per axis: a compiled form calls its axis's reader, a monomorphic property load,
 * instead of a keyed load `k[axis]` that sees every axis name at one site.
 */
const READERS: Readonly<Record<Axis, Evaluator>> = {
  p: (k) => k.p,
  pt: (k) => k.pt,
  beta: (k) => k.beta,
  thetaDeg: (k) => k.thetaDeg,
  energy: (k) => k.energy,
  pBeta: (k) => k.pBeta,
  pBetaSin32: (k) => k.pBetaSin32,
  recoilMass2: (k) => k.recoilMass2,
};

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

/** c·read(k)^p, specialised for the powers the defaults use. */
function monomial(c: number, read: Evaluator, p: number): Evaluator {
  if (p === 0) return () => c;
  if (p === 1) return (k) => c * read(k);
  if (p === -1) return (k) => c / read(k);
  return (k) => c * power(read(k), p);
}

function binIndex(edges: readonly number[], x: number): number {
  if (!(x >= edges[0])) return 0; // also NaN
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

/** Compiles a validated form into a function of `Kinematics`. */
export function compileForm(form: Form): Evaluator {
  switch (form.form) {
    case 'constant': {
      const value = form.value;
      return () => value;
    }
    case 'binned': {
      const { edges } = form;
      const read = READERS[form.axis];
      const values = Float64Array.from(form.values);
      return (k) => values[binIndex(edges, read(k))];
    }
    case 'binned2d': {
      const { xEdges, yEdges } = form;
      const readX = READERS[form.xAxis];
      const readY = READERS[form.yAxis];
      const ny = yEdges.length - 1;
      const values = Float64Array.from(form.values.flat());
      if (form.values.every((row) => row.every((v) => v === row[0]))) {
        // No dependence on y: skip its lookup (and the θ it may need).
        const byX = Float64Array.from(form.values, (row) => row[0]);
        return (k) => byX[binIndex(xEdges, readX(k))];
      }
      return (k) => values[binIndex(xEdges, readX(k)) * ny + binIndex(yEdges, readY(k))];
    }
    case 'piecewiseLinear': {
      const { x, y } = form;
      const read = READERS[form.axis];
      return (k) => {
        const v = read(k);
        if (!(v > x[0])) return y[0];
        const n = x.length - 1;
        if (v >= x[n]) return y[n];
        const i = binIndex(x, v);
        const t = (v - x[i]) / (x[i + 1] - x[i]);
        return y[i] + t * (y[i + 1] - y[i]);
      };
    }
    case 'quadratureTerms': {
      const terms = form.terms.map((t) => monomial(t.coefficient, READERS[t.axis], t.power));
      if (terms.length === 2) {
        const [t0, t1] = terms;
        return (k) => {
          const a = t0(k);
          const b = t1(k);
          return Math.sqrt(a * a + b * b);
        };
      }
      return (k) => {
        let sum = 0;
        for (const t of terms) {
          const v = t(k);
          sum += v * v;
        }
        return Math.sqrt(sum);
      };
    }
    case 'powerSum': {
      const { minimum } = form;
      const read = READERS[form.axis];
      const coefficients = Float64Array.from(form.terms, (t) => t.coefficient);
      const powers = Float64Array.from(form.terms, (t) => t.power);
      if (form.terms.every((t) => QUARTER_POWERS.includes(t.power))) {
        // Powers in quarters from −1 to 1 (basf2's a/E + b/√E + c/E^¼ + d): two square roots for all terms.
        const c = new Float64Array(QUARTER_POWERS.length);
        for (const t of form.terms) c[QUARTER_POWERS.indexOf(t.power)] += t.coefficient;
        return (k) => {
          const x = Math.max(read(k), minimum);
          const s = Math.sqrt(x);
          const q = Math.sqrt(s);
          const sum = c[0] / x + c[1] / s + c[2] / q + c[3] + c[4] * q + c[5] * s + c[6] * x;
          return sum > 0 ? sum : 0;
        };
      }
      return (k) => {
        const x = Math.max(read(k), minimum);
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
