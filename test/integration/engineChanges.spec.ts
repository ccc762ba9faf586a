import { expect } from 'chai';
import { EngineWorkspace, SteppedClock } from '../helpers/differential/EngineWorkspace.js';
import type { ObservedChange } from '../helpers/differential/changesProblem.js';
import { demoYaml } from '../helpers/workspace.js';

const HEADER = 'id,description,timestamp\n';
const file = (lines: string): Buffer => Buffer.from(HEADER + lines, 'utf8');

/** Three runs of the demo pipeline and the changeset each must hand over: line as latin1 text, input, line its record starts on. */
const RUNS: { files: [string, Buffer][]; changes: ObservedChange[] }[] = [
  {
    files: [
      ['a.csv', file('x,plain,2021-01-01\ny,"two\nlines",2021-01-02\nz,old z,2021-01-01\n')],
      // A blank line 2; x ties with a.csv's: the later file wins; z is older: a.csv's stays.
      ['b.csv', file('\nx,"tie, later file",2021-01-01\nz,older,2020-12-31\n')],
    ],
    changes: [
      { line: 'x,"tie, later file",2021-01-01,b.csv', file: 'b.csv', fileLine: 3 },
      { line: 'y,"two\nlines",2021-01-02,a.csv', file: 'a.csv', fileLine: 3 },
      { line: 'z,old z,2021-01-01,a.csv', file: 'a.csv', fileLine: 5 },
    ],
  },
  {
    // The same name again: x's new winner writes x's line as it stands (not a change); w's record spans lines 3 to 5.
    files: [['b.csv', file('x,"tie, later file",2021-01-01\nw,"say ""hi""\nand\nbye",2021-01-03\nz,new z,2021-01-01\n')]],
    changes: [
      { line: 'w,"say ""hi""\nand\nbye",2021-01-03,b.csv', file: 'b.csv', fileLine: 3 },
      { line: 'z,new z,2021-01-01,b.csv', file: 'b.csv', fileLine: 6 },
    ],
  },
  {
    // A quote inside an unquoted value: the byte engine reads this input through the reference reader.
    files: [['c.csv', file('v,b"c,2021-01-05\ny,"multi\nline é",2021-01-05\n')]],
    changes: [
      { line: 'v,"b""c",2021-01-05,c.csv', file: 'c.csv', fileLine: 2 },
      { line: Buffer.from('y,"multi\nline é",2021-01-05,c.csv').toString('latin1'), file: 'c.csv', fileLine: 3 },
    ],
  },
];

describe("the changeset each engine's run writes (its snapshot's latest.run)", function () {
  this.timeout(60_000);
  const ways: [string, 'reference' | 'auto', boolean][] = [
    ['the reference engine', 'reference', false],
    ['the byte engine, on the main thread', 'auto', false],
    ['the byte engine, on worker threads', 'auto', true],
  ];
  for (const [name, engine, workers] of ways) {
    it(`should give the inserted and updated rows with the input and line each came from (${name})`, async () => {
      const ws = new EngineWorkspace({ ...demoYaml(), name: 'diff' }, { engine, by: 'option' }, new SteppedClock());
      if (workers) process.env.DROPLINE_WORKER_BYTES = '0';
      try {
        for (const [r, run] of RUNS.entries()) {
          const observed = await ws.run({ files: run.files, force: false, tamper: null });
          expect(observed.changes, `run ${r + 1}`).to.deep.equal(run.changes);
          expect(observed.changesProblem, `run ${r + 1}`).to.equal(undefined);
        }
        expect(ws.engines).to.deep.equal(new Array(RUNS.length).fill(engine === 'auto' ? 'bytes' : 'reference'));
        const viaReference = ws.logger.lines.filter((l) => l.message.startsWith('read by the reference reader')).map((l) => l.meta?.file);
        expect(viaReference).to.deep.equal(engine === 'auto' ? ['c.csv'] : []);
      } finally {
        delete process.env.DROPLINE_WORKER_BYTES;
        ws.remove();
      }
    });
  }
});
