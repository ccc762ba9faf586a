import { expect } from 'chai';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const US = '\u001f';
const RS = '\u001e';

/** Key [region, id], both text: parts may carry the control characters composite keys are joined with. */
const REGIONAL = demoYaml({
  schema: {
    key: ['region', 'id'],
    timestamp: 'timestamp',
    columns: {
      region: { type: 'string', required: true },
      id: { type: 'string', required: true },
      value: { type: 'string' },
      timestamp: { type: 'date', required: true },
    },
  },
});

describe('composite keys whose values hold U+001F or U+001E (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace({ demo: REGIONAL });
  });
  afterEach(() => ws.remove());

  it('should keep (a\\x1fb, c) and (a, b\\x1fc) as two rows of latest.csv', () => {
    ws.drop(
      'd1.csv',
      csv([
        ['region', 'id', 'value', 'timestamp'],
        [`a${US}b`, 'c', 'first', '2024-01-01'],
        ['a', `b${US}c`, 'second', '2024-01-02'],
      ]),
    );
    const { code } = ws.run();
    expect(code).to.equal(0);
    expect(ws.read('output/latest.csv')).to.equal(`region,id,value,timestamp,source_filename\na,b${US}c,second,2024-01-02,d1.csv\na${US}b,c,first,2024-01-01,d1.csv\n`);
  });

  it('should keep keys apart that differ only by where an escaped U+001E sits', () => {
    ws.drop(
      'd1.csv',
      csv([
        ['region', 'id', 'value', 'timestamp'],
        [`a${RS}`, `${US}b`, 'first', '2024-01-01'],
        [`a${RS}${US}`, 'b', 'second', '2024-01-02'],
      ]),
    );
    expect(ws.run().code).to.equal(0);
    expect(ws.latest().map((r) => r.value)).to.deep.equal(['first', 'second']);
  });

  it('should diff such keys as two keys: the second one added, not the first one changed', () => {
    const header = ['region', 'id', 'value', 'timestamp'];
    ws.drop('d1.csv', csv([header, [`a${US}b`, 'c', 'first', '2024-01-01']]));
    const first = ws.run().summary.snapshot!;
    ws.drop('d2.csv', csv([header, ['a', `b${US}c`, 'second', '2024-01-02']]));
    expect(ws.run().code).to.equal(0);
    const r = ws.cli('diff', 'demo', first, '--json');
    expect(r.code, r.stderr).to.equal(0);
    const diff = JSON.parse(r.stdout) as { added: string[][]; removed: unknown[]; changed: unknown[] };
    expect(diff.added).to.deep.equal([['a', `b${US}c`, 'second', '2024-01-02', 'd2.csv']]);
    expect(diff.removed).to.deep.equal([]);
    expect(diff.changed).to.deep.equal([]);
  });
});
