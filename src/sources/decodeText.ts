import { isUtf8 } from 'node:buffer';
import type { SourceEncoding } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { byteOrderMark, looksUtf16 } from './byteOrderMark.js';
import { decodeWindows1252 } from './decodeWindows1252.js';

/** An encoding a file is actually read in (`latin1` reads as Windows-1252, `auto` picks one). */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const LABEL: Record<TextEncoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', 'windows-1252': 'Windows-1252' };

/**
 * Decodes an input's bytes as `source.encoding` says, a byte order mark dropped.
 * `auto`: the byte order mark decides; without one, UTF-8 when the bytes are
 * valid UTF-8, else Windows-1252. A declared encoding is held to: a file whose
 * byte order mark names another, or that is not valid in it, is
 * SOURCE_UNREADABLE with a message naming both and the setting that reads it.
 */
export function decodeText(bytes: Uint8Array, declared: SourceEncoding, file: string): { text: string; encoding: TextEncoding } {
  const fail = (message: string, cause?: unknown): DroplineError => new DroplineError('SOURCE_UNREADABLE', message, { file }, cause === undefined ? undefined : { cause });
  const mark = byteOrderMark(bytes);
  let encoding: TextEncoding;
  if (declared === 'auto') encoding = mark ?? (isUtf8(bytes) ? 'utf-8' : 'windows-1252');
  else {
    encoding = declared === 'latin1' ? 'windows-1252' : declared;
    if (mark !== null && mark !== encoding) {
      throw fail(`starts with a ${LABEL[mark]} byte order mark, but source.encoding is ${declared}; set source.encoding: ${mark} (or auto, to follow the byte order mark)`);
    }
  }
  if ((encoding === 'utf-8' || encoding === 'windows-1252') && bytes.includes(0)) {
    const wide = looksUtf16(bytes);
    if (wide) throw fail(`looks like ${LABEL[wide]} text without a byte order mark (every other byte is NUL), but source.encoding is ${declared}; set source.encoding: ${wide}`);
    throw fail('looks binary (it contains NUL bytes), not a CSV text file');
  }
  if (encoding === 'windows-1252') return { text: decodeWindows1252(bytes), encoding };
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch (err) {
    if (encoding === 'utf-8') {
      const bad = firstBadUtf8(bytes);
      const where = bad === null ? '' : `: line ${bad.line} has the byte 0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')}`;
      // With a UTF-8 mark, windows-1252 refuses the file and auto follows the mark: only removing the mark helps.
      if (mark === 'utf-8') {
        const then = declared === 'auto' ? '' : ' and set source.encoding: windows-1252 or auto';
        throw fail(`starts with a UTF-8 byte order mark but is not UTF-8 text${where}; re-save it as UTF-8 (or, if it is Windows-1252, remove the byte order mark${then})`, err);
      }
      throw fail(
        `is not UTF-8 text, as source.encoding (${declared}) declares${where}; if it is Windows-1252 or Latin-1 set source.encoding: windows-1252 (or auto), else re-save it as UTF-8`,
        err,
      );
    }
    if (declared === 'auto')
      throw fail(
        `is not ${LABEL[encoding]} text, as its byte order mark says (a cut-off character or an unpaired surrogate); re-save it, or drop it again whole if it was cut off`,
        err,
      );
    throw fail(
      `is not ${LABEL[encoding]} text, as source.encoding (${declared}) declares (a cut-off character or an unpaired surrogate); set source.encoding to the file's encoding, or auto`,
      err,
    );
  }
}

/** The first byte that cannot start or continue a UTF-8 sequence, with its 1-based line; null if the fault is subtler (an overlong form). */
function firstBadUtf8(bytes: Uint8Array): { line: number; byte: number } | null {
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    if (b < 0x80) continue;
    const extra = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra === -1) return { line, byte: b };
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return { line, byte: b };
    }
    i += extra;
  }
  return null;
}
