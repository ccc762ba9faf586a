import { expect } from 'chai';
import { splitRejectedRaw } from '../../../src/rejects/splitRejectedRaw.js';
import type { SnapshotManifest } from '../../../src/snapshots/SnapshotManifest.js';
import type { HeaderMatch } from '../../../src/validation/Validator.js';
import { demoDefinition } from '../../helpers/definitions.js';

const match = (header: string, index: number, column: string): HeaderMatch => ({ header, index, column, score: 1, how: 'exact' });

/** A run's manifest with just what the split reads: its kind and the header mapping of `a.csv`. */
function run(kind: SnapshotManifest['kind'], matches: HeaderMatch[] = []): SnapshotManifest {
  return { kind, headers: matches.length ? [{ file: 'a.csv', matches }] : [] } as unknown as SnapshotManifest;
}

const inOrder = [match('id', 0, 'id'), match('description', 1, 'description'), match('timestamp', 2, 'timestamp')];
const reordered = [match('timestamp', 0, 'timestamp'), match('id', 1, 'id'), match('description', 2, 'description')];

describe(splitRejectedRaw.name, () => {
  const cases: [string, SnapshotManifest, string, string, string[]][] = [
    ['the columns are in schema order', run('run', inOrder), ',', '1,one,2024-01-01', ['1', 'one', '2024-01-01']],
    ['the file had its columns in another order', run('run', reordered), ',', 'bad,9,nine', ['9', 'nine', 'bad']],
    ['the row has fewer values than columns', run('run', inOrder), ',', '1,one', ['1', 'one', '']],
    ['the row has more values than columns', run('run'), ',', '1,one,2024-01-01,extra', ['1', 'one', '2024-01-01']],
    ['no mapping was recorded (by position)', run('run'), ',', '1,"a, b",x', ['1', 'a, b', 'x']],
    ['the source is ;-delimited', run('run', inOrder), ';', '1;a,b;x', ['1', 'a,b', 'x']],
    ['the delimiter is sniffed (auto)', run('run', inOrder), 'auto', '1;one;x', ['1', 'one', 'x']],
    ['the run was a replay (its rows are kept comma-separated)', run('replay', inOrder), ';', '1,a;b,x', ['1', 'a;b', 'x']],
    ['a quote is never closed (split at every delimiter)', run('run'), ',', '1,"broken,x', ['1', '"broken', 'x']],
  ];
  for (const [when, manifest, delimiter, raw, expected] of cases) {
    it(`should split the raw values into the schema's columns when ${when}`, () => {
      const definition = demoDefinition({ source: { delimiter } });
      expect(splitRejectedRaw(definition, manifest, { file: 'a.csv', raw })).to.deep.equal(expected);
    });
  }
});
