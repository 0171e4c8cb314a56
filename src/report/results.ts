/**
 * The saved results of a run, read back for the report: `expected.json` (required), and when they
 * exist `observed.json`, its data file, `lee.json` and `templates.json`. Each file is checked
 * against the shape its command writes; a mismatch names the file and the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { TEMPLATE_FILE } from '../runner/templates/cache.js';
import { readTemplateFile, TemplateFileError } from '../runner/templates/file.js';
import type { TemplateSet } from '../runner/templates/build.js';
import { readDataFile } from '../scan/dataFile.js';

export class ResultsFileError extends Error {
  override readonly name = 'ResultsFileError';
}

const Band = z.array(z.number()).length(5);
const Range = z.tuple([z.number(), z.number()]);

const ExpectedSchema = z.object({
  scenario: z.string(),
  luminosity_fb: z.number(),
  /** √s of the nominal beams, GeV (older result files do not have it). */
  sqrt_s_GeV: z.number().optional(),
  /** Hypotheses left out for want of signal Monte Carlo (older result files do not have them). */
  unscanned_hypotheses: z.array(z.object({ mass_GeV: z.number(), signal_mc_events: z.number() })).optional(),
  calculator: z.string(),
  points: z
    .array(
      z.object({
        mass_GeV: z.number(),
        theta_bins: z.int(),
        signal_efficiency: z.number(),
        sigma_gprime1_fb: z.number(),
        sigma_ul_fb: z.object({ exp: Band }),
        gprime_ul: z.object({ fully_invisible: z.object({ exp: Band }), vanilla: z.object({ exp: Band }) }),
        g_minus_2_band_gprime: Range,
      }),
    )
    .min(1),
  g_minus_2_excluded_GeV: z.object({ fully_invisible: z.array(Range), vanilla: z.array(Range) }),
  wide_zprime: z
    .object({
      width_over_mass: z.number(),
      window_half_widths: z.number(),
      points: z.array(z.object({ mass_GeV: z.number(), sigma_ul_fb: z.object({ exp: Band }), gprime_ul: z.object({ fully_invisible: z.object({ exp: Band }) }) })).min(1),
    })
    .optional(),
});

const ObservedSchema = z.object({
  scenario: z.string(),
  luminosity_fb: z.number(),
  data: z.string(),
  calculator: z.string(),
  points: z
    .array(
      z.object({
        mass_GeV: z.number(),
        sigma_ul_fb: z.object({ obs: z.number(), exp: Band }),
        gprime_ul: z.object({ fully_invisible: z.object({ obs: z.number(), exp: Band }), vanilla: z.object({ obs: z.number(), exp: Band }) }),
        sigma_hat_fb: z.number(),
        local_significance: z.number(),
        local_p0: z.number(),
      }),
    )
    .min(1),
  max_local_significance: z.object({ mass_GeV: z.number(), significance: z.number() }),
  wide_zprime: z
    .object({
      width_over_mass: z.number(),
      points: z.array(z.object({ mass_GeV: z.number(), sigma_ul_fb: z.object({ obs: z.number(), exp: Band }), gprime_ul: z.object({ fully_invisible: z.object({ obs: z.number(), exp: Band }) }) })).min(1),
    })
    .optional(),
});

const LeeSchema = z.object({
  scenario: z.string(),
  data: z.string(),
  max_local_significance: z.number(),
  mass_GeV: z.number(),
  local_p0: z.number(),
  global_significance_toys: z.number(),
  global_p_toys: z.number(),
  global_p_toys_error: z.number(),
  global_significance_gross_vitells: z.number(),
  global_p_gross_vitells: z.number(),
  gross_vitells_c0: z.number(),
  mean_up_crossings_c0: z.number(),
  toys: z.int().min(1),
  toy_max_local_significance: z.array(z.number()),
});

