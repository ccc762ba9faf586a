import { expect } from 'chai';
import type { ColumnType } from '../../../src/definition/PipelineDefinition.js';
import { postgresCreateTable, postgresDeleteVanished, postgresShape, postgresUpsert } from '../../../src/sinks/postgresStatements.js';
import { sinkColumns } from '../../../src/sinks/sinkColumns.js';
import { POSTGRES_TYPES } from '../../../src/sinks/sqlTypes.js';
import { demoDefinition } from '../../helpers/definitions.js';
import { typedDefinition } from '../../helpers/sinkTables.js';

const typed = sinkColumns(typedDefinition(), ['region', 'id', 'name', 'price', 'active', 'born', 'updated', 'source_filename']);
const demo = sinkColumns(demoDefinition(), ['id', 'description', 'timestamp']);
const T = '"dropline"."demo"';

describe('PostgreSQL statements', () => {
  describe('POSTGRES_TYPES', () => {
    const table: [ColumnType, string][] = [
      ['string', 'text'],
      ['integer', 'bigint'],
      ['number', 'double precision'],
      ['boolean', 'boolean'],
      ['date', 'date'],
      ['datetime', 'timestamp with time zone'],
    ];
    for (const [type, sql] of table) {
      it(`should store ${type} columns as ${sql}`, () => expect(POSTGRES_TYPES[type]).to.equal(sql));
    }
  });

  describe('postgresCreateTable()', () => {
    it('should type every column and make the composite key the primary key', () => {
      expect(postgresCreateTable('"s"."shop"', typed)).to.equal(
        'CREATE TABLE "s"."shop" ("region" text NOT NULL, "id" bigint NOT NULL, "name" text, "price" double precision, "active" boolean, ' +
          '"born" date, "updated" timestamp with time zone, "source_filename" text, PRIMARY KEY ("region", "id"))',
      );
    });
  });

  describe('postgresShape()', () => {
    it('should name types as format_type does', () => {
      expect(postgresShape(typed).slice(0, 3)).to.deep.equal([
        { name: 'region', type: 'text', pk: 1 },
        { name: 'id', type: 'bigint', pk: 2 },
        { name: 'name', type: 'text', pk: 0 },
      ]);
    });
  });

  describe('postgresDeleteVanished()', () => {
    it('should delete the keys the stage lacks, matching every part of a composite key', () => {
      expect(postgresDeleteVanished('"s"."shop"', typed)).to.equal(
        'DELETE FROM "s"."shop" AS t WHERE NOT EXISTS (SELECT 1 FROM dropline_stage AS s WHERE s."region" = t."region" AND s."id" = t."id")',
      );
    });
  });

  describe('postgresUpsert()', () => {
    const base =
      `INSERT INTO ${T} AS t ("id", "description", "timestamp") SELECT "id", "description", "timestamp" FROM dropline_stage ON CONFLICT ("id") DO UPDATE SET ` +
      `"description" = excluded."description", "timestamp" = excluded."timestamp" WHERE (t."description", t."timestamp") IS DISTINCT FROM (excluded."description", excluded."timestamp")`;

    describe('when a run moves the table forward', () => {
      it('should update a row only when the incoming timestamp is not older', () => {
        expect(postgresUpsert(T, demo, 'timestamp')).to.equal(`${base} AND excluded."timestamp" >= t."timestamp"`);
      });
    });

    describe('when a reset or clean moves it back', () => {
      it('should update without the timestamp guard', () => {
        expect(postgresUpsert(T, demo, null)).to.equal(base);
      });
    });
  });
});
