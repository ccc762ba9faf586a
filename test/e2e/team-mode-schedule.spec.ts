import { expect } from 'chai';
import { NEEDS_POSTGRES, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { describeNeeding } from '../helpers/requirement.js';
import { expectCommittedOnce } from '../helpers/teamAssertions.js';
import { definitionsOf, dropAll, embeddedResults, fileNames, pipelineDefinition, teamPipelines, type PipelineSpec } from '../helpers/teamPipelines.js';
import { TeamWorkspace, type RunRow } from '../helpers/teamWorkspace.js';
import { waitUntil } from '../helpers/waitUntil.js';

const DROPS = teamPipelines(3, { seed: 61 });
/** p01 every minute (a plain cron string: UTC), p02 every minute in Berlin time (the object form), p03 never. */
const SPECS: PipelineSpec[] = [
  { ...DROPS[0]!, definition: pipelineDefinition('p01', { schedule: '* * * * *' }) },
  { ...DROPS[1]!, definition: pipelineDefinition('p02', { schedule: { cron: '* * * * *', timezone: 'Europe/Berlin' } }) },
  DROPS[2]!,
];
const [P1, P2, P3] = SPECS as [PipelineSpec, PipelineSpec, PipelineSpec];

/** The minute (UTC, to the minute) each run started in. */
function minutes(runs: RunRow[]): string[] {
  return runs.map((r) => new Date(r.started_at).toISOString().slice(0, 16));
}

describeNeeding(NEEDS_POSTGRES, 'team mode: schedules (end to end)', function () {
  // A cron fires once a minute at most: the test waits for two periods.
  this.timeout(420_000);
  let server: TestPostgres;
  let embedded: Record<string, string>;
  let ws: TeamWorkspace | undefined;

  before(async () => {
    server = await startPostgres();
    embedded = embeddedResults(DROPS); // the same pipelines without their schedules
  });
  after(() => server?.stop());
  afterEach(async () => {
    await ws?.dispose();
    ws = undefined;
  });

  it('should fire each schedule once per period across three workers, and never a pipeline without one', async () => {
    const team = (ws = new TeamWorkspace(server.url, definitionsOf(SPECS)));
    dropAll(team, SPECS);
    const workers = ['w1', 'w2', 'w3'].map((id) => team.startWorker(id));
    await waitUntil(
      'two periods of each schedule to have run',
      async () => {
        const runs = await team.runRows();
        return [P1, P2].every((p) => new Set(minutes(runs.filter((r) => r.pipeline === p.name && r.finished_at))).size >= 2);
      },
      { seconds: 330, every: 1000, ...team.watch },
    );
    await Promise.all(workers.map((w) => w.terminate()));
    const runs = await team.runRows();
    for (const spec of [P1, P2]) {
      const started = minutes(runs.filter((r) => r.pipeline === spec.name));
      expect(started, `${spec.name}: one run per minute, whichever worker took it`).to.deep.equal([...new Set(started)]);
      expect(
        runs.filter((r) => r.pipeline === spec.name && r.finished_at).map((r) => r.exit),
        `${spec.name}: every run succeeded`,
      ).to.satisfy((exits: number[]) => exits.every((e) => e === 0));
      await expectCommittedOnce(team, spec, embedded[spec.name]!);
    }
    expect(
      runs.filter((r) => r.pipeline === P3.name),
      `${P3.name} has no schedule`,
    ).to.deep.equal([]);
    expect(team.files(`input/${P3.name}`)).to.deep.equal(fileNames(P3));
    expect(await team.manifests(P3.name)).to.deep.equal([]);
  });
});
