import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { NEEDS_POSTGRES, query, startPostgres, uniqueSchema, type TestPostgres } from '../helpers/postgres.js';
import { describeNeeding } from '../helpers/requirement.js';
import { until, WorkerProcess } from '../helpers/workerProcess.js';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

interface JobsJson {
  pipeline: string;
  state: string;
  worker: string | null;
  since: string | null;
  lastRun: { runId: string | null; snapshot: string | null; finishedAt: string; exit: number | null; error: string | null } | null;
}

/** A pipeline `name` reading input/<name>/, writing output/<name>/latest.csv. */
function pipeline(name: string): Record<string, unknown> {
  return demoYaml({
    name,
    source: { type: 'directory', path: `input/${name}`, pattern: '*.csv', archive: `input/${name}-processed` },
    output: { path: `output/${name}/latest.csv` },
  });
}

describe('team mode commands in an embedded workspace', () => {
  it('should refuse worker, enqueue and jobs with USAGE, saying how to set up team mode', () => {
    const ws = new TestWorkspace();
    try {
      for (const args of [['worker'], ['enqueue', '--all'], ['jobs', '--json']]) {
        const r = ws.cli(...args);
        expect(r.code, args.join(' ')).to.equal(2);
        expect(r.stderr).to.contain(
          `error[USAGE]: dropline ${args[0]} works in team mode only: this workspace has no catalog: section in dropline.yaml; set one up with: dropline init --team`,
        );
      }
    } finally {
      ws.remove();
    }
  });
});

