import { expect } from 'chai';
import { csvToTable } from '../../../src/csv/csvToTable.js';
import { tableToCsv } from '../../../src/csv/tableToCsv.js';
import type { PipelineDefinition } from '../../../src/definition/PipelineDefinition.js';
import { ByteLatest } from '../../../src/engine/ByteLatest.js';
import { indexMatches } from '../../../src/engine/indexMatches.js';
import { LatestRowMerger } from '../../../src/merge/LatestRowMerger.js';
import { encodeKey } from '../../../src/util/encodeKey.js';
import type { ValidRow } from '../../../src/validation/Validator.js';
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
  files.forEach(([name, rows], i) => engine.applyPartial(packPartial(rows, next() < 0.5 ? next : undefined), i, name));
  const result = engine.finish();
  const chunks = [...result.chunks()];
  const outcome: Outcome = { bytes: Buffer.concat(chunks), inserted: result.inserted, updated: result.updated, changed: result.changedRows() };
  return { outcome, index: result.index(), rows: result.rows, compactions: engine.arenaCompactions };
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
          let compactions = 0;
          for (let sequence = 0; sequence < 40; sequence++) {
            const timestamp = next() < 0.5 ? 'date' : 'integer';
            const definition = mergeDefinition(kind, timestamp, lineage);
            const keys = 2 + Math.floor(next() * 16);
            let previous: Buffer | null = null;
            let index: Buffer | null = null;
            if (next() < 0.3) previous = reference(definition, null, [['seed.csv', randomRows(next, kind, timestamp, 20, keys)]], ).bytes;
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
              compactions += actual.compactions;
              previous = actual.outcome.bytes;
              index = actual.index;
            }
          }
          expect(compactions, 'arena compactions').to.be.greaterThan(0);
        });
      }
    }
  });
});
