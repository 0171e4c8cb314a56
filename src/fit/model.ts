/**
 * The binned HistFactory likelihood compiled from a workspace into flat typed arrays.
 *
 * L(n, a | η, χ) = Π_b Pois(n_b | ν_b(η, χ)) · Π_c p_c(a_c | χ_c)   (HistFactory, CERN-OPEN-2012-016, Eq. (2))
 * ν_b = Σ_s (nom_sb + Σ_h Δ_hsb(α_h)) · Π_f κ_fsb(θ_f)
 *
 * Channels and samples are ordered by name and bins concatenated, parameters are ordered by modifier
 * type then first appearance, and the auxiliary data follow the parameter order, exactly as pyhf's
 * `Model` (`pdf.py`, `mixins.py`) does; a data vector is `[main bins…, auxdata…]` as in pyhf.
 */
import { code0, code1, code4, code4Coefficients, code4p, type HistosysCode, type Interp3, type NormsysCode } from './interpolation.js';
import {
  FactorKind,
  type ModifierDefinition,
  type ModifierSettings,
  type ModifierUse,
  type ParamRequirement,
  modifierRegistry,
  registryOrder,
  ShiftKind,
  type TermSink,
} from './modifiers/index.js';
import { bd0, saturatedPoissonNll } from './saturated.js';
import {
  type Channel,
  getMeasurement,
  type Modifier,
  type ModifierType,
  type ParameterConfig,
  type Workspace,
  WorkspaceError,
} from './workspace.js';

/** One named group of parameters (a modifier name), in pyhf's `par_map`. */
export interface ParameterSet {
  readonly name: string;
  /** Index of the first component in the parameter vector. */
  readonly offset: number;
  readonly n: number;
  readonly constraint: 'none' | 'normal' | 'poisson';
  /** Modifier types that use this name. */
  readonly types: readonly ModifierType[];
}

/** Options for building a model (pyhf `Model(spec, poi_name=…, modifier_settings=…)`). */
export interface ModelOptions {
  /** Name of the parameter of interest; null for none. */
  readonly poi?: string | null;
  /** Parameter settings (a measurement's `config.parameters`). */
  readonly parameters?: readonly ParameterConfig[];
  /** Interpolation codes; defaults are pyhf's (normsys code4, histosys code4p). */
  readonly settings?: Partial<ModifierSettings>;
}

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** A compiled HistFactory model. Immutable after construction. */
export class Model {
  /** Channel names (sorted) and their bin ranges in the main data. */
  readonly channels: readonly string[];
  readonly channelOffsets: readonly number[];
  readonly channelBins: readonly number[];
  /** Sample names (sorted). */
  readonly samples: readonly string[];
  /** Number of main-data bins and of auxiliary data. */
  readonly nMain: number;
  readonly nAux: number;
  /** Number of parameters. */
  readonly nPars: number;
  readonly parameterSets: readonly ParameterSet[];
  /** Component names: `name` for scalars, `name[i]` for vectors (pyhf's labels). */
  readonly parameterNames: readonly string[];
  readonly suggestedInit: Float64Array;
  readonly lowerBounds: Float64Array;
  readonly upperBounds: Float64Array;
  /** 1 where a parameter is held constant. */
  readonly suggestedFixed: Uint8Array;
  /** Index of the parameter of interest, or −1. */
  readonly poiIndex: number;
  readonly poiName: string | null;
  /** The model's nominal auxiliary data (pyhf `config.auxdata`). */
  readonly auxdata: Float64Array;
  readonly settings: ModifierSettings;
  /**
   * Names in the parameter settings that no modifier carries. pyhf and ROOT HistFactory ignore such
   * settings (published workspaces keep leftovers of the fit set-up), and so do we; callers may warn.
   */
  readonly ignoredParameters: readonly string[];

  // ---- compiled expected-rate terms, cells sorted by bin ----
  /** First cell of each bin; length nMain + 1. */
  readonly binCellStart: Int32Array;
  readonly cellSample: Int32Array;
  readonly cellNominal: Float64Array;
  /** Factor terms of cell c: facStart[c] … facStart[c+1]. */
  readonly facStart: Int32Array;
  readonly facPar: Int32Array;
  readonly facKind: Uint8Array;
  readonly facHi: Float64Array;
  readonly facLo: Float64Array;
  /** Six code-4 coefficients per factor term (zeros for other kinds). */
  readonly facCoef: Float64Array;
  /** Shift terms of cell c: shiftStart[c] … shiftStart[c+1]. */
  readonly shiftStart: Int32Array;
  readonly shiftPar: Int32Array;
  readonly shiftKind: Uint8Array;
  readonly shiftUp: Float64Array;
  readonly shiftDn: Float64Array;

