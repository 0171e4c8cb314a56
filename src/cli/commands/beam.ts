import type { Command } from 'commander';
import { CollisionFrame } from '../../physics/beams.js';
import { loadScenarioOption, SCENARIO_OPTION_HELP, SEED_OPTION_HELP } from '../scenarioOption.js';
import type { RegisterCommand } from './index.js';

/** What `zprime-mc beam --json` prints (the command-line contract of DESIGN.md). */
export interface BeamReport {
  /** e⁻ (HER) beam energy, GeV. */
  readonly her_GeV: number;
  /** e⁺ (LER) beam energy, GeV. */
  readonly ler_GeV: number;
  /** Total crossing angle of the two beams, mrad. */
  readonly crossing_angle_mrad: number;
  /** Exact c.m. energy, GeV. */
  readonly sqrt_s_GeV: number;
  /** Velocity of the c.m. frame in the lab (Belle II frame: z along the e⁻ beam), units of c. */
  readonly beta_cm: readonly [number, number, number];
  /** |β|γ of the c.m. frame. */
  readonly beta_gamma: number;
}

/** The beam report of a scenario's (nominal) beam settings. */
export function beamReport(frame: CollisionFrame, herAngle: number, lerAngle: number): BeamReport {
  return {
    her_GeV: frame.her.E,
    ler_GeV: frame.ler.E,
    // Rounded to 12 significant digits so that 41.5 + 41.5 mrad prints as 83, not 83.00000000000001.
    crossing_angle_mrad: Number(((herAngle + lerAngle) * 1e3).toPrecision(12)),
    sqrt_s_GeV: frame.sqrtS,
    beta_cm: [frame.betaCM.x, frame.betaCM.y, frame.betaCM.z],
    beta_gamma: frame.betaGamma,
  };
}

function table(report: BeamReport, scenarioName: string, file: string): string {
  const [bx, by, bz] = report.beta_cm;
  const rows: [string, string][] = [
    ['scenario', `${scenarioName} (${file})`],
    ['e- (HER) beam energy', `${report.her_GeV} GeV`],
    ['e+ (LER) beam energy', `${report.ler_GeV} GeV`],
    ['crossing angle', `${report.crossing_angle_mrad} mrad`],
    ['sqrt(s)', `${report.sqrt_s_GeV.toFixed(5)} GeV`],
    ['beta of the c.m. frame', `(${bx.toFixed(6)}, ${by.toFixed(6)}, ${bz.toFixed(6)})`],
    ['beta*gamma', report.beta_gamma.toFixed(5)],
  ];
  return rows.map(([k, v]) => `${k.padEnd(24)}${v}`).join('\n');
}

export const registerBeam: RegisterCommand = (program: Command) => {
  program
    .command('beam')
    .description('beam energies, crossing angle, sqrt(s) and the c.m. boost of a scenario')
    .option('--scenario <file>', SCENARIO_OPTION_HELP)
    .option('--seed <n>', SEED_OPTION_HELP)
    .option('--json', 'print the results as JSON to stdout')
    .action((options: { scenario?: string; seed?: string; json?: boolean }) => {
      const { scenario, file } = loadScenarioOption(options.scenario, options.seed);
      const report = beamReport(new CollisionFrame(scenario.beams), scenario.beams.herAngle, scenario.beams.lerAngle);
      process.stdout.write(options.json === true ? `${JSON.stringify(report)}\n` : `${table(report, scenario.name, file)}\n`);
    });
};
