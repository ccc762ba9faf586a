import { expect } from 'chai';
import { compareEngines, dumpCase } from '../helpers/differential/compareEngines.js';
import { caseFeatures } from '../helpers/differential/caseFeatures.js';
import { randomCase } from '../helpers/differential/randomCase.js';

// DIFF_DROPS=5000 runs thousands; DIFF_WORKERS=all scans every input of every drop on the worker threads; DIFF_SEED=<seed> DIFF_DROPS=1 replays one case; DIFF_DUMP=<dir> writes the failing cases there.
const DROPS = Number(process.env.DIFF_DROPS ?? 200);
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
      if (DROPS >= 1000 && (seed - FIRST_SEED + 1) % 500 === 0) console.log(`      ${seed - FIRST_SEED + 1} drops compared, ${failures.length} differ`);
      if (difference === null) continue;
      const dumped = process.env.DIFF_DUMP ? ` (written to ${dumpCase(process.env.DIFF_DUMP, c)})` : '';
      failures.push(`seed ${seed}${dumped}: ${difference}\n  replay: DIFF_SEED=${seed} DIFF_DROPS=1 npx mocha --no-config ${'build/test/integration/engineDifferential.spec.js'}`);
      if (failures.length >= 5) break;
    }
    console.log(`      auto runs by engine: ${[...engines].map(([e, n]) => `${e} ${n}`).join(', ')}`);
    if (failures.length) expect.fail(`the engines differ on ${failures.length} case(s):\n\n${failures.join('\n\n')}`);
    // A comparison where auto fell back to the reference everywhere would prove nothing.
    const bytes = engines.get('bytes') ?? 0;
    const all = [...engines.values()].reduce((a, b) => a + b, 0);
    expect(bytes, `auto runs on the byte engine (of ${all})`).to.be.at.least(Math.ceil(all * 0.4));
  });

  // The comparison is only as good as the drops: the generator must keep producing every feature issue 13 lists.
  it(`should generate, over those ${DROPS} drops, every feature the comparison is meant to cover`, function () {
    if (DROPS < 100) this.skip();
    const seen = new Set<string>();
    for (let seed = FIRST_SEED; seed < FIRST_SEED + DROPS; seed++) for (const f of caseFeatures(randomCase(seed))) seen.add(f);
    const wanted = [
      ...['key:string', 'key:integer', 'key:number', 'key:composite'],
      ...['date', 'datetime', 'integer', 'number'].map((t) => `timestamp:${t}`),
      ...['string', 'integer', 'number', 'boolean', 'date', 'datetime'].map((t) => `type:${t}`),
      ...['format:date', 'format:datetime', 'timezone:named', 'timezone:offset', 'thousands', 'aliases'],
      ...[',', ';', '|', '\t', 'auto'].map((d) => `delimiter:${JSON.stringify(d)}`),
      ...['utf-8', 'windows-1252', 'latin1', 'auto', 'utf-16le'].map((e) => `encoding:${e}`),
      ...['extraColumns:drop', 'extraColumns:keep', 'extraColumns:quarantine', 'lineage', 'badRows:fail', 'parser:csv-parse'],
      ...['several runs', 'empty drop', 'several files', 'force', 'latest.csv edit', 'latest.csv delete', 'name again in a later run'],
      ...[
        'gzip',
        'upper-case name',
        'utf-8 BOM',
        'utf-16 BOM',
        'CRLF',
        'blank line',
        'line break in quotes',
        'doubled quote',
        'non-ASCII',
        'empty file',
        'big file',
        'file over 4 MB',
      ],
    ];
    expect(wanted.filter((f) => !seen.has(f))).to.deep.equal([]);
  });
});
