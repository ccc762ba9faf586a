import { expect } from 'chai';
import { tableToCsv } from '../../../src/csv/tableToCsv.js';
import { changedRowsOf } from '../../../src/merge/changedRowsOf.js';
import type { Table } from '../../../src/table/Table.js';

const text = (line: Uint8Array): string => Buffer.from(line).toString('utf8');

describe('changedRowsOf', () => {
  const rows = [
    ['a', 'plain', 'f.csv'],
    ['b', 'say "hi", then\nleave', 'é,1.csv'],
    ['c', 'é😀', 'g.csv'],
  ];
  const table: Table = { columns: ['id', 'text', 'source_filename'], rows };
  const written = tableToCsv(table).toString('utf8');

  it('should give each changed row the exact bytes tableToCsv writes for it, with its origin', () => {
    const changes = [
      ...changedRowsOf({
        table,
        inserted: 1,
        updated: 1,
        changed: [rows[1]!, rows[2]!],
        origins: [
          { file: 'é,1.csv', line: 4 },
          { file: 'g.csv', line: 2 },
        ],
      }),
    ];
    expect(changes.map((c) => ({ line: text(c.line), file: c.file, fileLine: c.fileLine }))).to.deep.equal([
      { line: 'b,"say ""hi"", then\nleave","é,1.csv"', file: 'é,1.csv', fileLine: 4 },
      { line: 'c,é😀,g.csv', file: 'g.csv', fileLine: 2 },
    ]);
    for (const c of changes) expect(written).to.include('\n' + text(c.line) + '\n');
    expect(changes[0]!.line.byteOffset, 'a fresh array per line').to.equal(0);
    expect(changes[0]!.line.buffer).to.not.equal(changes[1]!.line.buffer);
  });

  it('should give an unknown origin (empty file, line 0) when a custom merger gives no origins', () => {
    const changes = [...changedRowsOf({ table, inserted: 1, updated: 0, changed: [rows[0]!] })];
    expect(changes.map((c) => ({ line: text(c.line), file: c.file, fileLine: c.fileLine }))).to.deep.equal([{ line: 'a,plain,f.csv', file: '', fileLine: 0 }]);
  });

  it('should give every row of the table, as written (known lines verbatim), when a custom merger gives no changed rows', () => {
    // A known line is written as it is, even quoted where quoteCsvField would not quote: the changeset must follow.
    const withLines: Table = { ...table, lines: ['a,"plain",f.csv', undefined, undefined] };
    const latest = tableToCsv(withLines).toString('utf8');
    const changes = [...changedRowsOf({ table: withLines, inserted: 3, updated: 0 })];
    expect(changes.map((c) => text(c.line)).join('\n') + '\n').to.equal(latest.slice(latest.indexOf('\n') + 1));
    expect(text(changes[0]!.line)).to.equal('a,"plain",f.csv');
    expect(changes.every((c) => c.file === '' && c.fileLine === 0)).to.equal(true);
  });
});
