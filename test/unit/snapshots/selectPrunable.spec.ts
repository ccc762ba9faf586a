import { expect } from 'chai';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { type RetentionPolicy, selectPrunable } from '../../../src/snapshots/selectPrunable.js';
import { parseDuration } from '../../../src/util/parseDuration.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe(parseDuration.name, () => {
  describe('when the text is a duration', () => {
    const cases: [string, number][] = [
      ['30d', 30 * DAY],
      ['12h', 12 * HOUR],
      ['90m', 90 * MINUTE],
      ['2w', 14 * DAY],
      ['1d', DAY],
      [' 7 d ', 7 * DAY],
      ['30s', 30_000],
    ];
    for (const [text, ms] of cases) {
      it(`should read ${JSON.stringify(text)} as ${ms} ms`, () => expect(parseDuration(text)).to.equal(ms));
    }
  });

  describe('when the text is not a duration', () => {
    for (const text of ['', '30', 'd', '30x', '1.5d', '-1d', '0d', '30D', '3 days', '1d2h', '99999999999999999w']) {
      it(`should reject ${JSON.stringify(text)} saying what a duration looks like`, () => {
        expect(() => parseDuration(text))
          .to.throw(DroplineError, `"${text}" is not a duration; write a whole number > 0 and a unit: s (seconds), m (minutes), h (hours), d (days) or w (weeks), e.g. 30d`)
          .with.property('code', 'USAGE');
      });
    }
  });
});

describe(selectPrunable.name, () => {
  const NOW = new Date('2026-03-01T00:00:00.000Z');
  /** Snapshots s1 (oldest) .. s5 (newest), created 10, 8, 6, 4 and 2 days before NOW. */
  const FIVE = [10, 8, 6, 4, 2].map((days, i) => ({ id: `s${i + 1}`, createdAt: new Date(NOW.getTime() - days * DAY).toISOString() }));

  const cases: { when: string; policy: RetentionPolicy; pinned?: string[]; manifests?: typeof FIVE; expected: string[] }[] = [
    { when: 'no rule is set', policy: {}, expected: [] },
    { when: 'there are no snapshots', policy: { keep: 1 }, manifests: [], expected: [] },
    { when: 'keep is 3', policy: { keep: 3 }, expected: ['s1', 's2'] },
    { when: 'keep is at least the number of snapshots', policy: { keep: 5 }, expected: [] },
    { when: 'keep is 1', policy: { keep: 1 }, expected: ['s1', 's2', 's3', 's4'] },
    { when: 'keep is 0 (the newest still stays)', policy: { keep: 0 }, expected: ['s1', 's2', 's3', 's4'] },
    { when: 'keep is 2 and an old snapshot is pinned', policy: { keep: 2 }, pinned: ['s2'], expected: ['s1', 's3'] },
    { when: 'maxAge is 5 days', policy: { maxAgeMs: 5 * DAY }, expected: ['s1', 's2', 's3'] },
    { when: "maxAge is exactly a snapshot's age (not older, kept)", policy: { maxAgeMs: 6 * DAY }, expected: ['s1', 's2'] },
    { when: 'maxAge is shorter than every age (the newest still stays)', policy: { maxAgeMs: HOUR }, expected: ['s1', 's2', 's3', 's4'] },
    { when: 'maxAge is 5 days and an old snapshot is pinned', policy: { maxAgeMs: 5 * DAY }, pinned: ['s1'], expected: ['s2', 's3'] },
    { when: 'both are set and keep protects more', policy: { keep: 4, maxAgeMs: 5 * DAY }, expected: ['s1'] },
    { when: 'both are set and maxAge protects more', policy: { keep: 1, maxAgeMs: 7 * DAY }, expected: ['s1', 's2'] },
    { when: 'both are set and a snapshot either rule would prune is pinned', policy: { keep: 1, maxAgeMs: HOUR }, pinned: ['s3', 's4'], expected: ['s1', 's2'] },
    { when: 'the newest is the only snapshot', policy: { keep: 0, maxAgeMs: 0 }, manifests: [FIVE[0]!], expected: [] },
  ];

  for (const { when, policy, pinned, manifests, expected } of cases) {
    describe(`when ${when}`, () => {
      it(`should prune ${expected.length === 0 ? 'nothing' : expected.join(', ')}`, () => {
        expect(selectPrunable(manifests ?? FIVE, policy, new Set(pinned), NOW)).to.deep.equal(expected);
      });
    });
  }

  describe('when the policy is not usable', () => {
    const cases: [RetentionPolicy, string][] = [
      [{ keep: -1 }, 'retention keep must be a whole number >= 0, got -1'],
      [{ keep: 1.5 }, 'retention keep must be a whole number >= 0, got 1.5'],
      [{ maxAgeMs: -5 }, 'retention max age must be a duration >= 0 ms, got -5'],
    ];
    for (const [policy, message] of cases) {
      it(`should throw USAGE for ${JSON.stringify(policy)}`, () => {
        expect(() => selectPrunable(FIVE, policy, new Set(), NOW))
          .to.throw(DroplineError, message)
          .with.property('code', 'USAGE');
      });
    }
  });

  describe('when the snapshots are not oldest first', () => {
    it('should throw rather than prune the wrong ones', () => {
      expect(() => selectPrunable([...FIVE].reverse(), { maxAgeMs: DAY }, new Set(), NOW)).to.throw(DroplineError, /must be listed oldest first/);
    });
  });

  describe('when a createdAt is not a time', () => {
    it('should throw STATE_CORRUPT naming the snapshot', () => {
      const damaged = [{ id: 's0', createdAt: 'yesterday' }, ...FIVE];
      expect(() => selectPrunable(damaged, { maxAgeMs: DAY }, new Set(), NOW))
        .to.throw(DroplineError, /snapshot s0 has createdAt "yesterday"/)
        .with.property('code', 'STATE_CORRUPT');
    });
  });
});
