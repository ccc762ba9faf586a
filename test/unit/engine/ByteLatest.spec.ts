import { expect } from 'chai';
import { csvToTable } from '../../../src/csv/csvToTable.js';
import { tableToCsv } from '../../../src/csv/tableToCsv.js';
import type { PipelineDefinition } from '../../../src/definition/PipelineDefinition.js';
import { ByteLatest } from '../../../src/engine/ByteLatest.js';
import { indexMatches } from '../../../src/engine/indexMatches.js';
import { LatestRowMerger } from '../../../src/merge/LatestRowMerger.js';
import { encodeKey } from '../../../src/util/encodeKey.js';
import type { ValidRow } from '../../../src/validation/Validator.js';
import { PartialBuilder } from '../../../src/engine/PartialBuilder.js';
import { PartialMerger } from '../../../src/engine/PartialMerger.js';
import { packPartial } from '../../helpers/packPartial.js';
import { mergeDefinition, randomRows, seededRandom, type KeyKind } from '../../helpers/randomMergeInput.js';

const SEED = Number(process.env.DROPLINE_SEED ?? Date.now() % 1_000_000);

type Files = [string, ValidRow[]][];

interface Outcome {
  bytes: Buffer;
  inserted: number;
  updated: number;
  changed: string[][];
}

/** The reference: LatestRowMerger from csvToTable(previous), every row applied, written by tableToCsv. */
function reference(definition: PipelineDefinition, previous: Buffer | null, files: Files): Outcome {
  const before = previous === null ? null : csvToTable(previous.toString('utf8'));
  const state = new LatestRowMerger().begin(definition, before);
  const columns = definition.schema.columns.map((c) => c.name);
  for (const [name, rows] of files) for (const row of rows) state.apply(row, columns, name);
  const result = state.finish();
  const keyOf = (row: string[]): string => encodeKey(definition.schema.key.map((k) => row[columns.indexOf(k)]!));
  const old = new Map((before?.rows ?? []).map((row) => [keyOf(row), JSON.stringify(row)]));
  const changed = result.table.rows.filter((row) => old.get(keyOf(row)) !== JSON.stringify(row));
  return { bytes: tableToCsv(result.table), inserted: result.inserted, updated: result.updated, changed };
}

/** The byte engine on the same input, from packed partials; also returns the index it wrote. */
function bytesEngine(definition: PipelineDefinition, previous: Buffer | null, index: Buffer | null, files: Files, next: () => number) {
  const engine = new ByteLatest(definition, { chunkSize: 1 + Math.floor(next() * (next() < 0.5 ? 8 : 200)), expectedKeys: 1 });
  if (previous !== null) expect(engine.loadPrevious(previous, index), 'loadPrevious').to.equal(true);
  // Half the time as the scan workers do it: each input split by key partition, each partition merged over all inputs, then adopted.
  if (next() > 0.5) viaPartitions(engine, files, next);
  else files.forEach(([name, rows], i) => engine.applyPartial(packPartial(rows, next() < 0.5 ? next : undefined), i, name));
  const result = engine.finish();
  const chunks = [...result.chunks()];
  const outcome: Outcome = { bytes: Buffer.concat(chunks), inserted: result.inserted, updated: result.updated, changed: result.changedRows() };
  return { outcome, index: result.index(), rows: result.rows, compactions: engine.arenaCompactions };
}

/**
 * The inputs through PartialBuilder.finishSplit and one PartialMerger per partition (inputs in a random order), then
 * ByteLatest.adoptPartition; some inputs instead applied whole (as those scanned on the main thread are), before the
 * partitions come (as ByteEngine does) or after them.
 */
