import type { ChangeRecords } from './ChangeRecords.js';
import type { KeyOrder } from './KeyOrder.js';

/** Records `from` to `to` (exclusive) of list `list` (0: the checkpoint; then the changesets, oldest first). */
export interface ChainRange {
  list: number;
  from: number;
  to: number;
}

interface Pending {
  list: number;
  i: number;
  key: string[];
}

/**
 * A table as a checkpoint and the changesets after it: the records of its
 * rows, in key order, as ranges of the lists. The changesets are merged first
 * (a later one's row replaces an earlier one's for the same key); each of
 * their rows then finds its place in the checkpoint by a galloping search
 * from the last place, so runs of unchanged checkpoint rows stay whole ranges
 * and no key of the checkpoint is read but those the search looks at:
 * O(c log(n / c)) key reads for c changed rows in a table of n.
 */
export function mergeChain(lists: readonly ChangeRecords[], order: KeyOrder): ChainRange[] {
  const base = lists[0]!;
  let changed: Pending[] = [];
  for (let l = 1; l < lists.length; l++) {
    const next: Pending[] = [];
    const list = lists[l]!;
    let a = 0;
    for (let i = 0; i < list.count; i++) {
      const key = order.keyOf(list, i);
      while (a < changed.length && order.compare(changed[a]!.key, key) < 0) next.push(changed[a++]!);
      if (a < changed.length && order.compare(changed[a]!.key, key) === 0) a++;
      next.push({ list: l, i, key });
    }
    while (a < changed.length) next.push(changed[a++]!);
    changed = next;
  }
  const ranges: ChainRange[] = [];
  const push = (list: number, from: number, to: number): void => {
    const last = ranges.at(-1);
    if (last !== undefined && last.list === list && last.to === from) last.to = to;
    else if (to > from) ranges.push({ list, from, to });
  };
  let cursor = 0;
  for (const c of changed) {
    const { at, same } = lowerBound(base, cursor, c.key, order);
    push(0, cursor, at);
    push(c.list, c.i, c.i + 1);
    cursor = same ? at + 1 : at;
  }
  push(0, cursor, base.count);
  return ranges;
}

/** The first record at or after `from` whose key is not below `key`, and whether it is `key`. */
function lowerBound(base: ChangeRecords, from: number, key: string[], order: KeyOrder): { at: number; same: boolean } {
  const n = base.count;
  let lo = from;
  let step = 1;
  let hi = from;
  // Gallop: find hi with key(hi) >= key.
  for (;;) {
    if (hi >= n) {
      hi = n;
      break;
    }
    if (order.compare(order.keyOf(base, hi), key) >= 0) break;
    lo = hi + 1;
    hi = from + step;
    step *= 2;
  }
  // Binary search in [lo, hi).
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order.compare(order.keyOf(base, mid), key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return { at: lo, same: lo < n && order.compare(order.keyOf(base, lo), key) === 0 };
}
