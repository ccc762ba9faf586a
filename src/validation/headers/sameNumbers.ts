import { compactHeader } from './normalizeHeader.js';

const DIGIT_RUNS = /\p{Nd}+/gu;

/**
 * Whether two headers carry the same numbers, in the same order (`q2_sales`
 * and `Q2 Sales` do; `q2_sales` and `q1_sales`, or `address` and `address1`,
 * do not). A fuzzy match must not cross numbers: one edit turns `q2_sales`
 * into `q1_sales` (0.86) and `address2` into `address1` (0.88), and such a
 * match would put one quarter's or one line's figures under another's name.
 * Compares compact forms, as exact matching does: `item_1_2` carries `12`.
 */
export function sameNumbers(a: string, b: string): boolean {
  const x = compactHeader(a).match(DIGIT_RUNS) ?? [];
  const y = compactHeader(b).match(DIGIT_RUNS) ?? [];
  return x.length === y.length && x.every((run, i) => run === y[i]);
}