function viaPartitions(engine: ByteLatest, files: Files, next: () => number): void {
  const parts = 1 + Math.floor(next() * 4);
  const mergers = Array.from({ length: parts }, () => new PartialMerger());
  const order = files.map((_, i) => i).sort(() => next() - 0.5);
  const whole = files.map(() => next() < 0.3);
  const wholeAfter = next() < 0.5;
  const applyWhole = (): void => files.forEach(([name, rows], i) => (whole[i] ? engine.applyPartial(packPartial(rows), i, name) : undefined));
  if (!wholeAfter) applyWhole();
  for (const i of order) {
    if (whole[i]) continue;
    const [name, rows] = files[i]!;
    engine.nameFile(i, name);
    const builder = new PartialBuilder();
    for (const row of rows) builder.addRow(row);
    builder.finishSplit(parts, i).parts.forEach((part, p) => mergers[p]!.add(part));
  }
  // With a previous table (or after any applyPartial) they are merged, not taken as they are: both ways are checked.
  mergers.forEach((merger, p) => (merger.size > 0 ? engine.adoptPartition(merger.take(), p) : undefined));
  if (wholeAfter) applyWhole();
}

function damage(index: Buffer, next: () => number): Buffer {
  const copy = Buffer.from(index);
  copy[Math.floor(next() * copy.length)] ^= 1 + Math.floor(next() * 255);
  return copy;
}

const NAMES = ['a.csv', 'b,c.csv', 'say "x".csv', 'é.csv', 'z.csv'];

