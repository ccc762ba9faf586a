import { type ColumnDefinition, type PipelineDefinition, type RetainDefinition, type SnapshotsDefinition, type SourceDefinition } from './PipelineDefinition.js';
import { compileGlob } from '../util/compileGlob.js';
import { parseDuration } from '../util/parseDuration.js';
import { compileFormat } from '../validation/coercers/compileFormat.js';
import { wallTimeToUtc } from '../validation/coercers/wallTimeToUtc.js';
import { normalize } from 'node:path';
import { DEFINITION_RULES, PIPELINE_NAME } from './definitionRules.js';
import { Fields } from './Fields.js';
import { parseSchedule } from './parseSchedule.js';
import { parseExpect } from './parseExpect.js';
import { parseSinks } from './parseSinks.js';
import { parseAlerts } from './parseAlerts.js';

export { PIPELINE_NAME };
const TIMESTAMP_TYPES = ['date', 'datetime', 'integer', 'number'];
/** The rules every key below is read by (also the JSON Schema's source). */
const R = DEFINITION_RULES.keys;

/**
 * Turns a parsed YAML document into a PipelineDefinition with defaults filled,
 * refusing unknown keys, unknown types and missing required keys by name, as
 * DEFINITION_RULES say, then what relates keys to each other.
 * `display` is the file name used in messages; `file` its absolute path.
 */
