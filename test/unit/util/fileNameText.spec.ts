import { expect } from 'chai';
import { fileNameBytes, fileNameText } from '../../../src/util/fileNameText.js';

describe(fileNameText.name, () => {
  const cases: [string, Buffer, string][] = [
    ['plain ASCII', Buffer.from('data.csv'), 'data.csv'],
    ['UTF-8', Buffer.from('café_日本.csv'), 'café_日本.csv'],
    ['a Latin-1 byte', Buffer.from('caf\xe9.csv', 'latin1'), 'caf\\xe9.csv'],
    ['a lone continuation byte', Buffer.from([0x61, 0x80, 0x62]), 'a\\x80b'],
    ['a truncated UTF-8 sequence', Buffer.from([0x61, 0xe6, 0x97]), 'a\\xe6\\x97'],
    ['valid UTF-8 after an invalid byte', Buffer.concat([Buffer.from([0xff]), Buffer.from('é')]), '\\xffé'],
    ['an overlong encoding', Buffer.from([0xc0, 0xaf]), '\\xc0\\xaf'],
  ];
  for (const [what, bytes, text] of cases) {
    describe(`when the name is ${what}`, () => {
      it(`should show it as ${JSON.stringify(text)}`, () => expect(fileNameText(bytes)).to.equal(text));
      it('should give the same bytes back', () => expect(fileNameBytes(text).equals(bytes)).to.equal(true));
    });
  }
});
