/**
 * FNV-1a (32 bits) of a key's bytes: the hash the byte engine's key indexes
 * probe with, in the workers and on the main thread alike.
 */
export function hashKey(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}
