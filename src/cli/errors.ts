/**
 * An error in what the user gave us (a flag, a file, a field): reported as one line, exit code 2.
 * Anything else that escapes a command is a bug and exits with code 1.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Exit code for bad input (flags, files, fields), as the command-line contract says. */
export const EXIT_BAD_INPUT = 2;
