import { expect } from 'chai';
import type { ColumnType } from '../../../src/definition/PipelineDefinition.js';
import { sinkColumns } from '../../../src/sinks/sinkColumns.js';
import { sqliteCreateKeys, sqliteCreateTable, sqliteDeleteVanished, sqliteInsert, sqliteInsertKey, sqliteShape, sqliteUpsert } from '../../../src/sinks/sqliteStatements.js';
import { sqliteValue } from '../../../src/sinks/sqliteValue.js';
import { SQLITE_TYPES } from '../../../src/sinks/sqlTypes.js';
import { column, demoDefinition } from '../../helpers/definitions.js';
import { typedDefinition } from '../../helpers/sinkTables.js';

const typed = sinkColumns(typedDefinition(), ['region', 'id', 'name', 'price', 'active', 'born', 'updated', 'source_filename']);
const demo = sinkColumns(demoDefinition(), ['id', 'description', 'timestamp', 'source_filename']);

describe('SQLite statements', () => {
  describe('SQLITE_TYPES', () => {
    const table: [ColumnType, string][] = [
      ['string', 'TEXT'],
      ['integer', 'INTEGER'],
      ['number', 'REAL'],
      ['boolean', 'INTEGER'],
      ['date', 'TEXT'],
      ['datetime', 'TEXT'],
    ];
    for (const [type, sql] of table) {
      it(`should store ${type} columns as ${sql}`, () => expect(SQLITE_TYPES[type]).to.equal(sql));
    }
  });

  describe('sqliteCreateTable()', () => {
    it('should type every column, keep lineage and extras as text and make the composite key the primary key', () => {
      expect(sqliteCreateTable('shop', typed)).to.equal(
        'CREATE TABLE "shop" ("region" TEXT NOT NULL, "id" INTEGER NOT NULL, "name" TEXT, "price" REAL, "active" INTEGER, "born" TEXT, "updated" TEXT, "source_filename" TEXT, PRIMARY KEY ("region", "id"))',
      );
    });

    it('should order the primary key as schema.key does, not as the columns are', () => {
      const columns = sinkColumns(typedDefinition({ schema: { ...typedDefinition().schema, key: ['id', 'region'] } }), ['region', 'id', 'updated']);
      expect(sqliteCreateTable('t', columns)).to.match(/PRIMARY KEY \("id", "region"\)\)$/);
    });
  });

  describe('sqliteShape()', () => {
    it('should describe columns as PRAGMA table_info does', () => {
      expect(sqliteShape(demo)).to.deep.equal([
        { name: 'id', type: 'TEXT', pk: 1 },
        { name: 'description', type: 'TEXT', pk: 0 },
        { name: 'timestamp', type: 'TEXT', pk: 0 },
        { name: 'source_filename', type: 'TEXT', pk: 0 },
      ]);
    });
  });

  describe('sqliteUpsert()', () => {
    it('should update the non-key columns only when one of them changed', () => {
      expect(sqliteUpsert('demo', demo)).to.equal(
        'INSERT INTO "demo" ("id", "description", "timestamp", "source_filename") VALUES (?, ?, ?, ?) ON CONFLICT ("id") DO UPDATE SET ' +
          '"description" = excluded."description", "timestamp" = excluded."timestamp", "source_filename" = excluded."source_filename" ' +
          'WHERE "demo"."description" IS NOT excluded."description" OR "demo"."timestamp" IS NOT excluded."timestamp" OR "demo"."source_filename" IS NOT excluded."source_filename"',
      );
    });

    it('should do nothing on conflict when every column is part of the key', () => {
      const keyOnly = sinkColumns(
        demoDefinition({ schema: { key: ['id', 'timestamp'], timestamp: 'timestamp', columns: [column('id', 'string'), column('timestamp', 'date')] } }),
        ['id', 'timestamp'],
      );
      expect(sqliteUpsert('t', keyOnly)).to.match(/ON CONFLICT \("id", "timestamp"\) DO NOTHING$/);
    });
  });

  describe('sqliteDeleteVanished()', () => {
    it('should delete the keys the temporary keys table lacks', () => {
      expect(sqliteDeleteVanished('demo', demo)).to.equal('DELETE FROM "demo" WHERE NOT EXISTS (SELECT 1 FROM temp.dropline_keys AS k WHERE k."id" = "demo"."id")');
    });

    it('should compare a composite key part by part', () => {
      expect(sqliteDeleteVanished('shop', typed)).to.equal(
        'DELETE FROM "shop" WHERE NOT EXISTS (SELECT 1 FROM temp.dropline_keys AS k WHERE k."region" = "shop"."region" AND k."id" = "shop"."id")',
      );
    });
  });

  describe('sqliteCreateKeys()', () => {
    it('should type the key columns as the table does, so keys compare as there', () => {
      expect(sqliteCreateKeys(typed)).to.equal('CREATE TEMP TABLE dropline_keys ("region" TEXT, "id" INTEGER, PRIMARY KEY ("region", "id")) WITHOUT ROWID');
    });
  });

  describe('sqliteInsert()', () => {
    it('should insert as many rows as asked in one statement', () => {
      expect(sqliteInsert('demo', demo, 2)).to.equal('INSERT INTO "demo" ("id", "description", "timestamp", "source_filename") VALUES (?, ?, ?, ?), (?, ?, ?, ?)');
    });
  });

  describe('sqliteInsertKey()', () => {
    it('should add as many keys as asked in one statement', () => {
      expect(sqliteInsertKey(typed, 2)).to.equal('INSERT OR IGNORE INTO temp.dropline_keys ("region", "id") VALUES (?, ?), (?, ?)');
    });
  });

  describe('sqliteValue()', () => {
    const table: [ColumnType, string, unknown][] = [
      ['string', 'a "b", c', 'a "b", c'],
      ['string', '', null],
      ['integer', '-42', -42],
      ['integer', '9007199254740991', 9007199254740991],
      ['number', '1.5', 1.5],
      ['number', '1e+21', 1e21],
      ['boolean', 'true', 1],
      ['boolean', 'false', 0],
      ['boolean', '', null],
      ['date', '2021-02-28', '2021-02-28'],
      ['datetime', '2021-03-01T10:00:00.000Z', '2021-03-01T10:00:00.000Z'],
    ];
    for (const [type, text, value] of table) {
      it(`should store ${type} ${JSON.stringify(text)} as ${JSON.stringify(value)}`, () => expect(sqliteValue(type, text)).to.equal(value));
    }
  });
});
