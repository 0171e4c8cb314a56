/**
 * The limit tables of a run in HEPData's submission format (https://hepdata.net/submission):
 * `submission.yaml`, a stream of YAML documents (the first about the whole submission, then one
 * per table naming its data file), and one YAML data file per table with its independent
 * variable (M_Z′), dependent variables with units and qualifiers, and the expected bands as
 * asymmetric errors labelled "1 sigma" and "2 sigma", as HEPData records of limits do.
 * The tests validate the output against HEPData's schemas, version 1.1.1.
 */
import { basename } from 'node:path';
import { stringify } from 'yaml';
import type { ExpectedResults, ObservedResults } from './results.js';

/** Folder of the HEPData submission inside a results folder. */
export const HEPDATA_FOLDER = 'hepdata';

type Band = readonly number[];

interface Qualifier {
  readonly name: string;
  readonly value: string | number;
  readonly units?: string;
}

interface DependentVariable {
  readonly header: { readonly name: string; readonly units?: string };
  readonly qualifiers: readonly Qualifier[];
  readonly values: readonly { readonly value: number; readonly errors?: readonly unknown[] }[];
}

const REACTION = "E+ E- --> MU+ MU- ZPRIME, ZPRIME --> INVISIBLE";
const MASS_HEADER = { name: "M(Z')", units: 'GeV/c^2' };

const NARROW = 'negligible (narrow)';

function qualifiers(expected: ExpectedResults, extra: readonly Qualifier[] = [], width = NARROW): Qualifier[] {
  return [
    { name: 'RE', value: REACTION },
    ...(expected.sqrt_s_GeV === undefined ? [] : [{ name: 'SQRT(S)', value: Number(expected.sqrt_s_GeV.toFixed(4)), units: 'GeV' }]),
    { name: 'CL', value: '90%' },
    { name: 'Luminosity', value: expected.luminosity_fb, units: 'fb^-1' },
    { name: 'Calculator', value: `${expected.calculator === 'toys' ? 'toy-based' : expected.calculator} CLs` },
    { name: "Z' width", value: width },
    ...extra,
  ];
}

function expectedVariable(name: string, units: string | undefined, quals: readonly Qualifier[], bands: readonly Band[]): DependentVariable {
  return {
    header: units === undefined ? { name } : { name, units },
    qualifiers: quals,
    values: bands.map((b) => ({
      value: b[2],
      errors: [
        { asymerror: { minus: b[1] - b[2], plus: b[3] - b[2] }, label: '1 sigma' },
        { asymerror: { minus: b[0] - b[2], plus: b[4] - b[2] }, label: '2 sigma' },
      ],
    })),
  };
}

function plainVariable(name: string, units: string | undefined, quals: readonly Qualifier[], values: readonly number[]): DependentVariable {
  return { header: units === undefined ? { name } : { name, units }, qualifiers: quals, values: values.map((value) => ({ value })) };
}

function dataFile(masses: readonly number[], dependent: readonly DependentVariable[]): string {
  return stringify({ independent_variables: [{ header: MASS_HEADER, values: masses.map((value) => ({ value })) }], dependent_variables: dependent }, { lineWidth: 0 });
}

interface Table {
  readonly name: string;
  readonly description: string;
  readonly file: string;
  readonly observables: readonly string[];
  readonly text: string;
}

const MODEL_NAMES = { fully_invisible: "fully invisible L_mu - L_tau (B(Z' --> invisible) = 1)", vanilla: "vanilla L_mu - L_tau (B(Z' --> nu nu) from the partial widths)" } as const;

