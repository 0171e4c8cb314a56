import { SingleBar } from 'cli-progress';
import type { GeneratorOptions } from '../../../generators/process.js';
import { massGrid, SignalSettings, xsecMasses } from '../../../generators/signal.js';
import { EventBeams } from '../../physics/beams.js';
import { ALPHA_EM_0, MUON_MASS } from '../../physics/constants.js';
import { writeAtomically } from '../../report/writeAtomically.js';
import { signalCrossSections, type XsecPoint } from '../../runner/signalCrossSections.js';
import { InputError } from '../errors.js';
import { checkOutputFile, parseInteger, parseMassList, parseNumber, parseOnOff } from '../flags.js';
import { loadScenarioOption } from '../scenarioOption.js';

/** What `zprime-mc xsec --json` prints: the table from which limits on g′ follow (σ ∝ g′²). */
export interface XsecReport {
  readonly process: 'signal';
  readonly g_prime: 1;
  readonly alpha_em: number;
  /** "alpha(0)", "MadGraph 1/127.9" or "custom". */
  readonly alpha_em_label: string;
  /** Whether the hard process's α runs from `alpha_em` to q² = s′. */
  readonly alpha_running: boolean;
  readonly isr: boolean;
  readonly width_ratio: number;
  readonly sqrt_s_GeV: number;
  readonly trials_per_mass: number;
  readonly seed: number;
  readonly points: readonly XsecPoint[];
}

export interface XsecFlags {
  process?: string;
  scenario?: string;
  seed?: string;
  masses?: string;
  grid?: string;
  events?: string;
  isr?: string;
  alphaEm?: string;
  runningAlpha?: string;
  widthRatio?: string;
  json?: boolean;
  out?: string;
}

const MASS_LIMITS = 'numbers from 0.001 to 10 GeV';

function parseGrid(text: string): number[] {
  const parts = text.split(':');
  const [from, to, points] = parts.slice(0, 3).map(Number);
  const spacing = parts[3] ?? 'log';
  const valid =
    (parts.length === 3 || parts.length === 4) &&
    Number.isFinite(from) && Number.isFinite(to) && from >= 0.001 && to <= 10 && to > from &&
    Number.isInteger(points) && points >= 2 && points <= 10_000 &&
    (spacing === 'log' || spacing === 'linear');
  if (!valid) {
    throw new InputError(`--grid ${text} is not allowed: use FROM:TO:POINTS[:log|linear] with ${MASS_LIMITS}, FROM < TO and 2 to 10000 points, e.g. 0.01:9:40:log`);
  }
  return massGrid(from, to, points, spacing);
}

function alphaLabel(alpha: number, running: boolean): string {
  const base = alpha === ALPHA_EM_0 ? 'alpha(0) = 1/137.036' : Math.abs(alpha * 127.9 - 1) < 1e-9 ? 'MadGraph L_mu-L_tau UFO, 1/127.9' : 'custom';
  return running ? `running alpha(s') from ${base}` : `fixed ${base}`;
}

function table(report: XsecReport): string {
  const head = [
    `# e+e- -> mu+mu- Z', sigma(M; g' = 1) at sqrt(s) = ${report.sqrt_s_GeV.toFixed(5)} GeV`,
    `# alpha_em = ${report.alpha_em} (${report.alpha_em_label}), ISR ${report.isr ? 'on' : 'off'}, width/mass = ${report.width_ratio}, ${report.trials_per_mass} trials per mass, seed ${report.seed}`,
    `${'mass_GeV'.padStart(12)}${'sigma_pb'.padStart(16)}${'sigma_err_pb'.padStart(16)}`,
  ];
  const rows = report.points.map((p) => `${p.mass_GeV.toPrecision(6).padStart(12)}${p.sigma_pb.toPrecision(6).padStart(16)}${p.sigma_err_pb.toPrecision(3).padStart(16)}`);
  return [...head, ...rows].join('\n');
}

export function runXsecCommand(flags: XsecFlags): void {
  // Everything is checked before any work starts, so a bad flag writes nothing.
  if (flags.process !== 'signal') throw new InputError(`--process ${flags.process} is not allowed: xsec computes the signal table; use --process signal`);
  if (flags.masses !== undefined && flags.grid !== undefined) throw new InputError('--masses and --grid are not allowed together: give one of them');
  const { scenario } = loadScenarioOption(flags.scenario, flags.seed);
  const fromScenario = scenario.generators.signal;
  const widthRatio = flags.widthRatio === undefined ? fromScenario.widthRatio : parseNumber('--width-ratio', flags.widthRatio, 'a number from 0 to 0.5', (x) => x >= 0 && x <= 0.5);
  const vacuumPolarization = parseOnOff('--running-alpha', flags.runningAlpha, fromScenario.vacuumPolarization);
  const settings = SignalSettings.parse({ ...fromScenario, widthRatio, vacuumPolarization });
  const masses = flags.masses !== undefined ? parseMassList('--masses', flags.masses, 0.001, 10) : flags.grid !== undefined ? parseGrid(flags.grid) : xsecMasses(settings);
  const trials = flags.events === undefined ? settings.xsec.trialsPerMass : parseInteger('--events', flags.events, 1000, 1e9, 'trials per mass');
  const isr = parseOnOff('--isr', flags.isr, true);
  const alphaEM = flags.alphaEm === undefined ? ALPHA_EM_0 : parseNumber('--alpha-em', flags.alphaEm, 'a number from 1e-4 to 0.1 (alpha(0) = 0.0072974, MadGraph 0.0078186)', (x) => x >= 1e-4 && x <= 0.1);
  const sqrtS = new EventBeams(scenario.beams).sqrtS;
  const ceiling = sqrtS - 2 * MUON_MASS;
  const tooHeavy = masses.find((m) => !(m < ceiling));
  if (tooHeavy !== undefined) {
    throw new InputError(`${flags.masses !== undefined ? '--masses' : flags.grid !== undefined ? '--grid' : 'generators.signal.xsec'}: the mass ${tooHeavy} GeV is not allowed: it must be below sqrt(s) - 2 m_mu = ${ceiling.toFixed(4)} GeV`);
  }
  if (flags.out !== undefined) checkOutputFile('--out', flags.out);
  const options: GeneratorOptions = { beams: scenario.beams, beamEnergySpread: false, isr, alphaEM, weighted: false };

  const bar = process.stderr.isTTY && masses.length > 1 ? new SingleBar({ stream: process.stderr, format: 'xsec [{bar}] {value}/{total} masses | {eta_formatted} left', hideCursor: true }) : null;
  bar?.start(masses.length, 0);
  let points: XsecPoint[];
  try {
    points = signalCrossSections(masses, settings, options, scenario.seed, trials, (done) => bar?.update(done));
  } finally {
    bar?.stop();
  }
  const report: XsecReport = {
    process: 'signal',
    g_prime: 1,
    alpha_em: alphaEM,
    alpha_em_label: alphaLabel(alphaEM, vacuumPolarization),
    alpha_running: vacuumPolarization,
    isr,
    width_ratio: widthRatio,
    sqrt_s_GeV: sqrtS,
    trials_per_mass: trials,
    seed: scenario.seed,
    points,
  };
  const json = `${JSON.stringify(report)}\n`;
  if (flags.out !== undefined) writeAtomically(flags.out, json);
  process.stdout.write(flags.json === true ? json : `${table(report)}\n`);
}
