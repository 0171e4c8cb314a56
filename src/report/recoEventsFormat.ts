import { extname } from 'node:path';

// The formats of the reconstructed-events file by extension, apart from the writer (recoEvents.ts)
// so that the command's help can name them without loading the Parquet writer.

export type RecoEventsFormat = 'parquet' | 'csv';

/** Output extensions and their formats. */
export const RECO_EVENTS_EXTENSIONS: Readonly<Record<string, RecoEventsFormat>> = { '.parquet': 'parquet', '.csv': 'csv' };

/** The format that a file name's extension (case-insensitive) selects, or null for any other. */
export function recoEventsFormatOf(path: string): RecoEventsFormat | null {
  return RECO_EVENTS_EXTENSIONS[extname(path).toLowerCase()] ?? null;
}
