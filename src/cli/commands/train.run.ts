import { SingleBar } from 'cli-progress';
import { writeAtomically } from '../../report/writeAtomically.js';
import { scenarioDetector } from '../../runner/scenarioDetector.js';
import { scenarioNetworkPath } from '../../runner/scenarioNetwork.js';
import { type TrainReport, trainScenarioNetwork } from '../../runner/train.js';
import { serialisePunziNet } from '../../selection/punziNet/index.js';
import { checkOutputFile } from '../flags.js';
import { loadScenarioOption } from '../scenarioOption.js';

/**
 * `zprime-mc train`: trains the scenario's Punzi-net (src/runner/train.ts) and writes it beside the
 * scenario file (`<name>.punzi.json`), where `simulate` and `templates` find it.
 */

export interface TrainFlags {
  scenario?: string;
  seed?: string;
  out?: string;
  json?: boolean;
}

function summary(report: TrainReport, path: string) {
  const { result } = report;
  return {
    path,
    seed: result.seed,
    training_inputs_sha256: result.trainingInputsSha256,
    events: report.events,
    bce_first_loss: result.history.bce.loss[0] ?? null,
    bce_final_loss: result.history.bce.loss.at(-1) ?? null,
    punzi_first_loss_fb: result.history.punzi.loss[0] ?? null,
    punzi_final_loss_fb: result.history.punzi.loss.at(-1) ?? null,
    masses: report.masses,
  };
}

function table(s: ReturnType<typeof summary>): string {
  const lines = [
    `wrote ${s.path}: trained on ${s.events.signal} signal and ${s.events.background} background events after the selection`,
    `final losses: BCE ${s.bce_final_loss?.toPrecision(4)}, Punzi ${s.punzi_final_loss_fb?.toPrecision(4)} fb`,
    '',
    `${'M [GeV]'.padStart(8)}${'eff before'.padStart(12)}${'B before'.padStart(11)}${'eff after'.padStart(11)}${'B after'.padStart(10)}${'S_min/(eff L) [fb]'.padStart(22)}${'gain'.padStart(7)}`,
  ];
  for (const m of s.masses) {
    lines.push(
      `${m.mass_GeV.toFixed(2).padStart(8)}${m.efficiency_before.toFixed(4).padStart(12)}${m.background_before.toPrecision(3).padStart(11)}${m.efficiency_after.toFixed(4).padStart(11)}${m.background_after.toPrecision(3).padStart(10)}${`${m.sensitivity_before_fb.toPrecision(3)} -> ${m.sensitivity_after_fb.toPrecision(3)}`.padStart(22)}${m.gain.toFixed(1).padStart(7)}`,
    );
  }
  return lines.join('\n');
}

export function runTrainCommand(flags: TrainFlags): void {
  const { scenario, file } = loadScenarioOption(flags.scenario, flags.seed);
  const path = checkOutputFile('--out', flags.out ?? scenarioNetworkPath(file));
  const showProgress = process.stderr.isTTY === true && flags.json !== true;
  const bar = showProgress ? new SingleBar({ format: 'train {bar} {value}/{total} {stage}', stream: process.stderr }) : null;
  let current = '';
  let report: TrainReport;
  try {
    report = trainScenarioNetwork(scenario, scenarioDetector(scenario), (stage, done, total) => {
      if (stage !== current) {
        bar?.stop();
        bar?.start(total, done, { stage });
        current = stage;
      }
      bar?.update(done, { stage });
    });
  } finally {
    bar?.stop();
  }
  writeAtomically(path, serialisePunziNet(report.result));
  const s = summary(report, path);
  process.stdout.write(flags.json === true ? `${JSON.stringify(s)}\n` : `${table(s)}\n`);
}
