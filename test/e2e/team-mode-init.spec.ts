import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { parse } from 'yaml';
import { NEEDS_POSTGRES, query, startPostgres, uniqueSchema, type TestPostgres } from '../helpers/postgres.js';
import { describeNeeding } from '../helpers/requirement.js';
import { serve, type Served } from '../helpers/servedWorkspace.js';
import type { JobJson } from '../helpers/teamWorkspace.js';
import { waitUntil } from '../helpers/waitUntil.js';
import { SpawnedWorker } from '../helpers/spawnedWorker.js';
import { csv, TestWorkspace } from '../helpers/workspace.js';

const PIPELINES = ['events', 'example'];

describeNeeding(NEEDS_POSTGRES, 'team mode as a new user tries it: init --team, two workers, enqueue, jobs, serve (end to end)', function () {
  // Longer than its waits together (up to 600 s on a slow machine), so a wait that gives up prints the workers' logs.
  this.timeout(660_000);
  let server: TestPostgres;
  let ws: TestWorkspace;
  let database: string;
  let url: string;
  let workers: SpawnedWorker[] = [];
  let served: Served | undefined;

  before(async () => {
    server = await startPostgres();
  });
  after(() => server?.stop());
  beforeEach(async () => {
    // A database of its own: the workspace keeps the catalog's default schema, as a new user's does.
    database = uniqueSchema();
    await query(server.url, `CREATE DATABASE ${database}`);
    url = server.url.replace(/\/[^/]*$/, `/${database}`);
    ws = new TestWorkspace({});
    rmSync(ws.path('pipelines'), { recursive: true }); // an empty folder, as a new user starts from
  });
  afterEach(async () => {
    await served?.stop();
    await Promise.all(workers.map((w) => w.kill()));
    [workers, served] = [[], undefined];
    ws.remove();
    await query(server.url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  const env = (): Record<string, string> => ({ DROPLINE_CATALOG_URL: url });
  const cli = (...args: string[]) => ws.cliWithEnv(env(), ...args);
  const logs = (): string => workers.map((w) => `--- worker ${w.id}:\n${w.output().slice(-4000)}`).join('\n');
  const watch = { context: logs, unless: () => workers.map((w) => w.died()).find((d) => d !== null) ?? null };
  const manifests = (pipeline: string): Promise<{ id: string }[]> => query(url, 'SELECT id FROM dropline.manifests WHERE pipeline = $1 ORDER BY id', [pipeline]);
  const jobs = (): JobJson[] => {
    const r = cli('jobs', '--json');
    if (r.code !== 0) throw new Error(`jobs --json failed (exit ${r.code}): ${r.stderr}`);
    return JSON.parse(r.stdout) as JobJson[];
  };

  it('should run the enqueued example pipelines on two workers, show them in jobs and serve, and lose nothing when a worker is killed', async () => {
    const init = ws.cli('init', '--team', ws.root);
    expect(init.code, init.stderr).to.equal(0);
    const config = parse(ws.read('dropline.yaml')) as { catalog: { type: string } };
    expect(config.catalog.type).to.equal('postgres');
    expect(ws.files('pipelines')).to.deep.equal(PIPELINES.map((p) => `${p}.yaml`));

    const noUrl = ws.cliWith({ env: { DROPLINE_CATALOG_URL: undefined } }, 'snapshots', 'example');
    expect(noUrl.code, 'without the URL nothing can work').to.equal(1);
    expect(noUrl.stderr).to.match(/^error\[CATALOG_UNAVAILABLE\]: .*DROPLINE_CATALOG_URL/);

    workers = ['one', 'two'].map((id) => new SpawnedWorker(id, ws.root, env()));
    const enqueue = cli('enqueue', '--all');
    expect(enqueue.code, enqueue.stderr).to.equal(0);
    await waitUntil('both example pipelines to commit', async () => (await Promise.all(PIPELINES.map(manifests))).every((m) => m.length === 1), {
      seconds: 120,
      ...watch,
    });
    const listed = await waitUntil(
      'jobs to show both pipelines idle with their run',
      () => {
        const all = jobs();
        return all.length === PIPELINES.length && all.every((j) => j.state === 'idle' && j.lastRun?.snapshot) && all;
      },
      watch,
    );
    const heads: Record<string, string> = {};
    for (const p of PIPELINES) heads[p] = (await manifests(p))[0]!.id;
    expect(listed.map((j) => [j.pipeline, j.lastRun!.snapshot, j.lastRun!.exit])).to.deep.equal(PIPELINES.map((p) => [p, heads[p], 0]));
    expect(cli('jobs').stdout, 'jobs in plain text names both pipelines').to.satisfy((out: string) => PIPELINES.every((p) => out.includes(p)));

    served = await serve(ws, [], env());
    const api = (await (await fetch(new URL('/api/pipelines', served.url))).json()) as { name: string; snapshots: number; latest: string | null }[];
    expect(api.map((p) => [p.name, p.snapshots, p.latest])).to.deep.equal(PIPELINES.map((p) => [p, 1, heads[p]]));

    // A worker is killed as soon as it takes a run (worker two held back, so worker one takes it); the other one
    // finishes the work.
    const [one, two] = workers as [SpawnedWorker, SpawnedWorker];
    const runsOfOne = () => query(url, "SELECT id FROM dropline.runs WHERE worker = 'one' AND pipeline = 'example'");
    const before = (await runsOfOne()).length;
    two.signal('SIGSTOP');
    ws.write(
      'input/example/data_2021-03-02.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['new-1', 'dropped before the kill', '2021-03-02'],
      ]),
    );
    const again = cli('enqueue', 'example');
    expect(again.code, again.stderr).to.equal(0);
    await waitUntil('worker one to take the run of example', async () => (await runsOfOne()).length > before, watch);
    await one.kill();
    two.signal('SIGCONT');
    await waitUntil('the second drop of example to commit', async () => (await manifests('example')).length === 2, { seconds: 180, ...watch });
    // Worker one may have committed before it was killed: then the run is only failed once worker two finds it
    // silent (30 s) and idle once its retry (30 s later) finds nothing to do.
    await waitUntil('jobs to show example idle again', () => jobs().find((j) => j.pipeline === 'example')?.state === 'idle', { seconds: 180, ...watch });
    expect(ws.files('input/example'), 'the drop is empty').to.deep.equal([]);
    expect(ws.files('input/example-processed')).to.deep.equal(['data_2021-03-01.csv', 'data_2021-03-02.csv']);
    expect(ws.latest('output/example/latest.csv').map((r) => r.id)).to.include('new-1');
    const run = cli('run', 'example', '--json');
    expect(JSON.parse(run.stdout).snapshot, 'nothing left to do').to.equal(null);
    const after = (await (await fetch(new URL('/api/pipelines', served.url))).json()) as { name: string; snapshots: number }[];
    expect(after.find((p) => p.name === 'example')!.snapshots).to.equal(2);
  });
});