/** The files of the submission, by name, in a fixed order. */
export function hepdataSubmission(expected: ExpectedResults, observed?: ObservedResults): Map<string, string> {
  const masses = expected.points.map((p) => p.mass_GeV);
  const tables: Table[] = [];
  const sigmaName = "SIG(E+ E- --> MU+ MU- ZPRIME) * BR(ZPRIME --> INVISIBLE)";
  const sigma = [expectedVariable(`Expected upper limit on ${sigmaName}`, 'fb', qualifiers(expected), expected.points.map((p) => p.sigma_ul_fb.exp))];
  if (observed !== undefined) sigma.push(plainVariable(`Observed upper limit on ${sigmaName}`, 'fb', qualifiers(expected, [{ name: 'Data', value: basename(observed.data) }]), observed.points.map((p) => p.sigma_ul_fb.obs)));
  tables.push({
    name: 'Upper limits on the cross section',
    description: `90% CL upper limits on the cross section of e+e- -> mu+mu- Z', Z' -> invisible, times the invisible branching fraction, against the Z' mass: the median expected limit with its 1 and 2 sigma bands${observed === undefined ? '' : ' and the observed limit'} (${expected.scenario}).`,
    file: 'sigma_upper_limits.yaml',
    observables: ['SIG', 'UL'],
    text: dataFile(masses, sigma),
  });
  for (const model of ['fully_invisible', 'vanilla'] as const) {
    const quals = qualifiers(expected, [{ name: 'Model', value: MODEL_NAMES[model] }]);
    const vars = [expectedVariable("Expected upper limit on g'", undefined, quals, expected.points.map((p) => p.gprime_ul[model].exp))];
    if (observed !== undefined) vars.push(plainVariable("Observed upper limit on g'", undefined, [...quals, { name: 'Data', value: basename(observed.data) }], observed.points.map((p) => p.gprime_ul[model].obs)));
    const band = [{ name: 'RE', value: "one-loop Z' contribution to a_mu" }, { name: 'Delta a_mu', value: '(251 +- 59) x 10^-11' }];
    vars.push(plainVariable("g' explaining (g-2)_mu, lower edge of the 2 sigma band", undefined, band, expected.points.map((p) => p.g_minus_2_band_gprime[0])));
    vars.push(plainVariable("g' explaining (g-2)_mu, upper edge of the 2 sigma band", undefined, band, expected.points.map((p) => p.g_minus_2_band_gprime[1])));
    tables.push({
      name: `Upper limits on g', ${model === 'fully_invisible' ? 'fully invisible' : 'vanilla'} model`,
      description: `90% CL upper limits on the L_mu - L_tau coupling g' of the ${MODEL_NAMES[model]} model against the Z' mass, and the g' band that explains (g-2)_mu within 2 sigma (${expected.scenario}).`,
      file: `gprime_upper_limits_${model}.yaml`,
      observables: ['UL'],
      text: dataFile(masses, vars),
    });
  }
  const wide = expected.wide_zprime;
  if (wide !== undefined) {
    const width = `${wide.width_over_mass} M(Z') (Breit-Wigner)`;
    const wideObserved = observed?.wide_zprime?.points.length === wide.points.length ? observed.wide_zprime : undefined;
    const dataQual = observed === undefined ? [] : [{ name: 'Data', value: basename(observed.data) }];
    const model = [{ name: 'Model', value: MODEL_NAMES.fully_invisible }];
    // The wide limits are asymptotic whatever the narrow ones' calculator.
    const wideQuals = (extra: readonly Qualifier[]) => qualifiers({ ...expected, calculator: 'asymptotic' }, extra, width);
    const vars = [
      expectedVariable(`Expected upper limit on ${sigmaName}`, 'fb', wideQuals([]), wide.points.map((p) => p.sigma_ul_fb.exp)),
      ...(wideObserved === undefined ? [] : [plainVariable(`Observed upper limit on ${sigmaName}`, 'fb', wideQuals(dataQual), wideObserved.points.map((p) => p.sigma_ul_fb.obs))]),
      expectedVariable("Expected upper limit on g'", undefined, wideQuals(model), wide.points.map((p) => p.gprime_ul.fully_invisible.exp)),
      ...(wideObserved === undefined ? [] : [plainVariable("Observed upper limit on g'", undefined, wideQuals([...model, ...dataQual]), wideObserved.points.map((p) => p.gprime_ul.fully_invisible.obs))]),
    ];
    tables.push({
      name: `Upper limits for a wide Z', width ${wide.width_over_mass} M`,
      description: `90% CL upper limits on the cross section times the invisible branching fraction and on g' (fully invisible model) for a Z' of width ${wide.width_over_mass} M(Z'), from one-dimensional M2recoil templates (${expected.scenario}).`,
      file: 'wide_zprime_upper_limits.yaml',
      observables: ['SIG', 'UL'],
      text: dataFile(wide.points.map((p) => p.mass_GeV), vars),
    });
  }
  if (observed !== undefined) {
    tables.push({
      name: 'Local significance',
      description: `Local significance of every Z' mass hypothesis on ${basename(observed.data)} (${expected.scenario}).`,
      file: 'local_significance.yaml',
      observables: ['SIG'],
      text: dataFile(masses, [plainVariable('Local significance', 'sigma', qualifiers(expected, [{ name: 'Data', value: basename(observed.data) }]), observed.points.map((p) => p.local_significance))]),
    });
  }
  const documents = [
    stringify({ comment: `zprime-mc re-creation of the Belle II search for an invisible Z' in e+e- -> mu+mu- Z' (PRL 130, 231801 (2023)) at generator and fast-simulation level; scenario ${expected.scenario}, ${expected.luminosity_fb} fb^-1. Not Belle II data.` }, { lineWidth: 0 }),
    ...tables.map((t) =>
      stringify(
        {
          name: t.name,
          description: t.description,
          keywords: [
            { name: 'reactions', values: [REACTION] },
            { name: 'observables', values: t.observables },
            { name: 'phrases', values: ["Z'", 'Dark matter', 'L_mu - L_tau', 'Invisible decay'] },
          ],
          data_file: t.file,
        },
        { lineWidth: 0 },
      ),
    ),
  ];
  const files = new Map<string, string>([['submission.yaml', documents.join('---\n')]]);
  for (const t of tables) files.set(t.file, t.text);
  return files;
}
