import { scenarioDetector } from '../../runner/scenarioDetector.js';
import { simulateSample, simulateSampleToFile, type SimulateReport } from '../../runner/simulate.js';
import { RECO_EVENTS_EXTENSIONS, recoEventsFormatOf, type RecoEventsFormat } from '../../report/recoEvents.js';
import { checkOutputFile } from '../flags.js';
import { packageVersion } from '../version.js';
import { createGenerator, resolveSampleRequest, type SampleFlags } from '../sampleRequest.js';
import { loadNetworkOption, loadScenarioOption } from '../scenarioOption.js';
import { SAMPLE_SELECTIONS, type SampleSelection } from '../../selection/index.js';
import { InputError } from '../errors.js';

/**
 * `zprime-mc simulate`: generates events of one process and passes them through the scenario's
 * detector; prints what each stage kept (counts and efficiencies) and the trigger yield
 * (see src/runner/simulate.ts); with `--out FILE.parquet|.csv` it also writes every reconstructed
 * event (src/report/recoEvents.ts).
 */

function table(report: SimulateReport, out: EventsFile | null): string {
  const lines = [
    `process ${report.process}${report.mass_GeV === null ? '' : ` (M = ${report.mass_GeV} GeV)`}, ${report.events} events, seed ${report.seed}`,
    `sigma ${report.sigma_pb.toPrecision(6)} +- ${report.sigma_err_pb.toPrecision(2)} pb`,
  ];
  for (const s of report.stages) {
    const counts = Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(', ');
    const eff = Object.entries(s.efficiencies).map(([k, v]) => `${k} ${v === null ? '-' : v.toFixed(4)}`).join(', ');
    lines.push(`${s.name.padEnd(20)}${counts}${eff === '' ? '' : `; ${eff}`}`);
  }
  lines.push(`two opposite tracks  ${report.events_two_opposite_tracks}`);
  lines.push(`triggered            ${report.events_triggered} (${(100 * report.trigger_efficiency).toFixed(2)}%)`);
  if (out !== null) lines.push(`events written to    ${out.path} (${out.format})`);
  lines.push('', `${report.selection} selection${report.punzi_net ? '' : ' (without the Punzi-net)'}, yields at ${report.luminosity_fb} fb^-1:`);
  lines.push(`${'cut'.padEnd(20)}${'events'.padStart(10)}${'efficiency'.padStart(12)}${'yield'.padStart(24)}`);
  for (const row of report.cutflow) {
    lines.push(`${row.cut.padEnd(20)}${String(row.events).padStart(10)}${row.efficiency.toExponential(3).padStart(12)}${`${row.yield.toPrecision(4)} ± ${row.yield_err.toPrecision(2)}`.padStart(24)}`);
  }
  return lines.join('\n');
}

function parseSampleSelection(text: string | undefined): SampleSelection {
  if (text === undefined) return 'signal';
  const sample = SAMPLE_SELECTIONS.find((s) => s === text);
  if (sample === undefined) throw new InputError(`--selection ${text} is not allowed: must be one of ${SAMPLE_SELECTIONS.join(', ')}`);
  return sample;
}

interface EventsFile {
  readonly path: string;
  readonly format: RecoEventsFormat;
}

const EXTENSIONS = Object.keys(RECO_EVENTS_EXTENSIONS).join(' or ');
const FORMATS = Object.values(RECO_EVENTS_EXTENSIONS).join(' or ');

/** `--out` and `--format`: the format follows the extension; a `--format` must agree with it. */
function parseEventsFile(out: string | undefined, format: string | undefined): EventsFile | null {
  if (format !== undefined && !Object.values(RECO_EVENTS_EXTENSIONS).some((f) => f === format)) throw new InputError(`--format ${format} is not allowed: must be ${FORMATS}`);
  if (out === undefined) {
    if (format !== undefined) throw new InputError(`--format ${format} needs --out FILE (the reconstructed events are written to a file)`);
    return null;
  }
  const fromExtension = recoEventsFormatOf(out);
  if (fromExtension === null) throw new InputError(`--out ${out} is not allowed: the file name must end in ${EXTENSIONS}`);
  if (format !== undefined && format !== fromExtension) {
    throw new InputError(`--out ${out} is not allowed with --format ${format}: a ${FORMATS} file must end in ${EXTENSIONS} respectively`);
  }
  checkOutputFile('--out', out);
  return { path: out, format: fromExtension };
}

export async function runSimulateCommand(flags: SampleFlags & { json?: boolean; selection?: string }): Promise<void> {
  const { scenario, file } = loadScenarioOption(flags.scenario, flags.seed);
  const events = parseEventsFile(flags.out, flags.format);
  const request = resolveSampleRequest({ ...flags, out: undefined, format: undefined }, scenario);
  const sample = parseSampleSelection(flags.selection);
  const network = loadNetworkOption(file);
  const generator = createGenerator(request);
  const detector = scenarioDetector(scenario);
  const cuts = { settings: scenario.selection, sample, luminosityFb: scenario.luminosity.totalFb, network: network?.classifier };
  const report =
    events === null
      ? simulateSample(generator, request, detector, cuts)
      : await simulateSampleToFile(generator, request, detector, cuts, { ...events, scenario, createdBy: `zprime-mc ${packageVersion()}` });
  process.stdout.write(flags.json === true ? `${JSON.stringify(report)}\n` : `${table(report, events)}\n`);
}