  // ---- constraint terms, one per constrained component, in aux order ----
  readonly conPar: Int32Array;
  /** 0: Gaussian, 1: Poisson. */
  readonly conKind: Uint8Array;
  readonly conSigma: Float64Array;
  readonly conFactor: Float64Array;

  private readonly interp: Interp3 = { f: 0, d1: 0, d2: 0 };
  /** Σ (ln σ + ½ ln 2π) over the Gaussian constraints. */
  private readonly gaussianConstant: number;

  constructor(channelsIn: readonly Channel[], options: ModelOptions = {}) {
    this.settings = { normsys: options.settings?.normsys ?? 'code4', histosys: options.settings?.histosys ?? 'code4p' };
    checkSettings(this.settings);
    const channels = [...channelsIn].sort((a, b) => cmp(a.name, b.name));
    this.channels = channels.map((c) => c.name);
    const offsets: number[] = [];
    const bins: number[] = [];
    let nMain = 0;
    for (const c of channels) {
      offsets.push(nMain);
      bins.push(c.samples[0].data.length);
      nMain += c.samples[0].data.length;
    }
    this.channelOffsets = offsets;
    this.channelBins = bins;
    this.nMain = nMain;
    const sampleNames = [...new Set(channels.flatMap((c) => c.samples.map((s) => s.name)))].sort(cmp);
    this.samples = sampleNames;

    // 1. collect uses of each (type, name), in pyhf's order: channel, sample, (name, type)
    const uses = new Map<ModifierType, Map<string, ModifierUse[]>>();
    for (const t of registryOrder) uses.set(t, new Map());
    const sharedTypesSeen = new Map<string, ModifierType>();
    channels.forEach((channel, ci) => {
      const sortedSamples = [...channel.samples].sort((a, b) => cmp(a.name, b.name));
      for (const sample of sortedSamples) {
        const mods = [...sample.modifiers].sort((a, b) => cmp(a.name, b.name) || cmp(a.type, b.type));
        for (const modifier of mods) {
          const byName = uses.get(modifier.type);
          if (byName === undefined) throw new WorkspaceError(`unsupported modifier type "${modifier.type}"`);
          const list = byName.get(modifier.name) ?? [];
          const def = modifierRegistry[modifier.type] as ModifierDefinition<ModifierType>;
          if (!def.shared && list.length > 0) {
            throw new WorkspaceError(
              `modifier ${modifier.type}/${modifier.name} on sample "${sample.name}" in channel "${channel.name}": a ${modifier.type} name may be used on one sample only`,
            );
          }
          list.push({
            modifier,
            channel: channel.name,
            sample: sample.name,
            sampleIndex: sampleNames.indexOf(sample.name),
            binOffset: offsets[ci],
            nBins: bins[ci],
            nominal: sample.data,
          });
          byName.set(modifier.name, list);
          sharedTypesSeen.set(modifier.name, modifier.type);
        }
      }
    });

    // 2. requirements per name, merged across types that share the name (pyhf `reduce_paramsets_requirements`)
    const requirements = new Map<string, { req: ParamRequirement; types: ModifierType[] }>();
    for (const t of registryOrder) {
      const def = modifierRegistry[t] as ModifierDefinition<ModifierType>;
      for (const [name, list] of uses.get(t) ?? []) {
        const req = def.requirement(list as ModifierUse<Extract<Modifier, { type: ModifierType }>>[]);
        const prior = requirements.get(name);
        if (prior === undefined) requirements.set(name, { req, types: [t] });
        else {
          if (JSON.stringify(prior.req) !== JSON.stringify(req)) {
            throw new WorkspaceError(
              `parameter "${name}" is used by ${prior.types.join(', ')} and ${t} modifiers with different requirements; use unique modifier names`,
            );
          }
          prior.types.push(t);
        }
      }
    }
    if (requirements.size === 0) throw new WorkspaceError('the model has no parameters (no modifiers on any sample)');

    // 3. user parameter settings
    const userConfigs = new Map<string, ParameterConfig>();
    const ignored: string[] = [];
    (options.parameters ?? []).forEach((p, i) => {
      if (userConfigs.has(p.name) || ignored.includes(p.name)) throw new WorkspaceError(`parameters[${i}]: multiple settings for parameter "${p.name}"`);
      if (requirements.has(p.name)) userConfigs.set(p.name, p);
      else ignored.push(p.name);
    });
    this.ignoredParameters = ignored;

    const sets: ParameterSet[] = [];
    const names: string[] = [];
    const init: number[] = [];
    const lo: number[] = [];
    const hi: number[] = [];
    const fixed: number[] = [];
    const aux: number[] = [];
    const conPar: number[] = [];
    const conKind: number[] = [];
    const conSigma: number[] = [];
    const conFactor: number[] = [];
    let offset = 0;
    for (const [name, { req, types }] of requirements) {
      const user = userConfigs.get(name);
      const n = req.n;
      const pick = <T>(key: string, userValue: readonly T[] | undefined, def: readonly T[] | null): readonly T[] => {
        if (userValue !== undefined) {
          if (userValue.length !== n) throw new WorkspaceError(`parameter "${name}": ${key} has ${userValue.length} values, expected ${n}`);
          return userValue;
        }
        if (def === null) throw new WorkspaceError(`parameter "${name}" (${types.join(', ')}) needs "${key}" in the measurement's parameter settings`);
        return def;
      };
      const inits = pick('inits', user?.inits, req.inits ?? (req.auxdata !== null ? req.auxdata : null) ?? user?.auxdata ?? null);
      const bounds = pick('bounds', user?.bounds, req.bounds);
      const isFixed = user?.fixed !== undefined ? new Array<boolean>(n).fill(user.fixed) : req.fixed;
      if (req.constraint === 'none') {
        for (const key of ['auxdata', 'sigmas', 'factors'] as const) {
          if (user?.[key] !== undefined) throw new WorkspaceError(`parameter "${name}" is unconstrained and does not use "${key}"`);
        }
      }
      for (let i = 0; i < n; i++) {
        names.push(n === 1 && (types[0] === 'normfactor' || types[0] === 'lumi' || types[0] === 'normsys' || types[0] === 'histosys') ? name : `${name}[${i}]`);
        init.push(inits[i]);
        lo.push(bounds[i][0]);
        hi.push(bounds[i][1]);
        fixed.push(isFixed[i] ? 1 : 0);
        if (!(bounds[i][0] <= bounds[i][1])) throw new WorkspaceError(`parameter "${name}": bounds [${bounds[i][0]}, ${bounds[i][1]}] are empty`);
      }
      if (req.constraint === 'normal') {
        const auxdata = pick('auxdata', user?.auxdata, req.auxdata);
        const sigmas = pick('sigmas', user?.sigmas, req.sigmas);
        for (let i = 0; i < n; i++) {
          if (!(sigmas[i] > 0)) throw new WorkspaceError(`parameter "${name}": sigma ${sigmas[i]} must be positive`);
          aux.push(auxdata[i]);
          conPar.push(offset + i);
          conKind.push(0);
          conSigma.push(sigmas[i]);
          conFactor.push(0);
        }
      } else if (req.constraint === 'poisson') {
        const auxdata = pick('auxdata', user?.auxdata, req.auxdata);
        const factors = pick('factors', user?.factors, req.factors);
        for (let i = 0; i < n; i++) {
          aux.push(auxdata[i]);
          conPar.push(offset + i);
          conKind.push(1);
          conSigma.push(0);
          conFactor.push(factors[i]);
        }
      }
      sets.push({ name, offset, n, constraint: req.constraint, types });
      offset += n;
    }
    this.parameterSets = sets;
    this.parameterNames = names;
    this.nPars = offset;
    this.suggestedInit = Float64Array.from(init);
    this.lowerBounds = Float64Array.from(lo);
    this.upperBounds = Float64Array.from(hi);
    this.suggestedFixed = Uint8Array.from(fixed);
    this.auxdata = Float64Array.from(aux);
    this.nAux = aux.length;
    this.conPar = Int32Array.from(conPar);
    this.conKind = Uint8Array.from(conKind);
    this.conSigma = Float64Array.from(conSigma);
    this.conFactor = Float64Array.from(conFactor);
    this.gaussianConstant = conSigma.reduce((acc, sigma, i) => acc + (conKind[i] === 0 ? Math.log(sigma) + LN_SQRT_2PI : 0), 0);

    const poi = options.poi ?? null;
    if (poi !== null) {
      const set = sets.find((s) => s.name === poi);
      if (set === undefined) throw new WorkspaceError(`measurement POI "${poi}" is not a parameter of the model`);
      if (set.n !== 1) throw new WorkspaceError(`POI "${poi}" has ${set.n} components; only scalar POIs are supported`);
      this.poiIndex = set.offset;
    } else this.poiIndex = -1;
    this.poiName = poi;

    // 4. terms
    const cells = new Map<number, CellTerms>(); // key: bin * nSamples + sample
    const nSamples = sampleNames.length;
    const cellFor = (sampleIndex: number, bin: number): CellTerms => {
      const key = bin * nSamples + sampleIndex;
      let cell = cells.get(key);
      if (cell === undefined) {
        cell = { bin, sample: sampleIndex, nominal: 0, factors: [], shifts: [] };
        cells.set(key, cell);
      }
      return cell;
    };
    channels.forEach((channel, ci) => {
      for (const sample of channel.samples) {
        const si = sampleNames.indexOf(sample.name);
        for (let b = 0; b < bins[ci]; b++) cellFor(si, offsets[ci] + b).nominal = sample.data[b];
      }
    });
    const sink: TermSink = {
      factor: (s, bin, par, kind, h, l) => cellFor(s, bin).factors.push({ par, kind, hi: h, lo: l }),
      shift: (s, bin, par, kind, up, dn) => cellFor(s, bin).shifts.push({ par, kind, up, dn }),
    };
    for (const t of registryOrder) {
      const def = modifierRegistry[t] as ModifierDefinition<ModifierType>;
      for (const [name, list] of uses.get(t) ?? []) {
        const set = sets.find((s) => s.name === name);
        if (set === undefined) continue;
        for (const use of list) def.apply(use as ModifierUse<Extract<Modifier, { type: ModifierType }>>, set.offset, list as never, sink, this.settings);
      }
    }
    const ordered = [...cells.values()]
      .filter((c) => c.nominal !== 0 || c.shifts.length > 0)
      .sort((a, b) => a.bin - b.bin || a.sample - b.sample);
    const nCells = ordered.length;
    this.binCellStart = new Int32Array(nMain + 1);
    this.cellSample = new Int32Array(nCells);
    this.cellNominal = new Float64Array(nCells);
    this.facStart = new Int32Array(nCells + 1);
    this.shiftStart = new Int32Array(nCells + 1);
    const nFac = ordered.reduce((acc, c) => acc + c.factors.length, 0);
    const nShift = ordered.reduce((acc, c) => acc + c.shifts.length, 0);
    this.facPar = new Int32Array(nFac);
    this.facKind = new Uint8Array(nFac);
    this.facHi = new Float64Array(nFac);
    this.facLo = new Float64Array(nFac);
    this.facCoef = new Float64Array(6 * nFac);
    this.shiftPar = new Int32Array(nShift);
    this.shiftKind = new Uint8Array(nShift);
    this.shiftUp = new Float64Array(nShift);
    this.shiftDn = new Float64Array(nShift);
    let f = 0;
    let s = 0;
    let bin = 0;
    for (let c = 0; c < nCells; c++) {
      const cell = ordered[c];
      while (bin <= cell.bin) this.binCellStart[bin++] = c;
      this.cellSample[c] = cell.sample;
      this.cellNominal[c] = cell.nominal;
      this.facStart[c] = f;
      for (const t of cell.factors) {
        this.facPar[f] = t.par;
        this.facKind[f] = t.kind;
        this.facHi[f] = t.hi;
        this.facLo[f] = t.lo;
        if (t.kind === FactorKind.NormsysCode4) code4Coefficients(t.hi, t.lo, this.facCoef, 6 * f);
        f++;
      }
      this.shiftStart[c] = s;
      for (const t of cell.shifts) {
        this.shiftPar[s] = t.par;
        this.shiftKind[s] = t.kind;
        this.shiftUp[s] = t.up;
        this.shiftDn[s] = t.dn;
        s++;
      }
    }
    while (bin <= nMain) this.binCellStart[bin++] = nCells;
    this.facStart[nCells] = f;
    this.shiftStart[nCells] = s;
  }

