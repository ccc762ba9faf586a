import { expect } from 'chai';
import { utcDays } from '../../../src/engine/utcDays.js';
import { isValidDate } from '../../../src/validation/coercers/isValidDate.js';
import { utcMs } from '../../../src/validation/coercers/utcMs.js';

describe('utcDays', () => {
  it('should give utcMs / 86,400,000 for every day of years at the edges and around the epoch and leap rules', () => {
    const wrong: string[] = [];
    for (const year of [1, 2, 3, 4, 99, 100, 101, 399, 400, 401, 1600, 1899, 1900, 1969, 1970, 1971, 2000, 2024, 2100, 9998, 9999]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          if (isValidDate(year, month, day) && utcDays(year, month, day) * 86_400_000 !== utcMs(year, month, day)) wrong.push(`${year}-${month}-${day}`);
        }
      }
    }
    expect(wrong).to.deep.equal([]);
  });
});
