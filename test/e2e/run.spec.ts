import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { describeNeeding } from '../helpers/requirement.js';
import { csv, demoYaml, FIXTURE_DROP, NEEDS_SEED_DATA, SEED_DATA, TestWorkspace } from '../helpers/workspace.js';
import { referenceMerge } from '../helpers/referenceMerge.js';

describe('dropline run (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  /** The same three behaviours over a whole drop: the project's fixtures always, the original demo's files when present. */
  const wholeDrop = (dir: string, rows: number) => () => {
    it('should keep 100 rows, each id at its greatest timestamp, from the file the merge rule picks', () => {
      ws.copyDrop(dir);
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(summary.rows).to.deep.equal({ read: rows, merged: rows, rejected: 0 });
      const expected = referenceMerge(dir, readdirSync(dir));
      const latest = ws.latest();
      expect(latest).to.have.length(100);
      for (const row of latest) {
        const want = expected.get(row.id!)!;
        expect(row).to.deep.equal({ id: row.id, description: want.description, timestamp: want.timestamp, source_filename: want.source });
      }
    });

    it('should write latest.csv sorted by key ascending', () => {
      ws.copyDrop(dir);
      ws.run();
      const ids = ws.latest().map((r) => r.id!);
      expect(ids).to.deep.equal([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('should move every file to the archive only after committing, and none stay in the drop', () => {
      ws.copyDrop(dir);
      ws.run();
      expect(ws.files('input/processing')).to.deep.equal([]);
      expect(ws.files('input/processed')).to.deep.equal(readdirSync(dir).sort());
    });
  };

  describe("when the drop holds the project's 50 fixture files (quoted commas, doubled quotes, line breaks, CRLF)", wholeDrop(FIXTURE_DROP, 2508));
  describeNeeding(NEEDS_SEED_DATA, "when the drop holds the original demo's four files", wholeDrop(SEED_DATA, 8000));

  describe('when fields are quoted (commas, doubled quotes, line breaks)', () => {
    it('should merge them to exactly what the merge rule says', () => {
      ws.drop(
        'data_2021-01-01.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['a', 'plain, with comma', '2021-01-01'],
          ['b', 'says "hello"', '2021-01-01'],
          ['c', 'two\nlines', '2021-01-01'],
          ['a', 'a again, same day: later row wins', '2021-01-01'],
        ]),
      );
      ws.drop(
        'data_2021-01-08.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['b', 'older "b", must lose', '2020-12-31'],
          ['c', 'same day as before, later file wins', '2021-01-01'],
          ['d', 'new, "quoted", key', '2021-01-05'],
        ]),
      );
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(summary.latest).to.deep.include({ rows: 4, inserted: 4, updated: 0 });
      expect(ws.latest()).to.deep.equal([
        { id: 'a', description: 'a again, same day: later row wins', timestamp: '2021-01-01', source_filename: 'data_2021-01-01.csv' },
        { id: 'b', description: 'says "hello"', timestamp: '2021-01-01', source_filename: 'data_2021-01-01.csv' },
        { id: 'c', description: 'same day as before, later file wins', timestamp: '2021-01-01', source_filename: 'data_2021-01-08.csv' },
        { id: 'd', description: 'new, "quoted", key', timestamp: '2021-01-05', source_filename: 'data_2021-01-08.csv' },
      ]);
    });
  });

  describe('when a later run brings older rows', () => {
    it('should never let them overwrite newer rows already in latest.csv', () => {
      ws.drop(
        'data_2.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['a', 'new', '2021-02-01'],
        ]),
      );
      ws.run();
      ws.drop(
        'data_3.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['a', 'old', '2021-01-01'],
          ['b', 'other', '2021-01-01'],
        ]),
      );
      const { summary } = ws.run();
      expect(summary.latest).to.deep.include({ rows: 2, inserted: 1, updated: 0 });
      expect(ws.latest().find((r) => r.id === 'a')).to.deep.include({ description: 'new', source_filename: 'data_2.csv' });
    });

    it('should let an equal timestamp from the later run win, counted as an update', () => {
      ws.drop(
        'data_2.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['a', 'first', '2021-02-01'],
        ]),
      );
      ws.run();
      ws.drop(
        'data_3.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['a', 'second', '2021-02-01'],
        ]),
      );
      const { summary } = ws.run();
      expect(summary.latest).to.deep.include({ rows: 1, inserted: 0, updated: 1 });
      expect(ws.latest()[0]).to.deep.include({ description: 'second', source_filename: 'data_3.csv' });
    });
  });

  describe('when the drop is empty', () => {
    it('should succeed, make no snapshot and leave latest.csv byte for byte as it was', () => {
      ws.copyDrop(FIXTURE_DROP);
      const first = ws.run();
      const before = ws.read('output/latest.csv');
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(first.summary.snapshot).to.be.a('string');
      expect(summary.snapshot).to.equal(null);
      expect(summary.files).to.deep.equal({ processed: 0, quarantined: 0, skipped: 0, waiting: [], ignored: [] });
      expect(ws.read('output/latest.csv')).to.equal(before);
      expect(ws.files('snapshots/demo/manifests')).to.have.length(1);
    });

    it('should create missing folders on a first run with nothing to do', () => {
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(summary.snapshot).to.equal(null);
      expect(summary.latest.rows).to.equal(0);
    });
  });

  describe('when rows lack a key or a timestamp', () => {
    it('should count them as rejected, merge the rest, and exit 3', () => {
      ws.drop(
        'd.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['', 'no key', '2021-01-01'],
          ['a', 'no ts', ''],
          ['b', 'fine', '2021-01-01'],
        ]),
      );
      const { code, summary } = ws.run();
      expect(code).to.equal(3);
      expect(summary.rows).to.deep.equal({ read: 3, merged: 1, rejected: 2 });
      expect(ws.latest().map((r) => r.id)).to.deep.equal(['b']);
    });
  });

  describe('when the definition has no lineage column', () => {
    it('should write only the schema columns', () => {
      const def = demoYaml();
      delete (def.output as Record<string, unknown>).lineage;
      ws.writeDefinition('demo', def);
      ws.drop(
        'd.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['a', 'x', '2021-01-01'],
        ]),
      );
      ws.run();
      expect(ws.read('output/latest.csv')).to.equal('id,description,timestamp\na,x,2021-01-01\n');
    });
  });
});
