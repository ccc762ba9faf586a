import { expect } from 'chai';
import Sqlite from 'better-sqlite3';
import { createContainer } from '../../src/container/createContainer.js';
import { DefinitionLoader } from '../../src/definition/DefinitionLoader.js';
import type { PipelineDefinition } from '../../src/definition/PipelineDefinition.js';
import type { PublishChanges, Sink } from '../../src/sinks/Sink.js';
import { TOKENS } from '../../src/tokens.js';
import { NEEDS_POSTGRES, query, startPostgres, uniqueSchema, type TestPostgres } from '../helpers/postgres.js';
import { manifest, publishContext, TYPED_COLUMNS, typedRow } from '../helpers/publishContext.js';
import { RecordingLogger } from '../helpers/RecordingLogger.js';
import type { Requirement } from '../helpers/requirement.js';
import { describeNeeding } from '../helpers/requirement.js';
import { asPostgres, asSqlite, postgresRows, sqliteRows, TYPED_SCHEMA } from '../helpers/sinkTables.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

const A = manifest('20210301T000000000Z', 'run', null, 5);
const B = manifest('20210302T000000000Z', 'run', A.id, 5);
const T1 = '2021-03-01T10:00:00.000Z';
const T2 = '2021-03-02T10:00:00.000Z';

/** Values every way of writing must land as they are: NULLs, COPY's and CSV's special signs, unicode, numbers at their edges. */
const TRICKY: string[][] = [
  ['eu', '1', 'tab\there, comma, "quote"', '1e21', 'true', '2000-02-29', T2, 'a.csv'],
  ['eu', '2', '', '', 'false', '', T2, 'a.csv'],
  ['eu', '3', 'line\nbreak\r\nback\\slash \\N', '-3', 'false', '1985-12-31', '2021-03-02T23:59:59.999Z', 'b, "c".csv'],
  ['us', '4', 'NULL', '0.1', 'true', '1990-01-02', T2, ''],
  ['us', '9007199254740991', '\u00c9mile \u65e5\u672c \ud83c\udf89', '2.25', 'true', '2000-01-01', T2, 'c.csv'],
];
/** The same keys, plain, as an earlier snapshot showed them. */
const PLAIN = TRICKY.map((r) => typedRow(r[0]!, Number(r[1]), 'plain', T1));
const records = (rows: string[][]) => rows.map((r) => Object.fromEntries(TYPED_COLUMNS.map((c, i) => [c, r[i]!])));

/** A sink under test, its table read back as `expected` describes rows, and a hand edit of one row's name. */
interface Opened {
  sink: Sink;
  definition: PipelineDefinition;
  read(): Promise<Record<string, unknown>[]>;
  expected(rows: string[][]): Record<string, unknown>[];
  editName(region: string, id: number, name: string): Promise<void>;
  /** Deletes every row by hand. */
  empty(): Promise<void>;
  close(): Promise<void>;
}

interface Driver {
  type: string;
  needs: Requirement | null;
  before?(): Promise<void>;
  after?(): void;
  open(): Promise<Opened>;
}

async function sinkOf(ws: TestWorkspace, variables: Record<string, string> = {}): Promise<{ sink: Sink; definition: PipelineDefinition }> {
  const container = createContainer({ root: ws.root, logger: new RecordingLogger(), variables });
  const definition = await container.get(DefinitionLoader).load('shop');
  return { definition, sink: (await container.get(TOKENS.SinkFactory).create(definition))[0]!.sink };
}

const sqlite: Driver = {
  type: 'sqlite',
  needs: null,
  async open() {
    const ws = new TestWorkspace({ shop: demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'sqlite' }] }) });
    const file = ws.path('output', 'shop.sqlite');
    return {
      ...(await sinkOf(ws)),
      read: async () => sqliteRows(file, 'shop'),
      expected: (rows) => asSqlite(records(rows)),
      async editName(region, id, name) {
        const db = new Sqlite(file);
        db.prepare('UPDATE shop SET name = ? WHERE region = ? AND id = ?').run(name, region, id);
        db.close();
      },
      async empty() {
        const db = new Sqlite(file);
        db.prepare('DELETE FROM shop').run();
        db.close();
      },
      close: async () => ws.remove(),
    };
  },
};

let server: TestPostgres | undefined;
const postgres: Driver = {
  type: 'postgres',
  needs: NEEDS_POSTGRES,
  before: async () => void (server = await startPostgres()),
  after: () => server?.stop(),
  async open() {
    const url = server!.url;
    const schema = uniqueSchema();
    const ws = new TestWorkspace({ shop: demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'postgres', options: { schema, batchRows: 2 } }] }) });
    return {
      ...(await sinkOf(ws, { DATABASE_URL: url })),
      read: () => postgresRows(url, `${schema}.shop`),
      expected: (rows) => asPostgres(records(rows)),
      editName: async (region, id, name) => void (await query(url, `UPDATE ${schema}.shop SET name = $1 WHERE region = $2 AND id = $3`, [name, region, id])),
      empty: async () => void (await query(url, `DELETE FROM ${schema}.shop`)),
      async close() {
        ws.remove();
        await query(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      },
    };
  },
};

