import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { settleInputs } from '../../../src/sources/settleInputs.js';
import type { Clock } from '../../../src/util/Clock.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe(settleInputs.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  const modified = new Date('2026-01-01T12:00:00Z');
  const clockAt = (iso: string): Clock => ({ now: () => new Date(iso) });
  const settle = { ms: 30_000, text: '30s' };
  let inputs: { name: string; location: string }[];
  beforeEach(() => {
    tmp = makeTempDir();
    inputs = ['a.csv', 'b.csv'].map((name) => ({ name, location: join(tmp.dir, name) }));
    for (const i of inputs) {
      writeFileSync(i.location, 'x');
      utimesSync(i.location, modified, modified);
    }
  });
  afterEach(() => tmp.remove());

  describe('when the clock is less than settle past the modification', () => {
    it('should hold every input back, saying how long ago it was modified', async () => {
      const { ready, waiting } = await settleInputs(inputs, settle, clockAt('2026-01-01T12:00:12Z'), (i) => i.location);
      expect(ready).to.deep.equal([]);
      expect(waiting).to.deep.equal([
        { file: 'a.csv', reason: 'modified 12s ago, source.settle is 30s' },
        { file: 'b.csv', reason: 'modified 12s ago, source.settle is 30s' },
      ]);
    });
  });

  describe('when settle has passed', () => {
    it('should offer them, in the order given', async () => {
      const { ready, waiting } = await settleInputs(inputs, settle, clockAt('2026-01-01T12:00:30Z'), (i) => i.location);
      expect(ready.map((i) => i.name)).to.deep.equal(['a.csv', 'b.csv']);
      expect(waiting).to.deep.equal([]);
    });
  });

  describe('when a file is modified after the clock says now', () => {
    it('should hold it back as modified 0s ago', async () => {
      const { waiting } = await settleInputs(inputs.slice(0, 1), settle, clockAt('2026-01-01T11:00:00Z'), (i) => i.location);
      expect(waiting).to.deep.equal([{ file: 'a.csv', reason: 'modified 0s ago, source.settle is 30s' }]);
    });
  });
});
