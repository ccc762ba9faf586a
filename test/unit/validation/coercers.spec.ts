import { expect } from 'chai';
import type { ColumnDefinition, ColumnType } from '../../../src/definition/PipelineDefinition.js';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { CoerceFailure } from '../../../src/validation/coercers/CoerceFailure.js';
import { coerceBoolean } from '../../../src/validation/coercers/coerceBoolean.js';
import { coerceDate } from '../../../src/validation/coercers/coerceDate.js';
import { coerceDatetime } from '../../../src/validation/coercers/coerceDatetime.js';
import { coerceInteger } from '../../../src/validation/coercers/coerceInteger.js';
import { coerceNumber } from '../../../src/validation/coercers/coerceNumber.js';
import { coercerFor } from '../../../src/validation/coercers/coercerFor.js';
import { coerceString } from '../../../src/validation/coercers/coerceString.js';
import { orderOf } from '../../../src/validation/coercers/orderOf.js';

type Options = Partial<Pick<ColumnDefinition, 'format' | 'timezone' | 'thousands'>>;
/** [input, canonical] for accepted values, [input, fragment of the message] for rejected ones. */
interface Table {
  when: string;
  options?: Options;
  accepts?: [string, string][];
  rejects?: [string, string][];
}

function column(type: ColumnType, options: Options = {}): ColumnDefinition {
  return { name: 'value', type, required: false, aliases: [], ...options };
}

/** One `it` per row, under `'when ...'`, for the coercer of `type`. */
function runTables(type: ColumnType, tables: Table[]): void {
  const coerce = coercerFor(type);
  for (const { when, options, accepts = [], rejects = [] } of tables) {
    describe(`when ${when}`, () => {
      for (const [input, expected] of accepts) {
        it(`should turn ${JSON.stringify(input)} into ${JSON.stringify(expected)}`, () => {
          expect(coerce(input, column(type, options))).to.equal(expected);
        });
      }
      for (const [input, fragment] of rejects) {
        it(`should reject ${JSON.stringify(input)} saying "${fragment}"`, () => {
          const result = coerce(input, column(type, options));
          expect(result).to.be.instanceOf(CoerceFailure);
          expect((result as CoerceFailure).code).to.equal('BAD_VALUE');
          expect((result as CoerceFailure).message)
            .to.contain(JSON.stringify(input))
            .and.contain(fragment);
        });
      }
    });
  }
}

