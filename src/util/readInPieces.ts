import type { FileHandle } from 'node:fs/promises';

/** Pieces read at once, each on a thread of the pool: a read of fresh memory is mostly page faults, which then spread over the cores. */
const IN_FLIGHT = 4;
const PIECE = 4 << 20;

/**
 * Reads the first `size` bytes of an open file into `into`, several pieces at
 * once (187 MB: 75-90 ms against 115-145 ms a piece after the other), and
 * hands each piece to `each` in file order. Returns how many bytes were read:
 * fewer when the file ended sooner.
 */
export async function readInPieces(handle: FileHandle, into: Uint8Array, size: number, each?: (piece: Uint8Array) => Promise<void>): Promise<number> {
  const reads: Promise<{ at: number; got: number; wanted: number }>[] = [];
  let next = 0;
  let length = 0;
  let ended = false;
  try {
    while (reads.length > 0 || (!ended && next < size)) {
      while (!ended && reads.length < IN_FLIGHT && next < size) {
        const at = next;
        const wanted = Math.min(PIECE, size - at);
        reads.push(handle.read(into, at, wanted, at).then(({ bytesRead }) => ({ at, got: bytesRead, wanted })));
        next += wanted;
      }
      const { at, got, wanted } = await reads.shift()!;
      if (ended) continue;
      length = at + got;
      if (each) await each(into.subarray(at, at + got));
      ended = got < wanted;
    }
  } finally {
    // A read still under way when one failed must not write into `into` (or hit a closed handle) unseen.
    await Promise.allSettled(reads);
  }
  return length;
}
