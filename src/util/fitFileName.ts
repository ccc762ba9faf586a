import { sha256 } from './sha256.js';

/** The longest file name most filesystems take, in bytes. */
export const NAME_MAX = 255;

/**
 * `stem + suffix` when it fits in NAME_MAX bytes; otherwise the stem cut short
 * (on a character boundary) and marked with a hash of the whole stem, so two
 * long names that share a beginning still get different short names.
 */
export function fitFileName(stem: Buffer, suffix: string | Buffer): Buffer {
  const tail = typeof suffix === 'string' ? Buffer.from(suffix) : suffix;
  if (stem.length + tail.length <= NAME_MAX) return Buffer.concat([stem, tail]);
  const mark = Buffer.from(`~${sha256(stem).slice(0, 8)}`);
  let cut = NAME_MAX - tail.length - mark.length;
  // Do not end inside a UTF-8 sequence: back off over continuation bytes and their lead.
  if (cut < stem.length && (stem[cut]! & 0xc0) === 0x80) {
    while (cut > 0 && (stem[cut]! & 0xc0) === 0x80) cut--;
  }
  return Buffer.concat([stem.subarray(0, Math.max(cut, 0)), mark, tail]);
}
