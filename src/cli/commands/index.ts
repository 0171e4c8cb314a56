import type { Command } from 'commander';
import { registerBeam } from './beam.js';
import { registerExpected } from './expected.js';
import { registerExportWorkspace } from './exportWorkspace.js';
import { registerFit } from './fit.js';
import { registerGenerate } from './generate.js';
import { registerHypotest } from './hypotest.js';
import { registerInspect } from './inspect.js';
import { registerLee } from './lee.js';
import { registerMerge } from './merge.js';
import { registerObserve } from './observe.js';
import { registerReport } from './report.js';
import { registerResolution } from './resolution.js';
import { registerSimulate } from './simulate.js';
import { registerStatus } from './status.js';
import { registerSubmit } from './submit.js';
import { registerSummary } from './summary.js';
import { registerTemplates } from './templates.js';
import { registerTrain } from './train.js';
import { registerUpperLimit } from './upperLimit.js';
import { registerXsec } from './xsec.js';

/**
 * A sub-command adds itself to the program; the CLI is a thin shell over the library. Each module
 * here only defines its command (name, options, help) and imports its work, `<name>.run.ts`, when
 * the command runs, so that `zprime-mc --help` does not load the generators, detector and fits.
 */
export type RegisterCommand = (program: Command) => void;

/** Sub-commands in the order `--help` lists them: the data flow, then the fits on workspaces. */
export const commands: readonly RegisterCommand[] = [
  registerSummary,
  registerBeam,
  registerGenerate,
  registerXsec,
  registerSimulate,
  registerResolution,
  registerTrain,
  registerTemplates,
  registerExpected,
  registerObserve,
  registerLee,
  registerMerge,
  registerSubmit,
  registerStatus,
  registerReport,
  registerExportWorkspace,
  registerHypotest,
  registerUpperLimit,
  registerFit,
  registerInspect,
];
