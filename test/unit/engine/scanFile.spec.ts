import { expect } from 'chai';
import type { PipelineDefinition } from '../../../src/definition/PipelineDefinition.js';
import type { FilePartial, ScanFallback } from '../../../src/engine/FilePartial.js';
import { scanFile } from '../../../src/engine/scanFile.js';
import { SchemaValidator } from '../../../src/validation/SchemaValidator.js';
import { isFileRejection, type HeaderMapping } from '../../../src/validation/Validator.js';
import { column, demoDefinition } from '../../helpers/definitions.js';
import { RecordingLogger } from '../../helpers/RecordingLogger.js';
import { random, randomScanCase } from './randomScanCase.js';
import { referencePartial, unpack } from './referencePartial.js';

const validator = new SchemaValidator(new RecordingLogger());

function mappingOf(definition: PipelineDefinition, header: string[]): HeaderMapping {
  const mapping = validator.mapHeader(definition, header, 'f.csv');
  if (isFileRejection(mapping)) throw new Error(mapping.message);
  return mapping;
}

function scan(text: string | Uint8Array, definition = demoDefinition(), delimiter = ','): FilePartial | ScanFallback {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const header = new TextDecoder()
    .decode(bytes)
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)[0]!
    .split(delimiter);
  return scanFile({ bytes, delimiter, file: 'f.csv', schema: definition.schema, mapping: mappingOf(definition, header) });
}

function partial(result: FilePartial | ScanFallback): FilePartial {
  if ('fallback' in result) throw new Error(`fell back: ${result.fallback}`);
  return result;
}

/** The winners as text: `key -> row @line`. */
function winners(result: FilePartial | ScanFallback): string[] {
  return unpack(partial(result)).winners.map((w) => `${Buffer.from(w.key, 'hex').toString()} -> ${Buffer.from(w.row, 'hex').toString()} @${w.line}`);
}

