const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field as every dropline writer writes it: quoted only where the value
 * holds a comma, a quote or a line break, inner quotes doubled (what
 * csv-stringify writes with its defaults, tested to match).
 */
export function quoteCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
