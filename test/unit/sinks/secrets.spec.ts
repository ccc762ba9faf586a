import { expect } from 'chai';
import { writesPassword } from '../../../src/sinks/literalPassword.js';
import { maskUrlPassword } from '../../../src/sinks/maskUrlPassword.js';
import { tableName } from '../../../src/sinks/tableName.js';

describe('sink secrets and names', () => {
  describe('writesPassword()', () => {
    const resolved = 'postgres://app:s3cret@db:5432/dw';
    const table: [string, Record<string, unknown>, unknown, string, boolean][] = [
      ['the URL comes from a variable', {}, '${DATABASE_URL}', resolved, false],
      ['only the password comes from a variable', {}, 'postgres://app:${PGPASSWORD}@db:5432/dw', resolved, false],
      ['the URL has no password', {}, 'postgres://app@db/dw', 'postgres://app@db/dw', false],
      ['the URL is written with its password', {}, resolved, resolved, true],
      ['the password hides in a default', {}, '${DATABASE_URL:-postgres://app:s3cret@db/dw}', resolved, true],
      ['vars: holds the URL', { vars: { DATABASE_URL: resolved } }, '${DATABASE_URL}', resolved, true],
      ['vars: holds the password', { vars: { PW: 's3cret' } }, 'postgres://app:${PW}@db/dw', resolved, true],
      ['vars: holds other things', { vars: { CLIENT: 'acme' } }, '${DATABASE_URL}', resolved, false],
    ];
    for (const [when, raw, rawUrl, url, expected] of table) {
      it(`should say ${expected} when ${when}`, () => expect(writesPassword(raw, rawUrl, url)).to.equal(expected));
    }
  });

  describe('maskUrlPassword()', () => {
    const table: [string, string][] = [
      ['postgres://app:s3cret@db:5432/dw', 'postgres://app:***@db:5432/dw'],
      ['postgresql://:pw@h/d?sslmode=require', 'postgresql://:***@h/d?sslmode=require'],
      ['postgres://app@db/dw', 'postgres://app@db/dw'],
      ['output/demo.sqlite', 'output/demo.sqlite'],
    ];
    for (const [text, masked] of table) {
      it(`should show ${JSON.stringify(text)} as ${JSON.stringify(masked)}`, () => expect(maskUrlPassword(text)).to.equal(masked));
    }
  });

  describe('tableName()', () => {
    const table: [string, string][] = [
      ['demo', 'demo'],
      ['clients/acme', 'clients_acme'],
      ['Sales-2024.v2', 'sales_2024_v2'],
      ['2024/q1', 'p_2024_q1'],
    ];
    for (const [pipeline, name] of table) {
      it(`should name the table of pipeline ${pipeline} "${name}"`, () => expect(tableName(pipeline)).to.equal(name));
    }
  });
});
