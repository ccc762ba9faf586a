import { DroplineError } from '../../errors/DroplineError.js';
import type { DateTimeParts } from './DateTimeParts.js';

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

/** Longest first, so `MM` wins over `M`. Anything else in a format is a literal. */
const TOKENS: readonly [token: string, field: Field, pattern: string][] = [
  ['YYYY', 'year', '(\\d{4})'],
  ['MM', 'month', '(\\d{2})'],
  ['DD', 'day', '(\\d{2})'],
  ['HH', 'hour', '(\\d{2})'],
  ['mm', 'minute', '(\\d{2})'],
  ['ss', 'second', '(\\d{2})'],
  ['M', 'month', '(\\d{1,2})'],
  ['D', 'day', '(\\d{1,2})'],
];

export type FormatParser = (text: string) => DateTimeParts | undefined;

/** One compiled parser per distinct format string, shared by all cells. */
const compiled = new Map<string, FormatParser>();

/**
 * Turns a column format such as `DD.MM.YYYY` or `MM/DD/YYYY HH:mm` into a parser
 * returning the fields it read (time fields default to 0). The format must
 * name a year, a month and a day; it is compiled once and cached.
 */
export function compileFormat(format: string): FormatParser {
  let parser = compiled.get(format);
  if (parser === undefined) {
    parser = build(format);
    compiled.set(format, parser);
  }
  return parser;
}

function build(format: string): FormatParser {
  const fields: Field[] = [];
  let source = '^';
  for (let i = 0; i < format.length;) {
    const token = TOKENS.find(([t]) => format.startsWith(t, i));
    if (token === undefined) {
      source += format[i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
      continue;
    }
    if (fields.includes(token[1])) invalid(format, `it names the ${token[1]} twice`);
    fields.push(token[1]);
    source += token[2];
    i += token[0].length;
  }
  for (const needed of ['year', 'month', 'day'] as const) {
    if (!fields.includes(needed)) invalid(format, `it has no ${needed} (use YYYY, MM or M, DD or D)`);
  }
  const pattern = new RegExp(source + '$');
  return (text) => {
    const m = pattern.exec(text);
    if (m === null) return undefined;
    const parts: DateTimeParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 };
    for (let g = 0; g < fields.length; g++) parts[fields[g]!] = Number(m[g + 1]);
    return parts;
  };
}

function invalid(format: string, why: string): never {
  throw new DroplineError('DEFINITION_INVALID', `format "${format}" cannot be used: ${why}`);
}
