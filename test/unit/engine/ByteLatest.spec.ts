import { expect } from 'chai';
import { csvToTable } from '../../../src/csv/csvToTable.js';
import { csvLine } from '../../../src/csv/csvLine.js';
import { tableToCsv } from '../../../src/csv/tableToCsv.js';
import type { PipelineDefinition } from '../../../src/definition/PipelineDefinition.js';
import { ByteLatest } from '../../../src/engine/ByteLatest.js';
import { indexMatches } from '../../../src/engine/indexMatches.js';
import { latestLayout } from '../../../src/engine/LatestLayout.js';
import { readLatestIndex } from '../../../src/engine/readLatestIndex.js';
import { LatestRowMerger } from '../../../src/merge/LatestRowMerger.js';
import type { ByteMergeResult } from '../../../src/engine/ByteMergeResult.js';
import { encodeKey } from '../../../src/util/encodeKey.js';
import type { ValidRow } from '../../../src/validation/Validator.js';
import { RowRouter } from '../../../src/engine/RowRouter.js';
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
  /** The changeset: each changed row's latest.csv line, its input and record line. */
  changes: Change[];
}

interface Change {
  line: string;
  file: string;
  fileLine: number;
}

/**
 * latest.csv's chunks, and the changeset told while they were written, consumed as the store does: each chunk is
 * copied and handed straight back to be filled again (recycle), and the lines told are kept as views and read only
 * at seal(), so a buffer filled again before the listener was sealed shows as a changed line that is wrong.
 */
function streamed(result: ByteMergeResult): { chunks: Buffer[]; changes: Change[] } {
  const changes: Change[] = [];
  let held: { bytes: Uint8Array; start: number; end: number; file: string; fileLine: number }[] = [];
  const seal = (): void => {
    for (const h of held) changes.push({ line: Buffer.from(h.bytes.subarray(h.start, h.end)).toString('utf8'), file: h.file, fileLine: h.fileLine });
    held = [];
  };
  const changed = (bytes: Uint8Array, start: number, end: number, file: string, fileLine: number): void => void held.push({ bytes, start, end, file, fileLine });
  const chunks: Buffer[] = [];
  for (const chunk of result.chunks({ changed, seal })) {
    chunks.push(Buffer.from(chunk));
    result.recycle(chunk);
  }
  seal();
  return { chunks, changes };
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
  // Each key's winning row, by the rule (a later row wins unless its order is smaller): where a changed row came from.
  const winners = new Map<string, { file: string; line: number; order: number }>();
  for (const [file, rows] of files) {
    for (const row of rows) if (!(row.order < (winners.get(keyOf(row.values))?.order ?? -Infinity))) winners.set(keyOf(row.values), { file, line: row.line, order: row.order });
  }
  const changes = changed.map((row) => ({ line: csvLine(row), file: winners.get(keyOf(row))!.file, fileLine: winners.get(keyOf(row))!.line }));
  return { bytes: tableToCsv(result.table), inserted: result.inserted, updated: result.updated, changed, changes };
}

/** The byte engine on the same input, from packed partials; also returns the index it wrote. */
function bytesEngine(definition: PipelineDefinition, previous: Buffer | null, index: Buffer | null, files: Files, next: () => number) {
  // Output chunks as small as a few bytes: changed lines cut by a chunk's end are told from a copy.
  const outputChunkSize = next() < 0.5 ? undefined : 1 + Math.floor(next() * 64);
  const engine = new ByteLatest(definition, { chunkSize: 1 + Math.floor(next() * (next() < 0.5 ? 8 : 200)), expectedKeys: 1, outputChunkSize });
  if (previous !== null) expect(engine.loadPrevious(previous, index), 'loadPrevious').to.equal(true);
  // Half the time as the scan workers do it: each input split by key partition, each partition merged over all inputs, then adopted.
  if (next() > 0.5) viaPartitions(engine, files, next);
  else files.forEach(([name, rows], i) => engine.applyPartial(packPartial(rows, next() < 0.5 ? next : undefined), i, name));
  const result = engine.finish();
  // As the store asks: the changeset told while latest.csv is streamed.
  const { chunks, changes } = streamed(result);
  const outcome: Outcome = { bytes: Buffer.concat(chunks), inserted: result.inserted, updated: result.updated, changed: result.changedRows(), changes };
  return { outcome, index: Buffer.concat(result.index()), rows: result.rows, compactions: engine.arenaCompactions };
}

