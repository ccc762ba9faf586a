import { keyByteRank } from './keyByteRank.js';

/**
 * Compares two keys held as UTF-8 bytes in the order of their JavaScript
 * strings (`a < b` by UTF-16 code unit), without making the strings.
 */
export function compareKeyBytes(a: Uint8Array, aStart: number, aLength: number, b: Uint8Array, bStart: number, bLength: number): number {
  const n = aLength < bLength ? aLength : bLength;
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i]!;
    const y = b[bStart + i]!;
    if (x !== y) return keyByteRank(x) - keyByteRank(y);
  }
  return aLength - bLength;
}
