/**
 * Copies `length` bytes from `source[from..]` to `target[at..]`: a loop for a
 * few bytes, else the native copy from a fresh view (a JS loop costs about
 * 3 ns a byte, a view about 60 ns; a Buffer's subarray is slower).
 */
export function copyBytes(source: Uint8Array, from: number, target: Uint8Array, at: number, length: number): void {
  if (length > 16) target.set(new Uint8Array(source.buffer, source.byteOffset + from, length), at);
  else for (let i = 0; i < length; i++) target[at + i] = source[from + i]!;
}

/** From this length on, copyView hands the copy to the native one (as copyBytes does). */
const NATIVE_FROM = 256;

/**
 * As copyBytes, between DataViews the caller keeps (one per buffer, made
 * once): four bytes at a time, and no view made per copy. Copies made per
 * row (latest.csv's lines, the changeset's records) so allocate nothing:
 * with copyBytes each made an object, and at 10M rows collecting them took
 * about 14% of the main thread's time writing latest.csv (3.8% after). The
 * two ranges must not overlap.
 */
export function copyView(source: DataView, from: number, target: DataView, at: number, length: number): void {
  if (length >= NATIVE_FROM) {
    // Typed arrays over the buffers see past the views: their bounds are checked here, as DataView checks its own.
    if (from + length > source.byteLength || at + length > target.byteLength) throw new RangeError(`copyView: ${length} bytes from ${from} to ${at} pass a view's end`);
    const into = new Uint8Array(target.buffer, target.byteOffset + at, length);
    into.set(new Uint8Array(source.buffer, source.byteOffset + from, length));
  } else if (length >= 4) {
    const last = length - 4;
    for (let i = 0; i < last; i += 4) target.setUint32(at + i, source.getUint32(from + i, true), true);
    target.setUint32(at + last, source.getUint32(from + last, true), true);
  } else for (let i = 0; i < length; i++) target.setUint8(at + i, source.getUint8(from + i));
}

/** A DataView over exactly the bytes of `bytes`. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
