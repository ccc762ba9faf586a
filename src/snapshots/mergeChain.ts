import type { ChangeRecords } from './ChangeRecords.js';
import type { KeyOrder } from './KeyOrder.js';
import { gallop } from './RowFinder.js';

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
    const { index, found } = gallop(base, cursor, c.key, order);
    push(0, cursor, index);
    push(c.list, c.i, c.i + 1);
    cursor = found ? index + 1 : index;
  }
  push(0, cursor, base.count);
  return ranges;
}
