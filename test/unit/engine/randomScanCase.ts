import type { ColumnDefinition, PipelineDefinition } from '../../../src/definition/PipelineDefinition.js';
import { column, demoDefinition } from '../../helpers/definitions.js';

/** A deterministic pseudo-random generator, so failures reproduce from their seed. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export interface ScanCase {
  definition: PipelineDefinition;
  header: string[];
  bytes: Uint8Array;
  delimiter: string;
}

/** Canonical values first, then others the reference coerces, rejects or reads as blank. */
const VALUES: Record<string, string[]> = {
  string: ['a', 'b c', 'x,y', 'q"q', '""', 'line\nbreak', 'cr\r\nlf', 'é', '日本', ' ', '', '  pad ', '\u00a0', 'tab\tin', 'u\u001fs', 'e\u001ex', ';', '|', '\t', ' \u000b '],
  integer: ['0', '7', '-12', '123456789012345', '007', '+5', ' 42', '1,234', '12.0', '-0', '1234567890123456', '9007199254740993', 'x', ''],
  number: [
    '0',
    '1.5',
    '-0.25',
    '0.000001',
    '-0.0000012',
    '12345678901234.5',
    '100',
    '0.0000001',
    '0.0000000000000012',
    '1234567890123.456',
    '0.12345678901234567',
    '12345678901234567890',
    '1e3',
    '1.50',
    '.5',
    '5.',
    '1,234.5',
    '-0',
    '1.234,5',
    'NaN',
    '',
  ],
  boolean: ['true', 'false', 'TRUE', 'yes', 'n', '1', ' true', 'maybe', ''],
  date: [
    '2024-01-02',
    '2024-01-03',
    '2024-02-29',
    '2024-01-13',
    '0001-01-01',
    '9999-12-31',
    '2024/01/02',
    '2024-02-30',
    '2023-02-29',
    '2024-01-02T10:00:00Z',
    '02.01.2024',
    ' 2024-01-02',
    '0000-01-01',
    '',
  ],
  datetime: [
    '2024-01-02T10:00:00.000Z',
    '2024-01-02T10:00:00.001Z',
    '0050-06-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '2024-01-02T10:00:00Z',
    '2024-01-02 10:00',
    '2024-01-02T12:00:00+02:00',
    '2024-03-31T02:30:00',
    '2024-01-02',
    '02.01.2024 10:00',
    '2024-13-02T00:00:00.000Z',
    '2024-01-02T24:00:00.000Z',
    '',
  ],
};
const KEYS: Record<string, string[]> = {
  string: ['k1', 'k2', 'k,3', 'k"4', 'é5', 'k\u001f6', 'k\u001e7', 'q"\u001fz', 'a-key-longer-than-sixteen-bytes', 'b-key-longer-than-sixteen-bytes', ' k1'],
  integer: ['1', '2', '30', '002', '-4', '+2'],
  number: ['1', '2.5', '2.50', '-0.5', '3'],
};
const STAMPS: Record<string, string[]> = {
  date: ['2024-01-02', '2024-01-03', '2024/01/03', '2024-01-02T23:00:00Z', '02.01.2024', '', 'bad'],
  datetime: ['2024-01-02T10:00:00.000Z', '2024-01-02T11:00:00.000Z', '2024-01-02T12:00:00+01:00', '2024-01-02 10:00', ''],
  integer: ['1', '2', '10', '02', '1,000', ''],
  number: ['1', '1.5', '1.50', '2', '-0.5', ''],
};

const SCHEMAS: (() => ColumnDefinition[])[] = [
  () => [column('id', 'string', { required: true }), column('description', 'string'), column('timestamp', 'date', { required: true })],
  () => [
    column('region', 'string', { required: true }),
    column('id', 'integer', { required: true }),
    column('timestamp', 'datetime', { required: true }),
    column('amount', 'number'),
    column('active', 'boolean'),
    column('qty', 'integer', { thousands: ',' }),
  ],
  () => [
    column('id', 'integer', { required: true }),
    column('timestamp', 'integer', { required: true }),
    column('price', 'number', { thousands: '.' }),
    column('note', 'string', { required: true }),
    column('when', 'datetime', { timezone: 'Europe/Berlin', format: 'DD.MM.YYYY HH:mm' }),
    column('day', 'date', { format: 'YYYY-DD-MM' }),
  ],
  () => [column('id', 'number', { required: true }), column('timestamp', 'number'), column('flag', 'boolean', { required: true }), column('on', 'date')],
  () => [column('description', 'string'), column('id', 'string', { required: true }), column('timestamp', 'date')],
];
const KEY_OF = [['id'], ['region', 'id'], ['id'], ['id'], ['id']];
const TIMESTAMP_TYPE = ['date', 'datetime', 'integer', 'number', 'date'];

/** One random input: a schema, a header (columns shuffled, optional ones left out, an extra one), records of every kind. */
export function randomScanCase(next: () => number): ScanCase {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const s = Math.floor(next() * SCHEMAS.length);
  const columns = SCHEMAS[s]!();
  const keep = next() < 0.05 ? 'keep' : 'drop';
  const definition = demoDefinition({ schema: { key: KEY_OF[s]!, timestamp: 'timestamp', columns }, validation: { extraColumns: keep } });
  let header = columns.filter((c) => c.required || next() < 0.85).map((c) => c.name);
  if (next() < 0.3) header = header.sort(() => next() - 0.5);
  if (next() < 0.15) header.splice(Math.floor(next() * (header.length + 1)), 0, 'extra');
  const delimiter = next() < 0.7 ? ',' : pick([';', '\t', '|']);
  const lineEnd = (): string => (next() < 0.5 ? '\n' : '\r\n');
  const broken = next() < 0.08;
  let text = next() < 0.2 ? '\ufeff' : '';
  text += header.map((h) => field(h, delimiter, next)).join(delimiter);
  const rows = Math.floor(next() * 12);
  for (let r = 0; r < rows; r++) {
    text += lineEnd();
    if (next() < 0.1) text += lineEnd();
    let values = header.map((h) => valueFor(h, columns, KEY_OF[s]!, TIMESTAMP_TYPE[s]!, next, pick));
    if (next() < 0.05) values = next() < 0.5 ? values.slice(1) : [...values, 'more'];
    text += values.map((v) => field(v, delimiter, next)).join(delimiter);
    if (broken && next() < 0.3) text += pick(['"', 'x"y', '\rz', '"a"b', ' "q"']);
  }
  if (next() < 0.6) text += lineEnd();
  if (next() < 0.05) text += '\r';
  return { definition, header, bytes: Buffer.from(text, 'utf8'), delimiter };
}

function valueFor(name: string, columns: ColumnDefinition[], key: string[], stampType: string, next: () => number, pick: <T>(items: readonly T[]) => T): string {
  const type = columns.find((c) => c.name === name)?.type ?? 'string';
  // Mostly canonical values, the fast path's case; the rest of each list often enough to meet every branch.
  const list = name === 'timestamp' ? STAMPS[stampType]! : key.includes(name) ? KEYS[type]! : VALUES[type]!;
  return next() < 0.6 ? pick(list.slice(0, Math.min(3, list.length))) : pick(list);
}

/** A field quoted when it must be, and at random otherwise (doubled quotes inside). */
function field(value: string, delimiter: string, next: () => number): string {
  const must = /["\r\n]/.test(value) || value.includes(delimiter);
  return must || next() < 0.25 ? `"${value.replaceAll('"', '""')}"` : value;
}
