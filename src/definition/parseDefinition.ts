import {
  BAD_ROW_POLICIES,
  COLUMN_TYPES,
  COMPRESSIONS,
  CSV_PARSERS,
  EXTRA_COLUMN_POLICIES,
  SOURCE_ENCODINGS,
  type ColumnDefinition,
  type PipelineDefinition,
  type SnapshotsDefinition,
  type SourceDefinition,
} from './PipelineDefinition.js';
import { compileGlob } from '../util/compileGlob.js';
import { parseDuration } from '../util/parseDuration.js';
import { compileFormat } from '../validation/coercers/compileFormat.js';
import { wallTimeToUtc } from '../validation/coercers/wallTimeToUtc.js';
import { normalize } from 'node:path';
import { Fields } from './Fields.js';
import { parseSinks } from './parseSinks.js';

/** Pipeline names: letters, digits, `.`, `_`, `-`, with `/` between folders. */
export const PIPELINE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;
const TIMESTAMP_TYPES = ['date', 'datetime', 'integer', 'number'];
const DELIMITERS = [',', ';', '\t', '|', 'auto'] as const;

/**
 * Turns a parsed YAML document into a PipelineDefinition with defaults filled,
 * refusing unknown keys, unknown types and missing required keys by name.
 * `display` is the file name used in messages; `file` its absolute path.
 */
export function parseDefinition(doc: unknown, display: string, file: string): PipelineDefinition {
  const top = Fields.of(display, '', doc).onlyKeys(['name', 'description', 'source', 'schema', 'output', 'snapshots', 'validation', 'plugins', 'sinks']);
  const name = top.requiredString('name', 'the pipeline name, e.g. "name: demo"');
  if (!PIPELINE_NAME.test(name)) {
    throw top.fail('name', `"${name}" must start with a letter or digit and use only letters, digits, ".", "_" and "-"`);
  }
  const schema = parseSchema(top.requiredChild('schema', 'key, timestamp and columns'));
  const output = top.requiredChild('output', 'at least "path: output/latest.csv"').onlyKeys(['path', 'lineage']);
  const lineage = output.string('lineage');
  if (lineage !== undefined && schema.columns.some((c) => c.name === lineage)) {
    throw output.fail('lineage', `"${lineage}" is already a schema column; pick another name such as source_filename`);
  }
  const snapshots = (top.child('snapshots') ?? Fields.of(display, 'snapshots', {})).onlyKeys(['path', 'keep', 'maxAge']);
  const validation = (top.child('validation') ?? Fields.of(display, 'validation', {})).onlyKeys([
    'headers',
    'extraColumns',
    'badRows',
    'rejects',
    'quarantine',
  ]);
  const sinks = parseSinks(top);
  const headers = (validation.child('headers') ?? Fields.of(display, 'validation.headers', {})).onlyKeys(['threshold']);
  return {
    name,
    description: top.string('description', ''),
    file,
    plugins: top.stringList('plugins') ?? [],
    source: parseSource(top.requiredChild('source', 'where the drop is, e.g. "type: directory" and "path: input/processing"')),
    schema,
    output: { path: output.requiredString('path', 'where latest.csv goes, e.g. output/latest.csv'), lineage },
    snapshots: parseSnapshots(snapshots),
    validation: {
      headerThreshold: headers.number('threshold', 0.8, 0, 1),
      extraColumns: validation.oneOf('extraColumns', EXTRA_COLUMN_POLICIES, 'drop'),
      badRows: validation.oneOf('badRows', BAD_ROW_POLICIES, 'reject'),
      rejects: validation.string('rejects', 'output/rejects'),
      quarantine: validation.string('quarantine', 'input/quarantine'),
    },
    ...(sinks.length > 0 ? { sinks } : {}),
  };
}

/** Checks a setting that is otherwise only used when a value needs it, so a typo fails at load with its key. */
function checkNow(field: Fields, key: string, use: (value: string) => unknown): void {
  const value = field.string(key);
  if (value === undefined) return;
  try {
    use(value);
  } catch (err) {
    throw field.fail(key, `"${value}" cannot be used: ${(err as Error).message.replace(/^.*?: /, '')}`);
  }
}

function parseSnapshots(snapshots: Fields): SnapshotsDefinition {
  const result: SnapshotsDefinition = { path: snapshots.string('path', 'snapshots') };
  if (snapshots.has('keep')) {
    const keep = snapshots.number('keep', 1, 1, Number.MAX_SAFE_INTEGER);
    if (!Number.isInteger(keep)) throw snapshots.fail('keep', `must be a whole number of snapshots, got ${keep}`);
    result.keep = keep;
  }
  const maxAge = snapshots.string('maxAge');
  if (maxAge !== undefined) {
    try {
      result.maxAgeMs = parseDuration(maxAge);
    } catch {
      throw snapshots.fail('maxAge', `"${maxAge}" is not a duration; write a whole number and a unit, e.g. 30d, 12h, 90m or 2w`);
    }
    result.maxAge = maxAge;
  }
  return result;
}

