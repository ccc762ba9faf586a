/**
 * Copies `length` bytes from `source[from..]` to `target[at..]`: a loop for a
 * few bytes, else the native copy from a fresh view (a JS loop costs about
 * 3 ns a byte, a view about 60 ns; a Buffer's subarray is slower).
 */
export function copyBytes(source: Uint8Array, from: number, target: Uint8Array, at: number, length: number): void {
  if (length > 16) target.set(new Uint8Array(source.buffer, source.byteOffset + from, length), at);
  else for (let i = 0; i < length; i++) target[at + i] = source[from + i]!;
}
