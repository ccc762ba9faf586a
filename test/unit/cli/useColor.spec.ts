import { expect } from 'chai';
import { useColor } from '../../../src/cli/useColor.js';

describe('useColor', () => {
  const cases: [string, NodeJS.ProcessEnv, boolean, boolean][] = [
    ['a terminal, nothing set', {}, true, true],
    ['a pipe, nothing set', {}, false, false],
    ['a terminal with NO_COLOR=1', { NO_COLOR: '1' }, true, false],
    ['a terminal with NO_COLOR empty (ignored, as no-color.org says)', { NO_COLOR: '' }, true, true],
    ['a pipe with FORCE_COLOR=1', { FORCE_COLOR: '1' }, false, true],
    ['a pipe with FORCE_COLOR empty', { FORCE_COLOR: '' }, false, true],
    ['a terminal with FORCE_COLOR=0', { FORCE_COLOR: '0' }, true, false],
    ['a terminal with FORCE_COLOR=false', { FORCE_COLOR: 'false' }, true, false],
    ['a pipe with both set (FORCE_COLOR wins, as in Node)', { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
  ];
  for (const [when, env, tty, expected] of cases) {
    it(`should say ${expected} for ${when}`, () => {
      expect(useColor(env, tty)).to.equal(expected);
    });
  }
});
