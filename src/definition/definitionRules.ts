import { DURATION } from '../util/parseDuration.js';
import { BAD_ROW_POLICIES, COLUMN_TYPES, COMPRESSIONS, CSV_PARSERS, ENGINES, EXTRA_COLUMN_POLICIES, SOURCE_ENCODINGS } from './PipelineDefinition.js';
import type { MappingRule } from './Rule.js';

/** Pipeline names: letters, digits, `.`, `_`, `-`, with `/` between folders. */
export const PIPELINE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;

const COLUMN = {
  kind: 'mapping',
  description: 'one column of the output, in output order',
  keys: {
    type: { kind: 'choice', description: 'how values are read and written', values: COLUMN_TYPES, required: `allowed: ${COLUMN_TYPES.join(', ')}` },
    required: { kind: 'boolean', description: 'a row without a value is rejected (key and timestamp columns always are)', default: false },
    faker: { kind: 'text', description: 'the Faker method `dropline generate` uses, e.g. company.buzzPhrase' },
    aliases: { kind: 'names', description: 'other header names this column goes by' },
    format: { kind: 'text', description: 'input format of dates and datetimes, e.g. DD.MM.YYYY' },
    timezone: { kind: 'text', description: 'IANA zone or offset for datetimes written without one (default UTC)' },
    thousands: { kind: 'text', description: 'thousands separator accepted in integers and numbers, e.g. ","' },
  },
} as const satisfies MappingRule;

const SINK = {
  kind: 'mapping',
  description: 'a place latest.csv is published to after each commit',
  strayKeyHint: "a sink's settings go under options:, e.g. options: { {key}: ... }",
  keys: {
    type: {
      kind: 'text',
      description: 'sqlite, postgres, a type a plug-in adds, or a name for your own class with module',
      required: 'sqlite, postgres, a type a plug-in adds, or a name for your own class with module:',
    },
    module: { kind: 'text', description: 'a workspace .ts/.js file whose default export is the Sink class' },
    options: { kind: 'options', description: "the sink's settings, as its type declares them" },
    history: {
      kind: 'boolean',
      description: 'true: also keep <table>_history, every version of every row (valid_from, valid_to, is_current, source_file, source_line); sqlite and postgres',
      default: false,
    },
  },
} as const satisfies MappingRule;

/** An environment variable's name (`urlEnv`). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One entry of `alerts:` (a definition's, and dropline.yaml's). */
export const ALERT = {
  kind: 'mapping',
  description: 'a webhook that receives a JSON POST when a run sets input aside, a sink fails, or dropline status finds the pipeline needing attention',
  exactlyOne: ['url', 'urlEnv'],
  keys: {
    type: { kind: 'choice', description: 'webhook (the only kind there is)', values: ['webhook'], required: 'webhook' },
    url: { kind: 'text', description: 'where the POST goes (http or https); a URL holding credentials must be given with urlEnv', pattern: /^https?:\/\/\S+$/i },
    urlEnv: { kind: 'text', description: 'the environment variable holding the URL (for a URL that holds a secret)', pattern: ENV_NAME },
    timeoutMs: { kind: 'number', description: 'time allowed for one try', min: 1, max: 600_000, integer: true, default: 10_000 },
    retries: { kind: 'number', description: 'extra tries after a network error, timeout or an answer other than 2xx', min: 0, max: 10, integer: true, default: 2 },
    retryDelayMs: { kind: 'number', description: 'wait before the first retry; doubles after each', min: 0, max: 600_000, integer: true, default: 1_000 },
  },
} as const satisfies MappingRule;

/**
 * Every key a pipeline definition file may hold, with what it may hold: the
 * loader (parseDefinition, parseSinks) applies these, and the build writes
 * them out as `schema/pipeline.schema.json`. Checks that relate keys to each
 * other (the key names a column...) and that need a class (source and sink
 * options) are the loader's alone.
 */
