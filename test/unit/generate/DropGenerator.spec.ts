import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { PipelineDefinition } from '../../../src/definition/PipelineDefinition.js';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { DEFAULT_GENERATE_OPTIONS, DropGenerator, type GenerateOptions, type GenerateResult } from '../../../src/generate/DropGenerator.js';
import { editDistance } from '../../../src/util/editDistance.js';
import { column, demoDefinition } from '../../helpers/definitions.js';
import { makeTempDir } from '../../helpers/tmp.js';

interface ReadFile {
  name: string;
  header: string[];
  rows: string[][];
}

const SMALL: GenerateOptions = { rows: 1_000, files: 10, ids: 20, seed: 7, start: '2021-02-15', end: '2021-05-15' };

function readDrop(dir: string, result: GenerateResult): ReadFile[] {
  return result.files.map((name) => {
    const [header, ...rows] = parse(readFileSync(join(dir, name)), { relax_column_count: true }) as string[][];
    return { name, header: header!, rows };
  });
}

function bytesOf(dir: string, result: GenerateResult): string[] {
  return result.files.map((name) => readFileSync(join(dir, name), 'utf8'));
}

async function rejection(promise: Promise<unknown>): Promise<DroplineError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(DroplineError);
    return err as DroplineError;
  }
  throw new Error('expected a DroplineError, but the promise resolved');
}

/** The schema column a header maps onto, by a plain normalised similarity of at least 0.8. */
function columnFor(header: string, definition: PipelineDefinition): string | undefined {
  const norm = (s: string): string =>
    s
      .trim()
      .toLowerCase()
      .replace(/[\s_-]/g, '');
  return definition.schema.columns
    .map((c) => ({ name: c.name, score: 1 - editDistance(norm(header), norm(c.name)) / Math.max(norm(header).length, norm(c.name).length) }))
    .filter((m) => m.score >= 0.8)
    .sort((a, b) => b.score - a.score)[0]?.name;
}

/** Rows a validator has to reject: wrong width, empty key or timestamp, or an impossible date. */
function badRows(file: ReadFile, definition: PipelineDefinition): number {
  const idAt = file.header.findIndex((h) => columnFor(h, definition) === 'id');
  const tsAt = file.header.findIndex((h) => columnFor(h, definition) === 'timestamp');
  return file.rows.filter((row) => {
    const ts = row[tsAt] ?? '';
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(ts) ? Date.parse(`${ts}T00:00:00Z`) : NaN;
    const valid = !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(ts);
    return row.length !== file.header.length || row[idAt] === '' || !valid;
  }).length;
}

