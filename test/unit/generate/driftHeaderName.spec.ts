import { base, en, Faker } from '@faker-js/faker';
import { expect } from 'chai';
import { driftHeaderName } from '../../../src/generate/driftHeaderName.js';
import { matchHeaders } from '../../../src/validation/headers/HeaderMatcher.js';

describe(driftHeaderName.name, () => {
  describe('when the name carries numbers', () => {
    const names = ['q2_sales', 'address2', 'address_line_1', 'sales2024total', 'a1b2c3d4e5', 'item_1_2_total'];
    for (const name of names) {
      it(`should drift "${name}" only into headers the matcher maps back onto it (200 seeds)`, () => {
        for (let seed = 0; seed < 200; seed++) {
          const faker = new Faker({ locale: [en, base] });
          faker.seed(seed);
          const drifted = driftHeaderName(faker, name);
          const { matches } = matchHeaders([drifted], [{ name, aliases: [] }], 0.8);
          expect(
            matches.map((m) => m.column),
            `seed ${seed}: "${drifted}"`,
          ).to.deep.equal([name]);
        }
      });
    }
  });
});