describe(coercerFor.name, () => {
  const byType: [ColumnType, unknown][] = [
    ['string', coerceString],
    ['integer', coerceInteger],
    ['number', coerceNumber],
    ['boolean', coerceBoolean],
    ['date', coerceDate],
    ['datetime', coerceDatetime],
  ];
  for (const [type, coercer] of byType) {
    it(`should give the ${type} coercer for '${type}'`, () => expect(coercerFor(type)).to.equal(coercer));
  }

  describe("('string')", () => {
    runTables('string', [
      {
        when: 'given any text',
        accepts: [
          [' a b ', ' a b '],
          ['ABC', 'ABC'],
          ['0012', '0012'],
        ],
      },
    ]);
  });

  describe("('integer')", () => {
    runTables('integer', [
      {
        when: 'the column has no thousands separator',
        accepts: [
          ['-123', '-123'],
          ['0', '0'],
          [' 42 ', '42'],
          ['+5', '5'],
          ['-0', '0'],
          ['007', '7'],
          ['9007199254740991', '9007199254740991'],
          ['-9007199254740991', '-9007199254740991'],
        ],
        rejects: [
          ['1.5', 'is not an integer'],
          ['abc', 'is not an integer'],
          ['  ', 'is not an integer'],
          ['1,234', 'is not an integer'],
          ['9007199254740992', 'outside the safe integer range'],
          ['-99999999999999999999', 'outside the safe integer range'],
        ],
      },
      {
        when: 'the column accepts "," as thousands separator',
        options: { thousands: ',' },
        accepts: [
          ['1,234,567', '1234567'],
          ['-1,000', '-1000'],
          ['1234', '1234'],
          ['12,345', '12345'],
        ],
        rejects: [
          ['1,23', 'must have 3 digits'],
          ['1,2345', 'must have 3 digits'],
          [',123', 'must have 3 digits'],
          ['1,234.5', 'is not an integer'],
        ],
      },
    ]);
  });

  describe("('number')", () => {
    runTables('number', [
      {
        when: 'the column has no thousands separator',
        accepts: [
          ['1.50', '1.5'],
          ['.5', '0.5'],
          ['1e3', '1000'],
          ['-0', '0'],
          ['-0.0', '0'],
          [' +1.5 ', '1.5'],
          ['42', '42'],
          ['-2.5E-3', '-0.0025'],
          ['0.0000001', '1e-7'],
        ],
        rejects: [
          ['NaN', 'is not a number'],
          ['Infinity', 'is not a number'],
          ['abc', 'is not a number'],
          ['1.2.3', 'is not a number'],
          ['0x10', 'is not a number'],
          ['1e999', 'outside the range'],
        ],
      },
      {
        when: 'the column accepts "," as thousands separator',
        options: { thousands: ',' },
        accepts: [
          ['1,234.5', '1234.5'],
          ['-1,000,000', '-1000000'],
        ],
        rejects: [['1,23.4', 'must have 3 digits']],
      },
    ]);
  });

  describe("('boolean')", () => {
    runTables('boolean', [
      {
        when: 'given any of the accepted spellings',
        accepts: [
          ['true', 'true'],
          ['TRUE', 'true'],
          [' yes ', 'true'],
          ['Y', 'true'],
          ['1', 'true'],
          ['t', 'true'],
          ['false', 'false'],
          ['No', 'false'],
          ['n', 'false'],
          ['0', 'false'],
          ['F', 'false'],
        ],
        rejects: [
          ['maybe', 'is not a boolean'],
          ['2', 'is not a boolean'],
          ['ja', 'is not a boolean'],
        ],
      },
    ]);
  });

  describe("('date')", () => {
    runTables('date', [
      {
        when: 'the column has no format',
        accepts: [
          ['2021-03-01', '2021-03-01'],
          [' 2021/03/01 ', '2021-03-01'],
          ['2020-02-29', '2020-02-29'],
          ['2021-03-01T23:30:00+05:00', '2021-03-01'],
          ['2021-03-01T10:00:00Z', '2021-03-01'],
        ],
        rejects: [
          ['2021-13-45', 'is not a valid date'],
          ['2021-02-30', 'is not a valid date'],
          ['2021-02-29', 'is not a valid date'],
          ['0000-00-00', 'is not a valid date'],
          ['2021-03-01T25:00', 'is not a valid date'],
          ['abc', 'is not a date'],
          ['01.03.2021', 'is not a date'],
        ],
      },
      {
        when: 'the column has the format DD.MM.YYYY',
        options: { format: 'DD.MM.YYYY' },
        accepts: [
          ['01.03.2021', '2021-03-01'],
          ['2021-03-01', '2021-03-01'],
          ['2021/03/01', '2021-03-01'],
        ],
        rejects: [
          ['31.02.2021', 'is not a valid date'],
          ['1.3.2021', 'DD.MM.YYYY'],
        ],
      },
      { when: 'the column has the format MM/DD/YYYY', options: { format: 'MM/DD/YYYY' }, accepts: [['03/01/2021', '2021-03-01']] },
      {
        when: 'the column has the format D.M.YYYY',
        options: { format: 'D.M.YYYY' },
        accepts: [
          ['1.3.2021', '2021-03-01'],
          ['01.03.2021', '2021-03-01'],
          ['29.2.2020', '2020-02-29'],
        ],
      },
    ]);
  });

  describe("('datetime')", () => {
    runTables('datetime', [
      {
        when: 'the column has no timezone (UTC)',
        accepts: [
          ['2021-03-01T10:00:00.000Z', '2021-03-01T10:00:00.000Z'],
          ['2021-03-01T10:00:00Z', '2021-03-01T10:00:00.000Z'],
          [' 2021-03-01 10:00 ', '2021-03-01T10:00:00.000Z'],
          ['2021-03-01T10:00:05', '2021-03-01T10:00:05.000Z'],
          ['2021-03-01T10:00:00.5Z', '2021-03-01T10:00:00.500Z'],
          ['2021-03-01T10:00:00.123456789Z', '2021-03-01T10:00:00.123Z'],
          ['2021-03-01T10:00:00+02:00', '2021-03-01T08:00:00.000Z'],
          ['2021-03-01T10:00+0530', '2021-03-01T04:30:00.000Z'],
          ['2021-03-01T10:00-03', '2021-03-01T13:00:00.000Z'],
          ['2021-03-01', '2021-03-01T00:00:00.000Z'],
        ],
        rejects: [
          ['2021-02-30T10:00', 'is not a valid datetime'],
          ['2021-03-01T25:00', 'is not a valid datetime'],
          ['2021-03-01T10:60', 'is not a valid datetime'],
          ['2021-03-01T10:00:60', 'is not a valid datetime'],
          ['2021-03-01T10:00+25:00', 'is not a valid datetime'],
          ['9999-12-31T23:00-05:00', 'outside the supported years'],
          ['2021-02-29T10:00:00.000Z', 'is not a valid datetime'],
          ['2021-03-01T24:00:00.000Z', 'is not a valid datetime'],
          ['abc', 'is not a datetime'],
          ['2021-03-01T10', 'is not a datetime'],
          ['2021-03-01T10:00:00.1234567891Z', 'is not a datetime'],
        ],
      },
      {
        when: 'the column is in the fixed offset +02:00',
        options: { timezone: '+02:00' },
        accepts: [
          ['2021-03-01 10:00', '2021-03-01T08:00:00.000Z'],
          ['2021-03-01', '2021-02-28T22:00:00.000Z'],
          ['2021-03-01T10:00Z', '2021-03-01T10:00:00.000Z'],
        ],
      },
      {
        when: 'the column is in Europe/Berlin',
        options: { timezone: 'Europe/Berlin' },
        accepts: [
          ['2021-01-15 10:00', '2021-01-15T09:00:00.000Z'],
          ['2021-07-15 10:00', '2021-07-15T08:00:00.000Z'],
          ['2021-07-15', '2021-07-14T22:00:00.000Z'],
          ['2021-07-15T10:00:00-04:00', '2021-07-15T14:00:00.000Z'],
          ['2021-10-31 01:59', '2021-10-30T23:59:00.000Z'],
          ['2021-10-31 03:00', '2021-10-31T02:00:00.000Z'],
        ],
      },
      {
        when: 'a Europe/Berlin wall time falls in a DST change',
        options: { timezone: 'Europe/Berlin' },
        accepts: [
          ['2021-03-28 02:30', '2021-03-28T01:30:00.000Z'],
          ['2021-10-31 02:30', '2021-10-31T01:30:00.000Z'],
        ],
      },
      {
        when: 'the column has the format DD.MM.YYYY HH:mm:ss in Europe/Berlin',
        options: { format: 'DD.MM.YYYY HH:mm:ss', timezone: 'Europe/Berlin' },
        accepts: [
          ['01.03.2021 10:00:00', '2021-03-01T09:00:00.000Z'],
          ['2021-03-01T10:00Z', '2021-03-01T10:00:00.000Z'],
        ],
        rejects: [
          ['01.03.2021 24:00:00', 'is not a valid datetime'],
          ['01.03.2021', 'DD.MM.YYYY HH:mm:ss'],
        ],
      },
    ]);

    describe('when the column timezone is not known', () => {
      it('should throw DEFINITION_INVALID', () => {
        expect(() => coerceDatetime('2021-03-01 10:00', column('datetime', { timezone: 'Mars/Olympus' })))
          .to.throw(DroplineError, 'timezone "Mars/Olympus" is not known')
          .with.property('code', 'DEFINITION_INVALID');
      });
    });

    describe('when the column format has no day', () => {
      it('should throw DEFINITION_INVALID', () => {
        expect(() => coerceDatetime('03.2021', column('datetime', { format: 'MM.YYYY' })))
          .to.throw(DroplineError, 'format "MM.YYYY" cannot be used: it has no day')
          .with.property('code', 'DEFINITION_INVALID');
      });
    });
  });
});

