import type { GenColumn } from './randomDefinition.js';
import type { Rng } from './Rng.js';
import { badValue, spellValue, type BaseValue } from './spellValue.js';

const DAY = 86_400_000;
const BASE = Date.UTC(2021, 2, 1);
const WORDS = ['alpha', 'Beta', 'gamma', 'delta', 'x', 'B', 'a', '10', '9', 'Zed', 'same'];
const LATIN1 = ['é', 'ü', 'ß', 'ñ', 'Ø', '°'];
// Beyond U+FFFF and in U+E000-U+FFFF: UTF-16 order and UTF-8 byte order disagree between these two groups.
const WIDE = ['€', '日本', '😀', 'δ', 'ł', 'ﬀ', '｡', '𝄞'];

/**
 * The values of one generated case. Keys and timestamps come from small pools fixed for the
 * whole case, so the same key meets equal timestamps inside a file, across files and across runs.
 */
export class ValuePools {
  private readonly pools = new Map<string, BaseValue[]>();

  constructor(
    private readonly rng: Rng,
    /** Only characters every encoding of the case can write (Latin-1 for single-byte and auto). */
    private readonly wideText: boolean,
    private readonly delimiter: string,
  ) {}

  /** A valid cell for the column, spelled one of the ways clients write it. */
  cell(c: GenColumn): string {
    if (this.rng.chance(0.015)) return badValue(this.rng, c);
    if (c.role !== 'value' && c.type === 'string') return this.pool(c).length ? (this.rng.pick(this.pool(c)) as string) : 'k';
    const base = c.role === 'value' ? this.fresh(c) : this.rng.pick(this.pool(c));
    return spellValue(this.rng, base, c);
  }

  /** Text with the characters that make CSV hard: delimiters, quotes, line breaks, spaces at the ends, non-ASCII. */
  text(): string {
    const r = this.rng;
    const parts = [r.pick(WORDS)];
    const n = r.int(0, 3);
    for (let i = 0; i < n; i++) {
      const special = r.pick(['delim', 'quote', 'lf', 'crlf', 'space', 'char', 'comma', 'word', 'word', 'cr']);
      if (special === 'delim') parts.push(this.delimiter === 'auto' ? ';' : this.delimiter);
      else if (special === 'quote') parts.push('"');
      else if (special === 'lf') parts.push('\n');
      else if (special === 'crlf') parts.push('\r\n');
      else if (special === 'cr') parts.push(r.chance(0.2) ? '\r' : ' ');
      else if (special === 'space') parts.unshift(' ');
      else if (special === 'comma') parts.push(r.pick([',', ';', '|', '\t']));
      else if (special === 'char') parts.push(r.pick(this.wideText && r.chance(0.5) ? WIDE : LATIN1));
      else parts.push(' ', r.pick(WORDS));
    }
    return parts.join('');
  }

  private pool(c: GenColumn): BaseValue[] {
    let pool = this.pools.get(c.name);
    if (!pool) {
      const size = c.role === 'timestamp' ? this.rng.int(1, 4) : this.rng.int(1, 14);
      pool = Array.from({ length: size }, () => (c.type === 'string' ? this.text().replace(/^$/, 'k') : this.poolValue(c)));
      this.pools.set(c.name, pool);
    }
    return pool;
  }

  private poolValue(c: GenColumn): BaseValue {
    const r = this.rng;
    if (c.type === 'integer') return r.pick([r.int(-3, 40), r.int(0, 3) * 1000 + r.int(0, 2), 1234567]);
    if (c.type === 'number') return r.pick([1.5, 2, 2.25, 1000.5, -0.5, 12345.678, r.int(0, 5)]);
    if (c.type === 'date') return BASE + r.int(0, 3) * DAY;
    return BASE + r.int(0, 3) * 3_600_000 + r.pick([0, 0, 90 * 60_000, 27 * DAY + 1.5 * 3_600_000]);
  }

  private fresh(c: GenColumn): BaseValue {
    const r = this.rng;
    switch (c.type) {
      case 'integer':
        return r.chance(0.2) ? r.int(-2_000_000, 2_000_000) : r.int(-50, 5000);
      case 'number':
        return Math.round((r.next() - 0.3) * 10 ** r.int(1, 7)) / 10 ** r.int(0, 3);
      case 'boolean':
        return r.chance(0.5);
      case 'date':
        return Date.UTC(2000, 0, 1) + r.int(0, 11000) * DAY;
      case 'datetime':
        return Date.UTC(2000, 0, 1) + r.int(0, 11000) * DAY + r.int(0, 86_399) * 1000;
      default:
        return r.chance(0.1) ? '' : this.text();
    }
  }
}
