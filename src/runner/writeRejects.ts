import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { rowsToCsv } from '../csv/rowsToCsv.js';
import { atomicWrite } from '../util/atomicWrite.js';
import type { RowReject } from '../validation/Validator.js';

export const REJECT_COLUMNS = ['file', 'line', 'code', 'message', 'raw'] as const;

/** Writes a run's rejected rows as CSV: source file, line, reason code, message and the raw line. */
export async function writeRejects(path: string, rejects: RowReject[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const rows = rejects.map((r) => [r.file, String(r.line), r.code, r.message, r.raw]);
  await atomicWrite(path, rowsToCsv([[...REJECT_COLUMNS], ...rows]));
}