  /** Index of a parameter component by label (`mu`, `staterror_x[3]`), or −1. */
  parameterIndex(label: string): number {
    return this.parameterNames.indexOf(label);
  }

  /** Value, first and second derivative of factor term `f` at parameter value `x` (written to `out`). */
  factorAt(f: number, x: number, out: Interp3): void {
    const kind = this.facKind[f];
    if (kind === FactorKind.Linear) {
      out.f = x;
      out.d1 = 1;
      out.d2 = 0;
    } else if (kind === FactorKind.NormsysCode1) code1(x, this.facHi[f], this.facLo[f], out);
    else code4(x, this.facHi[f], this.facLo[f], this.facCoef, 6 * f, out);
  }

  /** Value, first and second derivative of shift term `s` at parameter value `x`. */
  shiftAt(s: number, x: number, out: Interp3): void {
    if (this.shiftKind[s] === ShiftKind.Code0) code0(x, this.shiftUp[s], this.shiftDn[s], out);
    else code4p(x, this.shiftUp[s], this.shiftDn[s], out);
  }

  /** Expected rate of cell c (one sample in one bin): (nominal + shifts) × factors. */
  private cellRate(c: number, pars: ArrayLike<number>): number {
    const t = this.interp;
    let a = this.cellNominal[c];
    for (let k = this.shiftStart[c]; k < this.shiftStart[c + 1]; k++) {
      this.shiftAt(k, pars[this.shiftPar[k]], t);
      a += t.f;
    }
    let m = 1;
    for (let k = this.facStart[c]; k < this.facStart[c + 1]; k++) {
      this.factorAt(k, pars[this.facPar[k]], t);
      m *= t.f;
    }
    return a * m;
  }