export const DEFINITION_RULES = {
  kind: 'mapping',
  description: 'a dropline pipeline definition (pipelines/<name>.yaml)',
  keys: {
    name: {
      kind: 'text',
      description: 'the pipeline name; must match the file name (the loader takes it from the file name when left out)',
      pattern: PIPELINE_NAME,
      required: 'the pipeline name, e.g. "name: demo"',
      filledByLoader: true,
    },
    description: { kind: 'text', description: 'one line shown by dropline list', default: '' },
    source: {
      kind: 'mapping',
      description: 'where the drop is and how it is read',
      required: 'where the drop is, e.g. "type: directory" and "path: input/processing"',
      keys: {
        type: {
          kind: 'text',
          description: 'directory, http, xlsx, a type a plug-in adds, or your own with module',
          required: 'directory, a type a plug-in adds, or your own with source.module',
        },
        path: {
          kind: 'text',
          description: 'the drop folder, relative to the workspace root',
          default: '',
          requiredWhen: { key: 'type', equals: 'directory', hint: 'the drop folder, e.g. input/processing' },
        },
        pattern: { kind: 'text', description: 'which files in the drop are read (a glob)', default: '*.csv' },
        caseSensitive: { kind: 'boolean', description: 'true: the pattern tells upper and lower case apart ("*.csv" then misses EXPORT.CSV)', default: false },
        archive: { kind: 'text', description: 'where handled files move', default: 'input/processed' },
        delimiter: { kind: 'choice', description: 'the CSV delimiter; auto sniffs it from the header line', values: [',', ';', '\t', '|', 'auto'], default: ',' },
        encoding: {
          kind: 'choice',
          description: 'the text encoding of the inputs; auto follows a byte order mark, else UTF-8, else Windows-1252',
          values: SOURCE_ENCODINGS,
          default: 'utf-8',
        },
        compression: { kind: 'choice', description: 'auto: gzip inputs are read (data.csv.gz matches "*.csv"); none: bytes as they are', values: COMPRESSIONS, default: 'auto' },
        parser: { kind: 'choice', description: 'auto: a fast reader, csv-parse for anything unusual; or csv-parse always', values: CSV_PARSERS, default: 'auto' },
        options: { kind: 'options', description: "the source's settings, as its type declares them" },
        module: { kind: 'text', description: 'a workspace .ts/.js file whose default export is the Source class' },
        settle: { kind: 'text', description: 'a file changed less than this long ago waits for the next run, e.g. 30s (s, m, h, d, w)', pattern: DURATION },
        retain: {
          kind: 'mapping',
          description: 'how long archived inputs are kept as they are (directory source; dropline prune and each run apply it)',
          keys: {
            compress: { kind: 'text', description: 'gzip archived inputs ingested longer ago than this, e.g. 7d (s, m, h, d, w)', pattern: DURATION },
            delete: {
              kind: 'text',
              description: 'delete archived inputs ingested longer ago than this, e.g. 365d, once a pinned snapshot holds their rows (it becomes the base clean rebuilds from)',
              pattern: DURATION,
            },
          },
        },
      },
    },
    schema: {
      kind: 'mapping',
      description: 'the columns, the key and the timestamp',
      required: 'key, timestamp and columns',
      keys: {
        key: { kind: 'names', description: 'the column (or list of columns) that identifies a row', required: 'the column (or list of columns) that identifies a row' },
        timestamp: {
          kind: 'text',
          description: 'the column that orders versions of a row: a date, datetime, integer or number column',
          required: 'the column that orders versions of a row',
        },
        columns: {
          kind: 'named',
          description: 'the columns in output order: name: type, or name: { type, ... }',
          required: 'the columns in output order, e.g. "id: { type: string }"',
          value: COLUMN,
          shorthand: { kind: 'choice', description: 'the column type', values: COLUMN_TYPES },
        },
      },
    },
    output: {
      kind: 'mapping',
      description: 'where latest.csv goes',
      required: 'at least "path: output/latest.csv"',
      keys: {
        path: { kind: 'text', description: 'latest.csv, relative to the workspace root', required: 'where latest.csv goes, e.g. output/latest.csv' },
        lineage: { kind: 'text', description: 'adds this column: the file each kept row came from' },
      },
    },
    snapshots: {
      kind: 'mapping',
      description: 'where snapshots are kept and for how long',
      keys: {
        path: { kind: 'text', description: 'each pipeline gets <path>/<name>/', default: 'snapshots' },
        keep: { kind: 'number', description: 'retention: keep at least this many newest snapshots', min: 1, max: Number.MAX_SAFE_INTEGER, integer: true },
        maxAge: { kind: 'text', description: 'retention: keep snapshots younger than this, e.g. 90d (s, m, h, d, w)', pattern: DURATION },
        checkpointEvery: {
          kind: 'number',
          description: 'a run writes a whole checkpoint of the table after at most this many changesets (1: every snapshot whole)',
          min: 1,
          max: 1000,
          integer: true,
          default: 20,
        },
        maxChain: {
          kind: 'number',
          description: '... or once the changesets since the last checkpoint take this fraction of its size on disk',
          min: 0,
          max: 100,
          default: 0.5,
        },
      },
    },
    validation: {
      kind: 'mapping',
      description: 'how drifted headers, extra columns and bad rows are handled',
      keys: {
        headers: {
          kind: 'mapping',
          description: 'header matching',
          keys: { threshold: { kind: 'number', description: 'how similar (0 to 1) a drifted header must be to map onto a column', min: 0, max: 1, default: 0.8 } },
        },
        extraColumns: { kind: 'choice', description: 'drop, keep (appended after the schema columns) or quarantine the file', values: EXTRA_COLUMN_POLICIES, default: 'drop' },
        badRows: { kind: 'choice', description: 'reject (to the rejects file) or fail (abort, change nothing)', values: BAD_ROW_POLICIES, default: 'reject' },
        rejects: { kind: 'text', description: 'folder for <run id>.csv rejects files', default: 'output/rejects' },
        quarantine: { kind: 'text', description: 'folder quarantined input files move to', default: 'input/quarantine' },
      },
    },
    plugins: { kind: 'names', description: 'plug-in modules (workspace .ts/.js files) loaded before this pipeline runs' },
    sinks: { kind: 'list', description: 'where latest.csv is published after each commit', item: SINK },
    alerts: { kind: 'list', description: "webhooks told when this pipeline needs attention (besides dropline.yaml's alerts:)", item: ALERT },
    engine: {
      kind: 'choice',
      description: 'auto: the byte engine where it applies (else the reference); reference: the row engine always (default: --engine, then DROPLINE_ENGINE, then auto)',
      values: ENGINES,
    },
    schedule: {
      kind: 'mapping',
      description: 'team mode: workers queue a run on this schedule, once per period across all workers; a plain text is the cron in UTC',
      shorthandKey: 'cron',
      keys: {
        cron: {
          kind: 'text',
          description: 'five fields: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1" (Mondays at 06:00)',
          required: 'a five-field cron expression, e.g. "0 6 * * 1"',
        },
        timezone: { kind: 'text', description: 'the IANA time zone the cron is read in, e.g. Europe/Berlin', default: 'UTC' },
      },
    },
    expect: {
      kind: 'mapping',
      description: 'what dropline status expects of the drops: how often they arrive and how many rows they hold (default: learned from the drops so far)',
      keys: {
        every: {
          kind: 'text',
          description: 'a drop is due this long after the last one, e.g. 7d (s, m, h, d, w); default: the median interval of the drops so far',
          pattern: DURATION,
        },
        grace: { kind: 'text', description: 'how long past due before the pipeline is late, e.g. 2d; default: the spread of the intervals, at least 1d', pattern: DURATION },
        volume: {
          kind: 'mapping',
          description: "the band the last drop's rows must fall in: min x to max x the median of the drops before it",
          keys: {
            min: { kind: 'number', description: 'the lower bound, a multiple of the median', min: 0, max: 1_000_000, default: 0.5 },
            max: { kind: 'number', description: 'the upper bound, a multiple of the median', min: 0, max: 1_000_000, default: 2 },
            runs: { kind: 'number', description: 'how many drops before the last one the median is taken over', min: 1, max: 1000, integer: true, default: 8 },
          },
        },
      },
    },
  },
} as const satisfies MappingRule;

/** Keys a definition file may hold besides the definition itself, read before it (resolveDocument). */
export const FILE_RULES = {
  kind: 'mapping',
  description: 'what a file adds to its definition',
  keys: {
    extends: { kind: 'text', description: 'a definition file this one starts from (relative to this file); mappings merge key by key', pattern: /\S/, notNull: true },
    vars: { kind: 'options', description: 'values for ${NAME} in this file (the environment and --set win over them)', notNull: true },
    template: { kind: 'boolean', description: 'true: a base for extends, not a pipeline itself', default: false },
  },
} as const satisfies MappingRule;
