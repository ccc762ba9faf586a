import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { OBJECT_EXT } from './changesFormat.js';

/** 1 MB output pieces: the default 16 KB ones cost 60% more time in copies on a checkpoint of 2M rows. */
const PIECE = 1 << 20;

/** A content object's bytes, uncompressed: Brotli for `.csv.br` objects (BrotliObject), gzip for the `.csv.gz` ones stores hold from before. */
export function inflateObject(bytes: Uint8Array, name: string): Buffer {
  return name.endsWith(OBJECT_EXT) ? brotliDecompressSync(bytes, { chunkSize: PIECE }) : gunzipSync(bytes, { chunkSize: PIECE });
}