export type ExpectedResults = z.infer<typeof ExpectedSchema>;
export type ObservedResults = z.infer<typeof ObservedSchema>;
export type LeeResults = z.infer<typeof LeeSchema>;

/** Everything the report draws from one results folder. */
export interface RunResults {
  readonly folder: string;
  readonly expected: ExpectedResults;
  readonly observed?: ObservedResults;
  /** Counts of the observed data set in the templates' cells, when its file and the templates are there. */
  readonly dataCells?: Float64Array;
  /** Name of the data file (no folder), as the page shows it. */
  readonly dataName?: string;
  readonly lee?: LeeResults;
  readonly templates?: TemplateSet;
  /** What the report leaves out and why, shown on the page. */
  readonly notes: readonly string[];
}

function readJson<T>(path: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ResultsFileError(`${path}: not a JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ResultsFileError(`${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The data file of observed.json: the path it names, else a file of that name in the folder. */
function dataFilePath(folder: string, named: string): string | undefined {
  if (existsSync(named)) return named;
  const beside = join(folder, basename(named));
  return existsSync(beside) ? beside : undefined;
}

/** Reads the results folder `folder`; a missing expected.json or a malformed file is a ResultsFileError. */
export function readRunResults(folder: string): RunResults {
  const expectedPath = join(folder, 'expected.json');
  if (!existsSync(expectedPath)) throw new ResultsFileError(`${expectedPath} is missing: the report needs at least the expected limits (zprime-mc expected --out ${folder})`);
  const expected = readJson(expectedPath, ExpectedSchema);
  const observedPath = join(folder, 'observed.json');
  const observed = existsSync(observedPath) ? readJson(observedPath, ObservedSchema) : undefined;
  if (observed !== undefined && observed.points.length !== expected.points.length) {
    throw new ResultsFileError(`${observedPath}: points has ${observed.points.length} hypotheses, expected.json ${expected.points.length}: both must come from the same templates`);
  }
  const leePath = join(folder, 'lee.json');
  let lee = existsSync(leePath) ? readJson(leePath, LeeSchema) : undefined;
  const notes: string[] = [];
  // lee.json from another data set (or older templates) than observed.json does not describe it.
  if (lee !== undefined && observed !== undefined && Math.abs(lee.max_local_significance - observed.max_local_significance.significance) > 1e-6 * Math.max(1, lee.max_local_significance)) {
    notes.push(`lee.json is left out: its largest local significance (${lee.max_local_significance.toFixed(3)}) is not observed.json's (${observed.max_local_significance.significance.toFixed(3)}), so it was computed on another data set; rerun zprime-mc lee`);
    lee = undefined;
  }
  const templatesPath = join(folder, TEMPLATE_FILE);
  let templates: TemplateSet | undefined;
  if (existsSync(templatesPath)) {
    try {
      templates = readTemplateFile(templatesPath).set;
    } catch (error) {
      if (error instanceof TemplateFileError) throw new ResultsFileError(error.message);
      throw error;
    }
  }
  let dataCells: Float64Array | undefined;
  let dataName: string | undefined;
  if (observed !== undefined && templates !== undefined) {
    const path = dataFilePath(folder, observed.data);
    if (path !== undefined) {
      try {
        dataCells = readDataFile(path, templates.axes);
      } catch (error) {
        throw new ResultsFileError(error instanceof Error ? error.message : String(error));
      }
      dataName = basename(path);
    }
  }
  return { folder, expected, observed, dataCells, dataName, lee, templates, notes };
}

/** Events per M²recoil bin of template cells (ROOT global-bin order, flows included), summed over θ. */
export function m2Projection(cells: ArrayLike<number>, nM2: number, nTheta: number): number[] {
  const out = new Array<number>(nM2).fill(0);
  for (let iy = 1; iy <= nTheta; iy++) for (let ix = 1; ix <= nM2; ix++) out[ix - 1] += cells[ix + (nM2 + 2) * iy];
  return out;
}
