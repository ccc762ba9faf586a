import { expect } from 'chai';
import type { Container } from 'inversify';
import { createContainer } from '../../src/container/createContainer.js';
import { DefinitionLoader } from '../../src/definition/DefinitionLoader.js';
import { TOKENS } from '../../src/tokens.js';
import { PipelineRunner } from '../../src/runner/PipelineRunner.js';
import { HISTORY_DROPS, historyLaterScenario, historyPipeline, historyRepeatScenario, historyScenario, StepClock, version, type Version } from '../helpers/historyScenario.js';
import { pipelineScope } from '../helpers/pipelineScope.js';
import { manifest, publishContext } from '../helpers/publishContext.js';
import { NEEDS_POSTGRES, query, startPostgres, uniqueSchema, type TestPostgres } from '../helpers/postgres.js';
import { RecordingLogger } from '../helpers/RecordingLogger.js';
import { describeNeeding } from '../helpers/requirement.js';
import { postgresHistory } from '../helpers/sinkTables.js';
import { TestWorkspace } from '../helpers/workspace.js';

describeNeeding(NEEDS_POSTGRES, 'PostgresSink with history: true (through the container, against a real server)', () => {
  let server: TestPostgres;
  let ws: TestWorkspace;
  let schema: string;
  let clock: StepClock;
  let container: Container;
  const sink = (): Record<string, unknown> => ({ type: 'postgres', options: { schema, batchRows: 2 } });
  const read = (): Promise<Version[]> => postgresHistory(server.url, `${schema}.shop`);

  before(async () => (server = await startPostgres()));
  after(() => server?.stop());

  beforeEach(() => {
    schema = uniqueSchema();
    ws = new TestWorkspace({ shop: historyPipeline(sink()) });
    clock = new StepClock();
    container = createContainer({ root: ws.root, logger: new RecordingLogger(), clock, variables: { DATABASE_URL: server.url } });
  });
  afterEach(async () => {
    ws.remove();
    await query(server.url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('should close and open versions as runs insert, update and change nothing, a reset moves back and a clean empties', async () => {
    await historyScenario({ ws, container, clock, read });
  });

  it('should start the history when it is turned on later: each current row from when its snapshot was made', async () => {
    await historyLaterScenario({ ws, container, clock, read }, sink());
  });

  it('should add nothing when the snapshot it shows is published again in full', async () => {
    await historyRepeatScenario({ ws, container, clock, read }, () => query(server.url, `UPDATE ${schema}.shop_snapshots SET is_current = false`).then(() => undefined));
  });

  it('should close every open version at a clean, even of a table that had more columns (an extra column kept)', async () => {
    const definition = await container.get(DefinitionLoader).load('shop');
    const sink = (await container.get(TOKENS.SinkFactory).create(definition))[0]!.sink;
    const a = { ...manifest('20210301T000000000Z', 'run', null, 1), createdAt: '2021-03-01T00:00:00.000Z' };
    const extra = { columns: ['id', 'description', 'timestamp', 'note', 'source_filename'], rows: [['x', 'x1', '2021-01-01', 'n', 'a.csv']] };
    await sink.publish({ ...publishContext(definition, a, extra, undefined), origins: async () => [{ snapshot: a.id, file: 'a.csv', line: 2 }] });
    clock.set('2021-03-09T00:00:00.000Z');
    await sink.publish(publishContext(definition, null, { columns: ['id', 'description', 'timestamp', 'source_filename'], rows: [] }, a.id));
    expect(await read()).to.deep.equal([version('x', 'x1', a.createdAt, '2021-03-09T00:00:00.000Z', 'a.csv', 2)]);
    expect(await sink.published()).to.equal(null);
  });

  it('should give the history table typed columns and keep at most one open version per key', async () => {
    ws.drop(...HISTORY_DROPS[0]!);
    await (await pipelineScope(container, 'shop')).get(PipelineRunner).run();
    const types = await query<{ column_name: string; data_type: string }>(
      server.url,
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'shop_history' ORDER BY ordinal_position`,
      [schema],
    );
    expect(types.map((t) => [t.column_name, t.data_type])).to.deep.equal([
      ['id', 'text'],
      ['description', 'text'],
      ['timestamp', 'date'],
      ['source_filename', 'text'],
      ['valid_from', 'timestamp with time zone'],
      ['valid_to', 'timestamp with time zone'],
      ['is_current', 'boolean'],
      ['source_file', 'text'],
      ['source_line', 'bigint'],
    ]);
    const second = await query(server.url, `INSERT INTO ${schema}.shop_history (id, valid_from, is_current) VALUES ('x', now(), true)`).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(second?.message).to.contain('shop_history_current');
  });
});
