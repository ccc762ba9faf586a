import { expect } from 'chai';
import { NEEDS_POSTGRES, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { describeNeeding } from '../helpers/requirement.js';
import { expectAccountedFor, expectCommittedOnce } from '../helpers/teamAssertions.js';
import { definitionsOf, dropAll, embeddedResults, teamPipelines } from '../helpers/teamPipelines.js';
import { TeamWorkspace } from '../helpers/teamWorkspace.js';
import { waitUntil } from '../helpers/waitUntil.js';

/** 24 pipelines, each with 2 files of 200 rows of its own. */
const SPECS = teamPipelines(24);
const [P1] = SPECS as [(typeof SPECS)[number]];

describeNeeding(NEEDS_POSTGRES, 'team mode: workers sharing a PostgreSQL catalog (end to end)', function () {
  this.timeout(300_000);
  let server: TestPostgres;
  let embedded: Record<string, string>;
  let ws: TeamWorkspace | undefined;

  before(async () => {
    server = await startPostgres();
    embedded = embeddedResults(SPECS);
  });
  after(() => server?.stop());
  afterEach(async () => {
    await ws?.dispose();
    ws = undefined;
  });

  it('should run 24 pipelines on 3 workers after `enqueue --all`, each committed exactly once with the embedded result', async () => {
    const team = (ws = new TeamWorkspace(server.url, definitionsOf(SPECS)));
    dropAll(team, SPECS);
    team.startWorker('w1', { concurrency: 2 });
    for (const id of ['w2', 'w3']) team.startWorker(id);
    team.enqueue('--all');
    await waitUntil('a commit of every pipeline', async () => Object.keys(await team.commitCounts()).length === SPECS.length, {
      seconds: 240,
      ...team.watch,
    });
    const jobs = await waitUntil(
      'every job to be idle again',
      () => {
        const all = team.jobs();
        return all.length === SPECS.length && all.every((j) => j.state === 'idle' && j.lastRun?.finishedAt) && all;
      },
      team.watch,
    );
    for (const spec of SPECS) await expectCommittedOnce(team, spec, embedded[spec.name]!);
    const manifests = await team.manifests();
    const runs = await team.runRows();
    expect(runs, 'one run per pipeline, each committing its snapshot').to.have.length(SPECS.length);
    for (const run of runs) {
      const manifest = manifests.find((m) => m.pipeline === run.pipeline)!;
      expect([run.exit, run.error, run.snapshot, run.worker], `the run of ${run.pipeline}`).to.deep.equal([0, null, manifest.id, manifest.holder]);
    }
    expect(new Set(runs.map((r) => r.worker)).size, 'the work was shared between the workers').to.be.greaterThan(1);
    for (const job of jobs) expect(job.lastRun!.snapshot, `jobs --json: ${job.pipeline}`).to.equal(manifests.find((m) => m.pipeline === job.pipeline)!.id);
  });

  it('should retry on another worker a run whose worker was SIGKILLed mid-run, losing nothing and applying nothing twice', async () => {
    // The worker layer's knobs (not a contract: without them the retry only comes later) make a silent worker dead
    // after 5 s instead of 30, and its job retried 1 s after that instead of 30.
    const quick = { DROPLINE_WORKER_HEARTBEAT: '1', DROPLINE_WORKER_DEAD_AFTER: '5', DROPLINE_QUEUE_RETRY_DELAY: '1' };
    const team = (ws = new TeamWorkspace(server.url, definitionsOf([P1]), { leaseSeconds: 3, env: quick }));
    dropAll(team, [P1]);
    // DROPLINE_PAUSE_AT: worker a's run stops itself with its content written and its commit next.
    const a = team.startWorker('a', { concurrency: 1, env: { DROPLINE_PAUSE_AT: 'after-object' } });
    team.enqueue(P1.name);
    await waitUntil(`worker a's run of ${P1.name} to stop before its commit`, () => a.stoppedRun(P1.name), team.watch);
    expect(await team.manifests(P1.name), 'nothing committed yet').to.deep.equal([]);
    expect((await team.pipelineRow(P1.name))?.holder, 'worker a holds the lease').to.equal('a');
    await a.kill();
    expectAccountedFor(team, P1, 'right after the kill');
    team.startWorker('b');
    await waitUntil(`worker b to commit ${P1.name}`, async () => (await team.manifests(P1.name)).length > 0, { seconds: 180, ...team.watch });
    await waitUntil(`worker b's run of ${P1.name} to be recorded`, async () => (await team.runRows(P1.name)).some((r) => r.worker === 'b' && r.finished_at), team.watch);
    await expectCommittedOnce(team, P1, embedded[P1.name]!);
    const [manifest] = await team.manifests(P1.name);
    expect(manifest!.holder, 'worker b committed').to.equal('b');
    const committed = (await team.runRows(P1.name)).filter((r) => r.snapshot !== null);
    expect(committed.map((r) => [r.worker, r.exit, r.snapshot])).to.deep.equal([['b', 0, manifest!.id]]);
  });

  it('should refuse (LEASE_LOST) the commit of a run stopped past its lease once another run committed, changing nothing', async () => {
    const team = (ws = new TeamWorkspace(server.url, definitionsOf([P1]), { leaseSeconds: 3 }));
    dropAll(team, [P1]);
    const a = team.startWorker('a', { concurrency: 1, env: { DROPLINE_PAUSE_AT: 'after-object' } });
    team.enqueue(P1.name);
    await waitUntil(`worker a's run of ${P1.name} to stop before its commit`, () => a.stoppedRun(P1.name), team.watch);
    a.signal('SIGSTOP'); // the whole worker, as a machine that froze: nothing renews the lease
    const held = await team.pipelineRow(P1.name);
    expect(held?.holder, 'worker a holds the lease').to.equal('a');
    await waitUntil(`worker a's lease on ${P1.name} to expire`, async () => (await team.pipelineRow(P1.name))?.expired, { seconds: 60 });
    const run = team.run(P1.name);
    expect(run.code, `another run takes the pipeline over: ${run.stderr}`).to.equal(0);
    expect(run.summary.files.processed).to.equal(P1.files.length);
    const afterRun = await team.pipelineRow(P1.name);
    expect(Number(afterRun!.epoch), 'the epoch moved on').to.be.greaterThan(Number(held!.epoch));
    a.signal('SIGCONT');
    const lost = await waitUntil(`worker a to record how its run of ${P1.name} ended`, async () => (await team.runRows(P1.name)).find((r) => r.worker === 'a' && r.finished_at), {
      ...team.watch,
    });
    expect([lost.exit, lost.snapshot], "worker a's run failed and committed nothing").to.deep.equal([1, null]);
    expect(lost.error).to.match(/error\[LEASE_LOST\]/);
    const manifests = await team.manifests(P1.name);
    expect(
      manifests.map((m) => [m.id, m.epoch]),
      'the catalog holds only the run that kept its lease',
    ).to.deep.equal([[run.summary.snapshot, afterRun!.epoch]]);
    const committedRuns = (await team.runRows(P1.name)).filter((r) => r.snapshot !== null);
    expect(committedRuns, 'no run of the workers committed (the one commit is the CLI run)').to.deep.equal([]);
    await expectCommittedOnce(team, P1, embedded[P1.name]!);
  });
});
