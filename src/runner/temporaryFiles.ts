import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { constants } from 'node:os';

/**
 * Temporary files that an interrupted run must not leave behind: while any is registered, SIGINT
 * (Ctrl-C) and SIGTERM remove them all and end the process with the shell's code for the signal
 * (128 + its number: 130, 143). A run that writes such a file must let the event loop turn now
 * and then (see {@link yieldToSignals}), since a signal's handler runs only between tasks.
 */

const files = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function onSignal(signal: (typeof SIGNALS)[number]): void {
  for (const path of files) rmSync(path, { force: true });
  files.clear();
  process.exit(128 + constants.signals[signal]);
}

/** Registers `path` for removal on SIGINT/SIGTERM; the returned function unregisters it. */
export function removeOnInterrupt(path: string): () => void {
  if (files.size === 0) for (const signal of SIGNALS) process.on(signal, onSignal);
  files.add(path);
  return () => {
    files.delete(path);
    if (files.size === 0) for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}

/** Lets pending signal handlers run (one turn of the event loop). */
export function yieldToSignals(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Appends the content of the file at `fromPath` to the open file `toFd` (a staged body after its header). */
export function copyInto(fromPath: string, toFd: number): void {
  const input = openSync(fromPath, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let n = readSync(input, buffer); n > 0; n = readSync(input, buffer)) writeSync(toFd, buffer, 0, n);
  } finally {
    closeSync(input);
  }
}
