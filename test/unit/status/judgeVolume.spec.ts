import { expect } from 'chai';
import { dropsOf } from '../../../src/status/dropsOf.js';
import { judgeVolume } from '../../../src/status/judgeVolume.js';
import { weekly } from './statusFixtures.js';

const days = (n: number): number[] => Array.from({ length: n }, (_, i) => 7 * i);

describe('judgeVolume', () => {
  it('should pass a drop within 0.5x to 2x of the median of the drops before it', () => {
    expect(judgeVolume(dropsOf(weekly(days(5), [98, 100, 104, 101, 51])))).to.equal(null);
    expect(judgeVolume(dropsOf(weekly(days(5), [98, 100, 104, 101, 201])))).to.equal(null);
  });

  it('should name the rows and the usual range outside it', () => {
    expect(judgeVolume(dropsOf(weekly(days(5), [98_000, 100_000, 104_000, 101_000, 12_000])))).to.equal('rows 12,000 vs usual 98,000-104,000');
    expect(judgeVolume(dropsOf(weekly(days(4), [10, 10, 10, 25])))).to.equal('rows 25 vs usual 10');
  });

  it('should judge nothing before three drops precede the last', () => {
    expect(judgeVolume(dropsOf(weekly(days(3), [100, 100, 1])))).to.equal(null);
  });

  it('should take the median of the last `runs` drops only, with the band given', () => {
    const history = weekly(days(6), [1000, 1000, 100, 100, 100, 160]);
    expect(judgeVolume(dropsOf(history), { min: 0.5, max: 2, runs: 3 })).to.equal(null);
    expect(judgeVolume(dropsOf(history), { min: 0.5, max: 1.5, runs: 3 })).to.equal('rows 160 vs usual 100');
    expect(judgeVolume(dropsOf(history), { min: 0.5, max: 2, runs: 5 })).to.equal(null);
  });
});