function parseSource(source: Fields): SourceDefinition {
  source.onlyKeys(['type', 'path', 'pattern', 'caseSensitive', 'archive', 'delimiter', 'encoding', 'compression', 'parser', 'options', 'module', 'settle']);
  const type = source.requiredString('type', 'directory, a type a plug-in adds, or your own with source.module');
  const module = source.string('module');
  const path = type === 'directory' ? source.requiredString('path', 'the drop folder, e.g. input/processing') : source.string('path', '');
  const archive = source.string('archive', 'input/processed');
  if (path !== '' && normalize(archive) === normalize(path)) throw source.fail('archive', `"${archive}" is the drop folder itself; handled files must move elsewhere, e.g. input/processed`);
  const pattern = source.string('pattern', '*.csv');
  const caseSensitive = source.boolean('caseSensitive', false);
  try {
    compileGlob(pattern, caseSensitive);
  } catch (err) {
    throw source.fail('pattern', `"${pattern}" ${(err as Error).message}`);
  }
  const settle = source.string('settle');
  let settleMs: number | undefined;
  if (settle !== undefined) {
    try {
      settleMs = parseDuration(settle);
    } catch {
      throw source.fail('settle', `"${settle}" is not a duration; write a whole number and a unit, e.g. 30s, 5m or 1h`);
    }
  }
  return {
    type,
    path,
    pattern,
    caseSensitive,
    archive,
    delimiter: source.oneOf('delimiter', DELIMITERS, ','),
    encoding: source.oneOf('encoding', SOURCE_ENCODINGS, 'utf-8'),
    compression: source.oneOf('compression', COMPRESSIONS, 'auto'),
    parser: source.oneOf('parser', CSV_PARSERS, 'auto'),
    options: source.mapping('options') ?? {},
    ...(module ? { module } : {}),
    ...(settle !== undefined ? { settle, settleMs } : {}),
  };
}

function parseSchema(schema: Fields): PipelineDefinition['schema'] {
  schema.onlyKeys(['key', 'timestamp', 'columns']);
  const columnsField = schema.requiredChild('columns', 'the columns in output order, e.g. "id: { type: string }"');
  const names = Object.keys(columnsField.value);
  if (names.length === 0) throw schema.fail('columns', 'must name at least one column');
  const key = schema.stringList('key');
  if (!key || key.length === 0) throw schema.fail('key', 'is required: the column (or list of columns) that identifies a row');
  const timestamp = schema.requiredString('timestamp', 'the column that orders versions of a row');
  for (const k of key) {
    if (!names.includes(k)) throw schema.fail('key', `names "${k}", which is not in schema.columns (columns: ${names.join(', ')})`);
  }
  if (!names.includes(timestamp)) {
    throw schema.fail('timestamp', `names "${timestamp}", which is not in schema.columns (columns: ${names.join(', ')})`);
  }
  const columns = names.map((n) => parseColumn(columnsField, n, key.includes(n) || n === timestamp));
  const tsType = columns.find((c) => c.name === timestamp)!.type;
  if (!TIMESTAMP_TYPES.includes(tsType)) {
    throw schema.fail('timestamp', `column "${timestamp}" has type ${tsType}; a timestamp must be one of ${TIMESTAMP_TYPES.join(', ')}`);
  }
  return { key, timestamp, columns };
}

function parseColumn(columns: Fields, name: string, mustBeRequired: boolean): ColumnDefinition {
  const raw = columns.value[name];
  const field = typeof raw === 'string' ? Fields.of(columns.file, columns.key(name), { type: raw }) : Fields.of(columns.file, columns.key(name), raw);
  field.onlyKeys(['type', 'required', 'faker', 'aliases', 'format', 'timezone', 'thousands']);
  const type = field.oneOf('type', COLUMN_TYPES);
  if (type === undefined) throw field.fail('type', `is required (allowed: ${COLUMN_TYPES.join(', ')})`);
  checkNow(field, 'format', (format) => compileFormat(format));
  checkNow(field, 'timezone', (zone) => wallTimeToUtc(0, zone));
  return {
    name,
    type,
    required: field.boolean('required', false) || mustBeRequired,
    faker: field.string('faker'),
    aliases: field.stringList('aliases') ?? [],
    format: field.string('format'),
    timezone: field.string('timezone'),
    thousands: field.string('thousands'),
  };
}