/**
 * The inputs through RowRouter (as the scan workers split them) and one PartialMerger per partition (inputs in a random order), then
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
  // ByteEngine builds the key index early while the workers scan: partitions taken as they are must go into it too.
  if (next() < 0.5) engine.prepareLookups();
  if (!wholeAfter) applyWhole();
  for (const i of order) {
    if (whole[i]) continue;
    const [name, rows] = files[i]!;
    engine.nameFile(i, name);
    const router = new RowRouter(parts, i, 0);
    for (const row of rows) router.addRow(row);
    router.finishSplit().parts.forEach((part, p) => mergers[p]!.add(part));
  }
  // After any applyPartial, or with a previous table whose keys are looked up (not text in order), they are merged,
  // not taken as they are: both ways are checked.
  // Sorted by the workers (text keys) as ByteEngine asks at the flush, or at random: the main thread merges sorted
  // partitions only while they are all its new entries, and only for text keys.
  const sorted = engine.sortsPartitions || next() < 0.5;
  mergers.forEach((merger, p) => (merger.size > 0 ? engine.adoptPartition(merger.take(sorted), p) : undefined));
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
      // Each version longer than the last: put after the others (a row no longer than the last is written over it).
      const files: Files = Array.from({ length: 30 }, (_, f) => [`f${f}.csv`, ['a', 'b', 'c', 'd'].map((id) => row(id, f, `version ${f} of ${id}${'+'.repeat(f)}`))]);
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

    it('should keep orders and hashes in the index only when the key is not text, and settle an update against the order on its line', () => {
      const layout = latestLayout(definition);
      expect(readLatestIndex(indexOf(previous), previous, layout)).to.include({ orders: null, hashes: null });
      const numeric = mergeDefinition('numeric', 'date', true);
      const numbered = Buffer.from(header + 'x,1,2021-01-01,p.csv\n"y,z",2,2021-01-02,p.csv\n');
      expect(readLatestIndex(indexOf(numbered, numeric), numbered, latestLayout(numeric))!.orders).to.deep.equal(new Float64Array([Date.UTC(2021, 0, 1), Date.UTC(2021, 0, 2)]));
      // b's row (2021-01-02) is newer than one of 2021-01-01 and older than one of 2021-01-03: its order comes from its line.
      const older: Files = [['o.csv', [{ key: 'b', order: Date.UTC(2021, 0, 1), values: ['old', 'b', '2021-01-01'], line: 2 }]]];
      const newer: Files = [['n.csv', [{ key: 'b', order: Date.UTC(2021, 0, 3), values: ['new', 'b', '2021-01-03'], line: 2 }]]];
      for (const given of [older, newer])
        expect(bytesEngine(definition, previous, indexOf(previous), given, () => 0).outcome).to.deep.equal(reference(definition, previous, given));
      expect(bytesEngine(definition, previous, indexOf(previous), newer, () => 0).outcome.updated).to.equal(1);
      expect(bytesEngine(definition, previous, indexOf(previous), older, () => 0).outcome.updated).to.equal(0);
    });

    const mismatched: [string, () => [Buffer, Buffer, PipelineDefinition]][] = [
      ['a byte of it is damaged', () => [damage(indexOf(previous), seededRandom(SEED)), previous, definition]],
      ['it is cut short', () => [indexOf(previous).subarray(0, 60), previous, definition]],
      // An index for another latest.csv of the same length is refused a level up: LatestIndexFile gives an index back
      // only for the SHA-256 it was written with (test/unit/snapshots/stageContent.spec.ts), and the store checks that
      // latest.csv's bytes hash to it; a second checksum of latest.csv here cost 0.13 s per run at 2M rows.
      ['it was written for a latest.csv of another length', () => [indexOf(previous), Buffer.from(previous.toString().replace('x,a', 'xx,a')), definition]],
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

describe('ByteLatest chunks() telling the changes', () => {
  const definition = mergeDefinition('text', 'integer', true);
  const row = (id: string, order: number, description: string, line: number): ValidRow => ({ key: id, order, values: [description, id, String(order)], line });
  const changesOf = (engine: ByteLatest): Change[] => {
    const result = engine.finish();
    const { chunks, changes } = streamed(result);
    const latest = Buffer.concat(chunks).toString('utf8');
    for (const c of changes) expect(latest, 'a changed line is a line of latest.csv').to.include('\n' + c.line + '\n');
    return changes;
  };
  const previous = Buffer.from('description,id,timestamp,source_filename\nsame,a,5,old.csv\nwas,b,5,old.csv\nkept,c,5,old.csv\n');

  it('should give the winner of each key applied by applyPartial, a tie going to the later file, with its record line', () => {
    const engine = new ByteLatest(definition);
    engine.applyPartial(packPartial([row('k', 1, 'first', 2), row('m', 1, 'only', 3)]), 0, 'one.csv');
    // The record of 'k' in two.csv starts on line 4 and holds a line break: its value spans lines 4 and 5.
    engine.applyPartial(packPartial([row('k', 1, 'tie,\nlater file', 4), row('m', 0, 'older', 6)]), 1, 'two "q".csv');
    expect(changesOf(engine)).to.deep.equal([
      { line: '"tie,\nlater file",k,1,"two ""q"".csv"', file: 'two "q".csv', fileLine: 4 },
      { line: 'only,m,1,one.csv', file: 'one.csv', fileLine: 3 },
    ]);
  });

  it('should give the winners of adopted key partitions with their inputs and lines', () => {
    const engine = new ByteLatest(definition);
    ['one.csv', 'two.csv'].forEach((name, i) => engine.nameFile(i, name));
    const mergers = [new PartialMerger(), new PartialMerger()];
    const inputs = [
      [row('a', 1, 'a1', 2), row('b', 2, 'b1', 3), row('c', 1, 'c1', 9)],
      [row('a', 1, 'a2', 12), row('b', 1, 'b2', 13), row('d', 1, 'd2', 14)],
    ];
    inputs.forEach((rows, file) => {
      const router = new RowRouter(2, file, 0);
      for (const r of rows) router.addRow(r);
      router.finishSplit().parts.forEach((part, p) => mergers[p]!.add(part));
    });
    mergers.forEach((merger, p) => engine.adoptPartition(merger.take(), p));
    expect(changesOf(engine)).to.deep.equal([
      { line: 'a2,a,1,two.csv', file: 'two.csv', fileLine: 12 },
      { line: 'b1,b,2,one.csv', file: 'one.csv', fileLine: 3 },
      { line: 'c1,c,1,one.csv', file: 'one.csv', fileLine: 9 },
      { line: 'd2,d,1,two.csv', file: 'two.csv', fileLine: 14 },
    ]);
  });

  it('should leave out a previous row whose new winner writes the same line, and rows no input touched', () => {
    const engine = new ByteLatest(definition);
    expect(engine.loadPrevious(previous, null)).to.equal(true);
    engine.applyPartial(packPartial([row('a', 5, 'same', 7), row('b', 5, 'now', 8), row('c', 4, 'older', 9), row('e', 1, 'new', 10)]), 0, 'old.csv');
    expect(changesOf(engine)).to.deep.equal([
      { line: 'now,b,5,old.csv', file: 'old.csv', fileLine: 8 },
      { line: 'new,e,1,old.csv', file: 'old.csv', fileLine: 10 },
    ]);
  });

  it('should give the lines of a partition merged into a previous table (packed, not adopted)', () => {
    const engine = new ByteLatest(definition);
    expect(engine.loadPrevious(previous, null)).to.equal(true);
    engine.nameFile(0, 'p.csv');
    const merger = new PartialMerger();
    const router = new RowRouter(1, 0, 0);
    for (const r of [row('c', 6, 'newer', 21), row('b', 5, 'was', 22), row('b', 4, 'old', 23)]) router.addRow(r);
    merger.add(router.finishSplit().parts[0]!);
    engine.adoptPartition(merger.take(), 0);
    // b's winner writes 'was,b,5,p.csv': its lineage differs from old.csv, so the line changed.
    expect(changesOf(engine)).to.deep.equal([
      { line: 'was,b,5,p.csv', file: 'p.csv', fileLine: 22 },
      { line: 'newer,c,6,p.csv', file: 'p.csv', fileLine: 21 },
    ]);
  });

  it('should tell a line whole when an output chunk ends inside it, or when it goes out as a view (64 KB or more)', () => {
    const long = 'x'.repeat(70_000);
    // Output chunks of 7 bytes: every line is cut by one.
    const engine = new ByteLatest(definition, { outputChunkSize: 7 });
    engine.applyPartial(packPartial([row('k', 1, 'a, b', 2), row('l', 1, long, 3), row('m', 1, 'short', 4)]), 0, 'in.csv');
    expect(changesOf(engine)).to.deep.equal([
      { line: '"a, b",k,1,in.csv', file: 'in.csv', fileLine: 2 },
      { line: `${long},l,1,in.csv`, file: 'in.csv', fileLine: 3 },
      { line: 'short,m,1,in.csv', file: 'in.csv', fileLine: 4 },
    ]);
  });
});
