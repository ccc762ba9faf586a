import { rowsToCsv } from '../csv/rowsToCsv.js';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Faker as FakerType } from '@faker-js/faker';
import { inject, injectable, optional } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { Progress } from '../util/Progress.js';
import { atomicWrite } from '../util/atomicWrite.js';
import { applyDrift, type DraftFile } from './applyDrift.js';
import { formatTime } from './formatTime.js';
import { makeKeyPool } from './makeKeyPool.js';
import { makeValueGenerator, type ValueGenerator } from './makeValueGenerator.js';
import { TimeRange } from './TimeRange.js';

export interface GenerateOptions {
  rows: number;
  files: number;
  /** Distinct key values the rows draw from. */
  ids: number;
  /** Same seed and options give byte-identical files; random when absent. */
  seed?: number;
  /** First day of the timestamps, YYYY-MM-DD (UTC), inclusive. */
  start: string;
  /** Last day of the timestamps, YYYY-MM-DD (UTC), inclusive. */
  end: string;
  /** Adds header drift and about 1% broken rows. */
  dirty?: boolean;
}

export interface GenerateResult {
  /** File names written, in order. */
  files: string[];
  rows: number;
}

/** The original demo's drop: 100,000 rows over 100 ids in 50 weekly-ish files. */
export const DEFAULT_GENERATE_OPTIONS: Readonly<Omit<GenerateOptions, 'seed' | 'dirty'>> = {
  rows: 100_000,
  files: 50,
  ids: 100,
  start: '2021-02-15',
  end: '2022-02-15',
};

const DAY_SECONDS = 86_400;
/** Rows generated between two progress events. */
const PROGRESS_ROWS = 10_000;
/** generate holds every row in memory (about 450 bytes each): 5 million is about 2 GB. */
export const MAX_GENERATE_ROWS = 5_000_000;

/**
 * Writes a drop of fake CSV files for a pipeline: rows over a fixed pool of keys
 * with timestamps spread over a range, sorted and cut into files named
 * `data_<max date>.csv`, as clients of the original demo delivered them.
 */
@injectable()
export class DropGenerator {
  constructor(@inject(Progress) @optional() private readonly progress: Progress = new Progress()) {}

