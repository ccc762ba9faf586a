/**
 * The partition (0..parts-1) a key hash belongs to: its high bits, so the
 * key indexes, which place entries by the low bits, stay evenly filled. The
 * scan workers each own one partition of the keys of a run.
 */
export function partitionOf(hash: number, parts: number): number {
  return ((hash >>> 16) * parts) >>> 16;
}
