import { expect } from 'chai';
import { parseAsOf } from '../../../src/query/parseAsOf.js';

const at = (iso: string) => Date.parse(iso);

describe('parseAsOf()', () => {
  describe('when given a form it accepts', () => {
    const cases: [string, ReturnType<typeof parseAsOf>][] = [
      ['latest', { kind: 'latest' }],
      ['20261125T214231123Z', { kind: 'snapshot', id: '20261125T214231123Z' }],
      ['2026-11-25', { kind: 'instant', at: at('2026-11-25T23:59:59.999Z'), date: true }],
      ['2024-02-29', { kind: 'instant', at: at('2024-02-29T23:59:59.999Z'), date: true }],
      ['2026-11-25T21:42:31Z', { kind: 'instant', at: at('2026-11-25T21:42:31.000Z'), date: false }],
      ['2026-11-25T21:42:31.123Z', { kind: 'instant', at: at('2026-11-25T21:42:31.123Z'), date: false }],
      ['2026-11-25T21:42:31.1Z', { kind: 'instant', at: at('2026-11-25T21:42:31.100Z'), date: false }],
      ['2026-11-25T21:42:31.123999Z', { kind: 'instant', at: at('2026-11-25T21:42:31.123Z'), date: false }],
      ['2026-11-25T21:42:31', { kind: 'instant', at: at('2026-11-25T21:42:31.000Z'), date: false }],
      ['2026-11-25T21:42Z', { kind: 'instant', at: at('2026-11-25T21:42:00.000Z'), date: false }],
      ['2026-11-25t21:42:31z', { kind: 'instant', at: at('2026-11-25T21:42:31.000Z'), date: false }],
      ['2026-11-25T22:42:31+01:00', { kind: 'instant', at: at('2026-11-25T21:42:31.000Z'), date: false }],
      ['2026-11-25T16:12:31.5-05:30', { kind: 'instant', at: at('2026-11-25T21:42:31.500Z'), date: false }],
      ['2026-11-26T00:42:31+0300', { kind: 'instant', at: at('2026-11-25T21:42:31.000Z'), date: false }],
      ['0099-01-01', { kind: 'instant', at: at('0099-01-01T23:59:59.999Z'), date: true }],
    ];
    for (const [text, expected] of cases) {
      it(`should read ${text}`, () => {
        expect(parseAsOf(text)).to.deep.equal(expected);
      });
    }
  });

  describe('when given anything else', () => {
    const bad = [
      '',
      'LATEST',
      'yesterday',
      '../../x',
      '20261125T214231123',
      '2026-11-5',
      '2026/11/25',
      '2026-13-01',
      '2026-00-10',
      '2026-02-29',
      '2026-04-31',
      '2026-11-25T24:00:00Z',
      '2026-11-25T21:60:00Z',
      '2026-11-25T21:42:61Z',
      '2026-11-25T21:42:31+24:00',
      '2026-11-25T21:42:31 +01:00',
      '2026-11-25 21:42:31',
      '2026-11-25T21',
      '1764106951',
    ];
    for (const text of bad) {
      it(`should answer null for ${JSON.stringify(text)}`, () => {
        expect(parseAsOf(text)).to.equal(null);
      });
    }
  });
});
