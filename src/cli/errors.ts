/**
 * An error in what the user gave us (a flag, a file, a field): reported as one line, exit code 2.
 * A {@link RunFailedError} is one line with exit code 1; anything else that escapes a command is a
 * bug and exits with code 1 and its stack.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Exit code for bad input (flags, files, fields), as the command-line contract says. */
export const EXIT_BAD_INPUT = 2;

/** A run that could not produce a result on valid input (a fit that did not converge): one line, exit code 1. */
export class RunFailedError extends Error {
  override readonly name = 'RunFailedError';
}

/** Exit code of a run that failed. */
export const EXIT_RUN_FAILED = 1;
