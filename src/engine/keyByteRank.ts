/**
 * The rank of a UTF-8 byte where two keys first differ, so that bytes compare
 * as the UTF-16 code units of the text they spell: the lead bytes of characters
 * from U+10000 (F0-F4: a surrogate pair, D800-DBFF in UTF-16) move below those
 * of U+E000-U+FFFF (EE-EF). Everything else keeps its byte order. Equal
 * prefixes put both bytes at the same place in a character, so a lead byte
 * only ever meets a lead byte.
 */
export function keyByteRank(byte: number): number {
  if (byte >= 0xf0) return byte - 2;
  if (byte === 0xee || byte === 0xef) return byte + 5;
  return byte;
}
