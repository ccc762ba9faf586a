import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { BROKEN_DROP_LATEST, BROKEN_DROP_QUARANTINE, BROKEN_DROP_REJECTS, writeBrokenDrop } from '../helpers/brokenDrop.js';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const AUTO = { source: { type: 'directory', path: 'input/processing', archive: 'input/processed', delimiter: 'auto' } };

describe('dropline run on a broken drop (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace({ demo: demoYaml(AUTO) });
    writeBrokenDrop(ws);
  });
  afterEach(() => ws.remove());

  describe('when clean and broken files are mixed', () => {
    it('should commit, exit 3, and account for every row: read = merged + rejected', () => {
      const { code, summary } = ws.run();
      expect(code).to.equal(3);
      expect(summary.rows).to.deep.equal({ read: 16, merged: 10, rejected: 6 });
      expect(summary.files).to.deep.equal({ processed: 7, quarantined: 6, skipped: 0, waiting: [], ignored: [] });
      expect(summary.snapshot).to.be.a('string');
    });

    it('should write latest.csv exactly as the clean rows imply', () => {
      ws.run();
      expect(ws.latest()).to.deep.equal(BROKEN_DROP_LATEST);
    });

    it('should write every bad row to the rejects file with its line number, reason and raw text', () => {
      const { summary } = ws.run();
      expect(summary.rejects).to.match(/^output\/rejects\/\d{8}T\d{9}Z\.csv$/);
      const rows = parse(ws.read(summary.rejects!), { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => [r.file, r.line, r.code, r.raw])).to.deep.equal(BROKEN_DROP_REJECTS);
      expect(rows[0]!.message).to.equal('column "timestamp": "2021-13-45" is not a valid date');
      expect(rows.every((r) => r.message!.length > 0)).to.equal(true);
    });

    it('should move every unusable file to quarantine with an error.json stating why', () => {
      const { summary } = ws.run();
      const names = Object.keys(BROKEN_DROP_QUARANTINE);
      expect(ws.files('input/quarantine')).to.deep.equal(names.flatMap((n) => [n, `${n}.error.json`]).sort());
      for (const [name, code] of Object.entries(BROKEN_DROP_QUARANTINE)) {
        const report = JSON.parse(ws.read(`input/quarantine/${name}.error.json`)) as { code: string; message: string; file: string };
        expect(report, name).to.deep.include({ code, file: name });
        expect(report.message.length).to.be.greaterThan(10);
      }
      expect(summary.quarantined.find((q) => q.file === 'q_ambiguous.csv')!.message)
        .to.contain('"descriptio"')
        .and.contain('"descripton"');
      expect(summary.quarantined.find((q) => q.file === 'q_missing_ts.csv')!.message).to.contain('"timestamp"');
    });

    it('should archive every usable file, empty and header-only ones included, and leave the drop empty', () => {
      ws.run();
      expect(ws.files('input/processing')).to.deep.equal([]);
      expect(ws.files('input/processed')).to.deep.equal([
        'data_01.csv',
        'data_02.csv',
        'data_03.csv',
        'data_04.csv',
        'data_05.csv',
        'data_06_empty.csv',
        'data_07_header_only.csv',
      ]);
    });

    it('should list every mapping that was not exact, with its score', () => {
      const { summary } = ws.run();
      const seen = summary.headers.map((h) => `${h.file}: ${h.header} -> ${h.column} ${h.how} ${h.score}`);
      expect(seen).to.deep.equal([
        'data_02.csv: ID -> id normalized 1',
        'data_02.csv: descripton -> description fuzzy 0.91',
        'data_02.csv: Time Stamp -> timestamp normalized 1',
        'data_03.csv: Description  -> description normalized 1',
        'data_03.csv: TimeStamp -> timestamp normalized 1',
      ]);
    });
  });

  describe('when validation.badRows is fail', () => {
    it('should abort with exit 1 and change nothing', () => {
      ws.writeDefinition('demo', demoYaml({ ...AUTO, validation: { badRows: 'fail' } }));
      const before = ws.files('input/processing');
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error\[VALIDATION_FAILED\]: data_05\.csv:2: column "timestamp": "2021-13-45" is not a valid date .*nothing was changed/m);
      expect(ws.files('input/processing')).to.deep.equal(before);
      expect(ws.files('output')).to.deep.equal(['logs']);
      expect(ws.files('input/quarantine')).to.deep.equal([]);
      expect(ws.files('snapshots/demo/manifests')).to.deep.equal([]);
    });
  });

  describe('validate', () => {
    it('should report mappings, counts and first rejects per file and change nothing', () => {
      const before = ws.files('input/processing');
      const r = ws.cli('validate', 'demo', '--json');
      expect(r.code).to.equal(3);
      const report = JSON.parse(r.stdout) as { rows: unknown; files: { file: string; status: string; rejects: { line: number; code: string }[] }[] };
      expect(report.rows).to.deep.equal({ read: 16, valid: 10, rejected: 6 });
      const byFile = Object.fromEntries(report.files.map((f) => [f.file, f]));
      expect(byFile['data_05.csv']!.status).to.equal('rejects');
      expect(byFile['data_05.csv']!.rejects.map((x) => [x.line, x.code])).to.deep.equal(BROKEN_DROP_REJECTS.slice(0, 5).map((x) => [Number(x[1]), x[2]]));
      expect(byFile['q_binary.csv']!.status).to.equal('quarantine');
      expect(byFile['data_01.csv']!.status).to.equal('ok');
      expect(ws.files('input/processing')).to.deep.equal(before);
      expect(ws.files('output')).to.deep.equal([]);
    });

    it('should print a readable report', () => {
      const r = ws.cli('validate', 'demo');
      expect(r.stdout).to.contain('data_02.csv: 2 rows, 0 would be rejected');
      expect(r.stdout).to.contain('  header "descripton" -> description (fuzzy 0.91)');
      expect(r.stdout).to.contain('  line 2 BAD_VALUE: column "timestamp": "2021-13-45" is not a valid date');
      expect(r.stdout).to.match(/q_duplicate\.csv: would be quarantined: DUPLICATE_HEADER: /);
    });
  });
});

