import type { Rng } from './Rng.js';

export type GenType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';

/** One schema column as the generator sees it: what the definition says, so values can be spelled for it. */
export interface GenColumn {
  name: string;
  type: GenType;
  required: boolean;
  aliases: string[];
  format?: string;
  timezone?: string;
  thousands?: string;
  /** Key and timestamp columns draw from small pools so ties happen. */
  role: 'key' | 'timestamp' | 'value';
}

/** A random pipeline: the YAML data of its definition and what the drop generator needs to know of it. */
export interface GenDefinition {
  yaml: Record<string, unknown>;
  columns: GenColumn[];
  delimiter: string;
  encoding: string;
  extraColumns: 'drop' | 'keep' | 'quarantine';
}

const DATE_FORMATS = ['DD.MM.YYYY', 'MM/DD/YYYY', 'D.M.YYYY', 'YYYYMMDD', 'YYYY/M/D'];
const DATETIME_FORMATS = ['DD.MM.YYYY HH:mm', 'MM/DD/YYYY HH:mm:ss', 'YYYY-MM-DD HH:mm', 'D.M.YYYY HH:mm'];
const ZONES = ['UTC', '+02:00', '-05:30', 'Europe/Berlin', 'America/New_York'];
const THOUSANDS = [',', '.', ' ', "'"];
const VALUE_NAMES = ['description', 'price', 'qty', 'in_stock', 'born', 'seen_at', 'note', 'amount', 'Category'];
const VALUE_TYPES: GenType[] = ['string', 'string', 'integer', 'number', 'boolean', 'date', 'datetime'];
const ALIASES: Record<string, string> = { id: 'ref', sku: 'article', region: 'area', updated: 'last_change', price: 'cost', qty: 'pieces', note: 'remark' };

function column(rng: Rng, name: string, type: GenType, role: GenColumn['role']): GenColumn {
  const c: GenColumn = { name, type, role, required: role !== 'value' || rng.chance(0.2), aliases: [] };
  if (ALIASES[name] && rng.chance(0.5)) c.aliases.push(ALIASES[name]);
  if (type === 'date' && rng.chance(0.4)) c.format = rng.pick(DATE_FORMATS);
  if (type === 'datetime' && rng.chance(0.35)) c.format = rng.pick(DATETIME_FORMATS);
  if (type === 'datetime' && rng.chance(0.5)) c.timezone = rng.pick(ZONES);
  if ((type === 'integer' || type === 'number') && rng.chance(0.35)) c.thousands = rng.pick(THOUSANDS);
  return c;
}

function yamlColumn(c: GenColumn): Record<string, unknown> {
  const out: Record<string, unknown> = { type: c.type };
  if (c.required) out.required = true;
  if (c.aliases.length) out.aliases = c.aliases;
  if (c.format) out.format = c.format;
  if (c.timezone) out.timezone = c.timezone;
  if (c.thousands) out.thousands = c.thousands;
  return out;
}

/** A random definition over every column type and option the validator reads, for the `diff` pipeline. */
export function randomDefinition(rng: Rng): GenDefinition {
  const keyKind = rng.pick(['string', 'string', 'integer', 'number', 'composite'] as const);
  const keys: GenColumn[] =
    keyKind === 'composite'
      ? [column(rng, 'region', 'string', 'key'), column(rng, 'id', rng.pick(['string', 'integer'] as const), 'key')]
      : [column(rng, rng.pick(['id', 'sku']), keyKind, 'key')];
  const timestamp = column(rng, rng.pick(['updated', 'timestamp']), rng.pick(['date', 'date', 'datetime', 'integer', 'number'] as const), 'timestamp');
  const values = rng
    .shuffle(VALUE_NAMES)
    .slice(0, rng.int(0, 4))
    .map((name) => column(rng, name, rng.pick(VALUE_TYPES), 'value'));
  const columns = rng.shuffle([...keys, timestamp, ...values]);
  const delimiter = rng.pick([',', ',', ',', ';', '|', '\t']);
  const encoding = rng.pick(['utf-8', 'utf-8', 'utf-8', 'utf-8', 'windows-1252', 'latin1', 'auto', 'utf-16le']);
  // keep and csv-parse send a run to the reference engine (as of issue 13): rarer, so most runs compare the byte engine.
  const extraColumns = rng.pick(['drop', 'drop', 'drop', 'keep', 'quarantine'] as const);
  const source: Record<string, unknown> = { type: 'directory', path: 'input/processing', archive: 'input/processed', delimiter, encoding };
  if (rng.chance(0.1)) source.delimiter = 'auto';
  if (rng.chance(0.05)) source.parser = 'csv-parse';
  const yaml: Record<string, unknown> = {
    name: 'diff',
    source,
    schema: {
      key: keys.length === 1 ? keys[0]!.name : keys.map((k) => k.name),
      timestamp: timestamp.name,
      columns: Object.fromEntries(columns.map((c) => [c.name, yamlColumn(c)])),
    },
    output: rng.chance(0.5) ? { path: 'output/latest.csv', lineage: rng.pick(['source_filename', 'file']) } : { path: 'output/latest.csv' },
    validation: { extraColumns, badRows: rng.chance(0.05) ? 'fail' : 'reject' },
  };
  return { yaml, columns, delimiter, encoding, extraColumns };
}
