import { isUtf8 } from 'node:buffer';
import type { SourceEncoding } from '../definition/PipelineDefinition.js';
import { decodeText } from '../sources/decodeText.js';

/**
 * An input's bytes as UTF-8, which is what the byte scanner reads: the UTF-8
 * of the text decodeText gives (its byte order mark dropped): the bytes as
 * they are (after a mark) when they already are UTF-8 text, else decoded as
 * `source.encoding` says and encoded again. Throws
 * SOURCE_UNREADABLE exactly where the reference reader does (decodeText).
 */
export function asUtf8(bytes: Uint8Array, declared: SourceEncoding, file: string): Uint8Array {
  if ((declared === 'utf-8' || declared === 'auto') && isUtf8(bytes) && !bytes.includes(0)) {
    // decodeText drops a first byte order mark (parseCsvFast then drops a second): the header and rows are read after it.
    return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  }
  return Buffer.from(decodeText(bytes, declared, file).text, 'utf8');
}
