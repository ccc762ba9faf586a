import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { CLI, csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

/** What one run gave, minus what differs from run to run (ids, duration, the engine's name). */
interface Outcome {
  code: number;
  summary: unknown;
  latest: string | null;
  rejects: string[];
  lockLeft: boolean;
}

const HEADER = ['id', 'description', 'timestamp'];
const DATA = csv([HEADER, ['k1', 'one', '2021-01-01'], ['k2', 'two', '2021-01-02']]);

/** A plug-in source over inputs held in memory; `slow` ones take a while to read, `failing` ones throw (not SOURCE_UNREADABLE). */
const MEMORY_SOURCE = `
import { BaseSource, DroplineError } from 'dropline-cli';
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export default class MemorySource extends BaseSource {
  static options = { inputs: { type: 'string[]', required: true, description: 'each a JSON object: name, text, and optionally slow (ms) and failing' } };
  specs() { return this.context.options.inputs.map((s) => JSON.parse(s)); }
  async listInputs() { return this.specs().map((i) => ({ name: i.name, location: 'memory:' + i.name })); }
  async read(input) {
    const spec = this.specs().find((i) => i.name === input.name);
    if (spec.slow) await wait(spec.slow);
    if (spec.failing) throw new DroplineError('SOURCE_FAILED', 'the service behind ' + input.name + ' is down');
    return { kind: 'csv', bytes: Buffer.from(spec.text) };
  }
}
`;

/** The same run in a workspace per engine, set up alike; each outcome as the CLI left it. */
function bothEngines(definition: Record<string, unknown>, setup: (ws: TestWorkspace) => void, env: Record<string, string> = {}): { bytes: Outcome; reference: Outcome } {
  const outcome = (engine: string): Outcome => {
    const ws = new TestWorkspace({ demo: definition });
    try {
      setup(ws);
      const r = ws.cliWithEnv(env, 'run', 'demo', '--json', '--engine', engine);
      const summary = r.stdout.trim() === '' ? { stderr: r.stderr } : (JSON.parse(r.stdout) as Record<string, unknown>);
      for (const k of ['runId', 'snapshot', 'durationMs', 'engine']) delete (summary as Record<string, unknown>)[k];
      const rejectsDir = ws.path('rejects');
      return {
        code: r.code,
        summary,
        latest: existsSync(ws.path('output/latest.csv')) ? ws.read('output/latest.csv') : null,
        rejects: existsSync(rejectsDir) ? readdirSync(rejectsDir).map((f) => readFileSync(`${rejectsDir}/${f}`, 'utf8')) : [],
        lockLeft: existsSync(ws.path('snapshots/demo/lock')),
      };
    } finally {
      ws.remove();
    }
  };
  return { bytes: outcome('auto'), reference: outcome('reference') };
}

function memorySource(inputs: { name: string; text: string; slow?: number; failing?: boolean }[]): Record<string, unknown> {
  return demoYaml({ source: { type: 'memory', module: 'sources/memory.mjs', options: { inputs: inputs.map((i) => JSON.stringify(i)) } } });
}

describe('the byte engine reading inputs ahead (end to end, against --engine reference)', function () {
  this.timeout(120_000);

  it('should skip an input with the same content as an earlier one that took longer to open (a .csv.gz before the plain .csv)', () => {
    const { bytes, reference } = bothEngines(demoYaml({ source: { pattern: '*.csv*' } }), (ws) => {
      ws.drop('a.csv.gz', gzipSync(Buffer.from(DATA)));
      ws.drop('b.csv', DATA);
    });
    expect(reference.code).to.equal(0);
    expect(reference.summary).to.deep.include({ files: { processed: 1, quarantined: 0, skipped: 1, waiting: [], ignored: [] } });
    expect(bytes).to.deep.equal(reference);
  });

  it('should skip the later of two inputs with the same content whatever order their reads finish in', () => {
    const definition = memorySource([
      { name: 'a.csv', text: DATA, slow: 300 },
      { name: 'b.csv', text: DATA },
      { name: 'c.csv', text: csv([HEADER, ['k3', 'three', '2021-01-03']]) },
    ]);
    const { bytes, reference } = bothEngines(definition, (ws) => ws.write('sources/memory.mjs', MEMORY_SOURCE));
    expect(reference.code).to.equal(0);
    expect(reference.summary).to.deep.include({ files: { processed: 2, quarantined: 0, skipped: 1, waiting: [], ignored: [] } });
    expect(bytes).to.deep.equal(reference);
  });

  it('should fail the run cleanly (its error reported, the lock released) when a source fails on an input read ahead', () => {
    const definition = memorySource([
      { name: 'a.csv', text: DATA, slow: 300 },
      { name: 'b.csv', text: csv([HEADER, ['k3', 'three', '2021-01-03']]) },
      { name: 'c.csv', text: '', failing: true },
    ]);
    const { bytes, reference } = bothEngines(definition, (ws) => ws.write('sources/memory.mjs', MEMORY_SOURCE));
    expect(reference.summary).to.deep.equal({ error: { code: 'SOURCE_FAILED', message: 'the service behind c.csv is down' } });
    expect(reference.lockLeft).to.equal(false);
    expect(bytes).to.deep.equal(reference);
  });

  it('should fail the run, not hang, when an input fails while a later one with the same content waits on it', () => {
    // A header the fast reader cannot read: the input goes to the reference reader, whose failure fails the run.
    const odd = 'i"d,description,timestamp\nk1,one,2021-01-01\n';
    const definition = memorySource([
      { name: 'a.csv', text: odd, slow: 100 },
      { name: 'b.csv', text: odd },
    ]);
    const failing = MEMORY_SOURCE.replace(
      'return { kind: ',
      "if (input.name === 'a.csv') return { fingerprint: 'same', bytes: Buffer.from(spec.text), table: () => { throw new DroplineError('SOURCE_FAILED', 'a.csv went away'); } };\n    return { kind: ",
    ).replace(
      'async read(input) {',
      'async openCsv(input) { if (input.name === "a.csv") return this.read(input); const o = await super.openCsv(input); return { ...o, fingerprint: "same" }; }\n  async read(input) {',
    );
    const { bytes, reference } = bothEngines(definition, (ws) => ws.write('sources/memory.mjs', failing));
    expect(reference.summary).to.deep.equal({ error: { code: 'SOURCE_FAILED', message: 'a.csv went away' } });
    expect(bytes).to.deep.equal(reference);
  });

  it('should fail the run, not hang or exit silently, when it fails while an input read ahead is still opening and a later one has its content (4 cores)', () => {
    // Four cores read four inputs at once: a.csv fails at once while b.csv is still being read; c.csv, with b.csv's content, then waits on it.
    const definition = memorySource([
      { name: 'a.csv', text: '', failing: true },
      { name: 'b.csv', text: DATA, slow: 500 },
      { name: 'c.csv', text: DATA },
    ]);
    const ws = new TestWorkspace({ demo: definition });
    try {
      ws.write('sources/memory.mjs', MEMORY_SOURCE);
      const fourCores = `import os from 'node:os'; import { syncBuiltinESMExports } from 'node:module'; os.availableParallelism = () => 4; syncBuiltinESMExports();`;
      const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(fourCores)}`, CLI, 'run', 'demo', '--json'], {
        cwd: ws.root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 60_000,
      });
      expect(r.signal, 'the run was stopped after 60 s: it hung').to.equal(null);
      // Exit code 13 with nothing written: Node found nothing left to run while the run still waited.
      expect(r.stdout.trim(), `no outcome: exit code ${r.status}`).to.not.equal('');
      expect(JSON.parse(r.stdout)).to.deep.equal({ error: { code: 'SOURCE_FAILED', message: 'the service behind a.csv is down' } });
      expect(existsSync(ws.path('snapshots/demo/lock'))).to.equal(false);
    } finally {
      ws.remove();
    }
  });

  it('should read every row of an input of 1 MB or more that a worker leaves to the reference reader', () => {
    // Over 1 MB, so a worker scans it (as in a run of more than 16 MB); a quote inside an unquoted value near its end
    // sends it to the reference reader.
    const rows = Array.from({ length: 40_000 }, (_, i) => [`k${i % 700}`, `row ${i} of the big input`, '2021-01-01']);
    const big = csv([HEADER, ...rows]) + 'k1,a "quoted" word,2021-01-01\n';
    expect(big.length).to.be.above(1 << 20);
    const setup = (ws: TestWorkspace): void => {
      ws.drop('a.csv', csv([HEADER, ['k1', 'first', '2021-01-01']]));
      ws.drop('b.csv', big);
    };
    const { bytes, reference } = bothEngines(demoYaml(), setup, { DROPLINE_WORKER_BYTES: String(1 << 20) });
    expect(reference.summary).to.deep.include({ rows: { read: 40_002, merged: 40_002, rejected: 0 } });
    expect(bytes).to.deep.equal(reference);
  });

  it('should set aside an input it cannot decode, as the reference does, also when its content was ingested before (source.encoding changed)', () => {
    const latin = Buffer.from('id,description,timestamp\nk3,caf\xe9,2021-02-01\n', 'latin1');
    const { bytes, reference } = bothEngines(demoYaml({ source: { encoding: 'windows-1252' } }), (ws) => {
      ws.drop('a.csv', latin);
      expect(ws.run('demo', '--engine', 'reference').code).to.equal(0);
      ws.writeDefinition('demo', demoYaml({ source: { encoding: 'utf-8' } }));
      ws.drop('a_again.csv', latin);
    });
    expect(reference.summary).to.deep.include({ files: { processed: 0, quarantined: 1, skipped: 0, waiting: [], ignored: [] } });
    expect(bytes).to.deep.equal(reference);
  });

  it('should read the header of a UTF-8 file with two byte order marks as the reference does', () => {
    const { bytes, reference } = bothEngines(demoYaml(), (ws) => ws.drop('a.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(DATA)])));
    expect(reference.summary).to.deep.include({ headers: [] });
    expect(bytes).to.deep.equal(reference);
  });
});
