import { expect } from 'chai';
import { DefinitionLoader } from '../../src/definition/DefinitionLoader.js';
import Sqlite from 'better-sqlite3';
import type { Container } from 'inversify';
import { createContainer } from '../../src/container/createContainer.js';
import type { PipelineDefinition } from '../../src/definition/PipelineDefinition.js';
import { DroplineError } from '../../src/errors/DroplineError.js';
import { BaseSink } from '../../src/sinks/BaseSink.js';
import type { PublishContext, Sink } from '../../src/sinks/Sink.js';
import { TOKENS } from '../../src/tokens.js';
import { manifest, publishContext, TYPED_COLUMNS, typedRow } from '../helpers/publishContext.js';
import { sqliteRows, TYPED_SCHEMA } from '../helpers/sinkTables.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';
import { RecordingLogger } from '../helpers/RecordingLogger.js';

const A = manifest('20210301T000000000Z', 'run', null, 2);
const B = manifest('20210302T000000000Z', 'run', A.id, 2);
const T1 = '2021-03-01T10:00:00.000Z';
const T2 = '2021-03-02T10:00:00.000Z';

describe('SqliteSink (through the container)', () => {
  let ws: TestWorkspace;
  let container: Container;
  let definition: PipelineDefinition;
  let sink: Sink;
  const file = () => ws.path('output', 'shop.sqlite');

  beforeEach(async () => {
    ws = new TestWorkspace({ shop: demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'sqlite' }] }) });
    container = createContainer({ root: ws.root, logger: new RecordingLogger() });
    definition = await container.get(DefinitionLoader).load('shop');
    sink = (await container.get(TOKENS.SinkFactory).create(definition))[0]!.sink;
  });
  afterEach(() => ws.remove());

  describe('.publish()', () => {
    it('should create a table with typed columns and the composite key as primary key', async () => {
      await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'Ann', T1)] }, undefined));
      const db = new Sqlite(file(), { readonly: true });
      const info = db.pragma('table_info(shop)') as { name: string; type: string; pk: number }[];
      db.close();
      expect(info.map((c) => [c.name, c.type, c.pk])).to.deep.equal([
        ['region', 'TEXT', 1],
        ['id', 'INTEGER', 2],
        ['name', 'TEXT', 0],
        ['price', 'REAL', 0],
        ['active', 'INTEGER', 0],
        ['born', 'TEXT', 0],
        ['updated', 'TEXT', 0],
        ['source_filename', 'TEXT', 0],
      ]);
      expect(sqliteRows(file(), 'shop')).to.deep.equal([{ region: 'eu', id: 1, name: 'Ann', price: 1.5, active: 1, born: '2000-01-01', updated: T1, source_filename: 'a.csv' }]);
    });

    it('should update changed rows, insert new keys and delete vanished ones in one publish', async () => {
      await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'Ann', T1), typedRow('eu', 2, 'Bob', T1)] }, undefined));
      await sink.publish(publishContext(definition, B, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'Ann 2', T2), typedRow('us', 1, 'Cy', T2)] }, A.id, [A]));
      expect(sqliteRows(file(), 'shop').map((r) => [r.region, r.id, r.name])).to.deep.equal([
        ['eu', 1, 'Ann 2'],
        ['us', 1, 'Cy'],
      ]);
      expect(await sink.published()).to.equal(B.id);
    });

    it('should leave the previous state in place when a publish fails half way', async () => {
      await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'Ann', T1)] }, undefined));
      const broken = { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'changed', T2), typedRow('', 2, 'no key', T2)] };
      const failure = await sink.publish(publishContext(definition, B, broken, A.id, [A])).then(
        () => null,
        (err: unknown) => err as Error,
      );
      expect(failure?.message).to.contain('NOT NULL');
      expect(sqliteRows(file(), 'shop').map((r) => r.name)).to.deep.equal(['Ann']);
      expect(await sink.published()).to.equal(A.id);
    });

    it('should recreate the table when its columns change (an extra column kept)', async () => {
      await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'Ann', T1)] }, undefined));
      const columns = [...TYPED_COLUMNS.slice(0, -1), 'note', 'source_filename'];
      const row = typedRow('eu', 1, 'Ann', T2);
      await sink.publish(publishContext(definition, B, { columns, rows: [[...row.slice(0, -1), 'hello', 'b.csv']] }, A.id, [A]));
      expect(sqliteRows(file(), 'shop')[0]).to.deep.include({ note: 'hello', source_filename: 'b.csv' });
    });

    it('should empty both tables when the pipeline was cleaned', async () => {
      await sink.publish(publishContext(definition, A, { columns: TYPED_COLUMNS, rows: [typedRow('eu', 1, 'Ann', T1)] }, undefined));
      await sink.publish(publishContext(definition, null, { columns: TYPED_COLUMNS, rows: [] }, A.id));
      expect(sqliteRows(file(), 'shop')).to.deep.equal([]);
      expect(await sink.published()).to.equal(null);
    });
  });

  describe('.published()', () => {
    it('should say undefined before the first publish', async () => {
      expect(await sink.published()).to.equal(undefined);
    });
  });
});