  async generate(definition: PipelineDefinition, targetDir: string, options: GenerateOptions): Promise<GenerateResult> {
    checkOptions(options);
    const range = TimeRange.parse(options.start, options.end);
    // Faker is large: loaded only when data is generated, so other commands start fast.
    const { Faker, base, en } = await import('@faker-js/faker');
    const faker: FakerType = new Faker({ locale: [en, base] });
    faker.seed(options.seed);

    const { columns, key, timestamp } = definition.schema;
    const keyColumns = key.filter((k) => k !== timestamp).map((k) => columns.find((c) => c.name === k)!);
    const pool = makeKeyPool(faker, keyColumns, options.ids, range, definition);
    const keyAt = keyColumns.map((c) => columns.indexOf(c));
    const tsAt = columns.findIndex((c) => c.name === timestamp);
    const tsColumn = columns[tsAt]!;
    const others = columns.flatMap((c, i): [number, ValueGenerator][] => (i === tsAt || keyAt.includes(i) ? [] : [[i, makeValueGenerator(faker, c, range, definition)]]));
    const dayText = Array.from({ length: range.toDay - range.fromDay + 1 }, (_, d) => formatTime((range.fromDay + d) * DAY_SECONDS * 1000, 'date', tsColumn.format));

    const generating = this.progress.phase(definition.name, 'generate', options.rows, 'rows');
    const rows: string[][] = new Array(options.rows);
    const times = new Float64Array(options.rows);
    for (let r = 0; r < options.rows; r++) {
      if (r > 0 && r % PROGRESS_ROWS === 0) generating(r);
      const row = new Array<string>(columns.length);
      const tuple = pool[faker.number.int({ max: pool.length - 1 })]!;
      for (let k = 0; k < keyAt.length; k++) row[keyAt[k]!] = tuple[k]!;
      if (tsColumn.type === 'date') {
        const day = faker.number.int({ min: range.fromDay, max: range.toDay });
        times[r] = day * DAY_SECONDS;
        row[tsAt] = dayText[day - range.fromDay]!;
      } else {
        const sec = faker.number.int({ min: range.fromSec, max: range.toSec });
        times[r] = sec;
        row[tsAt] = tsColumn.type === 'datetime' ? formatTime(sec * 1000, 'datetime', tsColumn.format) : String(sec);
      }
      for (const [i, next] of others) row[i] = next();
      rows[r] = row;
    }
    generating(options.rows);

    const order = Array.from({ length: options.rows }, (_, i) => i).sort((a, b) => times[a]! - times[b]!);
    const drafts: DraftFile[] = [];
    const dates: string[] = [];
    for (let f = 0; f < options.files; f++) {
      const slice = order.slice(Math.floor((f * options.rows) / options.files), Math.floor(((f + 1) * options.rows) / options.files));
      drafts.push({ header: columns.map((c) => c.name), rows: slice.map((i) => rows[i]!) });
      dates.push(formatTime(times[slice[slice.length - 1]!]! * 1000, 'date'));
    }
    if (options.dirty) applyDrift(faker, definition, drafts);

    const names = await this.chooseNames(targetDir, dates);
    const delimiter = definition.source.delimiter === 'auto' ? ',' : definition.source.delimiter;
    const writing = this.progress.phase(definition.name, 'write', drafts.length, 'files');
    for (let f = 0; f < drafts.length; f++) {
      const text = rowsToCsv([drafts[f]!.header, ...drafts[f]!.rows], delimiter);
      await write(join(targetDir, names[f]!), text);
      writing(f + 1);
    }
    return { files: names, rows: options.rows };
  }

  /** `data_<date>.csv`, or `data_<date>_2.csv`... when the folder or this run already has that name. */
  private async chooseNames(targetDir: string, dates: string[]): Promise<string[]> {
    try {
      await mkdir(targetDir, { recursive: true });
    } catch (err) {
      throw new DroplineError(
        'OUTPUT_UNWRITABLE',
        `${targetDir}: cannot create the folder (${(err as Error).message}); check the path and its permissions`,
        { file: targetDir },
        { cause: err },
      );
    }
    const taken = new Set(await readdir(targetDir));
    return dates.map((date) => {
      let name = `data_${date}.csv`;
      for (let n = 2; taken.has(name); n++) name = `data_${date}_${n}.csv`;
      taken.add(name);
      return name;
    });
  }
}

async function write(path: string, text: string): Promise<void> {
  try {
    await atomicWrite(path, text);
  } catch (err) {
    if (err instanceof DroplineError) throw err; // DISK_FULL, NOT_WRITABLE
    throw new DroplineError('OUTPUT_UNWRITABLE', `${path}: cannot write the file (${(err as Error).message}); check free space and permissions`, { file: path }, { cause: err });
  }
}

function checkOptions(options: GenerateOptions): void {
  for (const name of ['rows', 'files', 'ids'] as const) {
    const value = options[name];
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new DroplineError('USAGE', `${name} must be a whole number of at least 1, got ${value}`);
    }
    if (name !== 'files' && value > MAX_GENERATE_ROWS) {
      throw new DroplineError(
        'USAGE',
        `${name} (${value}) is more than generate makes at once (at most ${MAX_GENERATE_ROWS.toLocaleString('en-US')}; it holds every row in memory); for a bigger drop run generate several times: each run adds files`,
      );
    }
  }
  if (options.files > options.rows) {
    throw new DroplineError('USAGE', `files (${options.files}) cannot exceed rows (${options.rows}): every file needs at least one row`);
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new DroplineError('USAGE', `seed must be a whole number, got ${options.seed}`);
  }
}
