import type { Command } from 'commander';
import { registerBeam } from './beam.js';
import { registerGenerate } from './generate.js';
import { registerXsec } from './xsec.js';
import { registerFit } from './fit.js';
import { registerHypotest } from './hypotest.js';
import { registerUpperLimit } from './upperLimit.js';
import { registerSimulate } from './simulate.js';
import { registerResolution } from './resolution.js';

/** A sub-command adds itself to the program; the CLI is a thin shell over the library. */
export type RegisterCommand = (program: Command) => void;

/** Sub-commands in the order `--help` lists them. */
export const commands: readonly RegisterCommand[] = [registerBeam, registerXsec, registerHypotest, registerUpperLimit, registerFit, registerGenerate, registerSimulate, registerResolution];
