import { expect } from 'chai';
import { DefinitionLoader } from '../../src/definition/DefinitionLoader.js';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Container } from 'inversify';
import { createContainer } from '../../src/container/createContainer.js';
import { TOKENS } from '../../src/tokens.js';
import { PipelineHistory } from '../../src/runner/PipelineHistory.js';
import { PipelineRunner } from '../../src/runner/PipelineRunner.js';
import { PipelineStore } from '../../src/scope/PipelineStore.js';
import { pipelineScope } from '../helpers/pipelineScope.js';
import { DroplineError, ExitCode } from '../../src/errors/DroplineError.js';
import { BaseSink } from '../../src/sinks/BaseSink.js';
import type { PublishContext } from '../../src/sinks/Sink.js';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';
import { RecordingLogger } from '../helpers/RecordingLogger.js';
import { DirectorySource } from '../../src/sources/DirectorySource.js';
import type { SourceInput, WaitingInput } from '../../src/sources/Source.js';

describe('PipelineRunner (through the container)', () => {
  let ws: TestWorkspace;
  let container: Container;
  beforeEach(() => {
    ws = new TestWorkspace();
    container = createContainer({ root: ws.root, logger: new RecordingLogger() });
  });
  afterEach(() => ws.remove());

  describe('.run()', () => {
    it('should record the ingested files with their SHA-256 in the snapshot manifest', async () => {
      ws.drop(
        'a.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['x', 'd', '2021-01-01'],
        ]),
      );
      const summary = await (await pipelineScope(container, 'demo')).get(PipelineRunner).run();
      const definition = await container.get(DefinitionLoader).load('demo');
      const store = container.get(TOKENS.SnapshotStore).open(definition);
      const manifest = await store.get(summary.snapshot!);
      expect(manifest.files).to.have.length(1);
      expect(manifest.files[0]).to.deep.include({ name: 'a.csv', rows: 1 });
      expect(manifest.files[0]!.sha256).to.match(/^[0-9a-f]{64}$/);
      expect(manifest.latest.rows).to.equal(1);
    });

    it('should restore latest.csv from the last snapshot when it was deleted or edited', async () => {
      ws.drop(
        'a.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['x', 'd', '2021-01-01'],
        ]),
      );
      const run = async () => (await pipelineScope(container, 'demo')).get(PipelineRunner).run();
      await run();
      const good = ws.read('output/latest.csv');
      writeFileSync(ws.path('output/latest.csv'), 'tampered\n');
      await run();
      expect(ws.read('output/latest.csv')).to.equal(good);
      rmSync(ws.path('output/latest.csv'));
      await run();
      expect(readFileSync(ws.path('output/latest.csv'), 'utf8')).to.equal(good);
    });

    it('should skip a file whose content was already ingested, and archive it', async () => {
      const content = csv([
        ['id', 'description', 'timestamp'],
        ['x', 'd', '2021-01-01'],
      ]);
      ws.drop('a.csv', content);
      const run = async () => (await pipelineScope(container, 'demo')).get(PipelineRunner).run();
      await run();
      ws.drop('a-again.csv', content);
      const summary = await run();
      expect(summary.files).to.deep.equal({ processed: 0, quarantined: 0, skipped: 1, waiting: [], ignored: [] });
      expect(summary.snapshot).to.equal(null);
      expect(ws.files('input/processing')).to.deep.equal([]);
      expect(ws.files('input/processed')).to.deep.equal(['a-again.csv', 'a.csv']);
    });
  });

  describe('.run() with a source that finishes its acknowledgements', () => {
    class FinishingSource extends DirectorySource {
      static calls: string[] = [];
      override async acknowledge(inputs: SourceInput[]): Promise<WaitingInput[]> {
        FinishingSource.calls.push(`acknowledge ${inputs.map((i) => i.name).join(' ')}`);
        return super.acknowledge(inputs);
      }
      override async finishAcknowledging(): Promise<void> {
        FinishingSource.calls.push('finish');
        await super.finishAcknowledging();
      }
    }
    const header = ['id', 'description', 'timestamp'];

    it('should call finishAcknowledging once, after every input is acknowledged', async () => {
      FinishingSource.calls = [];
      ws.writeDefinition('demo', demoYaml({ source: { type: 'finishing' } }));
      container.bind(TOKENS.SourceType).toConstantValue({ type: 'finishing', source: FinishingSource });
      ws.drop('a.csv', csv([header, ['x', 'd', '2021-01-01']]));
      ws.drop('b.csv', csv([header, ['y', 'd', '2021-01-01']]));
      await (await pipelineScope(container, 'demo')).get(PipelineRunner).run();
      expect(FinishingSource.calls).to.deep.equal(['acknowledge a.csv', 'acknowledge b.csv', 'finish']);
      expect(ws.files('input/processed')).to.deep.equal(['a.csv', 'b.csv']);
    });
  });

  describe('.run() with a sink', () => {
    class RecordingSink extends BaseSink {
      static contexts: PublishContext[] = [];
      protected async write(context: PublishContext): Promise<void> {
        RecordingSink.contexts.push(context);
      }
    }
    const header = ['id', 'description', 'timestamp'];

    it('should hand the sink the rows the run inserted or updated, since the snapshot it shows', async () => {
      RecordingSink.contexts = [];
      ws.writeDefinition('demo', demoYaml({ sinks: [{ type: 'recording' }] }));
      container.bind(TOKENS.SinkType).toConstantValue({ type: 'recording', sink: RecordingSink });
      const run = async () => (await pipelineScope(container, 'demo')).get(PipelineRunner).run();
      ws.drop('a.csv', csv([header, ['x', 'd', '2021-01-01'], ['y', 'd', '2021-01-01']]));
      const first = (await run()).snapshot!;
      ws.drop('b.csv', csv([header, ['x', 'newer', '2021-01-02'], ['y', 'older', '2020-12-31'], ['z', 'new', '2021-01-01']]));
      const second = (await run()).snapshot!;
      expect(RecordingSink.contexts[0]!.changes).to.equal(undefined);
      const { origins, ...changes } = RecordingSink.contexts[1]!.changes!;
      expect(changes).to.deep.equal({
        since: first,
        rows: [
          ['x', 'newer', '2021-01-02', 'b.csv'],
          ['z', 'new', '2021-01-01', 'b.csv'],
        ],
      });
      // Where those rows came from (for a sink keeping history), read from the run's changeset when asked.
      expect(await origins!()).to.deep.equal([
        { snapshot: second, file: 'b.csv', line: 2 },
        { snapshot: second, file: 'b.csv', line: 4 },
      ]);
      expect(await RecordingSink.contexts[1]!.origins!()).to.deep.equal([
        { snapshot: second, file: 'b.csv', line: 2 },
        { snapshot: first, file: 'a.csv', line: 3 },
        { snapshot: second, file: 'b.csv', line: 4 },
      ]);
      expect(RecordingSink.contexts[1]!.table.rows).to.have.length(3);
    });
  });

  describe('PipelineHistory.reset()', () => {
    it('should say the reset snapshot is committed (exit 5) when writing latest.csv fails after its manifest', async () => {
      ws.drop(
        'a.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['x', 'd', '2021-01-01'],
        ]),
      );
      const first = (await (await pipelineScope(container, 'demo')).get(PipelineRunner).run()).snapshot!;
      ws.drop(
        'b.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['y', 'd', '2021-01-01'],
        ]),
      );
      await (await pipelineScope(container, 'demo')).get(PipelineRunner).run();
      // The manifest is written, then latest.csv cannot be (a full disk, a permission).
      const scope = await pipelineScope(container, 'demo');
      const store = scope.get(PipelineStore);
      const commitReset = store.commitReset.bind(store);
      store.commitReset = async (...args) => {
        await commitReset(...args);
        throw new Error('ENOSPC: no space left on device');
      };
      const err = await scope
        .get(PipelineHistory)
        .reset(first, { reprocess: false, wait: 0 })
        .then(
          () => null,
          (e: unknown) => e as DroplineError,
        );
      expect(err).to.be.instanceOf(DroplineError);
      expect(err!.exitCode).to.equal(ExitCode.COMMITTED_THEN_FAILED);
      expect(err!.message).to.contain('is committed');
    });
  });
});