  /** Expected rate ν_b of main-data bin b: the sum of its cells' rates. */
  private expectedInBin(b: number, pars: ArrayLike<number>): number {
    let nu = 0;
    for (let c = this.binCellStart[b]; c < this.binCellStart[b + 1]; c++) nu += this.cellRate(c, pars);
    return nu;
  }

  /** Expected main-data rates ν_b (pyhf `expected_actualdata`). */
  expectedMain(pars: ArrayLike<number>, out: Float64Array = new Float64Array(this.nMain)): Float64Array {
    for (let b = 0; b < this.nMain; b++) out[b] = this.expectedInBin(b, pars);
    return out;
  }

  /** Expected rates per sample, shape [sample][bin] (pyhf `expected_data(return_by_sample=True)`). */
  expectedBySample(pars: ArrayLike<number>): Float64Array[] {
    const out = this.samples.map(() => new Float64Array(this.nMain));
    for (let b = 0; b < this.nMain; b++) {
      for (let c = this.binCellStart[b]; c < this.binCellStart[b + 1]; c++) out[this.cellSample[c]][b] += this.cellRate(c, pars);
    }
    return out;
  }

  /** Expected auxiliary data: θ for Gaussian constraints, γτ for Poisson ones (pyhf `expected_auxdata`). */
  expectedAux(pars: ArrayLike<number>, out: Float64Array = new Float64Array(this.nAux)): Float64Array {
    for (let i = 0; i < this.nAux; i++) {
      const x = pars[this.conPar[i]];
      out[i] = this.conKind[i] === 0 ? x : x * this.conFactor[i];
    }
    return out;
  }

