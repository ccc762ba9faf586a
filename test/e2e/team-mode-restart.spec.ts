import { expect } from 'chai';
import { NEEDS_POSTGRES, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { describeNeeding } from '../helpers/requirement.js';
import { expectAccountedFor, expectCommittedOnce } from '../helpers/teamAssertions.js';
import { definitionsOf, dropAll, embeddedResults, teamPipelines } from '../helpers/teamPipelines.js';
import { TeamWorkspace } from '../helpers/teamWorkspace.js';
import { waitUntil } from '../helpers/waitUntil.js';
import type { SpawnedWorker } from '../helpers/spawnedWorker.js';

const SPECS = teamPipelines(5, { seed: 51 });
const [P1, P2, P3, P4, P5] = SPECS as [(typeof SPECS)[number], ...typeof SPECS];

/** SIGCONTs any run of `worker` that stopped itself (DROPLINE_PAUSE_AT), until the returned function is called. */
function keepResuming(worker: SpawnedWorker): () => void {
  const timer = setInterval(() => {
    if (worker.stoppedRun() !== undefined) worker.signal('SIGCONT');
  }, 100);
  return () => clearInterval(timer);
}

describeNeeding(NEEDS_POSTGRES, 'team mode: PostgreSQL restarting under running workers (end to end)', function () {
  this.timeout(300_000);
  let server: TestPostgres;
  let embedded: Record<string, string>;
  let ws: TeamWorkspace | undefined;
  let stopResuming = (): void => undefined;

  before(async () => {
    server = await startPostgres();
    embedded = embeddedResults(SPECS);
  });
  after(() => server?.stop());
  afterEach(async () => {
    stopResuming();
    await ws?.dispose();
    ws = undefined;
  });

  it('should let the workers reconnect, and commit a run caught by the restart once or retry it, losing nothing', async () => {
    const team = (ws = new TeamWorkspace(server.url, definitionsOf(SPECS)));
    dropAll(team, SPECS);
    // Worker a's runs stop themselves just before their commit: the restart happens while its run of p01 holds a
    // lease and its connections.
    const a = team.startWorker('a', { concurrency: 1, env: { DROPLINE_PAUSE_AT: 'after-object' } });
    team.enqueue(P1.name);
    await waitUntil(`worker a's run of ${P1.name} to stop before its commit`, () => a.stoppedRun(P1.name), team.watch);
    const b = team.startWorker('b');
    team.enqueue(P2.name);
    await waitUntil(`worker b to commit ${P2.name} before the restart`, async () => (await team.manifests(P2.name)).length === 1, team.watch);

    server.restart();

    stopResuming = keepResuming(a);
    await waitUntil(`the run of ${P1.name} caught by the restart to commit (at once or retried)`, async () => (await team.manifests(P1.name)).length > 0, {
      seconds: 180,
      ...team.watch,
    });
    expect([a.alive(), b.alive()], 'both workers lived through the restart').to.deep.equal([true, true]);

    // Each worker alone must still take jobs: its queue connection came back.
    stopResuming();
    a.signal('SIGSTOP');
    team.enqueue(P3.name, P4.name);
    await waitUntil(
      `worker b (a stopped) to commit ${P3.name} and ${P4.name}`,
      async () => {
        const counts = await team.commitCounts();
        return counts[P3.name] === 1 && counts[P4.name] === 1;
      },
      { seconds: 120, ...team.watch },
    );
    a.signal('SIGCONT');
    stopResuming = keepResuming(a);
    b.signal('SIGSTOP');
    team.enqueue(P5.name);
    await waitUntil(`worker a (b stopped) to commit ${P5.name}`, async () => (await team.manifests(P5.name)).length === 1, {
      seconds: 120,
      ...team.watch,
    });
    b.signal('SIGCONT');

    await waitUntil('every job to be idle again', () => team.jobs().every((j) => j.state === 'idle'), team.watch);
    for (const spec of SPECS) {
      expectAccountedFor(team, spec, 'after the restart');
      await expectCommittedOnce(team, spec, embedded[spec.name]!);
    }
    const holders = Object.fromEntries((await team.manifests()).map((m) => [m.pipeline, m.holder]));
    expect([holders[P2.name], holders[P3.name], holders[P4.name], holders[P5.name]]).to.deep.equal(['b', 'b', 'b', 'a']);
  });
});
