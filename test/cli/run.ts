import { vi } from 'vitest';
import { run } from '../../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `zprime-mc argv…` in-process and captures what it writes. */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await run(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Asserts the shape of a bad-input failure: exit 2, nothing on stdout, one line on stderr. */
export function badInputLine(result: CliResult): string {
  if (result.code !== 2) throw new Error(`exit code ${result.code}, expected 2 (stderr: ${result.stderr})`);
  if (result.stdout !== '') throw new Error(`unexpected stdout: ${result.stdout}`);
  const lines = result.stderr.split('\n');
  if (lines.length !== 2 || lines[1] !== '') throw new Error(`expected one line on stderr, got: ${JSON.stringify(result.stderr)}`);
  return lines[0];
}
