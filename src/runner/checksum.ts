import { createHash } from 'node:crypto';

/**
 * A JSON document that carries its own checksum: `sha256`, the last key, is the SHA-256 of the
 * document's JSON text without it. JSON keeps key order and prints every finite double in its
 * shortest round-trip form, so the text recomputed from the parsed document is the text written.
 */

export const CHECKSUM_KEY = 'sha256';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The JSON text (one line) of `document` with its checksum appended. */
export function checksummedJson(document: Readonly<Record<string, unknown>>): string {
  const text = JSON.stringify(document);
  return `${text.slice(0, -1)}${text === '{}' ? '' : ','}"${CHECKSUM_KEY}":"${sha256Hex(text)}"}\n`;
}

/**
 * Checks the checksum of a parsed document: `absent` for a document written without one, `ok`, or
 * a message saying how it differs.
 */
export function verifyChecksum(document: Readonly<Record<string, unknown>>): 'absent' | 'ok' | string {
  if (!(CHECKSUM_KEY in document)) return 'absent';
  const { [CHECKSUM_KEY]: stored, ...rest } = document;
  const actual = sha256Hex(JSON.stringify(rest));
  return actual === stored ? 'ok' : `checksum mismatch (sha256 of the content is ${actual.slice(0, 12)}…, the file says ${String(stored).slice(0, 12)}…): the file is corrupted`;
}
