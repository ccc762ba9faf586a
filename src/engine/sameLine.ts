import type { PreviousLatest } from './PreviousLatest.js';
import { sameBytes } from './sameBytes.js';
import type { WinnerArena } from './WinnerArena.js';

/** Whether a winner (`entry`'s row in the arena, then its lineage bytes `suffix`) writes exactly line `line` of the previous latest.csv. */
export function sameLine(prev: PreviousLatest, line: number, arena: WinnerArena, entry: number, suffix: Uint8Array): boolean {
  const from = prev.lineStarts[line]!;
  const to = prev.lineStarts[line + 1]! - 1;
  const rowLength = arena.rowLength(entry);
  if (to - from !== rowLength + suffix.length) return false;
  return sameBytes(arena.bytesOf(entry), arena.rowStart(entry), prev.bytes, from, rowLength) && sameBytes(suffix, 0, prev.bytes, from + rowLength, suffix.length);
}
