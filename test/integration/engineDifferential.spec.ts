import { expect } from 'chai';
import { compareEngines, dumpCase } from '../helpers/differential/compareEngines.js';
import { randomCase } from '../helpers/differential/randomCase.js';

// DIFF_DROPS=5000 runs thousands; DIFF_SEED=<seed> DIFF_DROPS=1 replays one case; DIFF_DUMP=<dir> writes the failing cases there.
const DROPS = Number(process.env.DIFF_DROPS ?? 150);
const FIRST_SEED = Number(process.env.DIFF_SEED ?? 1300);

describe('the byte engine against the reference engine (generated drops)', function () {
  this.timeout(0);

  it(`should leave byte-identical latest.csv, rejects, summaries and folders after every run of ${DROPS} generated drops`, async () => {
    const failures: string[] = [];
    const engines = new Map<string, number>();
    for (let seed = FIRST_SEED; seed < FIRST_SEED + DROPS; seed++) {
      const c = randomCase(seed);
      const { difference, autoEngines } = await compareEngines(c);
      for (const e of autoEngines) engines.set(e, (engines.get(e) ?? 0) + 1);
      if (difference === null) continue;
      const dumped = process.env.DIFF_DUMP ? ` (written to ${dumpCase(process.env.DIFF_DUMP, c)})` : '';
      failures.push(`seed ${seed}${dumped}: ${difference}\n  replay: DIFF_SEED=${seed} DIFF_DROPS=1 npx mocha --no-config ${'build/test/integration/engineDifferential.spec.js'}`);
      if (failures.length >= 5) break;
    }
    if (engines.size) console.log(`      auto runs by engine: ${[...engines].map(([e, n]) => `${e} ${n}`).join(', ')}`);
    if (failures.length) expect.fail(`the engines differ on ${failures.length} case(s):\n\n${failures.join('\n\n')}`);
  });
});
