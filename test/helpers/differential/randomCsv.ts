import type { GenColumn, GenDefinition } from './randomDefinition.js';
import type { Rng } from './Rng.js';
import type { ValuePools } from './ValuePools.js';

const EXTRA_HEADERS = ['colour', 'extra_note', 'Zone 2', 'internal id'];

/** How a client might head a column: as named, in other case or spacing, by an alias, or misspelled. */
function headerText(rng: Rng, c: GenColumn): string {
  const words = c.name.split('_');
  const roll = rng.next();
  if (roll < 0.6) return c.name;
  if (roll < 0.68) return c.name.toUpperCase();
  if (roll < 0.76) return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  if (roll < 0.82)
    return (
      words[0] +
      words
        .slice(1)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('')
    );
  if (roll < 0.9 && c.aliases.length) return rng.pick(c.aliases);
  if (c.name.length >= 6) {
    const at = rng.int(1, c.name.length - 2);
    return rng.chance(0.5) ? c.name.slice(0, at) + c.name.slice(at + 1) : c.name.slice(0, at) + c.name[at + 1] + c.name[at] + c.name.slice(at + 2);
  }
  return c.name;
}

function field(rng: Rng, value: string, delimiter: string): string {
  const needs = value.includes(delimiter) || /["\r\n]/.test(value);
  return needs || rng.chance(0.08) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The text of one random CSV file for the definition: a drifted header (other order, other spellings,
 * missing optional columns, extra columns), rows over the case's pools with bad values, wrong field
 * counts, blank lines and multi-line quoted values, LF or CRLF. Returns the text before encoding.
 * `minChars`: rows are added until the text is at least that long (a file big enough for the byte
 * engine's worker threads, which take files of 1 MB or more in a run over 16 MB, or as DROPLINE_WORKER_BYTES
 * says); such a file has no stray quote, which would send all of it to the reference reader.
 */
export function randomCsv(rng: Rng, def: GenDefinition, pools: ValuePools, minChars = 0): string {
  const delimiter = def.delimiter === 'auto' ? rng.pick([',', ';']) : def.delimiter;
  let columns = def.columns.filter((c) => c.required || rng.chance(0.85));
  if (rng.chance(0.03)) columns = columns.filter((c) => c.role === 'value' || rng.chance(0.7));
  if (rng.chance(0.3)) columns = rng.shuffle(columns);
  const header: (GenColumn | string)[] = [...columns];
  if (rng.chance(def.extraColumns === 'quarantine' ? 0.1 : 0.3)) {
    for (const extra of rng.shuffle(EXTRA_HEADERS).slice(0, rng.int(1, 2))) header.splice(rng.int(0, header.length), 0, extra);
  }
  const eol = rng.chance(0.3) ? '\r\n' : '\n';
  const lines = [header.map((h) => field(rng, typeof h === 'string' ? h : headerText(rng, h), delimiter)).join(delimiter)];
  // Now and then a bigger file, so per-file state grows past a handful of keys.
  const rows = rng.chance(0.05) ? 0 : rng.chance(0.015) ? rng.int(1500, 4000) : rng.int(1, 25);
  let chars = lines[0]!.length;
  for (let i = 0; i < rows || chars < minChars; i++) {
    if (rng.chance(0.03)) lines.push(rng.chance(0.8) ? '' : ' ');
    const cells = header.map((h) => (typeof h === 'string' ? pools.text() : pools.cell(h)));
    if (rng.chance(0.02)) cells.push('surplus');
    if (rng.chance(0.02) && cells.length > 1) cells.pop();
    const line = cells.map((v) => field(rng, v, delimiter));
    if (minChars === 0 && rng.chance(0.01)) line[0] = `a"b${line[0]}`;
    lines.push(line.join(delimiter));
    chars += lines.at(-1)!.length + eol.length;
  }
  if (minChars === 0 && rng.chance(0.01)) return '';
  return lines.join(eol) + (rng.chance(0.85) ? eol : '');
}
