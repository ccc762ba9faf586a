const BOM = /^\uFEFF/;
/** `timeStamp` -> `time Stamp`, `field2Name` -> `field2 Name`. */
const LOWER_UPPER = /([\p{Ll}\p{Nd}])(\p{Lu})/gu;
/** `HTTPCode` -> `HTTP Code`: an acronym ends before the capital that starts a word. */
const ACRONYM_WORD = /(\p{Lu})(\p{Lu}\p{Ll})/gu;
const SEPARATORS = /[\s_.-]+/g;

/**
 * A header reduced to lower-case words separated by single spaces: strips a
 * leading BOM, splits camelCase, and treats spaces, `_`, `-` and `.` alike.
 * `Time Stamp`, `time_stamp` and `TimeStamp` all become `time stamp`.
 */
export function normalizeHeader(h: string): string {
  return h.replace(BOM, '').trim().replace(LOWER_UPPER, '$1 $2').replace(ACRONYM_WORD, '$1 $2').replace(SEPARATORS, ' ').toLowerCase().trim();
}

/**
 * `normalizeHeader` without separators, so `timestamp` and `Time Stamp` are
 * equal (`timestamp`). Exact header matching compares these.
 */
export function compactHeader(h: string): string {
  return normalizeHeader(h).replace(SEPARATORS, '');
}
