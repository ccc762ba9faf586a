import { expect } from 'chai';
import Sqlite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import type { Container } from 'inversify';
import { createContainer } from '../../src/container/createContainer.js';
import { DefinitionLoader } from '../../src/definition/DefinitionLoader.js';
import type { PipelineDefinition } from '../../src/definition/PipelineDefinition.js';
import type { PublishContext, Sink } from '../../src/sinks/Sink.js';
import type { RowOrigin } from '../../src/snapshots/ChangeRecords.js';
import { TOKENS } from '../../src/tokens.js';
import { historyLaterScenario, historyPipeline, historyRepeatScenario, historyScenario, StepClock, version, type Version } from '../helpers/historyScenario.js';
import { manifest, publishContext } from '../helpers/publishContext.js';
import { RecordingLogger } from '../helpers/RecordingLogger.js';
import { sqliteHistory } from '../helpers/sinkTables.js';
import { TestWorkspace } from '../helpers/workspace.js';

const COLUMNS = ['id', 'description', 'timestamp', 'source_filename'];
const A = { ...manifest('20210301T000000000Z', 'run', null, 2), createdAt: '2021-03-01T00:00:00.000Z' };
const B = { ...manifest('20210302T000000000Z', 'run', A.id, 2), createdAt: '2021-03-02T00:00:00.000Z' };
const origin = (snapshot: string, file: string, line: number): RowOrigin => ({ snapshot, file, line });
describe('SqliteSink with history: true (through the container)', () => {
  let ws: TestWorkspace;
  let clock: StepClock;
  let container: Container;
  const file = () => ws.path('output', 'shop.sqlite');
  const read = async (): Promise<Version[]> => sqliteHistory(file(), 'shop');

  beforeEach(() => {
    ws = new TestWorkspace({ shop: historyPipeline({ type: 'sqlite' }) });
    clock = new StepClock();
    container = createContainer({ root: ws.root, logger: new RecordingLogger(), clock });
  });
  afterEach(() => ws.remove());

  it('should close and open versions as runs insert, update and change nothing, a reset moves back and a clean empties', async () => {
    await historyScenario({ ws, container, clock, read });
  });

  it('should start the history when it is turned on later: each current row from when its snapshot was made', async () => {
    await historyLaterScenario({ ws, container, clock, read }, { type: 'sqlite' });
  });

  it('should add nothing when the snapshot it shows is published again in full', async () => {
    await historyRepeatScenario({ ws, container, clock, read }, async () => {
      const db = new Sqlite(file());
      db.prepare('UPDATE shop_snapshots SET is_current = 0').run();
      db.close();
    });
  });

  describe('.publish()', () => {
    let definition: PipelineDefinition;
    let sink: Sink;
    beforeEach(async () => {
      definition = await container.get(DefinitionLoader).load('shop');
      sink = (await container.get(TOKENS.SinkFactory).create(definition))[0]!.sink;
    });
    const row = (id: string, description: string, file = 'a.csv') => [id, description, '2021-01-01', file];
    const withOrigins = (context: PublishContext, origins: RowOrigin[] | null): PublishContext => ({ ...context, origins: async () => origins });
    const first = (): PublishContext =>
      withOrigins(publishContext(definition, A, { columns: COLUMNS, rows: [row('x', 'x1'), row('y', 'y1')] }, undefined), [origin(A.id, 'a.csv', 2), origin(A.id, 'a.csv', 3)]);
    /** B after A: x changed, the run's rows alone with their origins. */
    const run = (): PublishContext => ({
      ...publishContext(definition, B, { columns: COLUMNS, rows: [row('x', 'x2', 'b.csv'), row('y', 'y1')] }, A.id, [A]),
      changes: { since: A.id, rows: [row('x', 'x2', 'b.csv')], origins: async () => [origin(B.id, 'b.csv', 7)] },
    });
    const afterRun = [
      version('x', 'x1', A.createdAt, B.createdAt, 'a.csv', 2),
      version('x', 'x2', B.createdAt, null, 'b.csv', 7),
      version('y', 'y1', A.createdAt, null, 'a.csv', 3),
    ];

    it('should write the changed rows as new versions, and nothing more when the same run is published again', async () => {
      await sink.publish(first());
      await sink.publish(run());
      expect(await read()).to.deep.equal(afterRun);
      await sink.publish(run());
      expect(await read()).to.deep.equal(afterRun);
    });

    it("should compare only the run's rows with the open versions when it shows the run's parent (a hand edit elsewhere stays)", async () => {
      await sink.publish(first());
      const db = new Sqlite(file());
      db.prepare(`UPDATE shop_history SET description = 'by hand' WHERE id = 'y'`).run();
      db.close();
      await sink.publish(run());
      expect(await read()).to.deep.equal([afterRun[0], afterRun[1], { ...afterRun[2], description: 'by hand' }]);
    });

    it('should leave source_file and source_line empty where the snapshot keeps no origin', async () => {
      await sink.publish(withOrigins(first(), null));
      expect(await read()).to.deep.equal([version('x', 'x1', A.createdAt, null, null, null), version('y', 'y1', A.createdAt, null, null, null)]);
    });

    it('should leave the history as it was when a publish fails half way', async () => {
      await sink.publish(first());
      const broken = { ...run(), changes: { since: A.id, rows: [row('x', 'x2'), ['', 'no key', '2021-01-01', 'b.csv']], origins: async () => null } };
      const failure = await sink.publish(broken).then(
        () => null,
        (err: unknown) => err as Error,
      );
      expect(failure?.message).to.contain('NOT NULL');
      expect(await read()).to.deep.equal([version('x', 'x1', A.createdAt, null, 'a.csv', 2), version('y', 'y1', A.createdAt, null, 'a.csv', 3)]);
    });

    it('should close every open version at a clean, even of a table that had more columns (an extra column kept)', async () => {
      const extra = ['id', 'description', 'timestamp', 'note', 'source_filename'];
      await sink.publish(withOrigins(publishContext(definition, A, { columns: extra, rows: [['x', 'x1', '2021-01-01', 'n', 'a.csv']] }, undefined), [origin(A.id, 'a.csv', 2)]));
      clock.set('2021-03-09T00:00:00.000Z');
      await sink.publish(publishContext(definition, null, { columns: COLUMNS, rows: [] }, A.id));
      expect(await read()).to.deep.equal([version('x', 'x1', A.createdAt, '2021-03-09T00:00:00.000Z', 'a.csv', 2)]);
      expect(await sink.published()).to.equal(null);
    });

    it('should refuse a history table made for other columns and keep its rows', async () => {
      mkdirSync(ws.path('output'), { recursive: true });
      const db = new Sqlite(file());
      db.exec('CREATE TABLE shop_history (id TEXT, note TEXT)');
      db.exec("INSERT INTO shop_history VALUES ('x', 'kept')");
      db.close();
      const failure = await sink.publish(first()).then(
        () => null,
        (err: unknown) => err as Error,
      );
      expect(failure?.message).to.equal(
        'table shop_history holds other columns than shop now has (the schema changed); its versions are kept: rename it (ALTER TABLE shop_history RENAME TO shop_history_old) or drop it, and the next publish starts a new one',
      );
      const kept = new Sqlite(file(), { readonly: true });
      expect(kept.prepare('SELECT * FROM shop_history').all()).to.deep.equal([{ id: 'x', note: 'kept' }]);
      kept.close();
    });
  });
});