describe('scanFile', () => {
  describe('when fed random inputs', () => {
    it('should give exactly what parseCsvFast, validateRow and the latest-row rule give (differential)', () => {
      const seed = Number(process.env.SCAN_SEED ?? Date.now() % 1_000_000);
      const next = random(seed);
      let compared = 0;
      let fellBack = 0;
      for (let i = 0; i < 1500; i++) {
        const c = randomScanCase(next);
        const mapping = validator.mapHeader(c.definition, c.header, 'f.csv');
        if (isFileRejection(mapping)) continue;
        const where = `seed ${seed}, case ${i}: ${JSON.stringify(Buffer.from(c.bytes).toString())} (${JSON.stringify(c.header)}, ${JSON.stringify(c.delimiter)})`;
        const keeps = mapping.outputColumns.length !== c.definition.schema.columns.length;
        const expected = keeps ? 'fallback' : referencePartial(c.bytes, c.delimiter, 'f.csv', c.definition, mapping);
        const actual = scanFile({ bytes: c.bytes, delimiter: c.delimiter, file: 'f.csv', schema: c.definition.schema, mapping });
        if (expected === 'fallback') {
          expect(actual, where).to.have.property('fallback');
          fellBack++;
          continue;
        }
        expect(actual, where).not.to.have.property('fallback');
        expect(unpack(actual as FilePartial), where).to.deep.equal(expected);
        compared++;
      }
      expect(compared, `seed ${seed}`).to.be.greaterThan(900);
      expect(fellBack, `seed ${seed}`).to.be.greaterThan(20);
    });
  });

  describe('when every field is canonical', () => {
    it('should keep the row with the greatest date per key, the later one on a tie', () => {
      const text = 'id,description,timestamp\na,one,2024-01-02\nb,two,2024-01-01\na,three,2024-01-02\nb,four,2023-12-31\n';
      expect(winners(scan(text))).to.deep.equal(['a -> a,three,2024-01-02 @4', 'b -> b,two,2024-01-01 @3']);
    });

    it('should give orders as orderOf does, hashes of the key bytes and the rows read', () => {
      const result = partial(scan('\ufeffid,description,timestamp\r\n\r\n"x,1",d,2024-02-29\r\n'));
      expect(result.rows).to.equal(1);
      expect([...result.orders]).to.deep.equal([Date.UTC(2024, 1, 29)]);
      expect(winners(result)).to.deep.equal(['x,1 -> "x,1",d,2024-02-29 @3']);
    });

    it('should count lines as parseCsvFast does, line feeds inside quotes included', () => {
      const text = 'id,description,timestamp\n\na,"two\nlines",2024-01-01\n\r\nb,"say ""hi""",2024-01-01';
      expect(winners(scan(text))).to.deep.equal(['a -> a,"two\nlines",2024-01-01 @3', 'b -> b,"say ""hi""",2024-01-01 @6']);
    });

    it('should write a quoted value bare when it needs no quotes, and quote a comma read with another delimiter', () => {
      const text = 'id;description;timestamp\n"a";x,y;"2024-01-01"\n';
      expect(winners(scan(text, demoDefinition(), ';'))).to.deep.equal(['a -> a,"x,y",2024-01-01 @2']);
    });

    it('should write columns in schema order and leave a missing optional column empty', () => {
      const text = 'timestamp,id\n2024-01-01,a\n';
      expect(winners(scan(text))).to.deep.equal(['a -> a,,2024-01-01 @2']);
    });

    it('should encode a composite key as encodeKey does', () => {
      const definition = demoDefinition({ schema: { key: ['id', 'description'] } });
      expect(winners(scan('id,description,timestamp\na\u001fb,c,2024-01-01\n', definition))).to.deep.equal(['a\u001e\u001fb\u001fc -> a\u001fb,c,2024-01-01 @2']);
    });
  });

  describe('when a value is not canonical', () => {
    const definition = demoDefinition({
      schema: {
        key: ['id'],
        timestamp: 'timestamp',
        columns: [column('id', 'integer', { required: true }), column('timestamp', 'datetime', { required: true }), column('n', 'number', { thousands: ',' })],
      },
    });

    it("should write the reference coercer's canonical text", () => {
      const text = 'id,timestamp,n\n007,2024-01-02T12:00:00+02:00,"1,234.50"\n';
      expect(winners(scan(text, definition))).to.deep.equal(['7 -> 7,2024-01-02T10:00:00.000Z,1234.5 @2']);
    });

    it('should reject as the reference does, with the raw text of the record', () => {
      const result = partial(scan('id,timestamp,n\n,2024-01-02T10:00:00.000Z,1\n"x",2024-01-02T10:00:00.000Z,1,9\n', definition));
      expect(result.rejects).to.deep.equal([
        { file: 'f.csv', line: 2, code: 'MISSING_KEY', message: 'column "id" is empty', raw: ',2024-01-02T10:00:00.000Z,1' },
        { file: 'f.csv', line: 3, code: 'TOO_MANY_FIELDS', message: '4 fields where the header has 3', raw: '"x",2024-01-02T10:00:00.000Z,1,9' },
      ]);
      expect(result.rows).to.equal(2);
      expect(result.count).to.equal(0);
    });
  });

  describe('when the reference reader is needed', () => {
    for (const [why, text] of [
      ['a quote inside an unquoted value', 'id,description,timestamp\na,b"c,2024-01-01\n'],
      ['text after a closing quote', 'id,description,timestamp\na,"b"c,2024-01-01\n'],
      ['a quoted value is never closed', 'id,description,timestamp\na,"b,2024-01-01\n'],
      ['a carriage return without a line feed', 'id,description,timestamp\na,b\rc,2024-01-01\n'],
      ['two byte order marks', '\ufeff\ufeffid,description,timestamp\n'],
    ]) {
      it(`should fall back on ${why}`, () => {
        expect(scan(text!)).to.have.property('fallback').that.contains(why);
      });
    }

    it('should fall back on bytes that are not UTF-8 (the reference reader reports them)', () => {
      const bytes = Buffer.concat([Buffer.from('id,description,timestamp\na,'), Buffer.from([0xff]), Buffer.from(',2024-01-01\n')]);
      expect(scan(bytes)).to.deep.equal({ fallback: 'not valid UTF-8' });
    });

    it('should fall back when extra columns are kept', () => {
      const definition = demoDefinition({ validation: { extraColumns: 'keep' } });
      expect(scan('id,description,timestamp,more\na,b,2024-01-01,c\n', definition)).to.deep.equal({ fallback: 'extra columns are kept' });
    });
  });
});