describe('dropline run with validation.extraColumns (end to end)', () => {
  let ws: TestWorkspace;
  afterEach(() => ws.remove());

  const withNotes = csv([
    ['id', 'description', 'timestamp', 'Notes'],
    ['a', 'x', '2021-01-01', 'remember'],
  ]);

  it('should append kept extra columns after the schema columns', () => {
    ws = new TestWorkspace({ demo: demoYaml({ validation: { extraColumns: 'keep' } }) });
    ws.drop('a.csv', withNotes);
    expect(ws.run().code).to.equal(0);
    expect(ws.read('output/latest.csv')).to.equal('id,description,timestamp,Notes,source_filename\na,x,2021-01-01,remember,a.csv\n');
  });

  it('should quarantine a file with extra columns when told to', () => {
    ws = new TestWorkspace({ demo: demoYaml({ validation: { extraColumns: 'quarantine' } }) });
    ws.drop('a.csv', withNotes);
    const { code, summary } = ws.run();
    expect(code).to.equal(3);
    expect(summary.quarantined).to.deep.equal([{ file: 'a.csv', code: 'EXTRA_COLUMN', message: 'column "Notes" not in the schema and validation.extraColumns is quarantine' }]);
  });

  it('should quarantine a file whose kept extra column would clash with another output column', () => {
    ws = new TestWorkspace({ demo: demoYaml({ validation: { extraColumns: 'keep' } }) });
    ws.drop(
      'a.csv',
      csv([
        ['id', 'description', 'timestamp', 'source_filename'],
        ['a', 'x', '2021-01-01', 'spoof'],
      ]),
    );
    const { code, summary } = ws.run();
    expect(code).to.equal(3);
    expect(summary.quarantined[0]).to.deep.include({ file: 'a.csv', code: 'DUPLICATE_HEADER' });
  });

  it('should drop them by default', () => {
    ws = new TestWorkspace();
    ws.drop('a.csv', withNotes);
    ws.run();
    expect(ws.read('output/latest.csv')).to.equal('id,description,timestamp,source_filename\na,x,2021-01-01,a.csv\n');
  });
});

describe('dropline generate --dirty, then run (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => (ws = new TestWorkspace()));
  afterEach(() => ws.remove());

  it('should show validation at work: rejects, header mappings, and every row accounted for', () => {
    expect(ws.cli('generate', 'demo', '--dirty', '--rows', '5000', '--files', '10', '--seed', '5').code).to.equal(0);
    const { code, summary } = ws.run();
    expect(code).to.equal(3);
    expect(summary.rows.rejected).to.be.greaterThan(0);
    expect(summary.rows.read).to.equal(5000);
    expect(summary.rows.merged + summary.rows.rejected).to.equal(summary.rows.read);
    expect(summary.headers.length).to.be.greaterThan(0);
    expect(summary.files.processed).to.equal(10);
  });
});

describe('kept extra columns across runs (end to end)', () => {
  it('should leave a column that appears in a later run empty for older rows, never fill it with their lineage', () => {
    const ws = new TestWorkspace({ demo: demoYaml({ validation: { extraColumns: 'keep' } }) });
    try {
      ws.drop('a.csv', 'id,description,timestamp\na,first,2021-03-01\n');
      ws.run();
      ws.drop('b.csv', 'id,description,timestamp,region\nb,new,2021-03-05,eu\n');
      const { summary } = ws.run();
      expect(summary.latest).to.deep.include({ inserted: 1, updated: 0 });
      expect(ws.read('output/latest.csv')).to.equal('id,description,timestamp,region,source_filename\na,first,2021-03-01,,a.csv\nb,new,2021-03-05,eu,b.csv\n');
    } finally {
      ws.remove();
    }
  });
});
