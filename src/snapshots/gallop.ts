/**
 * In `count` items in order, the first at or after `from` that is not below a sought value, and whether it equals
 * it: `compareAt(i)` compares item i with the value (below 0: item i is below). A galloping search from `from`
 * (steps 1, 2, 4, ... then a bisection): O(log d) comparisons for an answer d items on; each item compared once
 * (the comparison that placed the answer says whether it is the value).
 */
export function gallop(count: number, from: number, compareAt: (i: number) => number): { index: number; found: boolean } {
  let lo = from;
  let hi = from;
  let step = 1;
  // Whether the item at `hi` equals the value, once a comparison placed `hi`.
  let equal = false;
  while (hi < count) {
    const c = compareAt(hi);
    if (c >= 0) {
      equal = c === 0;
      break;
    }
    lo = hi + 1;
    hi = from + step;
    step *= 2;
  }
  if (hi > count) hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareAt(mid);
    if (c < 0) lo = mid + 1;
    else {
      hi = mid;
      equal = c === 0;
    }
  }
  return { index: lo, found: lo < count && equal };
}
