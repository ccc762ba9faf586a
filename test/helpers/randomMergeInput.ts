import type { PipelineDefinition } from '../../src/definition/PipelineDefinition.js';
import { encodeKey } from '../../src/util/encodeKey.js';
import { orderOf } from '../../src/validation/coercers/orderOf.js';
import type { ValidRow } from '../../src/validation/Validator.js';
import { column, demoDefinition } from './definitions.js';

/** A deterministic pseudo-random generator, so failures reproduce from the seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export type KeyKind = 'text' | 'numeric' | 'composite';

/** Text keys mixing characters whose UTF-8 and UTF-16 orders differ (U+E000..U+FFFF against U+10000 and up). */
const TEXT_KEYS = ['a', 'b', 'B', 'ab', 'é', '😀', '\uFF21', '\uE000x', '𝌆z', 'a,b', 'q"t', 'line\nx', 'cr\rx', 'a\u001fb', ' ', 'Z9', '\uFFFF', '\u{10FFFF}'];
const REGIONS = ['n', 's', 'e\u001fw', 'x\u001ey', 'é', 'a,b', '"q"', ''];
const TEXTS = ['plain', '', 'with, comma', 'say "hi"', 'two\nlines', 'crlf\r\nin', 'é😀', ' lead', 'trail ', '"', '\u001f'];

/** A definition of the given key kind, timestamp type and lineage. */
export function mergeDefinition(kind: KeyKind, timestamp: 'date' | 'integer', lineage: boolean): PipelineDefinition {
  const ts = column('timestamp', timestamp, { required: true });
  const output = lineage ? { path: 'output/latest.csv', lineage: 'source_filename' } : { path: 'output/latest.csv' };
  if (kind === 'composite') {
    const columns = [column('region', 'string', { required: true }), column('description', 'string'), column('n', 'integer', { required: true }), ts];
    return { ...demoDefinition({ schema: { key: ['region', 'n'], timestamp: 'timestamp', columns } }), output };
  }
  const columns = [column('description', 'string'), column('id', kind === 'text' ? 'string' : 'integer', { required: true }), ts];
  return { ...demoDefinition({ schema: { key: ['id'], timestamp: 'timestamp', columns } }), output };
}

function pick<T>(next: () => number, list: readonly T[], size = list.length): T {
  return list[Math.floor(next() * Math.min(size, list.length))]!;
}

/** `count` valid rows for the definition's key kind, from `keys` distinct keys or so, with few distinct timestamps (ties). */
export function randomRows(next: () => number, kind: KeyKind, timestamp: 'date' | 'integer', count: number, keys: number): ValidRow[] {
  const rows: ValidRow[] = [];
  for (let line = 2; line < count + 2; line++) {
    const ts = timestamp === 'date' ? `2021-01-0${1 + Math.floor(next() * 3)}` : String(Math.floor(next() * 3) - 1);
    const description = pick(next, TEXTS);
    if (kind === 'composite') {
      const region = pick(next, REGIONS, keys);
      const n = String(Math.floor(next() * Math.max(1, keys / 4)));
      rows.push({ key: encodeKey([region, n]), order: orderOf(timestamp, ts), values: [region, description, n, ts], line });
    } else {
      const id = kind === 'text' ? pick(next, TEXT_KEYS, keys) : String(Math.floor(next() * keys * 2) - keys);
      rows.push({ key: id, order: orderOf(timestamp, ts), values: [description, id, ts], line });
    }
  }
  return rows;
}
