import { SingleBar } from 'cli-progress';
import { type GenerateReport, generateSample } from '../../runner/generate.js';
import { createGenerator, resolveSampleRequest, type SampleFlags } from '../sampleRequest.js';
import { loadScenarioOption } from '../scenarioOption.js';

/** `zprime-mc generate`: truth events of one process, with σ ± its Monte Carlo error (see src/runner/generate.ts). */

function table(report: GenerateReport): string {
  const rows: [string, string][] = [
    ['process', report.process],
    ...(report.mass_GeV === null ? [] : [['Z\' mass', `${report.mass_GeV} GeV`] as [string, string]]),
    ['sigma', `${report.sigma_pb.toPrecision(6)} +- ${report.sigma_err_pb.toPrecision(2)} pb`],
    ['events', String(report.events)],
    ['unweighting efficiency', report.weighted ? 'weighted events' : report.unweighting_efficiency.toFixed(4)],
    ['overweight fraction', report.overweight_fraction.toExponential(2)],
    ['ISR', report.isr ? 'on' : 'off'],
    ['alpha_em', `1/${(1 / report.alpha_em).toFixed(3)} (MadGraph's L_mu-L_tau model uses 1/127.9)`],
    ['seed', String(report.seed)],
    ['output', report.out === null ? 'none (give --out FILE)' : `${report.out} (${report.format})`],
  ];
  return rows.map(([k, v]) => `${k.padEnd(24)}${v}`).join('\n');
}

export async function runGenerateCommand(flags: SampleFlags): Promise<void> {
  const { scenario } = loadScenarioOption(flags.scenario, flags.seed);
  const request = resolveSampleRequest(flags, scenario);
  const showProgress = process.stderr.isTTY === true && flags.json !== true && request.events >= 100_000;
  const bar = showProgress ? new SingleBar({ format: 'generate {bar} {value}/{total} events', stream: process.stderr }) : null;
  bar?.start(request.events, 0);
  try {
    const report = await generateSample(createGenerator(request), request, (done) => bar?.update(done));
    bar?.stop();
    process.stdout.write(flags.json === true ? `${JSON.stringify(report)}\n` : `${table(report)}\n`);
  } finally {
    bar?.stop();
  }
}