describe(`ByteLatest (seed ${SEED}; rerun with DROPLINE_SEED=${SEED})`, () => {
  describe('.finish() against LatestRowMerger and tableToCsv', () => {
    const kinds: KeyKind[] = ['text', 'numeric', 'composite'];
    for (const kind of kinds) {
      for (const lineage of [true, false]) {
        it(`should write the same latest.csv, counts and changed rows over random runs (${kind} key, lineage ${lineage ? 'on' : 'off'})`, () => {
          const next = seededRandom(SEED + kinds.indexOf(kind) * 2 + (lineage ? 1 : 0));
          for (let sequence = 0; sequence < 40; sequence++) {
            const timestamp = next() < 0.5 ? 'date' : 'integer';
            const definition = mergeDefinition(kind, timestamp, lineage);
            const keys = 2 + Math.floor(next() * 16);
            let previous: Buffer | null = null;
            let index: Buffer | null = null;
            if (next() < 0.3) previous = reference(definition, null, [['seed.csv', randomRows(next, kind, timestamp, 20, keys)]]).bytes;
            for (let run = 0; run < 4; run++) {
              const files: Files = [];
              const fileCount = Math.floor(next() * 4);
              for (let f = 0; f < fileCount; f++) files.push([NAMES[Math.floor(next() * NAMES.length)]!, randomRows(next, kind, timestamp, Math.floor(next() * 25), keys)]);
              const given = index === null ? null : next() < 0.2 ? null : next() < 0.2 ? damage(index, next) : index;
              const expected = reference(definition, previous, files);
              const actual = bytesEngine(definition, previous, given, files, next);
              const where = `sequence ${sequence} run ${run}`;
              expect(actual.outcome.bytes.toString('utf8'), where).to.equal(expected.bytes.toString('utf8'));
              expect(actual.outcome, where).to.deep.equal(expected);
              expect(indexMatches(actual.index, actual.outcome.bytes, definition), where).to.equal(true);
              previous = actual.outcome.bytes;
              index = actual.index;
            }
          }
        });
      }
    }
  });

  describe('.applyPartial()', () => {
    const definition = mergeDefinition('text', 'integer', true);
    const row = (id: string, order: number, description = 'd'): ValidRow => ({ key: id, order, values: [description, id, String(order)], line: 2 });

    it('should compact its arena as winners are superseded and still write the reference bytes', () => {
      const files: Files = Array.from({ length: 30 }, (_, f) => [`f${f}.csv`, ['a', 'b', 'c', 'd'].map((id) => row(id, f, `version ${f} of ${id}`))]);
      const actual = bytesEngine(definition, null, null, files, () => 0);
      expect(actual.compactions).to.be.greaterThan(0);
      expect(actual.outcome).to.deep.equal(reference(definition, null, files));
    });

    it('should grow past its initial sizes (arrays, index, arena chunks) to thousands of keys', () => {
      const next = seededRandom(SEED);
      const files: Files = [0, 1, 2].map((f) => [`f${f}.csv`, Array.from({ length: 3000 }, () => row(`k${Math.floor(next() * 5000)}`, Math.floor(next() * 3)))]);
      const actual = bytesEngine(definition, null, null, files, () => 0);
      expect(actual.rows).to.be.greaterThan(2000);
      expect(actual.outcome).to.deep.equal(reference(definition, null, files));
    });
  });

  describe('.loadPrevious()', () => {
    const definition = mergeDefinition('text', 'date', true);
    const header = 'description,id,timestamp,source_filename\n';
    const previous = Buffer.from(header + 'x,a,2021-01-01,p.csv\n"y,z",b,2021-01-02,p.csv\nw,c,2021-01-01,p.csv\n');
    const files: Files = [['n.csv', randomRows(seededRandom(SEED), 'text', 'date', 30, 18)]];
    const indexOf = (bytes: Buffer, def = definition) => bytesEngine(def, bytes, null, [], () => 0).index;

    const refused: [string, string][] = [
      ['its header is not exactly the columns this run writes', previous.toString().replace('source_filename', 'lineage')],
      ['a field is quoted that needs no quotes', previous.toString().replace('x,a', '"x",a')],
      ['a line has too few fields', previous.toString().replace('w,c,2021-01-01,p.csv', 'w,c,2021-01-01')],
      ['a line does not end in LF', previous.toString().slice(0, -1)],
      ['a line ends in CRLF', previous.toString().replace('p.csv\n', 'p.csv\r\n')],
      ['rows out of order hold a key twice', header + 'x,b,2021-01-01,p.csv\ny,a,2021-01-02,p.csv\nw,b,2021-01-01,q.csv\n'],
    ];
    for (const [when, text] of refused) {
      it(`should refuse the table (the reference engine runs) when ${when}`, () => {
        expect(new ByteLatest(definition).loadPrevious(Buffer.from(text), null)).to.equal(false);
      });
    }

    it('should refuse the table when its bytes are not valid UTF-8', () => {
      const bytes = Buffer.concat([Buffer.from(header + 'x,a'), Buffer.from([0xc3]), Buffer.from(',2021-01-01,p.csv\n')]);
      expect(new ByteLatest(definition).loadPrevious(bytes, null)).to.equal(false);
    });

    it('should sort all rows as the reference does when the previous rows are out of order', () => {
      const shuffled = Buffer.from(header + 'w,c,2021-01-01,p.csv\nx,a,2021-01-01,p.csv\n"y,z",b,2021-01-02,p.csv\n');
      expect(bytesEngine(definition, shuffled, null, files, () => 0).outcome).to.deep.equal(reference(definition, shuffled, files));
    });

    it('should accept the index it wrote for that latest.csv, and give the same result as a scan', () => {
      const index = indexOf(previous);
      expect(indexMatches(index, previous, definition)).to.equal(true);
      expect(bytesEngine(definition, previous, index, files, () => 0).outcome).to.deep.equal(bytesEngine(definition, previous, null, files, () => 0).outcome);
    });

    const mismatched: [string, () => [Buffer, Buffer, PipelineDefinition]][] = [
      ['a byte of it is damaged', () => [damage(indexOf(previous), seededRandom(SEED)), previous, definition]],
      ['it is cut short', () => [indexOf(previous).subarray(0, 60), previous, definition]],
      ['it was written for another latest.csv', () => [indexOf(previous), Buffer.from(previous.toString().replace('x,a', 'X,a')), definition]],
      [
        'the key changed type',
        () => [
          indexOf(previous),
          previous,
          { ...definition, schema: { ...definition.schema, columns: definition.schema.columns.map((c) => (c.name === 'id' ? { ...c, type: 'integer' } : c)) } },
        ],
      ],
      ['the key changed columns', () => [indexOf(previous), previous, { ...definition, schema: { ...definition.schema, key: ['id', 'description'] } }]],
    ];
    for (const [when, make] of mismatched) {
      it(`should refuse an index when ${when}, and scan latest.csv instead`, () => {
        const [index, latest, def] = make();
        const keyed: Files = files.map(([name, rows]) => [
          name,
          rows.map((r) => ({ ...r, key: encodeKey(def.schema.key.map((k) => r.values[['description', 'id'].indexOf(k)]!)) })),
        ]);
        expect(indexMatches(index, latest, def)).to.equal(false);
        expect(bytesEngine(def, latest, index, keyed, () => 0).outcome).to.deep.equal(reference(def, latest, keyed));
      });
    }
  });
});
