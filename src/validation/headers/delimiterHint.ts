import { sniffDelimiter } from '../../sources/sniffDelimiter.js';

const shown = (d: string): string => (d === '\t' ? '\\t' : d);

/**
 * When a header missing columns looks split by another delimiter than the one
 * declared (`id;description;timestamp` read with ","), what to set; else null.
 */
export function delimiterHint(header: readonly string[], declared: string): string | null {
  if (declared === 'auto') return null;
  const line = header.join(declared);
  const looks = sniffDelimiter(line);
  if (looks === declared || !line.includes(looks)) return null;
  return `the header looks "${shown(looks)}"-delimited but source.delimiter is "${shown(declared)}": set source.delimiter: "${shown(looks)}" (or auto)`;
}
