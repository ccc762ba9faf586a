const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE_OR_BREAK = /["\r\n]/;

/**
 * One CSV field as every dropline writer writes it: quoted only where the value
 * holds the delimiter, a quote or a line break, inner quotes doubled (what
 * csv-stringify writes with its defaults, tested to match).
 */
export function quoteCsvField(value: string, delimiter = ','): string {
  const needsQuotes = delimiter === ',' ? NEEDS_QUOTES.test(value) : QUOTE_OR_BREAK.test(value) || value.includes(delimiter);
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}
