import { isUtf8 } from 'node:buffer';
import type { SourceEncoding } from '../definition/PipelineDefinition.js';
import { decodeText } from '../sources/decodeText.js';

/**
 * An input's bytes as UTF-8, which is what the byte scanner reads: as they
 * are when they already are UTF-8 text (a UTF-8 byte order mark may stay in
 * front), else decoded as `source.encoding` says and encoded again. Throws
 * SOURCE_UNREADABLE exactly where the reference reader does (decodeText).
 */
export function asUtf8(bytes: Uint8Array, declared: SourceEncoding, file: string): Uint8Array {
  if ((declared === 'utf-8' || declared === 'auto') && isUtf8(bytes) && !bytes.includes(0)) return bytes;
  return Buffer.from(decodeText(bytes, declared, file).text, 'utf8');
}