for (const driver of [sqlite, postgres]) {
  const body = () => {
    let s: Opened;
    before(async () => driver.before?.());
    after(() => driver.after?.());
    beforeEach(async () => (s = await driver.open()));
    afterEach(async () => s.close());
    const table = (rows: string[][]) => ({ columns: TYPED_COLUMNS, rows });
    const publish = (rows: string[][], previous: string | undefined, changes?: PublishChanges) =>
      s.sink.publish({ ...publishContext(s.definition, previous ? B : A, table(rows), previous, previous ? [A] : []), ...(changes ? { changes } : {}) });

    describe('when a run changed some rows and the sink shows its parent', () => {
      it('should write those rows only (a row changed by hand elsewhere stays as it is)', async () => {
        await publish(PLAIN, undefined);
        await s.editName('us', 4, 'by hand');
        const next = [TRICKY[0]!, ...PLAIN.slice(1)];
        await publish(next, A.id, { since: A.id, rows: [TRICKY[0]!] });
        const expected = s.expected(next).map((r) => (r.region === 'us' && String(r.id) === '4' ? { ...r, name: 'by hand' } : r));
        expect(await s.read()).to.deep.equal(expected);
        expect(await s.sink.published()).to.equal(B.id);
      });
    });

    describe('when the publisher passes the columns only, with a loader for the whole table', () => {
      const lean = (rows: string[][], changes: PublishChanges, loads: string[][][]) =>
        s.sink.publish({
          ...publishContext(s.definition, B, table([]), A.id, [A]),
          changes,
          loadTable: async () => (loads.push(rows), table(rows)),
        });

      it('should write the changed rows without loading the table', async () => {
        await publish(PLAIN, undefined);
        const next = [TRICKY[0]!, ...PLAIN.slice(1)];
        const loads: string[][][] = [];
        await lean(next, { since: A.id, rows: [TRICKY[0]!] }, loads);
        expect(loads).to.have.length(0);
        expect(await s.read()).to.deep.equal(s.expected(next));
      });

      it('should load and write every row when the table was emptied meanwhile', async () => {
        await publish(PLAIN, undefined);
        await s.empty();
        const next = [TRICKY[0]!, ...PLAIN.slice(1)];
        const loads: string[][][] = [];
        await lean(next, { since: A.id, rows: [TRICKY[0]!] }, loads);
        expect(loads).to.have.length(1);
        expect(await s.read()).to.deep.equal(s.expected(next));
      });
    });

    describe('when the sink shows another snapshot than the changes start from', () => {
      it('should publish the whole table', async () => {
        await publish(PLAIN, undefined);
        await s.editName('us', 4, 'by hand');
        const next = [TRICKY[0]!, ...PLAIN.slice(1)];
        await publish(next, A.id, { since: '20200101T000000000Z', rows: [TRICKY[0]!] });
        expect(await s.read()).to.deep.equal(s.expected(next));
      });
    });

    const paths: [string, () => Promise<void>][] = [
      ['into an empty table', () => publish(TRICKY, undefined)],
      ['over an earlier state, in full', () => publish(PLAIN, undefined).then(() => publish(TRICKY, A.id))],
      ['over an earlier state, the changed rows only', () => publish(PLAIN, undefined).then(() => publish(TRICKY, A.id, { since: A.id, rows: TRICKY }))],
    ];
    for (const [how, write] of paths) {
      it(`should land every typed value as it stands in latest.csv, written ${how}`, async () => {
        await write();
        expect(await s.read()).to.deep.equal(s.expected(TRICKY));
      });
    }

    describe('when a publish of changed rows fails half way', () => {
      it('should leave the previous state in place', async () => {
        await publish(PLAIN, undefined);
        const broken = [typedRow('eu', 1, 'changed', T2), typedRow('', 3, 'no region', 'not a time')];
        const failure = await publish(broken, A.id, { since: A.id, rows: broken }).then(
          () => null,
          (err: unknown) => err as Error,
        );
        expect(failure).to.be.instanceOf(Error);
        expect(await s.read()).to.deep.equal(s.expected(PLAIN));
        expect(await s.sink.published()).to.equal(A.id);
      });
    });

    describe('when a first publish into an empty table fails half way', () => {
      it('should leave nothing published', async () => {
        const failure = await publish([typedRow('eu', 1, 'ok', T1), typedRow('', 2, 'no region', 'not a time')], undefined).then(
          () => null,
          (err: unknown) => err as Error,
        );
        expect(failure).to.be.instanceOf(Error);
        expect(await s.sink.published()).to.equal(undefined);
      });
    });
  };
  if (driver.needs) describeNeeding(driver.needs, `${driver.type} sink: what a publish writes`, body);
  else describe(`${driver.type} sink: what a publish writes`, body);
}
