import { readFileSync } from 'node:fs';
import { inflateObject } from '../../src/snapshots/inflateObject.js';

/** A content object's bytes, uncompressed, as the store reads them (Brotli `.csv.br`, or gzip `.csv.gz` from before). */
export function readObject(path: string): Promise<Buffer> {
  return inflateObject(readFileSync(path), path);
}
