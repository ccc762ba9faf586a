/** The tokens the validator's format parser reads, longest first; anything else is literal. */
const TOKENS = /YYYY|MM|DD|HH|mm|ss|M|D/g;

/**
 * Writes an instant (epoch milliseconds, UTC) as a date (`YYYY-MM-DD`) or a
 * datetime (`YYYY-MM-DDTHH:mm:ssZ`), or in a column's `format` (tokens YYYY MM
 * DD HH mm ss M D) so a generated drop parses under the pipeline that made it.
 */
export function formatTime(ms: number, type: 'date' | 'datetime', format?: string): string {
  const iso = new Date(ms).toISOString();
  if (format === undefined) return type === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
  const parts: Record<string, string> = {
    YYYY: iso.slice(0, 4),
    MM: iso.slice(5, 7),
    DD: iso.slice(8, 10),
    HH: iso.slice(11, 13),
    mm: iso.slice(14, 16),
    ss: iso.slice(17, 19),
    M: String(Number(iso.slice(5, 7))),
    D: String(Number(iso.slice(8, 10))),
  };
  return format.replace(TOKENS, (token) => parts[token]!);
}
