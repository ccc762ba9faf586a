import { expect } from 'chai';
import { delimiterHint } from '../../../src/validation/headers/delimiterHint.js';

describe('delimiterHint', () => {
  const cases: [header: string[], declared: string, hint: string | null][] = [
    [['id;description;timestamp'], ',', 'the header looks ";"-delimited but source.delimiter is ",": set source.delimiter: ";" (or auto)'],
    [['id|ts'], ',', 'the header looks "|"-delimited but source.delimiter is ",": set source.delimiter: "|" (or auto)'],
    [['id\tts'], ';', 'the header looks "\\t"-delimited but source.delimiter is ";": set source.delimiter: "\\t" (or auto)'],
    [['id,ts'], '\t', 'the header looks ","-delimited but source.delimiter is "\\t": set source.delimiter: "," (or auto)'],
    [['id', 'description'], ',', null],
    [['id', 'a;b'], ',', null],
    [['justone'], ';', null],
    [['id;ts'], 'auto', null],
  ];
  for (const [header, declared, hint] of cases) {
    describe(`when the header is ${JSON.stringify(header)} and the delimiter ${JSON.stringify(declared)}`, () => {
      it(hint ? 'should say which delimiter to set' : 'should give no hint', () => {
        expect(delimiterHint(header, declared)).to.equal(hint);
      });
    });
  }
});
