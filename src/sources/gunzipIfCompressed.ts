import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DroplineError } from '../errors/DroplineError.js';

const inflate = promisify(gunzip);

/** True when `bytes` start with the gzip magic number (1F 8B). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The decompressed bytes of a gzip input (known by its content, whatever its name), else `bytes` as they are. */
export async function gunzipIfCompressed(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await inflate(bytes);
  } catch (err) {
    throw new DroplineError('SOURCE_UNREADABLE', `is gzip-compressed but cannot be decompressed (${(err as Error).message}); drop it again, whole`, { file }, { cause: err });
  }
}
