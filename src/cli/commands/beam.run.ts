import { CollisionFrame } from '../../physics/beams.js';
import { type BeamReport, beamReport } from '../../report/beamReport.js';
import { loadScenarioOption } from '../scenarioOption.js';

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

export function runBeamCommand(options: { scenario?: string; seed?: string; json?: boolean }): void {
  const { scenario, file } = loadScenarioOption(options.scenario, options.seed);
  const report = beamReport(new CollisionFrame(scenario.beams), scenario.beams.herAngle, scenario.beams.lerAngle);
  process.stdout.write(options.json === true ? `${JSON.stringify(report)}\n` : `${table(report, scenario.name, file)}\n`);
}