  /** Expected main and auxiliary data, `[main…, aux…]` (pyhf `Model.expected_data`); an Asimov data set. */
  expectedData(pars: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.nMain + this.nAux);
    this.expectedMain(pars, out.subarray(0, this.nMain));
    this.expectedAux(pars, out.subarray(this.nMain));
    return out;
  }

  /**
   * −ln L of the saturated model (every expected count equal to its observed one, every Gaussian
   * constraint at its measurement): Σ −ln Pois(n | n) over main bins and Poisson constraints, plus the
   * Gaussian normalisations ln(σ√2π). It depends on the data only; {@link nllVariable} is measured
   * from it, so their sum is pyhf's −ln L and the minimiser never adds this constant in its loop.
   */
  dataConstant(data: ArrayLike<number>): number {
    let c = this.gaussianConstant;
    for (let b = 0; b < this.nMain; b++) c += saturatedPoissonNll(data[b]);
    for (let i = 0; i < this.nAux; i++) if (this.conKind[i] !== 0) c += saturatedPoissonNll(data[this.nMain + i]);
    return c;
  }

  /**
   * −ln L(data | pars) (the full value, constants included; pyhf's `twice_nll` is twice this).
   * Returns +∞ where a rate is negative, or zero with events observed.
   */
  nll(pars: ArrayLike<number>, data: ArrayLike<number>): number {
    return this.nllVariable(pars, data) + this.dataConstant(data);
  }

  /**
   * −ln L − (−ln L_saturated) ≥ 0: each Poisson term as bd0(n, ν) = ν − n − n ln(ν/n), each Gaussian
   * as ½((a − θ)/σ)², exact to a few ulp whatever the size of the counts and auxiliary data.
   */
  nllVariable(pars: ArrayLike<number>, data: ArrayLike<number>): number {
    let total = 0;
    for (let b = 0; b < this.nMain; b++) {
      const nu = this.expectedInBin(b, pars);
      total += bd0(data[b], nu);
    }
    return total + this.constraintNll(pars, data);
  }

  /** Constraint part of {@link nllVariable}. */
  constraintNll(pars: ArrayLike<number>, data: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < this.nAux; i++) total += this.constraintTerm(i, pars[this.conPar[i]], data[this.nMain + i]);
    return total;
  }

  /**
   * Constraint `i` (aux order) of −ln L relative to its saturated value, at parameter value x and
   * auxiliary datum a: ½((x − a)/σ)² for a Gaussian constraint, bd0(a, xτ) = xτ − a − a ln(xτ/a) for
   * a Poisson one (+∞ where xτ ≤ 0 with a > 0, or xτ < 0). The one place where a constraint term is
   * written: the model's −ln L, the fit's gradient and Hessian and the profiled fits all use it.
   * With `derivatives`, its first and second derivative in x go to `derivatives[0]` and `[1]`.
   */
  constraintTerm(i: number, x: number, a: number, derivatives?: Float64Array): number {
    if (this.conKind[i] === 0) {
      const sigma = this.conSigma[i];
      const z = (x - a) / sigma;
      if (derivatives !== undefined) {
        derivatives[0] = z / sigma;
        derivatives[1] = 1 / (sigma * sigma);
      }
      return 0.5 * z * z;
    }
    const tau = this.conFactor[i];
    if (derivatives !== undefined) {
      // d/dx (xτ − a ln x) = τ − a/x; with a = 0 the term is xτ, linear also at x = 0
      derivatives[0] = a === 0 ? tau : tau - a / x;
      derivatives[1] = a === 0 ? 0 : a / (x * x);
    }
    return bd0(a, x * tau);
  }

  /** 2·(−ln L), pyhf's `twice_nll`. */
  twiceNll(pars: ArrayLike<number>, data: ArrayLike<number>): number {
    return 2 * this.nll(pars, data);
  }
}

