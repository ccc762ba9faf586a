import { expect } from 'chai';
import { DefinitionLoader } from '../../src/definition/DefinitionLoader.js';
import type { Container } from 'inversify';
import { createContainer } from '../../src/container/createContainer.js';
import type { PipelineDefinition } from '../../src/definition/PipelineDefinition.js';
import type { Sink } from '../../src/sinks/Sink.js';
import { TOKENS } from '../../src/tokens.js';
import { NEEDS_POSTGRES, query, startPostgres, uniqueSchema, type TestPostgres } from '../helpers/postgres.js';
import { describeNeeding } from '../helpers/requirement.js';
import { manifest, publishContext, TYPED_COLUMNS, typedRow } from '../helpers/publishContext.js';
import { postgresCurrent, postgresRows, TYPED_SCHEMA } from '../helpers/sinkTables.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';
import { RecordingLogger } from '../helpers/RecordingLogger.js';

const A = manifest('20210301T000000000Z', 'run', null, 1);
const T1 = '2021-03-01T10:00:00.000Z';
const T2 = '2021-03-02T10:00:00.000Z';

describeNeeding(NEEDS_POSTGRES, 'PostgresSink (through the container, against a real server)', () => {
  let server: TestPostgres;
  let ws: TestWorkspace;
  let schema: string;
  let definition: PipelineDefinition;
  let sink: Sink;
  const names = (): Promise<unknown[]> => postgresRows(server.url, `${schema}.shop`).then((rows) => rows.map((r) => [r.region, r.id, r.name, r.updated]));

  before(async () => (server = await startPostgres()));
  after(() => server?.stop());

  beforeEach(async () => {
    schema = uniqueSchema();
    const sinks = [{ type: 'postgres', options: { schema, batchRows: 2 } }];
    ws = new TestWorkspace({ shop: demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks }) });
    const container: Container = createContainer({ root: ws.root, logger: new RecordingLogger(), variables: { DATABASE_URL: server.url } });
    definition = await container.get(DefinitionLoader).load('shop');
    sink = (await container.get(TOKENS.SinkFactory).create(definition))[0]!.sink;
  });
  afterEach(async () => {
    ws.remove();
    await query(server.url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  describe('.publish()', () => {
    it('should create the schema and a typed table holding every row, sent in batches', async () => {
      const rows = [typedRow('eu', 1, 'Ann', T1), typedRow('eu', 2, '', T1), typedRow('us', 1, 'Quote "q", \u00e9', T1)];
      await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows }, undefined));
      const read = await postgresRows(server.url, `${schema}.shop`);
      expect(read[1]).to.deep.equal({ region: 'eu', id: '2', name: null, price: 1.5, active: true, born: '2000-01-01', updated: T1, source_filename: 'a.csv' });
      expect(read.map((r) => r.name)).to.deep.equal(['Ann', null, 'Quote "q", \u00e9']);
      const types = await query<{ column_name: string; data_type: string }>(
        server.url,
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'shop' ORDER BY ordinal_position`,
        [schema],
      );
      expect(types.map((t) => t.data_type)).to.deep.equal(['text', 'bigint', 'text', 'double precision', 'boolean', 'date', 'timestamp with time zone', 'text']);
      expect(await postgresCurrent(server.url, `${schema}.shop_snapshots`)).to.deep.equal([A.id]);
    });

    describe('when a run moves the table forward', () => {
      it('should not let an older row overwrite a newer one (the timestamp guard)', async () => {
        await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'new', T2)] }, undefined));
        const run = manifest('20210302T000000000Z', 'run', A.id, 1);
        await sink.publish(publishContext(definition, run, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'old', T1)] }, A.id, [A]));
        expect(await names()).to.deep.equal([['eu', '1', 'new', T2]]);
      });
    });

    describe('when a reset moves the table back', () => {
      it('should write the older row (no guard)', async () => {
        await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'new', T2)] }, undefined));
        const reset = manifest('20210302T000000000Z', 'reset', A.id, 1);
        await sink.publish(publishContext(definition, reset, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'old', T1)] }, A.id, [A]));
        expect(await names()).to.deep.equal([['eu', '1', 'old', T1]]);
        expect(await postgresCurrent(server.url, `${schema}.shop_snapshots`)).to.deep.equal([reset.id]);
      });
    });

    it('should leave the previous state in place when a publish fails half way', async () => {
      await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'Ann', T1)] }, undefined));
      const next = manifest('20210302T000000000Z', 'run', A.id, 2);
      const broken = { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'changed', T2), typedRow('eu', 2, 'bad', 'not a time')] };
      const failure = await sink.publish(publishContext(definition, next, broken, A.id, [A])).then(
        () => null,
        (err: unknown) => err as Error,
      );
      expect(failure?.message).to.contain('not a time');
      expect(await names()).to.deep.equal([['eu', '1', 'Ann', T1]]);
      expect(await sink.published()).to.equal(A.id);
    });

    it('should empty both tables when the pipeline was cleaned', async () => {
      await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'Ann', T1)] }, undefined));
      await sink.publish(publishContext(definition, null, { columns: TYPED_COLUMNS, rows: [] }, A.id));
      expect(await names()).to.deep.equal([]);
      expect(await query(server.url, `SELECT id FROM ${schema}.shop_snapshots`)).to.deep.equal([]);
      expect(await sink.published()).to.equal(null);
    });
  });

  describe('.published()', () => {
    it('should say undefined while the tables do not exist', async () => {
      expect(await sink.published()).to.equal(undefined);
    });
  });
});