describeNeeding(NEEDS_POSTGRES, 'dropline worker (two worker processes, a real server)', () => {
  let server: TestPostgres;
  let ws: TestWorkspace;
  let schema: string;
  let env: Record<string, string>;
  const workers: WorkerProcess[] = [];
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];

  before(async () => {
    server = await startPostgres();
  });
  after(() => server?.stop());
  beforeEach(() => {
    schema = uniqueSchema();
    ws = new TestWorkspace(Object.fromEntries(names.map((n) => [n, pipeline(n)])));
    ws.write('dropline.yaml', `catalog:\n  type: postgres\n  schema: ${schema}\n  leaseSeconds: 3\n`);
    for (const n of names)
      ws.write(
        `input/${n}/one.csv`,
        csv([
          ['id', 'description', 'timestamp'],
          ['1', `first of ${n}`, '2024-01-01'],
          ['2', 'second', '2024-01-02'],
        ]),
      );
    env = { DROPLINE_CATALOG_URL: server.url, DROPLINE_WORKER_HEARTBEAT: '1', DROPLINE_WORKER_DEAD_AFTER: '4', DROPLINE_QUEUE_RETRY_DELAY: '1', DROPLINE_WORKER_LOCK_WAIT: '10' };
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop('SIGKILL');
    ws.remove();
    await query(server.url, `DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`);
  });

  const start = (extra: Record<string, string> = {}, args: string[] = []) => {
    const w = new WorkerProcess(ws.root, { ...env, ...extra }, args);
    workers.push(w);
    return w;
  };
  const jobs = (): JobsJson[] => {
    const r = ws.cliWithEnv(env, 'jobs', '--json');
    if (r.code !== 0) throw new Error(`jobs failed (exit ${r.code}): ${r.stderr}`);
    return JSON.parse(r.stdout) as JobsJson[];
  };
  const logs = () => workers.map((w) => `--- worker ${w.pid}\n${w.log}`).join('\n');

  it('should run every enqueued pipeline exactly once, refuse a second enqueue while queued, and stop on SIGTERM', async () => {
    const enqueued = ws.cliWithEnv(env, 'enqueue', '--all', '--json');
    expect(enqueued.code, enqueued.stderr).to.equal(0);
    expect((JSON.parse(enqueued.stdout) as { added: boolean }[]).map((r) => r.added)).to.deep.equal(names.map(() => true));
    const again = ws.cliWithEnv(env, 'enqueue', 'a');
    expect(again.stdout).to.match(/^a: already queued \(job [0-9a-f-]+\); nothing added$/m);
    expect(jobs().map((j) => j.state)).to.deep.equal(names.map(() => 'queued'));
    start({}, ['--concurrency', '2']);
    start();
    const done = await until(
      'every pipeline run',
      120,
      () => {
        const all = jobs();
        return all.every((j) => j.state === 'idle' && j.lastRun?.exit === 0) ? all : undefined;
      },
      logs,
    );
    for (const j of done) {
      expect(j.lastRun!.snapshot, j.pipeline).to.be.a('string');
      expect(ws.latest(`output/${j.pipeline}/latest.csv`), j.pipeline).to.have.length(2);
    }
    const runs = await query<{ pipeline: string; n: string }>(server.url, `SELECT pipeline, count(*)::text AS n FROM ${schema}.runs GROUP BY pipeline ORDER BY pipeline`);
    expect(runs).to.deep.equal(names.map((n) => ({ pipeline: n, n: '1' })));
    const manifests = await query<{ n: string }>(server.url, `SELECT count(*)::text AS n FROM ${schema}.manifests`);
    expect(manifests[0]!.n).to.equal(String(names.length));
    expect(await Promise.all(workers.map((w) => w.stop('SIGTERM')))).to.deep.equal([0, 0]);
    expect(await query(server.url, `SELECT id FROM ${schema}.workers`), 'workers unregister on the way out').to.deep.equal([]);
  });

  it("should retry a killed worker's run on the other worker, its run process ending with it, nothing applied twice", async () => {
    ws.cliWithEnv(env, 'enqueue', 'a');
    const doomed = start({ DROPLINE_PAUSE_AT: 'after-object' });
    const paused = await until(
      'the run paused after writing its content',
      60,
      () => {
        const [pid] = doomed.children();
        if (pid === undefined) return undefined;
        return spawnState(pid).startsWith('T') ? pid : undefined;
      },
      logs,
    );
    expect(jobs().find((j) => j.pipeline === 'a')).to.include({ state: 'active' });
    await doomed.stop('SIGKILL');
    process.kill(paused, 'SIGCONT'); // it sees its worker gone (the IPC channel closed) and ends itself
    await until('the orphaned run to end', 30, () => (spawnState(paused) === '' ? true : undefined));
    start();
    const done = await until('the retried run', 120, () => jobs().find((j) => j.pipeline === 'a' && j.state === 'idle' && j.lastRun?.exit === 0), logs);
    const runs = await query<{ exit: number | null; error: string | null }>(server.url, `SELECT exit, error FROM ${schema}.runs WHERE pipeline = 'a' ORDER BY id`);
    expect(runs).to.have.length(2);
    expect(runs[0]!.error).to.match(/^worker .* stopped \(no heartbeat for 4 s\)$/);
    expect(runs[1]).to.deep.equal({ exit: 0, error: null });
    const manifests = await query<{ id: string }>(server.url, `SELECT id FROM ${schema}.manifests WHERE pipeline = 'a'`);
    expect(manifests.map((m) => m.id)).to.deep.equal([done.lastRun!.snapshot]);
    expect(ws.latest('output/a/latest.csv')).to.have.length(2);
  });

  it('should finish its runs on SIGTERM, and on a second SIGTERM stop them and queue them again without using a retry', async () => {
    ws.cliWithEnv(env, 'enqueue', 'a');
    const worker = start({ DROPLINE_PAUSE_AT: 'after-object' });
    const paused = await until('the run paused', 60, () => worker.children().find((pid) => spawnState(pid).startsWith('T')), logs);
    worker.child.kill('SIGTERM');
    await until('the first SIGTERM taken', 30, () => (worker.log.includes('SIGTERM: taking no more runs; waiting for 1 running') ? true : undefined), logs);
    expect(worker.child.exitCode, 'it waits for its run').to.equal(null);
    worker.child.kill('SIGTERM');
    await until('the second SIGTERM taken', 30, () => (worker.log.includes('SIGTERM: stopping 1 run(s)') ? true : undefined), logs);
    process.kill(paused, 'SIGCONT'); // the SIGTERM it was sent while stopped ends it now
    expect(await worker.stop()).to.equal(0);
    const [a] = jobs().filter((j) => j.pipeline === 'a');
    expect(a).to.include({ state: 'queued', worker: null });
    expect(a!.lastRun!.error).to.match(/^worker .* was stopped during the run \(a second SIGTERM\); the run is queued again$/);
    const retries = await query<{ retry_count: number }>(server.url, `SELECT retry_count FROM ${schema}_queue.job WHERE name = 'run/a' AND state = 'created'`);
    expect(retries).to.deep.equal([{ retry_count: 0 }]);
    start(); // a worker without the pause finishes it
    await until('the queued run done', 120, () => jobs().find((j) => j.pipeline === 'a' && j.state === 'idle' && j.lastRun?.exit === 0), logs);
    expect(ws.latest('output/a/latest.csv')).to.have.length(2);
  });
});

/** `ps` state letters of a process ('T': stopped), or '' when it is gone. */
function spawnState(pid: number): string {
  return spawnSyncText('ps', ['-o', 'stat=', '-p', String(pid)]).trim();
}

function spawnSyncText(command: string, args: string[]): string {
  return spawnSync(command, args, { encoding: 'utf8' }).stdout ?? '';
}
