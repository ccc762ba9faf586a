import { expect } from 'chai';
import { existsSync, writeFileSync } from 'node:fs';
import type { Container } from 'inversify';
import { createContainer } from '../../src/container/createContainer.js';
import { DroplineError } from '../../src/errors/DroplineError.js';
import { PipelineHistory } from '../../src/runner/PipelineHistory.js';
import { PipelineRunner } from '../../src/runner/PipelineRunner.js';
import { SinkSync } from '../../src/runner/SinkSync.js';
import { PipelineContext } from '../../src/scope/PipelineContext.js';
import { PipelineSession } from '../../src/scope/PipelineSession.js';
import { PipelineStore } from '../../src/scope/PipelineStore.js';
import { StoreRecovery } from '../../src/scope/StoreRecovery.js';
import { BaseSink } from '../../src/sinks/BaseSink.js';
import type { PublishContext } from '../../src/sinks/Sink.js';
import { TOKENS } from '../../src/tokens.js';
import { atomicWrite } from '../../src/util/atomicWrite.js';
import { pipelineScope } from '../helpers/pipelineScope.js';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';
import { RecordingLogger } from '../helpers/RecordingLogger.js';

const HEADER = ['id', 'description', 'timestamp'];

/** A sink that keeps what it was given, and fails while `failing` is set. */
class FlakySink extends BaseSink {
  static failing = false;
  static written: PublishContext[] = [];
  protected async write(context: PublishContext): Promise<void> {
    if (FlakySink.failing) throw new Error('the sink is down');
    FlakySink.written.push(context);
  }
}

describe('openPipeline (through the container)', () => {
  let ws: TestWorkspace;
  let container: Container;
  const scope = () => pipelineScope(container, 'demo');
  const run = async () => (await (await scope()).get(PipelineRunner).run()).snapshot!;

  beforeEach(() => {
    ws = new TestWorkspace();
    container = createContainer({ root: ws.root, logger: new RecordingLogger() });
  });
  afterEach(() => ws.remove());

  describe('the scope', () => {
    it('should hold one definition, source and store for every service in it', async () => {
      const opened = await scope();
      expect(opened.get(PipelineContext).definition.name).to.equal('demo');
      expect(opened.get(PipelineRunner)).to.equal(opened.get(PipelineRunner));
      const session = opened.get(PipelineSession);
      expect(await session.openSource()).to.equal(await session.openSource());
    });

    it('should refuse a pipeline that does not exist with DEFINITION_NOT_FOUND', async () => {
      const err = await pipelineScope(container, 'nope').then(
        () => null,
        (e: unknown) => e as DroplineError,
      );
      expect(err).to.be.instanceOf(DroplineError);
      expect(err!.code).to.equal('DEFINITION_NOT_FOUND');
    });
  });

  describe('PipelineStore', () => {
    it("should answer for the scope's pipeline without being given its definition", async () => {
      ws.drop('a.csv', csv([HEADER, ['x', 'd', '2021-01-01'], ['y', 'e', '2021-01-02']]));
      const id = await run();
      const store = (await scope()).get(PipelineStore);
      const head = await store.head();
      expect(head?.id).to.equal(id);
      expect((await store.readTable(head!)).rows).to.have.length(2);
      expect((await store.readLedger(head)).map((e) => e.name)).to.deep.equal(['a.csv']);
    });

    it('should forget a pin when its snapshot is removed, and sweep the content no snapshot names', async () => {
      ws.drop('a.csv', csv([HEADER, ['x', 'd', '2021-01-01']]));
      const first = await run();
      ws.drop('b.csv', csv([HEADER, ['y', 'd', '2021-01-01']]));
      await run();
      const store = (await scope()).get(PipelineStore);
      await store.setPinned(first, true);
      expect([...(await store.pins())]).to.deep.equal([first]);
      const object = (await store.get(first)).latest.object;
      expect(existsSync(ws.path('snapshots', 'demo', object))).to.equal(true);
      await store.remove([first]);
      expect([...(await store.pins())]).to.deep.equal([]);
      expect(existsSync(ws.path('snapshots', 'demo', object))).to.equal(false);
    });
  });

  describe('StoreRecovery.recover()', () => {
    it('should restore latest.csv from the last snapshot when it was edited', async () => {
      ws.drop('a.csv', csv([HEADER, ['x', 'd', '2021-01-01']]));
      await run();
      const good = ws.read('output/latest.csv');
      writeFileSync(ws.path('output/latest.csv'), 'tampered\n');
      const opened = await scope();
      await opened.get(StoreRecovery).recover(await opened.get(PipelineSession).openSource());
      expect(ws.read('output/latest.csv')).to.equal(good);
    });

    it('should finish a clean a crash interrupted after its plan was written', async () => {
      ws.drop('a.csv', csv([HEADER, ['x', 'd', '2021-01-01']]));
      await run();
      const opened = await scope();
      const recovery = opened.get(StoreRecovery);
      const plan = await opened.get(PipelineHistory).planClean();
      await atomicWrite(recovery.markerPath(), JSON.stringify(plan) + '\n');
      await recovery.recover(await opened.get(PipelineSession).openSource());
      expect(await opened.get(PipelineStore).list()).to.deep.equal([]);
      expect(existsSync(recovery.markerPath())).to.equal(false);
      expect(ws.files('input/processing')).to.deep.equal(['a.csv']);
    });

    it('should delete a rejects file a run journaled but no snapshot names', async () => {
      const opened = await scope();
      ws.write('rejects/orphan.csv', 'line,code\n');
      await opened.get(PipelineStore).intendRejects(['rejects/orphan.csv']);
      await opened.get(StoreRecovery).recover(await opened.get(PipelineSession).openSource());
      expect(existsSync(ws.path('rejects/orphan.csv'))).to.equal(false);
    });
  });

  describe('SinkSync.sync()', () => {
    beforeEach(() => {
      ws.writeDefinition('demo', demoYaml({ sinks: [{ type: 'flaky' }] }));
      container.bind(TOKENS.SinkType).toConstantValue({ type: 'flaky', sink: FlakySink });
      FlakySink.failing = false;
      FlakySink.written = [];
    });

    it('should publish the newest snapshot to a sink a run could not reach, then find it current', async () => {
      ws.drop('a.csv', csv([HEADER, ['x', 'd', '2021-01-01']]));
      FlakySink.failing = true;
      const err = await run().then(
        () => null,
        (e: unknown) => e as DroplineError,
      );
      expect(err?.code).to.equal('SINK_FAILED');
      FlakySink.failing = false;
      const head = (await (await scope()).get(PipelineStore).head())!.id;
      const reports = await (await scope()).get(SinkSync).sync(0);
      expect(reports.map((r) => [r.action, r.snapshot])).to.deep.equal([['published', head]]);
      expect(FlakySink.written.at(-1)?.table.rows).to.have.length(1);
      const again = await (await scope()).get(SinkSync).sync(0);
      expect(again.map((r) => r.action)).to.deep.equal(['current']);
    });
  });
});
