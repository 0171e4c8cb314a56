import type { Command } from 'commander';
import { registerBeam } from './beam.js';

/** A sub-command adds itself to the program; the CLI is a thin shell over the library. */
export type RegisterCommand = (program: Command) => void;

/** Sub-commands in the order `--help` lists them. */
export const commands: readonly RegisterCommand[] = [registerBeam];
