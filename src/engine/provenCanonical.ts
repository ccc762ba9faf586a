import { isValidDate } from '../validation/coercers/isValidDate.js';
import { isValidTime } from '../validation/coercers/isValidTime.js';
import { FieldKind } from './FieldKind.js';
import { utcDays } from './utcDays.js';

const MINUS = 45;
const DOT = 46;
/** Powers of ten a double holds exactly. */
const TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * For a non-empty value `bytes[start..end)` of a column of `kind`: when the
 * reference coercer is proven to return it unchanged, its order (orderOf's
 * number: the value, or epoch ms for dates and datetimes; 0 for strings and
 * booleans), else NaN and the caller asks the reference.
 */
export function provenCanonical(kind: number, b: Uint8Array, start: number, end: number): number {
  switch (kind) {
    case FieldKind.string:
      return notBlank(b, start, end) ? 0 : NaN;
    case FieldKind.integer:
      return integer(b, start, end);
    case FieldKind.number:
      return decimal(b, start, end);
    case FieldKind.boolean:
      return isWord(b, start, end, TRUE) || isWord(b, start, end, FALSE) ? 0 : NaN;
    case FieldKind.date:
      return end - start === 10 ? date(b, start) : NaN;
    case FieldKind.datetime:
      return end - start === 24 ? datetime(b, start) : NaN;
    default:
      return NaN;
  }
}

const TRUE = [116, 114, 117, 101];
const FALSE = [102, 97, 108, 115, 101];

/** Not blank for String.prototype.trim: an ASCII byte that is no white space. Only white space or non-ASCII bytes: not proven. */
function notBlank(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c < 128 && c !== 32 && (c < 9 || c > 13)) return true;
  }
  return false;
}

function isWord(b: Uint8Array, start: number, end: number, word: number[]): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (b[start + i] !== word[i]) return false;
  return true;
}

/** The digits `b[from..to)` as a number, or NaN when one is not a digit. */
function digits(b: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/** `0` or `-?[1-9]\d{0,14}`. */
function integer(b: Uint8Array, start: number, end: number): number {
  const negative = b[start] === MINUS;
  const from = negative ? start + 1 : start;
  const n = end - from;
  if (n < 1 || n > 15) return NaN;
  if (b[from] === 48) return n === 1 && !negative ? 0 : NaN;
  const value = digits(b, from, end);
  return negative ? -value : value;
}

/**
 * A canonical integer, or `-?(0|[1-9]\d*)\.\d*[1-9]` with at most 15
 * significant digits and at most 5 zeros after `0.`: such a decimal is the
 * shortest text of its double, which String() writes in plain notation, so
 * coerceNumber returns it unchanged. Its value, digits / 10^f with both exact,
 * is the one correctly rounded division: Number(text).
 */
function decimal(b: Uint8Array, start: number, end: number): number {
  let dot = -1;
  for (let i = start; i < end; i++) {
    if (b[i] === DOT) {
      dot = i;
      break;
    }
  }
  if (dot < 0) return integer(b, start, end);
  const negative = b[start] === MINUS;
  const from = negative ? start + 1 : start;
  const whole = dot - from;
  const fraction = end - dot - 1;
  if (whole < 1 || fraction < 1 || b[end - 1] === 48) return NaN;
  let significant: number;
  if (b[from] === 48) {
    if (whole !== 1) return NaN;
    let zeros = 0;
    while (b[dot + 1 + zeros] === 48) zeros++;
    if (zeros > 5) return NaN;
    significant = fraction - zeros;
  } else significant = whole + fraction;
  if (significant > 15) return NaN;
  const high = digits(b, from, dot);
  const low = digits(b, dot + 1, end);
  const value = (high * TEN[fraction]! + low) / TEN[fraction]!;
  return negative ? -value : value;
}

/** `YYYY-MM-DD`, a real day: its UTC midnight in ms. */
function date(b: Uint8Array, at: number): number {
  if (b[at + 4] !== MINUS || b[at + 7] !== MINUS) return NaN;
  const year = digits(b, at, at + 4);
  const month = digits(b, at + 5, at + 7);
  const day = digits(b, at + 8, at + 10);
  return isValidDate(year, month, day) ? utcDays(year, month, day) * 86_400_000 : NaN;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, real: its epoch ms (Date.parse of the same text). */
function datetime(b: Uint8Array, at: number): number {
  if (b[at + 10] !== 84 || b[at + 13] !== 58 || b[at + 16] !== 58 || b[at + 19] !== DOT || b[at + 23] !== 90) return NaN;
  const day = date(b, at);
  if (day !== day) return NaN;
  const hour = digits(b, at + 11, at + 13);
  const minute = digits(b, at + 14, at + 16);
  const second = digits(b, at + 17, at + 19);
  const ms = digits(b, at + 20, at + 23);
  if (!isValidTime(hour, minute, second) || ms !== ms) return NaN;
  return day + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}
