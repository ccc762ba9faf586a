import type { GenColumn } from './randomDefinition.js';
import type { Rng } from './Rng.js';

/** A value before it is spelled: a date or instant as UTC milliseconds, a number, a boolean or a text. */
export type BaseValue = number | boolean | string;

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** Fills a column format (`DD.MM.YYYY HH:mm`) the way compileFormat reads it: longest token first, the rest literal. */
export function renderFormat(format: string, d: Date): string {
  const fields: [string, string][] = [
    ['YYYY', pad(d.getUTCFullYear(), 4)],
    ['MM', pad(d.getUTCMonth() + 1)],
    ['DD', pad(d.getUTCDate())],
    ['HH', pad(d.getUTCHours())],
    ['mm', pad(d.getUTCMinutes())],
    ['ss', pad(d.getUTCSeconds())],
    ['M', String(d.getUTCMonth() + 1)],
    ['D', String(d.getUTCDate())],
  ];
  let out = '';
  for (let i = 0; i < format.length;) {
    const hit = fields.find(([token]) => format.startsWith(token, i));
    out += hit ? hit[1] : format[i];
    i += hit ? hit[0].length : 1;
  }
  return out;
}

function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function spellInteger(rng: Rng, n: number, c: GenColumn): string {
  const text = String(Math.abs(n));
  const sign = n < 0 ? '-' : rng.chance(0.1) ? '+' : '';
  if (c.thousands && Math.abs(n) >= 1000 && rng.chance(0.6)) return sign + group(text, c.thousands);
  return rng.pick([sign + text, `${sign}00${text}`, ` ${sign}${text} `, sign + text, sign + text]);
}

function spellNumber(rng: Rng, x: number, c: GenColumn): string {
  const sign = x < 0 ? '-' : rng.chance(0.1) ? '+' : '';
  const abs = Math.abs(x);
  const [whole, fraction] = String(abs).split('.');
  const withGroups = c.thousands && abs >= 1000 && rng.chance(0.6) ? group(whole!, c.thousands) : whole!;
  const plain = fraction === undefined ? withGroups : `${withGroups}.${fraction}`;
  return rng.pick([sign + plain, `${sign}${plain}${fraction === undefined ? '.0' : '0'}`, sign + abs.toExponential(), ` ${sign}${plain} `, sign + plain]);
}

function spellDate(rng: Rng, ms: number, c: GenColumn): string {
  const d = new Date(ms);
  const iso = d.toISOString().slice(0, 10);
  const choices = [iso, iso.replace(/-/g, '/'), `${iso}T${pad(rng.int(0, 23))}:30:00Z`, `${iso} 23:59`, ` ${iso} `];
  if (c.format) choices.push(renderFormat(c.format, d), renderFormat(c.format, d), renderFormat(c.format, d));
  return rng.pick(choices);
}

function spellDatetime(rng: Rng, ms: number, c: GenColumn): string {
  const d = new Date(ms);
  const iso = d.toISOString();
  const offsetMinutes = rng.pick([120, -300, 330, 0, -60]);
  const shifted = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const hh = pad(Math.trunc(offsetMinutes / 60));
  const offset = `${offsetMinutes < 0 ? '-' : '+'}${hh}:${pad(offsetMinutes % 60)}`;
  const choices = [
    iso,
    iso,
    iso.replace('.000Z', 'Z'),
    iso.replace('T', ' ').replace('.000Z', ''),
    iso.replace('.000Z', '.000123456Z'),
    shifted + offset,
    shifted + offset.replace(':', ''),
    iso.slice(0, 16),
    iso.slice(0, 10),
    offsetMinutes % 60 === 0 ? `${shifted}${offset.slice(0, 3)}` : iso,
  ];
  if (c.format) choices.push(renderFormat(c.format, d), renderFormat(c.format, d));
  return rng.pick(choices);
}

const TRUE = ['true', 'TRUE', 'yes', 'Y', 't', '1', ' True '];
const FALSE = ['false', 'False', 'no', 'N', 'f', '0', 'NO'];

/** One way a client might write `value` in a column of this type (every spelling the validator accepts). */
export function spellValue(rng: Rng, value: BaseValue, c: GenColumn): string {
  switch (c.type) {
    case 'integer':
      return spellInteger(rng, value as number, c);
    case 'number':
      return spellNumber(rng, value as number, c);
    case 'boolean':
      return rng.pick(value ? TRUE : FALSE);
    case 'date':
      return spellDate(rng, value as number, c);
    case 'datetime':
      return spellDatetime(rng, value as number, c);
    default:
      return value as string;
  }
}

const BAD: Record<GenColumn['type'], string[]> = {
  string: [''],
  integer: ['4.5', 'abc', '99999999999999999999', '1,25', '--1', '0x10', ''],
  number: ['NaN', 'Infinity', '0x10', '1,25', '1e999', '1.2.3', ''],
  boolean: ['maybe', '2', 'yes!', ''],
  date: ['31.02.2021', '2021-13-01', '2021-02-30', 'yesterday', '20210101', ''],
  datetime: ['2021-03-01T25:00:00Z', '2021-03-01T10:00:00+25:00', 'now', '0000-01-01T00:00:00Z', '2021-03-01T10:00:60Z', ''],
};

/** A value the validator should reject for this column (or an empty one, rejected where required). */
export function badValue(rng: Rng, c: GenColumn): string {
  return rng.pick(BAD[c.type]);
}