describe(orderOf.name, () => {
  describe('when ordering canonical values', () => {
    const cases: [ColumnType, string, number][] = [
      ['date', '2021-03-01', Date.UTC(2021, 2, 1)],
      ['date', '0050-01-01', Date.parse('0050-01-01T00:00:00.000Z')],
      ['datetime', '2021-03-01T10:00:00.123Z', Date.UTC(2021, 2, 1, 10, 0, 0, 123)],
      ['integer', '-123', -123],
      ['number', '1.5', 1.5],
    ];
    for (const [type, canonical, expected] of cases) {
      it(`should give ${expected} for the ${type} ${canonical}`, () => expect(orderOf(type, canonical)).to.equal(expected));
    }
  });

  describe('when sorting versions', () => {
    const cases: [ColumnType, string[]][] = [
      ['date', ['2020-12-31', '2021-01-01', '2021-02-28']],
      ['datetime', ['2021-03-01T09:59:59.999Z', '2021-03-01T10:00:00.000Z', '2022-01-01T00:00:00.000Z']],
      ['integer', ['-10', '9', '10']],
      ['number', ['-0.5', '0.25', '1e21']],
    ];
    for (const [type, ascending] of cases) {
      it(`should order ${type} values like their meaning`, () => {
        const orders = ascending.map((value) => orderOf(type, value));
        expect(orders)
          .to.deep.equal([...orders].sort((a, b) => a - b))
          .and.to.have.lengthOf(new Set(orders).size);
      });
    }
  });

  describe('when the type cannot be a timestamp', () => {
    for (const type of ['string', 'boolean'] as const) {
      it(`should throw for ${type}`, () => expect(() => orderOf(type, 'true')).to.throw(DroplineError, 'cannot order versions'));
    }
  });
});
