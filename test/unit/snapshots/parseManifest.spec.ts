import { expect } from 'chai';
import { formatField, MANIFEST_FORMAT, parseManifest } from '../../../src/snapshots/parseManifest.js';

const ID = '20261125T214231123Z';
const GOOD = {
  id: ID,
  createdAt: '2026-11-25T21:42:31.123Z',
  pipeline: 'demo',
  parent: null,
  kind: 'run',
  files: [],
  counts: { read: 0, merged: 0, rejected: 0, inserted: 0, updated: 0 },
  headers: [],
  definitionSha256: 'x',
  latest: { sha256: 'a', bytes: 1, rows: 0, object: 'objects/a.csv.gz' },
  ledger: { object: 'ledgers/b.json', files: 0 },
};

describe(parseManifest.name, () => {
  it('should return a whole manifest as it is', () => {
    expect(parseManifest(GOOD, ID)).to.deep.equal(GOOD);
  });

  it('should read a replay (dropline replay) as a manifest', () => {
    expect(parseManifest({ ...GOOD, kind: 'replay' }, ID)).to.deep.equal({ ...GOOD, kind: 'replay' });
  });

  const cases: [string, string, RegExp][] = [
    ['a list', '[]', /not a JSON object/],
    ['another snapshot', JSON.stringify({ ...GOOD, id: '20261125T214231124Z' }), /its id is "20261125T214231124Z", not 20261125T214231123Z/],
    ['without kind', JSON.stringify({ ...GOOD, kind: undefined }), /kind undefined/],
    ['of an unknown kind', JSON.stringify({ ...GOOD, kind: 'rerun' }), /kind "rerun" is not "run", "replay" or "reset"/],
    ['without latest', JSON.stringify({ ...GOOD, latest: undefined }), /latest is missing/],
    ['without latest.object', JSON.stringify({ ...GOOD, latest: { sha256: 'a', rows: 0 } }), /latest is missing or incomplete/],
    ['without ledger', JSON.stringify({ ...GOOD, ledger: 3 }), /ledger is missing/],
    ['without files', JSON.stringify({ ...GOOD, files: undefined }), /files is missing/],
    ['with rejects not a path', JSON.stringify({ ...GOOD, rejects: 7 }), /rejects is not a path/],
    ['of a newer format', JSON.stringify({ ...GOOD, format: MANIFEST_FORMAT + 1 }), /has format 4, newer than this dropline reads \(3\): upgrade dropline/],
  ];
  for (const [when, text, reason] of cases) {
    it(`should return why when it is ${when}`, () => {
      const result = parseManifest(JSON.parse(text), ID);
      expect(result).to.be.instanceOf(Error);
      expect((result as Error).message).to.match(reason);
    });
  }
});

describe(formatField.name, () => {
  const latest = { sha256: 'a', bytes: 1, rows: 0 };
  it('should give the oldest format that reads the content: none, 2 for changesets, 3 once an object is Brotli', () => {
    expect(formatField({ ...latest, object: 'objects/a.csv.gz' })).to.deep.equal({});
    expect(formatField({ ...latest, object: 'changes/a.csv.gz', changes: ['changes/b.csv.gz'], run: 'changes/b.csv.gz' })).to.deep.equal({ format: 2 });
    expect(formatField({ ...latest, object: 'changes/a.csv.gz', changes: ['changes/b.csv.br'], run: 'changes/b.csv.br' })).to.deep.equal({ format: 3 });
    expect(formatField({ ...latest, object: 'objects/a.csv.br' })).to.deep.equal({ format: 3 });
    expect(parseManifest({ ...GOOD, format: MANIFEST_FORMAT }, ID)).to.not.be.instanceOf(Error);
  });
});
