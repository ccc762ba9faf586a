import { expect } from 'chai';
import { printable } from '../../../src/cli/printable.js';

describe('printable', () => {
  const cases: [what: string, input: string, output: string][] = [
    ['plain text', 'a.csv: 3 rows', 'a.csv: 3 rows'],
    ['tabs and newlines', 'a\tb\nc', 'a\tb\nc'],
    ['our own colour codes', '\x1b[33mwarn\x1b[39m: x', '\x1b[33mwarn\x1b[39m: x'],
    ['a carriage return in a name', 'ok.csv\rbad', 'ok.csv\\u000dbad'],
    ['a screen-clearing escape', 'a\x1b[2Jb.csv', 'a\\u001b[2Jb.csv'],
    ['a window-title escape (OSC)', '\x1b]0;owned\x07.csv', '\\u001b]0;owned\\u0007.csv'],
    ['DEL and a C1 control', 'a\x7fb\x9bc', 'a\\u007fb\\u009bc'],
    ['non-ASCII letters', 'café.csv', 'café.csv'],
  ];
  for (const [what, input, output] of cases) {
    describe(`when the text holds ${what}`, () => {
      it('should print it as expected', () => expect(printable(input)).to.equal(output));
    });
  }

  describe('when the text is JSON holding a DEL', () => {
    it('should stay JSON that parses to the same value', () => {
      const json = JSON.stringify({ file: 'a\x7f.csv' });
      expect(JSON.parse(printable(json))).to.deep.equal({ file: 'a\x7f.csv' });
    });
  });
});
