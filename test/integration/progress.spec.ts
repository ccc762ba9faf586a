import { expect } from 'chai';
import { DropGenerator } from '../../src/generate/DropGenerator.js';
import { DefinitionLoader } from '../../src/definition/DefinitionLoader.js';
import type { Container } from 'inversify';
import { createContainer } from '../../src/container/createContainer.js';
import type { ProgressEvent } from '../../src/util/ProgressHook.js';
import { PipelineHistory } from '../../src/runner/PipelineHistory.js';
import { PipelineRunner } from '../../src/runner/PipelineRunner.js';
import { pipelineScope } from '../helpers/pipelineScope.js';
import { TYPED_DROPS, TYPED_SCHEMA } from '../helpers/sinkTables.js';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';
import { RecordingLogger } from '../helpers/RecordingLogger.js';

/** Each phase once, in order, with the last event it reported. */
function phases(events: ProgressEvent[]): [string, Omit<ProgressEvent, 'pipeline' | 'phase'>][] {
  const last = new Map<string, ProgressEvent>();
  for (const e of events) last.set(e.phase, e);
  return [...last.values()].map(({ pipeline: _p, phase, ...rest }) => [phase, rest]);
}

describe('progress (through the container)', () => {
  let ws: TestWorkspace;
  let container: Container;
  let events: ProgressEvent[];
  /** A workspace of these pipelines, its container telling `events` every progress event. */
  function workspace(pipelines: Record<string, Record<string, unknown>>): void {
    ws = new TestWorkspace(pipelines);
    events = [];
    const progress = { onProgress: (e: ProgressEvent) => void events.push(e) };
    container = createContainer({ root: ws.root, logger: new RecordingLogger(), progress });
  }
  beforeEach(() => workspace({ demo: demoYaml() }));
  afterEach(() => ws.remove());

  it("should report a run's read, merge, write and archive phases, each ending complete", async () => {
    ws.drop('a.csv', csv([['id', 'description', 'timestamp'], ...Array.from({ length: 25_000 }, (_, i) => [`k${i % 20_000}`, 'd', '2021-01-01'])]));
    ws.drop(
      'b.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['z', 'd', '2021-01-02'],
      ]),
    );
    await (await pipelineScope(container, 'demo')).get(PipelineRunner).run({ engine: 'reference' });
    expect(events.every((e) => e.pipeline === 'demo')).to.equal(true);
    expect(phases(events)).to.deep.equal([
      ['read', { done: 2, total: 2, unit: 'files', rows: 25_001 }],
      ['merge', { done: 0, total: null, unit: 'rows', rows: 25_001 }],
      ['write', { done: 20_001, total: 20_001, unit: 'rows' }],
      ['archive', { done: 2, total: 2, unit: 'files' }],
    ]);
    // Within the big file, rows are reported every 10,000.
    expect(events.filter((e) => e.phase === 'read').map((e) => [e.done, e.rows])).to.deep.equal([
      [0, undefined],
      [0, 10_000],
      [0, 20_000],
      [1, 25_000],
      [2, 25_001],
    ]);
  });

  it('should report reading file by file under the byte engine, which scans a file whole', async () => {
    ws.drop('a.csv', csv([['id', 'description', 'timestamp'], ...Array.from({ length: 25_000 }, (_, i) => [`k${i % 20_000}`, 'd', '2021-01-01'])]));
    ws.drop(
      'b.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['z', 'd', '2021-01-02'],
      ]),
    );
    // auto asked for, so DROPLINE_ENGINE=reference (npm run test:reference) does not turn this into a reference run.
    const summary = await (await pipelineScope(container, 'demo')).get(PipelineRunner).run({ engine: 'auto' });
    expect(summary.engine).to.equal('bytes');
    expect(events.filter((e) => e.phase === 'read').map((e) => [e.done, e.rows])).to.deep.equal([
      [0, undefined],
      [1, 25_000],
      [2, 25_001],
    ]);
    expect(phases(events).map(([phase]) => phase)).to.deep.equal(['read', 'merge', 'write', 'archive']);
  });

  it('should report publishing to sinks, resetting and cleaning', async () => {
    ws.remove();
    workspace({ shop: demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'sqlite' }] }) });
    ws.drop(...TYPED_DROPS[0]!);
    const first = (await (await pipelineScope(container, 'shop')).get(PipelineRunner).run()).snapshot!;
    expect(phases(events).map(([p]) => p)).to.deep.equal(['read', 'merge', 'write', 'archive', 'publish']);
    expect(phases(events).at(-1)).to.deep.equal(['publish', { done: 1, total: 1, unit: 'sinks', rows: 3 }]);
    events.length = 0;
    await (await pipelineScope(container, 'shop')).get(PipelineHistory).reset(first, { reprocess: true, wait: 0 });
    expect(phases(events)).to.deep.equal([
      ['write', { done: 3, total: 3, unit: 'rows' }],
      ['publish', { done: 1, total: 1, unit: 'sinks', rows: 3 }],
    ]);
    events.length = 0;
    await (await pipelineScope(container, 'shop')).get(PipelineHistory).clean(0);
    expect(phases(events)).to.deep.equal([
      ['remove', { done: 2, total: 2, unit: 'snapshots' }],
      ['requeue', { done: 1, total: 1, unit: 'files' }],
      ['publish', { done: 1, total: 1, unit: 'sinks', rows: 0 }],
    ]);
  });

  it('should report generating rows and writing files', async () => {
    const definition = await container.get(DefinitionLoader).load('demo');
    await container.get(DropGenerator).generate(definition, ws.path('input', 'processing'), { rows: 25_000, files: 3, ids: 10, seed: 1, start: '2021-01-01', end: '2021-02-01' });
    expect(events.filter((e) => e.phase === 'generate').map((e) => e.done)).to.deep.equal([0, 10_000, 20_000, 25_000]);
    expect(phases(events)).to.deep.equal([
      ['generate', { done: 25_000, total: 25_000, unit: 'rows' }],
      ['write', { done: 3, total: 3, unit: 'files' }],
    ]);
  });
});
