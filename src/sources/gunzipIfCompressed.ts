import { constants } from 'node:buffer';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DroplineError } from '../errors/DroplineError.js';

const inflate = promisify(gunzip);

/**
 * The most a gzip input may inflate to: the UTF-8 bytes of the longest text
 * one input can be read as (a JS string, at most 3 bytes a character, plus a
 * byte order mark). More could never be read; without a limit, a few MB of
 * gzip (a "zip bomb") would make a run allocate gigabytes before failing.
 */
export const MAX_INFLATED_BYTES = 3 * constants.MAX_STRING_LENGTH + 3;

/** True when `bytes` start with the gzip magic number (1F 8B). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The decompressed bytes of a gzip input (known by its content, whatever its name), else `bytes` as they are. */
export async function gunzipIfCompressed(bytes: Uint8Array, file: string, maxBytes = MAX_INFLATED_BYTES): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await inflate(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DroplineError(
        'SOURCE_UNREADABLE',
        `is gzip-compressed and inflates to more than ${maxBytes} bytes, more than one input can hold; split it into smaller files`,
        { file },
        { cause: err },
      );
    }
    throw new DroplineError('SOURCE_UNREADABLE', `is gzip-compressed but cannot be decompressed (${(err as Error).message}); drop it again, whole`, { file }, { cause: err });
  }
}