interface CellTerms {
  bin: number;
  sample: number;
  nominal: number;
  factors: { par: number; kind: FactorKind; hi: number; lo: number }[];
  shifts: { par: number; kind: ShiftKind; up: number; dn: number }[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkSettings(settings: ModifierSettings): void {
  const normsys: readonly NormsysCode[] = ['code1', 'code4'];
  const histosys: readonly HistosysCode[] = ['code0', 'code4p'];
  if (!normsys.includes(settings.normsys)) throw new WorkspaceError(`normsys interpolation "${settings.normsys}" is not supported (use ${normsys.join(' or ')})`);
  if (!histosys.includes(settings.histosys)) throw new WorkspaceError(`histosys interpolation "${settings.histosys}" is not supported (use ${histosys.join(' or ')})`);
}

/** A model with its observed data, built from a workspace measurement (pyhf `Workspace.model()` + `Workspace.data()`). */
export interface WorkspaceModel {
  readonly model: Model;
  /** Observed main data followed by the model's auxdata. */
  readonly data: Float64Array;
  readonly measurement: string;
}

/**
 * Builds the model of a measurement and its observed data (pyhf `ws.model(measurement_name=…)`,
 * `ws.data(model)`).
 */
export function modelFromWorkspace(ws: Workspace, options: { measurement?: string; settings?: Partial<ModifierSettings> } = {}): WorkspaceModel {
  const m = getMeasurement(ws, options.measurement);
  const model = new Model(ws.channels, { poi: m.config.poi, parameters: m.config.parameters, settings: options.settings });
  const data = new Float64Array(model.nMain + model.nAux);
  model.channels.forEach((name, c) => {
    const obs = ws.observations.find((o) => o.name === name);
    if (obs === undefined) throw new WorkspaceError(`observations: no data for channel "${name}"`);
    data.set(obs.data, model.channelOffsets[c]);
  });
  data.set(model.auxdata, model.nMain);
  return { model, data, measurement: m.name };
}
