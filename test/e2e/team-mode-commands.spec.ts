import { expect } from 'chai';
import { commandSession } from '../helpers/commandSession.js';
import { NEEDS_POSTGRES, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { describeNeeding } from '../helpers/requirement.js';
import { definitionsOf, teamPipelines, type PipelineSpec } from '../helpers/teamPipelines.js';
import { TeamWorkspace } from '../helpers/teamWorkspace.js';
import { TestWorkspace } from '../helpers/workspace.js';

/** One pipeline, three runs of two files. */
const [SPEC] = teamPipelines(1, { filesEach: 6, seed: 71 }) as [PipelineSpec];

describeNeeding(NEEDS_POSTGRES, 'team mode: the snapshot commands against the catalog (end to end)', function () {
  this.timeout(240_000);
  let server: TestPostgres;
  let team: TeamWorkspace | undefined;
  let embedded: TestWorkspace | undefined;

  before(async () => {
    server = await startPostgres();
  });
  after(() => server?.stop());
  afterEach(async () => {
    embedded?.remove();
    await team?.dispose();
    [team, embedded] = [undefined, undefined];
  });

  it('should print, keep and change exactly what the embedded mode does, with the snapshots in the catalog', async () => {
    embedded = new TestWorkspace(definitionsOf([SPEC]));
    const expected = await commandSession(embedded, SPEC);
    const ws = (team = new TeamWorkspace(server.url, definitionsOf([SPEC])));
    const p = SPEC.name;
    const ids = async (): Promise<string[]> => (await ws.manifests(p)).map((m) => m.id);
    const pins = async (): Promise<string[]> => (await ws.sql<{ id: string }>(`SELECT id FROM ${ws.t('pins')} WHERE pipeline = $1 ORDER BY id`, [p])).map((r) => r.id);
    const seen: string[] = [];
    const actual = await commandSession(ws, SPEC, async (step, s) => {
      seen.push(step);
      const [s1, s2, s3, s4] = s;
      if (step.startsWith('run ')) expect(await ids(), `${step}: its manifest is in the catalog`).to.deep.equal(s);
      if (step === `run ${p} --json` && s.length === 3) {
        const local = ws.files(`snapshots/${p}`).filter((f) => ['manifests', 'changes', 'checkpoints', 'ledgers'].includes(f));
        expect(local, 'no manifests, content or ledgers in the embedded snapshot folder (its latest.csv index may be there)').to.deep.equal([]);
        expect(ws.files(`blobs/${p}`), 'the content objects are in the blob folder').to.not.deep.equal([]);
      }
      if (step.startsWith('pin ')) expect(await pins(), step).to.deep.equal([s1]);
      if (step === `prune ${p} --dry-run --json`) expect(await ids(), step).to.deep.equal([s1, s2, s3]);
      if (step === `prune ${p} --json`) expect(await ids(), step).to.deep.equal([s1, s3]);
      if (step.startsWith('reset ')) {
        expect(await ids(), step).to.deep.equal([s1, s3, s4]);
        expect((await ws.pipelineRow(p))?.head, `${step}: the head moved`).to.equal(s4);
      }
      if (step.startsWith('unpin ')) expect(await pins(), step).to.deep.equal([]);
      if (step === `clean ${p} --json`) expect(await ids(), `${step}: a dry run`).to.have.length(3);
      if (step === `clean ${p} --yes --json`) {
        expect(await ids(), step).to.deep.equal([]);
        expect((await ws.pipelineRow(p))?.head ?? null, `${step}: no head`).to.equal(null);
      }
    });
    expect(seen, 'every step ran').to.have.length(expected.steps.length);
    expect(actual.ids, 'four snapshots: three runs and the reset').to.have.length(4);
    // Every difference at once (the first one would hide the rest): the step, what differs, the first line that does.
    const differences: string[] = [];
    for (const [i, step] of expected.steps.entries())
      for (const key of ['command', 'code', 'stdout', 'stderr', 'latest', 'drop'] as const) {
        const lines = (v: unknown): string[] => (typeof v === 'string' ? v : JSON.stringify(v)).split('\n');
        const [want, got] = [lines(step[key]), lines(actual.steps[i]![key])];
        const line = want.findIndex((l, n) => l !== got[n]);
        if (line >= 0 || want.length !== got.length)
          differences.push(`step ${i + 1} (${step.command}) ${key}: line ${line + 1}: embedded ${want[line] ?? '(end)'}, team ${got[line] ?? '(end)'}`);
      }
    expect(differences.length, `the team session differs from the embedded one:\n${differences.join('\n')}\n`).to.equal(0);
  });
});