class MemorySink extends BaseSink {
  static published: PublishContext[] = [];
  protected async write(context: PublishContext): Promise<void> {
    MemorySink.published.push(context);
  }
}

describe('SinkRegistry (through the container)', () => {
  let ws: TestWorkspace;
  afterEach(() => ws.remove());

  async function create(sinks: unknown[], bind?: (c: Container) => void) {
    ws = new TestWorkspace({ shop: demoYaml({ name: 'shop', sinks }) });
    const container = createContainer({ root: ws.root, logger: new RecordingLogger() });
    bind?.(container);
    const definition = await container.get(DefinitionLoader).load('shop');
    return { definition, sinks: await container.get(TOKENS.SinkFactory).create(definition) };
  }

  describe('.create()', () => {
    it('should build a type a plug-in binds under TOKENS.SinkType, remembering what it published', async () => {
      MemorySink.published = [];
      const { definition, sinks } = await create([{ type: 'memory' }], (c) => c.bind(TOKENS.SinkType).toConstantValue({ type: 'memory', sink: MemorySink }));
      const sink = sinks[0]!.sink;
      expect(await sink.published()).to.equal(undefined);
      await sink.publish(publishContext(definition, A, { columns: ['id'], rows: [] }, undefined));
      expect(MemorySink.published.at(-1)?.snapshot?.id).to.equal(A.id);
      expect(await sink.published()).to.equal(A.id);
    });

    const refused: [string, unknown[], string][] = [
      ['an unknown type', [{ type: 'sqlit' }], 'pipelines/shop.yaml: sinks[0].type "sqlit" is not known; did you mean "sqlite"?'],
      ['an unknown option', [{ type: 'sqlite', options: { pth: 'x.sqlite' } }], 'sinks[0].options.pth is not an option of this type; did you mean "path"?'],
      ['a path outside the workspace', [{ type: 'sqlite', options: { path: '../x.sqlite' } }], 'sinks[0].options.path "../x.sqlite" points outside the workspace'],
      [
        'a postgres sink whose URL variable is not set',
        [{ type: 'postgres', options: { urlEnv: 'DROPLINE_TEST_UNSET' } }],
        'sinks[0].options.urlEnv names DROPLINE_TEST_UNSET, which is not set',
      ],
      ['a URL that is not postgres', [{ type: 'postgres', options: { url: 'mysql://h/db' } }], 'sinks[0].options.url "mysql://h/db" is not a postgres:// URL'],
      ['a table name that needs quoting', [{ type: 'sqlite', options: { table: 'my table' } }], 'sinks[0].options.table "my table" must be letters, digits and "_"'],
    ];
    for (const [when, sinks, message] of refused) {
      describe(`when a definition lists ${when}`, () => {
        it('should refuse it before anything changes, naming the key', async () => {
          const err = await create(sinks).then(
            () => null,
            (e: unknown) => e as DroplineError,
          );
          expect(err).to.be.instanceOf(DroplineError);
          expect(err!.code).to.equal('DEFINITION_INVALID');
          expect(err!.message).to.contain(message);
        });
      });
    }
  });
});