export function parseDefinition(doc: unknown, display: string, file: string): PipelineDefinition {
  const top = Fields.of(display, '', doc).onlyKeysOf(DEFINITION_RULES);
  const name = top.text('name', R.name);
  if (!PIPELINE_NAME.test(name)) {
    throw top.fail('name', `"${name}" must start with a letter or digit and use only letters, digits, ".", "_" and "-"`);
  }
  const schema = parseSchema(top.requiredChild('schema', R.schema.required));
  const output = top.requiredChild('output', R.output.required).onlyKeysOf(R.output);
  const lineage = output.text('lineage', R.output.keys.lineage);
  if (lineage !== undefined && schema.columns.some((c) => c.name === lineage)) {
    throw output.fail('lineage', `"${lineage}" is already a schema column; pick another name such as source_filename`);
  }
  const snapshots = (top.child('snapshots') ?? Fields.of(display, 'snapshots', {})).onlyKeysOf(R.snapshots);
  const V = R.validation.keys;
  const validation = (top.child('validation') ?? Fields.of(display, 'validation', {})).onlyKeysOf(R.validation);
  const sinks = parseSinks(top);
  const alerts = parseAlerts(top);
  const schedule = parseSchedule(top);
  const headers = (validation.child('headers') ?? Fields.of(display, 'validation.headers', {})).onlyKeysOf(V.headers);
  const threshold = V.headers.keys.threshold;
  const expect = parseExpect(top);
  return {
    name,
    description: top.text('description', R.description),
    file,
    plugins: top.stringList('plugins') ?? [],
    source: parseSource(top.requiredChild('source', R.source.required)),
    schema,
    output: { path: output.text('path', R.output.keys.path), lineage },
    snapshots: parseSnapshots(snapshots),
    validation: {
      headerThreshold: headers.number('threshold', threshold.default, threshold.min, threshold.max),
      extraColumns: validation.choice('extraColumns', V.extraColumns),
      badRows: validation.choice('badRows', V.badRows),
      rejects: validation.text('rejects', V.rejects),
      quarantine: validation.text('quarantine', V.quarantine),
    },
    ...(sinks.length > 0 ? { sinks } : {}),
    ...(alerts.length > 0 ? { alerts } : {}),
    ...(top.has('engine') ? { engine: top.oneOf('engine', R.engine.values) } : {}),
    ...(schedule ? { schedule } : {}),
    ...(expect ? { expect } : {}),
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
  const S = R.snapshots.keys;
  const result: SnapshotsDefinition = { path: snapshots.text('path', S.path) };
  if (snapshots.has('keep')) {
    const keep = snapshots.number('keep', S.keep.min, S.keep.min, S.keep.max);
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
  const every = snapshots.number('checkpointEvery', S.checkpointEvery.default, S.checkpointEvery.min, S.checkpointEvery.max);
  if (!Number.isInteger(every)) throw snapshots.fail('checkpointEvery', `must be a whole number of changesets, got ${every}`);
  result.checkpointEvery = every;
  result.maxChain = snapshots.number('maxChain', S.maxChain.default, S.maxChain.min, S.maxChain.max);
  return result;
}

function parseSource(source: Fields): SourceDefinition {
  const S = R.source.keys;
  source.onlyKeysOf(R.source);
  const type = source.text('type', S.type);
  const module = source.text('module', S.module);
  const when = S.path.requiredWhen;
  const path = type === when.equals ? source.requiredString('path', when.hint) : source.text('path', S.path);
  const archive = source.text('archive', S.archive);
  if (path !== '' && normalize(archive) === normalize(path))
    throw source.fail('archive', `"${archive}" is the drop folder itself; handled files must move elsewhere, e.g. input/processed`);
  const pattern = source.text('pattern', S.pattern);
  const caseSensitive = source.boolean('caseSensitive', S.caseSensitive.default);
  try {
    compileGlob(pattern, caseSensitive);
  } catch (err) {
    throw source.fail('pattern', `"${pattern}" ${(err as Error).message}`);
  }
  const settle = source.text('settle', S.settle);
  let settleMs: number | undefined;
  if (settle !== undefined) {
    try {
      settleMs = parseDuration(settle);
    } catch {
      throw source.fail('settle', `"${settle}" is not a duration; write a whole number and a unit, e.g. 30s, 5m or 1h`);
    }
  }
  const retain = parseRetain(source, type);
  return {
    type,
    path,
    pattern,
    caseSensitive,
    archive,
    delimiter: source.choice('delimiter', S.delimiter),
    encoding: source.choice('encoding', S.encoding),
    compression: source.choice('compression', S.compression),
    parser: source.choice('parser', S.parser),
    options: source.mapping('options') ?? {},
    ...(module ? { module } : {}),
    ...(settle !== undefined ? { settle, settleMs } : {}),
    ...(retain ? { retain } : {}),
  };
}

/** `source.retain`: durations for compressing and deleting archived inputs; only a directory source has an archive it applies to. */
function parseRetain(source: Fields, type: string): RetainDefinition | undefined {
  const field = source.child('retain');
  if (!field) return undefined;
  field.onlyKeysOf(R.source.keys.retain);
  if (type !== 'directory') throw source.fail('retain', `applies to the archive of a directory source; source.type is "${type}", so remove retain`);
  const retain: RetainDefinition = {};
  for (const key of ['compress', 'delete'] as const) {
    const text = field.text(key, R.source.keys.retain.keys[key]);
    if (text === undefined) continue;
    try {
      retain[`${key}Ms`] = parseDuration(text);
    } catch {
      throw field.fail(key, `"${text}" is not a duration; write a whole number and a unit, e.g. 7d, 12h or 52w`);
    }
    retain[key] = text;
  }
  return retain;
}

function parseSchema(schema: Fields): PipelineDefinition['schema'] {
  const S = R.schema.keys;
  schema.onlyKeysOf(R.schema);
  const columnsField = schema.requiredChild('columns', S.columns.required);
  const names = Object.keys(columnsField.value);
  if (names.length === 0) throw schema.fail('columns', 'must name at least one column');
  const key = schema.stringList('key');
  if (!key || key.length === 0) throw schema.fail('key', `is required: ${S.key.required}`);
  const timestamp = schema.text('timestamp', S.timestamp);
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
  const C = R.schema.keys.columns.value;
  field.onlyKeysOf(C);
  const type = field.oneOf('type', C.keys.type.values);
  if (type === undefined) throw field.fail('type', `is required (${C.keys.type.required})`);
  checkNow(field, 'format', (format) => compileFormat(format));
  checkNow(field, 'timezone', (zone) => wallTimeToUtc(0, zone));
  return {
    name,
    type,
    required: field.boolean('required', C.keys.required.default) || mustBeRequired,
    faker: field.text('faker', C.keys.faker),
    aliases: field.stringList('aliases') ?? [],
    format: field.text('format', C.keys.format),
    timezone: field.text('timezone', C.keys.timezone),
    thousands: field.text('thousands', C.keys.thousands),
  };
}
