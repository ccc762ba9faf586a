import { expect } from 'chai';
import Sqlite from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { createContainer } from '../../src/container/createContainer.js';
import { DefinitionLoader } from '../../src/definition/DefinitionLoader.js';
import type { PipelineDefinition } from '../../src/definition/PipelineDefinition.js';
import type { Sink } from '../../src/sinks/Sink.js';
import { TOKENS } from '../../src/tokens.js';
import { manifest, publishContext, TYPED_COLUMNS, typedRow } from '../helpers/publishContext.js';
import { RecordingLogger } from '../helpers/RecordingLogger.js';
import { TYPED_SCHEMA } from '../helpers/sinkTables.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

const A = manifest('20210301T000000000Z', 'run', null, 3);
const B = manifest('20210302T000000000Z', 'run', A.id, 3);
const T1 = '2021-03-01T10:00:00.000Z';
const T2 = '2021-03-02T10:00:00.000Z';
const ROWS = [typedRow('eu', 1, 'Ann, "the first"', T1), typedRow('eu', 2, '', T1), typedRow('us', 1, 'line\nbreak \u00e9', T1)];
const NEXT = [typedRow('eu', 1, 'Ann again', T2), ROWS[1]!, ROWS[2]!];

/** Everything a test compares in a sink's file: its schema, each table's rows (in key order), journal mode and page size. */
function contents(file: string): Record<string, unknown> {
  const db = new Sqlite(file, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      schema: all(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name`),
      table: all(`SELECT * FROM shop ORDER BY region, id`),
      snapshots: all(`SELECT id, created_at, kind, parent, "rows", files, manifest, is_current FROM shop_snapshots ORDER BY id`),
      history: all(`SELECT * FROM shop_history ORDER BY region, id, valid_from`),
      journal: db.pragma('journal_mode', { simple: true }),
      pageSize: db.pragma('page_size', { simple: true }),
    };
  } finally {
    db.close();
  }
}

describe('SqliteSink: the first publish, into a file not there yet', () => {
  let ws: TestWorkspace;
  let definition: PipelineDefinition;
  let sink: Sink;
  const file = () => ws.path('output', 'shop.sqlite');
  const publishBoth = async (): Promise<void> => {
    await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: ROWS }, undefined));
    await sink.publish({ ...publishContext(definition, B, { columns: TYPED_COLUMNS, rows: NEXT }, A.id, [A]), changes: { since: A.id, rows: [NEXT[0]!] } });
  };

  beforeEach(async () => {
    ws = new TestWorkspace({ shop: demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'sqlite', history: true }] }) });
    const container = createContainer({ root: ws.root, logger: new RecordingLogger() });
    definition = await container.get(DefinitionLoader).load('shop');
    sink = (await container.get(TOKENS.SinkFactory).create(definition))[0]!.sink;
  });
  afterEach(() => ws.remove());

  it('should leave the same tables, in WAL mode, as a first publish into an existing empty file, and take a run after it alike', async () => {
    await publishBoth();
    const built = contents(file());
    ws.remove();
    ws = new TestWorkspace({ shop: demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'sqlite', history: true }] }) });
    const container = createContainer({ root: ws.root, logger: new RecordingLogger() });
    definition = await container.get(DefinitionLoader).load('shop');
    sink = (await container.get(TOKENS.SinkFactory).create(definition))[0]!.sink;
    ws.write('output/shop.sqlite', ''); // the file exists: published into in place
    await publishBoth();
    expect(contents(file())).to.deep.equal(built);
    expect(built).to.include({ journal: 'wal', pageSize: 32768 });
    expect((built.table as unknown[]).length).to.equal(3);
    expect(await sink.published()).to.equal(B.id);
  });

  it('should leave an existing file its own page size', async () => {
    ws.write('output/shop.sqlite', '');
    const old = new Sqlite(file());
    old.pragma('page_size = 4096');
    old.exec('CREATE TABLE other (x)');
    old.close();
    await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: ROWS }, undefined));
    const read = contents(file());
    expect(read.pageSize).to.equal(4096);
    expect(read.table).to.have.length(3);
    expect((read.schema as { name: string }[]).map((t) => t.name)).to.include('other');
  });

  it('should leave no file, and no temporary one, when it fails half way', async () => {
    const failure = await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: [ROWS[0]!, typedRow('', 3, 'no region', T1)] }, undefined)).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(failure).to.be.instanceOf(Error);
    expect(readdirSync(ws.path('output'))).to.deep.equal([]);
    expect(await sink.published()).to.equal(undefined);
  });
});
