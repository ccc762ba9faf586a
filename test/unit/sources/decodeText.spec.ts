import { expect } from 'chai';
import type { SourceEncoding } from '../../../src/definition/PipelineDefinition.js';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { decodeText } from '../../../src/sources/decodeText.js';

const b = (...parts: (string | number[] | Buffer)[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
const le = (text: string): Buffer => Buffer.from(text, 'utf16le');
const be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

describe('decodeText', () => {
  const read: [when: string, bytes: Buffer, declared: SourceEncoding, text: string, encoding: string][] = [
    ['UTF-8', b('a,é\n'), 'utf-8', 'a,é\n', 'utf-8'],
    ['UTF-8 with its mark', b([0xef, 0xbb, 0xbf], 'a,é'), 'utf-8', 'a,é', 'utf-8'],
    ['Windows-1252: é € “ ” – and an undefined byte', b('a,', [0xe9, 0x80, 0x93, 0x94, 0x96, 0x81]), 'windows-1252', 'a,é€“”–\u0081', 'windows-1252'],
    ['latin1, read as Windows-1252', b([0xe9, 0x80, 0xff]), 'latin1', 'é€ÿ', 'windows-1252'],
    ['UTF-16LE with its mark', b([0xff, 0xfe], le('a\té')), 'utf-16le', 'a\té', 'utf-16le'],
    ['UTF-16LE without a mark', le('a\té'), 'utf-16le', 'a\té', 'utf-16le'],
    ['UTF-16BE with its mark', b([0xfe, 0xff], be('a\té')), 'utf-16be', 'a\té', 'utf-16be'],
    ['auto: a UTF-16LE mark', b([0xff, 0xfe], le('a,€')), 'auto', 'a,€', 'utf-16le'],
    ['auto: a UTF-16BE mark', b([0xfe, 0xff], be('a,€')), 'auto', 'a,€', 'utf-16be'],
    ['auto: a UTF-8 mark', b([0xef, 0xbb, 0xbf], 'a,€'), 'auto', 'a,€', 'utf-8'],
    ['auto: valid UTF-8, no mark', b('a,€'), 'auto', 'a,€', 'utf-8'],
    ['auto: not UTF-8, no mark', b('a,', [0xe9, 0x80]), 'auto', 'a,é€', 'windows-1252'],
    ['an empty file', b(''), 'utf-16le', '', 'utf-16le'],
  ];
  for (const [when, bytes, declared, text, encoding] of read) {
    describe(`when the bytes are ${when} (source.encoding ${declared})`, () => {
      it('should give the text and the encoding read', () => {
        expect(decodeText(bytes, declared, 'f.csv')).to.deep.equal({ text, encoding });
      });
    });
  }

  const refused: [when: string, bytes: Buffer, declared: SourceEncoding, message: string][] = [
    [
      'Windows-1252 under utf-8',
      b('id\nk,caf', [0xe9], '\n'),
      'utf-8',
      'is not UTF-8 text, as source.encoding (utf-8) declares: line 2 has the byte 0xE9; if it is Windows-1252 or Latin-1 set source.encoding: windows-1252 (or auto), else re-save it as UTF-8',
    ],
    [
      'a cut-off UTF-8 sequence',
      b('ab', [0xe2, 0x82]),
      'utf-8',
      'is not UTF-8 text, as source.encoding (utf-8) declares: line 1 has the byte 0xE2; if it is Windows-1252 or Latin-1 set source.encoding: windows-1252 (or auto), else re-save it as UTF-8',
    ],
    [
      'a UTF-16LE mark under utf-8',
      b([0xff, 0xfe], le('a')),
      'utf-8',
      'starts with a UTF-16LE byte order mark, but source.encoding is utf-8; set source.encoding: utf-16le (or auto, to follow the byte order mark)',
    ],
    [
      'a UTF-16BE mark under utf-16le',
      b([0xfe, 0xff], be('a')),
      'utf-16le',
      'starts with a UTF-16BE byte order mark, but source.encoding is utf-16le; set source.encoding: utf-16be (or auto, to follow the byte order mark)',
    ],
    [
      'a UTF-8 mark under latin1',
      b([0xef, 0xbb, 0xbf], 'a'),
      'latin1',
      'starts with a UTF-8 byte order mark, but source.encoding is latin1; set source.encoding: utf-8 (or auto, to follow the byte order mark)',
    ],
    [
      'UTF-16LE without a mark under utf-8',
      le('id,name\n'),
      'utf-8',
      'looks like UTF-16LE text without a byte order mark (every other byte is NUL), but source.encoding is utf-8; set source.encoding: utf-16le',
    ],
    [
      'UTF-16BE without a mark under auto',
      be('id,name\n'),
      'auto',
      'looks like UTF-16BE text without a byte order mark (every other byte is NUL), but source.encoding is auto; set source.encoding: utf-16be',
    ],
    ['binary bytes', b([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'windows-1252', 'looks binary (it contains NUL bytes), not a CSV text file'],
    [
      'an odd number of bytes under utf-16le',
      b([0x61, 0x00, 0x62]),
      'utf-16le',
      "is not UTF-16LE text, as source.encoding (utf-16le) declares (a cut-off character or an unpaired surrogate); set source.encoding to the file's encoding, or auto",
    ],
    // With a byte order mark, the advice must not be a setting that refuses the file too (windows-1252 refuses a UTF-8 mark; auto follows it).
    [
      'a UTF-8 mark, then Windows-1252 bytes, under auto',
      b([0xef, 0xbb, 0xbf], 'id\nk,caf', [0xe9], '\n'),
      'auto',
      'starts with a UTF-8 byte order mark but is not UTF-8 text: line 2 has the byte 0xE9; re-save it as UTF-8 (or, if it is Windows-1252, remove the byte order mark)',
    ],
    [
      'a UTF-8 mark, then Windows-1252 bytes, under utf-8',
      b([0xef, 0xbb, 0xbf], 'caf', [0xe9]),
      'utf-8',
      'starts with a UTF-8 byte order mark but is not UTF-8 text: line 1 has the byte 0xE9; re-save it as UTF-8 (or, if it is Windows-1252, remove the byte order mark and set source.encoding: windows-1252 or auto)',
    ],
    [
      'a UTF-16LE mark and an odd number of bytes under auto',
      b([0xff, 0xfe], le('a'), [0x62]),
      'auto',
      'is not UTF-16LE text, as its byte order mark says (a cut-off character or an unpaired surrogate); re-save it, or drop it again whole if it was cut off',
    ],
  ];
  for (const [when, bytes, declared, message] of refused) {
    describe(`when the bytes are ${when}`, () => {
      it('should throw SOURCE_UNREADABLE naming the encodings and the setting', () => {
        let caught: unknown;
        try {
          decodeText(bytes, declared, 'f.csv');
        } catch (err) {
          caught = err;
        }
        expect(caught).to.be.instanceOf(DroplineError);
        expect(caught).to.include({ code: 'SOURCE_UNREADABLE', message });
        expect((caught as DroplineError).context).to.deep.equal({ file: 'f.csv' });
      });
    });
  }
});
