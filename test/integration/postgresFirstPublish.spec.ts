import { expect } from 'chai';
import { createContainer } from '../../src/container/createContainer.js';
import { DefinitionLoader } from '../../src/definition/DefinitionLoader.js';
import type { PipelineDefinition } from '../../src/definition/PipelineDefinition.js';
import type { Sink } from '../../src/sinks/Sink.js';
import { POSTGRES_SHAPE_QUERY } from '../../src/sinks/postgresStatements.js';
import { TOKENS } from '../../src/tokens.js';
import { NEEDS_POSTGRES, query, startPostgres, uniqueSchema, type TestPostgres } from '../helpers/postgres.js';
import { manifest, publishContext, TYPED_COLUMNS, typedRow } from '../helpers/publishContext.js';
import { RecordingLogger } from '../helpers/RecordingLogger.js';
import { describeNeeding } from '../helpers/requirement.js';
import { postgresRows, TYPED_SCHEMA } from '../helpers/sinkTables.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

const A = manifest('20210301T000000000Z', 'run', null, 3);
const B = manifest('20210302T000000000Z', 'run', A.id, 3);
const T1 = '2021-03-01T10:00:00.000Z';
const T2 = '2021-03-02T10:00:00.000Z';
const ROWS = [typedRow('eu', 1, 'Ann, "the first"', T1), typedRow('eu', 2, '', T1), typedRow('us', 1, 'tab\there \\N \u00e9', T1)];
const NEXT = [typedRow('eu', 1, 'Ann again', T2), ROWS[1]!, ROWS[2]!];

describeNeeding(NEEDS_POSTGRES, 'PostgresSink: the first publish, into a table it creates', () => {
  let server: TestPostgres;
  let ws: TestWorkspace;
  let schema: string;
  let definition: PipelineDefinition;
  let sink: Sink;
  const table = () => `${schema}.shop`;
  /** The table's rows, shape (with its key) and primary key constraint. */
  const read = async () => ({
    rows: await postgresRows(server.url, table()),
    shape: await query(server.url, POSTGRES_SHAPE_QUERY, [table()]),
    key: await query(server.url, `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = to_regclass($1) AND contype = 'p'`, [table()]),
  });
  const publish = async (rows: string[][]) => sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows }, undefined));
  const run = async () => sink.publish({ ...publishContext(definition, B, { columns: TYPED_COLUMNS, rows: NEXT }, A.id, [A]), changes: { since: A.id, rows: [NEXT[0]!] } });

  before(async () => (server = await startPostgres()));
  after(() => server?.stop());
  beforeEach(async () => {
    schema = uniqueSchema();
    ws = new TestWorkspace({ shop: demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'postgres', options: { schema } }] }) });
    const container = createContainer({ root: ws.root, logger: new RecordingLogger(), variables: { DATABASE_URL: server.url } });
    definition = await container.get(DefinitionLoader).load('shop');
    sink = (await container.get(TOKENS.SinkFactory).create(definition))[0]!.sink;
  });
  afterEach(async () => {
    ws.remove();
    await query(server.url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('should leave the same rows, columns and primary key as a publish into the table standing empty, and take a run after it alike', async () => {
    await publish(ROWS);
    const created = await read();
    await run();
    const afterRun = await read();
    await query(server.url, `DELETE FROM ${table()}`); // the table stands, empty: loaded with its key in place
    await publish(ROWS);
    expect(await read()).to.deep.equal(created);
    await run();
    expect(await read()).to.deep.equal(afterRun);
    expect(created.rows).to.have.length(3);
    expect(created.key).to.deep.equal([{ conname: 'shop_pkey', def: 'PRIMARY KEY (region, id)' }]);
    expect(afterRun.rows.map((r) => r.name)).to.deep.equal(['Ann again', null, 'tab\there \\N \u00e9']);
  });

  it('should fill its pages 90% full, leaving room to update rows in place', async () => {
    await publish(ROWS);
    expect(await query(server.url, `SELECT reloptions FROM pg_class WHERE oid = to_regclass($1)`, [table()])).to.deep.equal([{ reloptions: ['fillfactor=90'] }]);
  });

  it('should fail and leave no table when its key cannot be built (a key twice)', async () => {
    const failure = await publish([ROWS[0]!, ROWS[1]!, typedRow('eu', 1, 'Ann twice', T2)]).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(failure?.message).to.match(/could not create unique index|duplicate key/);
    expect(await query(server.url, `SELECT to_regclass($1) AS t`, [table()])).to.deep.equal([{ t: null }]);
    expect(await sink.published()).to.equal(undefined);
  });
});
