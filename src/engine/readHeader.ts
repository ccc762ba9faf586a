import { parseCsvFast } from '../csv/parseCsvFast.js';
import { sniffDelimiter } from '../sources/sniffDelimiter.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The header of a UTF-8 CSV input and its delimiter, read from the bytes up
 * to the end of its first record only: what the fast reader would give as
 * its first record (`header: []` for an input without records). Null when
 * the fast reader cannot read that record: the input then goes to the
 * reference reader whole.
 */
export function readHeader(bytes: Uint8Array, setting: string): { header: string[]; delimiter: string } | null {
  let quoted = false;
  let content = false;
  let end = 0;
  for (; end < bytes.length; end++) {
    const b = bytes[end]!;
    if (b === QUOTE) {
      quoted = !quoted;
      content = true;
    } else if (b === LF) {
      if (!quoted && content) break;
    } else if (b !== CR) content = true;
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(end + 1, bytes.length)).toString('utf8');
  const delimiter = setting === 'auto' ? sniffDelimiter(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) : setting;
  const records = parseCsvFast(text, delimiter);
  if (records === null) return null;
  return { header: records[0]?.fields ?? [], delimiter };
}
