/**
 * Removes thousands separators from the integer part of `text` (after an
 * optional sign), checking the grouping: a first group of 1-3 digits, then
 * groups of exactly 3. The integer part is the leading run of digits and
 * separators, so with `.` as separator `1.5` is a bad grouping, not a decimal.
 * Returns undefined when the grouping is wrong.
 */
export function stripThousands(text: string, separator: string): string | undefined {
  let start = 0;
  if (text.charCodeAt(0) === 43 || text.charCodeAt(0) === 45) start = 1; // + or -
  let digits = text.slice(0, start);
  let groupStart = start;
  let first = true;
  for (;;) {
    let end = groupStart;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    const size = end - groupStart;
    if (first ? size < 1 || size > 3 : size !== 3) return undefined;
    digits += text.slice(groupStart, end);
    first = false;
    if (!text.startsWith(separator, end)) return digits + text.slice(end);
    groupStart = end + separator.length;
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
