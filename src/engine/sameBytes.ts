/** Whether `length` bytes of `a` from `aAt` equal those of `b` from `bAt` (a loop: keys and rows are short, and a call into native code costs more). */
export function sameBytes(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[aAt + i] !== b[bAt + i]) return false;
  return true;
}