describe('DropGenerator', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let generator: DropGenerator;

  beforeEach(() => {
    tmp = makeTempDir();
    generator = new DropGenerator();
  });

  afterEach(() => tmp.remove());

  describe('.generate()', () => {
    describe('when run with the default options', () => {
      let definition: PipelineDefinition;
      let result: GenerateResult;
      let files: ReadFile[];

      beforeEach(async () => {
        definition = demoDefinition();
        result = await generator.generate(definition, tmp.dir, { ...DEFAULT_GENERATE_OPTIONS, seed: 1 });
        files = readDrop(tmp.dir, result);
      });

      it('should write 50 files holding 100,000 data rows', () => {
        expect(result.files).to.have.length(50);
        expect(result.rows).to.equal(100_000);
        expect(files.reduce((n, f) => n + f.rows.length, 0)).to.equal(100_000);
      });

      it('should draw the rows from exactly 100 distinct UUID ids', () => {
        const ids = new Set(files.flatMap((f) => f.rows.map((r) => r[0]!)));
        expect(ids.size).to.equal(100);
        for (const id of ids) expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      });

      it('should keep dates within the range and sorted across files', () => {
        const dates = files.flatMap((f) => f.rows.map((r) => r[2]!));
        expect(dates[0]! >= '2021-02-15').to.equal(true);
        expect(dates[dates.length - 1]! <= '2022-02-15').to.equal(true);
        expect(dates).to.deep.equal([...dates].sort());
      });

      it('should name each file data_<latest date in it>.csv', () => {
        for (const file of files) {
          const latest = file.rows
            .map((r) => r[2]!)
            .sort()
            .pop();
          expect(file.name).to.equal(`data_${latest}.csv`);
        }
      });

      it('should write the schema header and well-formed rows only', () => {
        for (const file of files) {
          expect(file.header).to.deep.equal(['id', 'description', 'timestamp']);
          expect(badRows(file, definition)).to.equal(0);
        }
      });
    });

    describe('when given a seed', () => {
      let other: ReturnType<typeof makeTempDir>;

      beforeEach(() => {
        other = makeTempDir();
      });

      afterEach(() => other.remove());

      it('should write byte-identical files for the same seed', async () => {
        const first = await generator.generate(demoDefinition(), tmp.dir, { ...DEFAULT_GENERATE_OPTIONS, seed: 42 });
        const second = await generator.generate(demoDefinition(), other.dir, { ...DEFAULT_GENERATE_OPTIONS, seed: 42 });
        expect(second.files).to.deep.equal(first.files);
        expect(bytesOf(other.dir, second)).to.deep.equal(bytesOf(tmp.dir, first));
      });

      it('should write different files for a different seed', async () => {
        const first = await generator.generate(demoDefinition(), tmp.dir, { ...SMALL, seed: 1 });
        const second = await generator.generate(demoDefinition(), other.dir, { ...SMALL, seed: 2 });
        expect(bytesOf(other.dir, second)).not.to.deep.equal(bytesOf(tmp.dir, first));
      });
    });

    describe('when a file of the same name exists', () => {
      it('should add _2 to the new name and leave the existing file untouched', async () => {
        const probe = makeTempDir();
        const planned = await generator.generate(demoDefinition(), probe.dir, SMALL).finally(() => probe.remove());
        writeFileSync(join(tmp.dir, planned.files[0]!), 'keep me\n');
        const result = await generator.generate(demoDefinition(), tmp.dir, SMALL);
        expect(result.files[0]).to.equal(planned.files[0]!.replace('.csv', '_2.csv'));
        expect(readFileSync(join(tmp.dir, planned.files[0]!), 'utf8')).to.equal('keep me\n');
      });

      it('should number files of one run that end on the same date', async () => {
        const result = await generator.generate(demoDefinition(), tmp.dir, { ...SMALL, rows: 9, files: 3, start: '2021-03-01', end: '2021-03-01' });
        expect(result.files).to.deep.equal(['data_2021-03-01.csv', 'data_2021-03-01_2.csv', 'data_2021-03-01_3.csv']);
      });
    });

    describe('when the target folder does not exist', () => {
      it('should create it', async () => {
        const dir = join(tmp.dir, 'input', 'processing');
        const result = await generator.generate(demoDefinition(), dir, SMALL);
        expect(readDrop(dir, result)).to.have.length(10);
      });
    });

    describe('when the timestamp column is not a date', () => {
      const cases = [
        { type: 'datetime', pattern: /^2021-0[2-5]-\d{2}T\d{2}:\d{2}:\d{2}Z$/ },
        { type: 'integer', pattern: /^16\d{8}$/ },
      ] as const;
      for (const { type, pattern } of cases) {
        it(`should write ${type} timestamps and name files by their UTC date`, async () => {
          const definition = demoDefinition({ schema: { columns: [column('id', 'string', { required: true }), column('timestamp', type, { required: true })] } });
          const [file] = readDrop(tmp.dir, await generator.generate(definition, tmp.dir, { ...SMALL, files: 1 }));
          for (const row of file!.rows) expect(row[1]).to.match(pattern);
          const latest = file!.rows
            .map((r) => (type === 'integer' ? Number(r[1]) * 1000 : Date.parse(r[1]!)))
            .sort((a, b) => a - b)
            .pop()!;
          expect(file!.name).to.equal(`data_${new Date(latest).toISOString().slice(0, 10)}.csv`);
        });
      }
    });

    describe('when the key is an integer or composite', () => {
      it('should use the ids 1..ids for an integer key', async () => {
        const definition = demoDefinition({ schema: { columns: [column('id', 'integer', { required: true }), column('timestamp', 'date', { required: true })] } });
        const [file] = readDrop(tmp.dir, await generator.generate(definition, tmp.dir, { ...SMALL, files: 1 }));
        const ids = [...new Set(file!.rows.map((r) => Number(r[0])))].sort((a, b) => a - b);
        expect(ids).to.deep.equal(Array.from({ length: 20 }, (_, i) => i + 1));
      });

      it('should use exactly ids distinct combinations for a composite key', async () => {
        const definition = demoDefinition({
          schema: {
            key: ['region', 'store'],
            columns: [column('region', 'string', { required: true }), column('store', 'integer', { required: true }), column('timestamp', 'date', { required: true })],
          },
        });
        const [file] = readDrop(tmp.dir, await generator.generate(definition, tmp.dir, { ...SMALL, files: 1 }));
        expect(new Set(file!.rows.map((r) => `${r[0]}|${r[1]}`)).size).to.equal(20);
        expect(new Set(file!.rows.map((r) => r[0])).size).to.be.lessThan(20);
      });
    });

    describe('when a column names an unknown faker method', () => {
      const definition = (faker: string): PipelineDefinition =>
        demoDefinition({
          schema: { columns: [column('id', 'string', { required: true }), column('description', 'string', { faker }), column('timestamp', 'date', { required: true })] },
        });

      it('should fail with DEFINITION_INVALID naming the column and the nearest method', async () => {
        const err = await rejection(generator.generate(definition('company.buzzPhrse'), tmp.dir, SMALL));
        expect(err.code).to.equal('DEFINITION_INVALID');
        expect(err.message).to.equal('/tmp/pipelines/demo.yaml: schema.columns.description.faker "company.buzzPhrse" is not a Faker method; did you mean "company.buzzPhrase"?');
      });

      it('should list examples when nothing is close', async () => {
        const err = await rejection(generator.generate(definition('nothing.here'), tmp.dir, SMALL));
        expect(err.code).to.equal('DEFINITION_INVALID');
        expect(err.message).to.include('schema.columns.description.faker "nothing.here" is not a Faker method').and.include('company.buzzPhrase');
      });

      it('should write no files', async () => {
        await rejection(generator.generate(definition('company.buzzPhrse'), tmp.dir, SMALL));
        expect(readdirSync(tmp.dir)).to.deep.equal([]);
      });
    });

    describe('when the options are out of range', () => {
      const cases: { options: Partial<GenerateOptions>; message: RegExp }[] = [
        { options: { rows: 5, files: 10 }, message: /files \(10\) cannot exceed rows \(5\)/ },
        { options: { ids: 0 }, message: /ids must be a whole number/ },
        { options: { start: '2021-02-30' }, message: /start "2021-02-30" is not a calendar date/ },
        { options: { start: '2022-01-01', end: '2021-01-01' }, message: /start 2022-01-01 is after end 2021-01-01/ },
      ];
      for (const { options, message } of cases) {
        it(`should fail with USAGE for ${JSON.stringify(options)}`, async () => {
          const err = await rejection(generator.generate(demoDefinition(), tmp.dir, { ...SMALL, ...options }));
          expect(err.code).to.equal('USAGE');
          expect(err.message).to.match(message);
        });
      }
    });

    describe('when dirty', () => {
      const DIRTY: GenerateOptions = { ...DEFAULT_GENERATE_OPTIONS, rows: 20_000, files: 30, seed: 3, dirty: true };
      let definition: PipelineDefinition;
      let files: ReadFile[];

      beforeEach(async () => {
        definition = demoDefinition();
        files = readDrop(tmp.dir, await generator.generate(definition, tmp.dir, DIRTY));
      });

      it('should drift the headers of about a third of the files', () => {
        const drifted = files.filter((f) => f.header.some((h) => !['id', 'description', 'timestamp', 'notes'].includes(h)));
        expect(drifted.length).to.be.within(8, 12);
      });

      it('should keep every drifted header within fuzzy reach of its column', () => {
        for (const file of files) {
          const mapped = file.header.filter((h) => h !== 'notes').map((h) => columnFor(h, definition));
          expect(mapped, `${file.name}: ${file.header.join('|')}`).not.to.include(undefined);
          expect(mapped).to.include.members(['id', 'timestamp']);
        }
      });

      it('should shuffle columns, add notes and leave out description somewhere', () => {
        const mapped = files.map((f) => f.header.map((h) => (h === 'notes' ? 'notes' : columnFor(h, definition))));
        expect(mapped.some((m) => m.indexOf('id') !== 0 || m.indexOf('timestamp') < m.indexOf('description'))).to.equal(true);
        expect(mapped.filter((m) => m.includes('notes'))).to.have.length(6);
        expect(mapped.filter((m) => !m.includes('description'))).to.have.length(1);
      });

      it('should break about 1% of the rows', () => {
        const broken = files.reduce((n, f) => n + badRows(f, definition), 0);
        expect(broken).to.be.closeTo(200, 20);
      });

      it('should write the same bytes again for the same seed', async () => {
        const again = makeTempDir();
        try {
          const result = await generator.generate(definition, again.dir, DIRTY);
          expect(bytesOf(again.dir, result)).to.deep.equal(files.map((f) => readFileSync(join(tmp.dir, f.name), 'utf8')));
        } finally {
          again.remove();
        }
      });
    });
  });
});
