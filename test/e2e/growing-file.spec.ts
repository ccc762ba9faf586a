import { spawn, type ChildProcess } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { once } from 'node:events';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { CLI, csv, demoYaml, TestWorkspace, type CliResult } from '../helpers/workspace.js';

/**
 * A writer process appending one row at a time (id a<n>) until killed: to a
 * file it holds open, or (`byPath`) opening it by name for every row.
 */
function startWriter(path: string, byPath = false): ChildProcess {
  const script = `
    const fs = require('fs');
    const fd = ${byPath ? 'null' : "fs.openSync(process.argv[1], 'a')"};
    const pause = new Int32Array(new SharedArrayBuffer(4));
    process.stdout.write('ready\\n');
    for (let n = 3; ; n++) {
      const row = 'a' + n + ',appended,2024-01-02\\n';
      if (fd === null) fs.appendFileSync(process.argv[1], row);
      else fs.writeSync(fd, row);
      Atomics.wait(pause, 0, 0, 1);
    }`;
  return spawn(process.execPath, ['-e', script, path], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function cliAsync(ws: TestWorkspace, ...args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ws.root, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stdout, stderr };
}

function ids(text: string): string[] {
  return (parse(text, { columns: true }) as { id: string }[]).map((r) => r.id);
}

const B_ROWS = [['id', 'description', 'timestamp'], ...Array.from({ length: 1000 }, (_, i) => [`b${i}`, 'bulk', '2024-01-01'])];

describe('a file still being written (end to end)', function () {
  this.timeout(120_000);
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  for (let rep = 1; rep <= 20; rep++) {
    it(`should archive only rows it merged, and apply the rest next run (repetition ${rep})`, async () => {
      ws.drop(
        'a.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['a1', 'first', '2024-01-01'],
          ['a2', 'second', '2024-01-01'],
        ]),
      );
      ws.drop('b.csv', csv(B_ROWS));
      const writer = startWriter(ws.path('input', 'processing', 'a.csv'));
      await once(writer.stdout!, 'data');
      const first = await cliAsync(ws, 'run', 'demo', '--json');
      writer.kill();
      await once(writer, 'exit');

      expect([0, 3], first.stderr).to.include(first.code);
      const summary = JSON.parse(first.stdout) as { files: { waiting: { file: string; reason: string }[] } };
      const latest = new Set(ids(ws.read('output/latest.csv')));
      for (const name of ws.files('input/processed')) {
        const missing = ids(ws.read(`input/processed/${name}`)).filter((id) => !latest.has(id));
        expect(missing, `rows of archived ${name} not in latest.csv`).to.deep.equal([]);
      }
      const archivedA = ws.files('input/processed').includes('a.csv');
      expect(archivedA || summary.files.waiting.some((w) => w.file === 'a.csv' && /changed/.test(w.reason)), 'a.csv neither archived nor waiting').to.equal(true);

      const second = ws.cli('run', 'demo', '--json');
      expect(second.code, second.stderr).to.equal(0);
      expect(ws.files('input/processing')).to.deep.equal([]);
      const written = ids(ws.read('input/processed/a.csv'));
      expect(ids(ws.read('output/latest.csv')).sort()).to.deep.equal([...written, ...B_ROWS.slice(1).map((r) => r[0]!)].sort());
    });
  }
});

describe('an unusable file still being written (end to end)', function () {
  this.timeout(60_000);
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  it('should set it aside whole, once it stopped changing, and leave no fragment behind', async () => {
    ws.drop('a.csv', 'id,description\na1,first\n');
    ws.drop('b.csv', csv(B_ROWS));
    const writer = startWriter(ws.path('input', 'processing', 'a.csv'), true);
    await once(writer.stdout!, 'data');
    const first = await cliAsync(ws, 'run', 'demo', '--json');
    writer.kill();
    await once(writer, 'exit');
    expect(first.code, first.stderr).to.equal(0);
    expect(JSON.parse(first.stdout).files.waiting.map((w: { file: string }) => w.file)).to.deep.equal(['a.csv']);
    expect(ws.files('input/processing')).to.deep.equal(['a.csv']);

    const second = ws.run();
    expect(second.code).to.equal(3);
    expect(second.summary.quarantined.map((q) => q.file)).to.deep.equal(['a.csv']);
    expect(ws.files('input/quarantine')).to.deep.equal(['a.csv', 'a.csv.error.json']);
    expect(ws.files('input/processing')).to.deep.equal([]);
  });
});

describe('source.settle (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace({ demo: demoYaml({ source: { settle: '1h' } }) });
    ws.drop(
      'old.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['1', 'old', '2024-01-01'],
      ]),
    );
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(ws.path('input', 'processing', 'old.csv'), twoHoursAgo, twoHoursAgo);
    ws.drop(
      'young.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['2', 'young', '2024-01-01'],
      ]),
    );
  });
  afterEach(() => ws.remove());

  it('should leave a file modified within source.settle in the drop and name it in files.waiting', () => {
    const r = ws.cli('run', 'demo', '--json');
    expect(r.code, r.stderr).to.equal(0);
    const summary = JSON.parse(r.stdout) as { files: { processed: number; waiting: { file: string; reason: string }[] } };
    expect(summary.files.processed).to.equal(1);
    expect(summary.files.waiting).to.have.length(1);
    expect(summary.files.waiting[0]!.file).to.equal('young.csv');
    expect(summary.files.waiting[0]!.reason).to.match(/^modified \d+s ago, source\.settle is 1h$/);
    expect(ws.latest().map((r) => r.id)).to.deep.equal(['1']);
    expect(ws.files('input/processing')).to.deep.equal(['young.csv']);
  });

  it('should name the waiting file in the human summary', () => {
    const r = ws.cli('run', 'demo');
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/\n {2}waiting: young\.csv: modified \d+s ago, source\.settle is 1h/);
  });

  it('should ingest the file once it is older than source.settle', () => {
    ws.run();
    const past = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(ws.path('input', 'processing', 'young.csv'), past, past);
    const { code, summary } = ws.run();
    expect(code).to.equal(0);
    expect(summary.files.processed).to.equal(1);
    expect(ws.latest().map((r) => r.id)).to.deep.equal(['1', '2']);
    expect(ws.files('input/processing')).to.deep.equal([]);
  });

  it('should refuse a settle that is not a duration with DEFINITION_INVALID', () => {
    ws.writeDefinition('demo', demoYaml({ source: { type: 'directory', path: 'input/processing', settle: 'soon' } }));
    const r = ws.cli('run', 'demo');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('error[DEFINITION_INVALID]').and.contain('source.settle');
  });
});
