import { expect } from 'chai';
import { dropsOf } from '../../../src/status/dropsOf.js';
import { formatSpan } from '../../../src/status/formatSpan.js';
import { judgeLate } from '../../../src/status/judgeLate.js';
import { learnCadence } from '../../../src/status/learnCadence.js';
import { median } from '../../../src/status/median.js';
import { DAY, day, manifest, weekly } from './statusFixtures.js';

const volume = { min: 0.5, max: 2, runs: 8 };

describe('median', () => {
  const cases: [number[], number][] = [
    [[3], 3],
    [[7, 1, 4], 4],
    [[1, 2, 3, 10], 2.5],
    [[], NaN],
  ];
  for (const [values, expected] of cases) it(`should be ${expected} for [${values.join(', ')}]`, () => expect(median(values)).to.deep.equal(expected));
});

describe('dropsOf', () => {
  it("should date a drop by its files' recorded arrival, never later than the snapshot", () => {
    const m = manifest({
      at: day(3),
      files: [
        { name: 'a.csv', rows: 5, modifiedAt: day(1) },
        { name: 'b.csv', rows: 7, modifiedAt: day(9) },
      ],
    });
    expect(dropsOf([m]).map((d) => [d.arrivedAt, d.files, d.rows])).to.deep.equal([
      [Date.parse(day(1)), ['a.csv'], 5],
      [Date.parse(day(3)), ['b.csv'], 7],
    ]);
  });

  it("should date files without a recorded arrival by the snapshot's createdAt, and group one UTC day's files as one drop", () => {
    const runs = [manifest({ at: day(2, 9), files: [{ name: 'a.csv', rows: 5 }] }), manifest({ at: day(2, 15), files: [{ name: 'b.csv', rows: 7 }] })];
    expect(dropsOf(runs).map((d) => [d.arrivedAt, d.files, d.rows, d.snapshot])).to.deep.equal([[Date.parse(day(2, 15)), ['a.csv', 'b.csv'], 12, runs[1]!.id]]);
  });

  it('should leave out resets and runs that ingested nothing', () => {
    expect(dropsOf([manifest({ at: day(1) }), manifest({ at: day(2), kind: 'reset', files: [{ name: 'a.csv', rows: 1 }] })])).to.deep.equal([]);
  });
});

describe('learnCadence', () => {
  it('should learn the median interval and its spread from four drops or more', () => {
    const c = learnCadence(dropsOf(weekly([0, 7, 15, 21, 28])));
    expect(c).to.deep.equal({ source: 'learned', everyMs: 7 * DAY, spreadMs: 0.5 * DAY, graceMs: DAY });
    expect(learnCadence(dropsOf(weekly([0, 6, 14, 20, 28])))).to.deep.include({ everyMs: 7 * DAY, spreadMs: DAY, graceMs: DAY });
  });

  it('should learn nothing from three drops', () => {
    expect(learnCadence(dropsOf(weekly([0, 7, 14])))).to.equal(null);
  });

  it('should take a declared every and grace over the history', () => {
    const c = learnCadence(dropsOf(weekly([0])), { everyMs: 3 * DAY, graceMs: 2 * DAY, volume });
    expect(c).to.deep.equal({ source: 'declared', everyMs: 3 * DAY, spreadMs: 0, graceMs: 2 * DAY });
  });

  it('should use a declared grace with a learned interval, and a grace no longer than an interval under a day', () => {
    expect(learnCadence(dropsOf(weekly([0, 7, 14, 21])), { graceMs: 3 * DAY, volume })).to.deep.include({ everyMs: 7 * DAY, graceMs: 3 * DAY });
    expect(learnCadence([], { everyMs: 3_600_000, volume })).to.deep.include({ graceMs: 3_600_000 });
  });
});

describe('judgeLate', () => {
  const learned = { source: 'learned' as const, everyMs: 7 * DAY, spreadMs: DAY, graceMs: DAY };
  it('should be on time up to due plus grace', () => {
    expect(judgeLate(0, 8 * DAY, learned)).to.equal(null);
  });
  it('should say how late against the usual interval past that', () => {
    expect(judgeLate(0, 10 * DAY, learned)).to.equal('3 days late against its usual 7 +/- 1 days');
  });
  it('should name a declared cadence as declared', () => {
    expect(judgeLate(0, 5 * DAY + 3_600_000, { source: 'declared', everyMs: 3 * DAY, spreadMs: 0, graceMs: DAY })).to.equal(
      '2 days late against its declared 3 days (grace 1 day)',
    );
  });
});

describe('formatSpan', () => {
  const cases: [number, string][] = [
    [3 * DAY + 0.4 * DAY, '3 days'],
    [DAY + 3_600_000, '1 day'],
    [1.5 * DAY, '1.5 days'],
    [20 * 3_600_000, '20 hours'],
    [3_600_000, '1 hour'],
  ];
  for (const [ms, text] of cases) it(`should say ${text}`, () => expect(formatSpan(ms)).to.equal(text));
});
