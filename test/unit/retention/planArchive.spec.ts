import { expect } from 'chai';
import { planArchive, type ArchivedInput, type ArchiveRules, type PinnedLedger } from '../../../src/retention/planArchive.js';

const DAY = 86_400_000;
const NOW = new Date('2027-01-01T00:00:00Z');
const ago = (days: number): string => new Date(NOW.getTime() - days * DAY).toISOString();
const input = (name: string, days: number | null, gzip = false): ArchivedInput => ({ name, sha256: `h-${name}`, gzip, ingested: days === null ? null : ago(days) });
const pin = (id: string, ...names: string[]): PinnedLedger => ({ id, ledger: new Set(names.map((n) => `h-${n}`)) });
const rules = (over: Partial<ArchiveRules> = {}): ArchiveRules => ({ compressMs: 7 * DAY, deleteMs: 365 * DAY, deleted: new Set(), base: null, ...over });

describe('planArchive', () => {
  const cases: { when: string; inputs: ArchivedInput[]; pins: PinnedLedger[]; rules?: Partial<ArchiveRules>; compress: string[]; delete: string[]; base: string | null }[] = [
    { when: 'nothing is old', inputs: [input('a', 1)], pins: [], compress: [], delete: [], base: null },
    { when: 'an input is older than compress', inputs: [input('a', 8), input('b', 6)], pins: [], compress: ['a'], delete: [], base: null },
    { when: 'an old input is gzip already', inputs: [input('a', 8, true)], pins: [], compress: [], delete: [], base: null },
    { when: 'no snapshot names an input (undated)', inputs: [input('a', null)], pins: [pin('S1', 'a')], compress: [], delete: [], base: null },
    { when: 'an input is older than delete but no pin holds it', inputs: [input('a', 400)], pins: [], compress: ['a'], delete: [], base: null },
    { when: 'a pin holds an input older than delete', inputs: [input('a', 400), input('b', 10)], pins: [pin('S2', 'a', 'b')], compress: ['b'], delete: ['a'], base: 'S2' },
    {
      when: 'two pins hold it: the oldest becomes the base',
      inputs: [input('a', 400)],
      pins: [pin('S3', 'a', 'b'), pin('S2', 'a')],
      compress: [],
      delete: ['a'],
      base: 'S2',
    },
    {
      when: 'the base before is newer than a pin that holds it: the base never moves back',
      inputs: [input('a', 400)],
      pins: [pin('S1', 'a'), pin('S2', 'a', 'x')],
      rules: { deleted: new Set(['h-x']), base: 'S2' },
      compress: [],
      delete: ['a'],
      base: 'S2',
    },
    {
      when: 'a newer pin does not hold what was deleted before',
      inputs: [input('b', 400)],
      pins: [pin('S1', 'x'), pin('S3', 'b')],
      rules: { deleted: new Set(['h-x']), base: 'S1' },
      compress: ['b'],
      delete: [],
      base: 'S1',
    },
    {
      when: 'an input recorded as deleted is still there (a crash came between)',
      inputs: [input('x', 2, true)],
      pins: [pin('S1', 'x')],
      rules: { deleted: new Set(['h-x']), base: 'S1' },
      compress: [],
      delete: ['x'],
      base: 'S1',
    },
    { when: 'only delete is set', inputs: [input('a', 400), input('b', 30)], pins: [pin('S1', 'a')], rules: { compressMs: undefined }, compress: [], delete: ['a'], base: 'S1' },
  ];
  for (const c of cases) {
    it(`should plan ${c.compress.length} compressed, ${c.delete.length} deleted when ${c.when}`, () => {
      const plan = planArchive(c.inputs, c.pins, rules(c.rules), NOW);
      expect(plan.compress.map((i) => i.name)).to.deep.equal(c.compress);
      expect(plan.delete.map((i) => i.name)).to.deep.equal(c.delete);
      expect(plan.base).to.equal(c.base);
    });
  }
});
